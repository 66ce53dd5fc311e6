import { css } from 'lit';

export const pollStyles = css`
  .poll__question {
    font-size: 1.125rem;
    font-weight: 650;
    margin: 0;
  }
  .poll__hint {
    margin: 0;
    color: var(--_muted);
    font-size: 0.9375rem;
  }
  .poll__options {
    display: grid;
    gap: 0.5rem;
    margin: 0;
    padding: 0;
  }
  .option {
    position: relative;
    display: grid;
    gap: 0.25rem;
    inline-size: 100%;
    min-block-size: 2.75rem;
    padding: 0.5rem 0.75rem;
    text-align: start;
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) / 1.5);
    cursor: pointer;
    overflow: hidden;
  }
  .option:hover:not([aria-disabled='true']) {
    border-color: var(--_accent);
  }
  .option--chosen {
    border: 2px solid var(--_accent);
    padding: calc(0.5rem - 1px) calc(0.75rem - 1px);
  }
  .option[aria-disabled='true'] {
    cursor: default;
  }
  .option__row {
    position: relative;
    z-index: 1;
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0.25rem 0.75rem;
  }
  .option__mark {
    flex: none;
    inline-size: 1.25rem;
    text-align: center;
    color: var(--_accent);
    font-weight: 700;
  }
  .option__main {
    flex: 1 1 12rem;
    display: flex;
    gap: 0.5rem;
    min-inline-size: 0;
  }
  .option__label {
    flex: 1;
    min-inline-size: 0;
  }
  .option__count {
    flex: none;
    margin-inline-start: auto;
    font-variant-numeric: tabular-nums;
    color: var(--_muted);
    font-size: 0.9375rem;
  }
  .option__count--hidden {
    visibility: hidden;
  }
  .option__bar {
    position: relative;
    z-index: 1;
    display: block;
    block-size: 0.375rem;
    border-radius: 999px;
    background: var(--_surface-raised);
    overflow: hidden;
  }
  .option__bar span {
    display: block;
    block-size: 100%;
    inline-size: var(--share, 0%);
    background: var(--_accent);
    border-radius: inherit;
    transition: inline-size 300ms ease;
  }
  .option__bar--hidden {
    background: transparent;
  }
  .option__bar--hidden span {
    inline-size: 0;
  }
  @media (prefers-reduced-motion: reduce) {
    .option__bar span {
      transition: none;
    }
  }
  .option__tag {
    font-size: 0.8125rem;
    color: var(--_muted);
    white-space: nowrap;
  }
  .poll__participation {
    margin: 0;
    font-size: 0.9375rem;
  }
  .poll__suggest {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: end;
  }
  .poll__suggest .field {
    flex: 1 1 12rem;
  }
  .poll__remove {
    font-size: 0.875rem;
    min-block-size: 2.75rem;
  }
  .poll__suggestions {
    list-style: none;
    margin: 0;
    padding: 0;
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  .error {
    color: var(--_danger);
    margin: 0;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  /* A line of text's own height (its content is a no-break space), so nothing moves when the text replaces it. */
  .skeleton--line {
    display: inline-block;
    inline-size: 5rem;
  }
`;
