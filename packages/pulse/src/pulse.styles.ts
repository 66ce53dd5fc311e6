import { css } from 'lit';

export const pulseStyles = css`
  .pulse {
    display: grid;
    gap: var(--_gap);
    min-inline-size: 0;
  }
  .pulse__title {
    font-size: 1.125rem;
    margin: 0;
  }
  h3 {
    font-size: 1rem;
    margin: 0.5rem 0 0;
  }
  .hint,
  .metric__detail,
  .quiet__last {
    margin: 0;
    color: var(--_muted);
    font-size: 0.9375rem;
  }
  .note {
    margin: 0;
  }
  .metrics {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 11rem), 1fr));
    gap: var(--_gap);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .metric {
    display: grid;
    align-content: start;
    gap: 0.25rem;
    padding: var(--_gap);
    background: var(--_surface-raised);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    overflow-wrap: anywhere;
  }
  .metric__label {
    font-weight: 600;
  }
  .metric__value {
    font-size: 1.5rem;
    font-weight: 700;
    font-variant-numeric: tabular-nums;
  }
  details > summary {
    cursor: pointer;
    color: var(--_accent);
    min-block-size: 1.5rem;
  }
  .metric__definition p {
    margin: 0.25rem 0 0;
  }
  .trends {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 15rem), 1fr));
    gap: var(--_gap);
  }
  .trends .hint {
    grid-column: 1 / -1;
  }
  .trend {
    margin: 0;
    display: grid;
    gap: 0.5rem;
    min-inline-size: 0;
  }
  .trend__title {
    font-weight: 600;
  }
  .chart {
    inline-size: 100%;
    block-size: 4rem;
  }
  /* Time runs the way the page reads, as the table beside it does. */
  .chart:dir(rtl) {
    transform: scaleX(-1);
  }
  .chart__bar {
    fill: var(--_accent);
  }
  .chart__axis {
    stroke: var(--_border);
  }
  table {
    border-collapse: collapse;
    font-size: 0.9375rem;
    font-variant-numeric: tabular-nums;
  }
  th,
  td {
    padding: 0.125rem 0.5rem;
    text-align: start;
    border-block-end: 1px solid var(--_border);
  }
  .scroll {
    overflow-x: auto;
    max-inline-size: 100%;
  }
  .members table {
    inline-size: max-content;
  }
  .quiet {
    margin: 0;
    padding: 0;
    border: 0;
    min-inline-size: 0;
  }
  .quiet__list {
    display: grid;
    gap: 0.25rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .quiet__learner {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    column-gap: 0.75rem;
    overflow-wrap: anywhere;
  }
  .quiet__learner label {
    display: inline-flex;
    align-items: center;
    gap: 0.5rem;
    min-block-size: 2.75rem;
  }
  .quiet__learner input {
    inline-size: 1.25rem;
    block-size: 1.25rem;
  }
  .nudge {
    display: grid;
    gap: 0.25rem;
  }
  .nudge input,
  .nudge select,
  .nudge textarea {
    inline-size: 100%;
    box-sizing: border-box;
    min-block-size: 2.75rem;
    padding: 0.5rem;
    font: inherit;
    color: inherit;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) / 1.5);
    background: var(--_surface);
  }
  .nudge .button {
    justify-self: start;
    margin-block-start: 0.5rem;
  }
  .error {
    margin: 0;
    color: var(--_danger);
  }
  .downloads {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
`;
