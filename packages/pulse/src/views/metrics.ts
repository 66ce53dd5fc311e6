// The seeds' metrics as cards: a number, what it is, and its definition one click away (a disclosure).
import { msg, str } from '@lit/localize';
import { html, type TemplateResult } from 'lit';
import { percent, type Metrics, type Share } from '../pulse-metrics.js';

interface Card {
  id: string;
  label: string;
  value: string;
  detail: string;
  definition: string;
}

function cards(metrics: Metrics, locale: string): Card[] {
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const rate = (value: Share) => {
    const whole = percent(value);
    return whole === null ? '—' : new Intl.NumberFormat(locale, { style: 'percent' }).format(whole / 100);
  };
  const of = (value: Share) => msg(str`${value.count} of ${value.of}`, { id: 'pulse.of' });
  const learners = (value: Share) => msg(str`${value.count} of ${value.of} learners`, { id: 'pulse.of-learners' });
  const { substantive, reactions } = metrics;
  const ratio =
    substantive + reactions === 0
      ? '—'
      : reactions === 0
        ? `${number.format(substantive)} : 0`
        : `${number.format(substantive / reactions)} : 1`;
  const badges = metrics.badges;
  return [
    {
      id: 'first-week',
      label: msg('First-week participation', { id: 'pulse.first-week' }),
      value: rate(metrics.firstWeek),
      detail: learners(metrics.firstWeek),
      definition: msg('The share of learners who contributed anything within 7 days of joining.', {
        id: 'pulse.first-week-def',
      }),
    },
    {
      id: 'repeat',
      label: msg('Repeat contribution', { id: 'pulse.repeat' }),
      value: rate(metrics.repeat),
      detail: learners(metrics.repeat),
      definition: msg('The share of learners who contributed on 2 or more different days.', {
        id: 'pulse.repeat-def',
      }),
    },
    {
      id: 'ratio',
      label: msg('Substantive to reaction ratio', { id: 'pulse.ratio' }),
      value: ratio,
      detail: msg(str`${substantive} substantive, ${reactions} one-tap`, { id: 'pulse.ratio-detail' }),
      definition: msg(
        'Posts, replies, check-ins, reflections and reviews, for each reaction, vote and cheer. Higher means more of the activity takes thought.',
        { id: 'pulse.ratio-def' },
      ),
    },
    {
      id: 'feedback',
      label: msg('Peer feedback per member', { id: 'pulse.feedback' }),
      value: number.format(metrics.feedbackPerMember),
      detail: msg(str`${metrics.learners} learners`, { id: 'pulse.learners-count' }),
      definition: msg('Reviews given to peers, divided by the number of learners.', { id: 'pulse.feedback-def' }),
    },
    {
      id: 'norms',
      label: msg('Norms acknowledged', { id: 'pulse.norms' }),
      value: rate(metrics.norms),
      detail: learners(metrics.norms),
      definition: msg("The share of learners who acknowledged the space's norms when they joined.", {
        id: 'pulse.norms-def',
      }),
    },
    {
      id: 'goals',
      label: msg('Goals set', { id: 'pulse.goals' }),
      value: of(metrics.goalsSet),
      detail: learners(metrics.goalsSet),
      definition: msg('Learners who set at least one goal on a goal board.', { id: 'pulse.goals-def' }),
    },
    {
      id: 'check-ins',
      label: msg('Goals with a recent check-in', { id: 'pulse.check-ins' }),
      value: of(metrics.recentCheckIns),
      detail: msg('of learners with a goal', { id: 'pulse.check-ins-detail' }),
      definition: msg('Learners with a goal who checked in on it in the last 7 days.', { id: 'pulse.check-ins-def' }),
    },
    {
      id: 'badges',
      label: msg('Badge copies claimed', { id: 'pulse.badges' }),
      value: badges.count ? of({ count: badges.issued, of: badges.edition }) : '—',
      detail:
        badges.count === 1
          ? msg('1 badge', { id: 'pulse.badges-one' })
          : badges.count
            ? msg(str`${badges.count} badges`, { id: 'pulse.badges-count' })
            : msg('No badge named', { id: 'pulse.badges-none' }),
      definition: msg(
        'Copies claimed of the limited-edition badges this page names (its badges attribute), against their edition size.',
        { id: 'pulse.badges-def' },
      ),
    },
  ];
}

export function renderMetrics(metrics: Metrics, locale: string): TemplateResult {
  return html`<ul class="metrics">
    ${cards(metrics, locale).map(
      (card) =>
        html`<li class="metric" data-metric=${card.id}>
          <span class="metric__label">${card.label}</span>
          <span class="metric__value">${card.value}</span>
          <span class="metric__detail">${card.detail}</span>
          <details class="metric__definition">
            <summary tabindex="0">
              ${msg('What this counts', { id: 'pulse.definition' })}<span class="visually-hidden">: ${card.label}</span>
            </summary>
            <p>${card.definition}</p>
          </details>
        </li>`,
    )}
  </ul>`;
}
