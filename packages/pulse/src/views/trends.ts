// Trends by week: a small bar chart for the eye, and a table of the same numbers for screen readers and copying.
import { msg } from '@lit/localize';
import { html, svg, type TemplateResult } from 'lit';
import { dateOfDay, type Week } from '../pulse-metrics.js';

interface Series {
  id: string;
  title: string;
  column: string;
  value: (week: Week) => number;
}

const WIDTH = 240;
const HEIGHT = 64;
const GAP = 4;

function chart(weeks: readonly Week[], series: Series): TemplateResult {
  const max = Math.max(1, ...weeks.map(series.value));
  const band = WIDTH / Math.max(1, weeks.length);
  // The chart repeats the table below it, so assistive technology reads the table and skips the picture.
  return html`<svg
    class="chart"
    viewBox="0 0 ${WIDTH} ${HEIGHT}"
    preserveAspectRatio="none"
    aria-hidden="true"
    focusable="false"
  >
    <line class="chart__axis" x1="0" y1=${HEIGHT - 0.5} x2=${WIDTH} y2=${HEIGHT - 0.5}></line>
    ${weeks.map((week, index) => {
      const height = Math.round((series.value(week) / max) * (HEIGHT - 4));
      return svg`<rect class="chart__bar" x=${index * band + GAP / 2} y=${HEIGHT - 1 - height}
        width=${Math.max(1, band - GAP)} height=${height}></rect>`;
    })}
  </svg>`;
}

export function renderTrends(weeks: readonly Week[], learners: number, locale: string): TemplateResult {
  const date = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' });
  const series: Series[] = [
    {
      id: 'active',
      title: msg('Learners who contributed, by week', { id: 'pulse.trend-active' }),
      column: msg('Contributed', { id: 'pulse.col-active' }),
      value: (week) => week.active,
    },
    {
      id: 'joined',
      title: msg('Learners who joined, by week', { id: 'pulse.trend-joined' }),
      column: msg('Joined', { id: 'pulse.col-joined' }),
      value: (week) => week.joined,
    },
  ];
  return html`<div class="trends">
    ${series.map(
      (each) =>
        html`<figure class="trend" data-trend=${each.id}>
          <figcaption class="trend__title">${each.title}</figcaption>
          ${chart(weeks, each)}
          <table class="trend__table">
            <caption class="visually-hidden">
              ${each.title}
            </caption>
            <thead>
              <tr>
                <th scope="col">${msg('Week of', { id: 'pulse.col-week' })}</th>
                <th scope="col">${each.column}</th>
              </tr>
            </thead>
            <tbody>
              ${weeks.map(
                (week) =>
                  html`<tr>
                    <th scope="row">${date.format(dateOfDay(week.start))}</th>
                    <td>${each.value(week)}</td>
                  </tr>`,
              )}
            </tbody>
          </table>
        </figure>`,
    )}
    <p class="hint">${msg('Out of the learners in the cohort today:', { id: 'pulse.trend-of' })} ${learners}</p>
  </div>`;
}
