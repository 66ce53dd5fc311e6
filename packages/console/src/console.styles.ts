import { css } from 'lit';

export const consoleStyles = css`
  :host {
    display: block;
  }
  h2 {
    font-size: 1.25rem;
    margin: 0;
  }
  .console__section {
    display: grid;
    gap: 0.75rem;
    padding-block-start: var(--_gap);
    border-block-start: 1px solid var(--_border);
  }
  .console__section:first-child {
    border-block-start: 0;
    padding-block-start: 0;
  }
  .console__section p {
    margin: 0;
  }
  .console__form {
    display: grid;
    gap: 0.75rem;
  }
  .console__inline-form {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: 0.75rem;
  }
  .console__inline-form .field {
    flex: 1 1 12rem;
  }
  .hint {
    font-size: 0.875rem;
  }
  .error {
    color: var(--_danger);
    margin: 0;
  }
  .field [aria-invalid='true'] {
    border-color: var(--_danger);
  }
  .console__list {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.5rem;
  }
  .console__row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.5rem;
    padding: 0.5rem 0.75rem;
    border-radius: calc(var(--_radius) / 1.5);
    background: var(--_surface-raised);
  }
  .console__row > span {
    flex: 1 1 12rem;
    min-inline-size: 0;
  }
  .console__status {
    font-size: 0.875rem;
    color: var(--_muted);
  }
  .console__status--done {
    color: var(--_success);
  }
  .console__summary {
    font-weight: 600;
  }
  .console__confirm {
    flex: 1 1 100%;
    display: grid;
    gap: 0.5rem;
  }
  .console__actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  .console__danger {
    background: var(--_danger);
    border-color: var(--_danger);
    color: var(--_surface);
  }
  .console__who {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
  }
  .console__snippet {
    font-family: ui-monospace, monospace;
    font-size: 0.8125rem;
    resize: vertical;
  }
`;
