import { css } from 'lit';

export const badgeStyles = css`
  .badge-root {
    container-type: inline-size;
  }
  .badge {
    display: grid;
    grid-template-columns: minmax(0, 9rem) minmax(0, 1fr);
    gap: var(--_gap);
    align-items: start;
  }
  @container (max-width: 26rem) {
    .badge {
      grid-template-columns: minmax(0, 1fr);
    }
  }
  .badge__art {
    max-inline-size: 9rem;
  }
  .badge__body {
    display: grid;
    gap: var(--_gap);
    min-inline-size: 0;
    overflow-wrap: anywhere;
  }
  .badge__name {
    font-size: 1.25rem;
    margin: 0;
  }
  .badge__description,
  .hint,
  .criterion__hint {
    margin: 0;
    color: var(--_muted);
    font-size: 0.9375rem;
  }
  .art {
    display: block;
    inline-size: 100%;
    block-size: auto;
    aspect-ratio: 1;
    object-fit: cover;
    border-radius: 50%;
  }
  .art__rim {
    fill: var(--_accent);
  }
  .art__face {
    fill: var(--_surface-raised);
  }
  .art__ring {
    fill: none;
    stroke: var(--_accent);
    stroke-width: 2;
    stroke-dasharray: 4 3;
  }
  .art__name {
    fill: var(--_text);
    font: 700 17px var(--_font, inherit);
  }
  .art__number {
    fill: var(--_accent);
    font: 800 26px var(--_font, inherit);
  }
  .art__cohort {
    fill: var(--_muted);
    font: 11px var(--_font, inherit);
  }
  .status {
    margin: 0;
    font-weight: 600;
  }
  .criteria,
  .wall__list {
    display: grid;
    gap: 0.5rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .criterion {
    display: grid;
    grid-template-columns: 1.5rem minmax(0, 1fr);
    gap: 0.25rem;
  }
  .criterion__mark {
    color: var(--_muted);
    font-weight: 700;
  }
  .criterion--met .criterion__mark {
    color: var(--_success);
  }
  .criterion__text {
    display: grid;
    gap: 0.25rem;
  }
  .criterion__done {
    color: var(--_success);
    font-weight: 600;
    margin-inline-start: 0.25rem;
  }
  .criterion__bar {
    display: block;
    block-size: 0.375rem;
    background: var(--_surface-raised);
    border-radius: 999px;
    overflow: hidden;
  }
  .criterion__bar > span {
    display: block;
    block-size: 100%;
    background: var(--_accent);
  }
  .claim {
    display: grid;
    gap: 0.5rem;
    justify-items: start;
  }
  .claim .button[aria-disabled='true'] {
    opacity: 0.7;
    cursor: not-allowed;
  }
  .choice {
    display: flex;
    gap: 0.5rem;
    align-items: baseline;
  }
  .error {
    margin: 0;
    color: var(--_danger);
  }
  .wall {
    grid-column: 1 / -1;
    display: grid;
    gap: 0.5rem;
  }
  .wall__title {
    font-size: 1rem;
    margin: 0;
  }
  .wall__list {
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 10rem), 1fr));
  }
  .wall__holder {
    display: flex;
    gap: 0.5rem;
    padding: 0.25rem 0.5rem;
    background: var(--_surface-raised);
    border-radius: var(--_radius);
    min-inline-size: 0;
    overflow-wrap: anywhere;
  }
  .wall__holder--mine {
    outline: 2px solid var(--_accent);
  }
  .wall__number {
    font-weight: 700;
    color: var(--_accent);
  }
`;
