import { css } from 'lit';

export const feedbackStyles = css`
  .feedback__title {
    font-size: 1.125rem;
    margin: 0;
  }
  .feedback__next {
    margin: 0;
    padding: 0.5rem 0.75rem;
    background: var(--_accent-soft);
    border-radius: calc(var(--_radius) / 1.5);
    font-weight: 600;
  }
  h3,
  h4 {
    font-size: 1rem;
    margin: 0;
  }
  section,
  .work,
  .given,
  .feedback-form,
  .rating {
    display: grid;
    gap: var(--_gap);
    min-inline-size: 0;
  }
  .hint,
  .field__hint,
  .field__count {
    margin: 0;
    color: var(--_muted);
    font-size: 0.9375rem;
  }
  .field {
    display: grid;
    gap: 0.25rem;
    min-inline-size: 0;
  }
  .field label,
  legend {
    font-weight: 600;
  }
  .feedback-form__prompt {
    margin: 0;
    font-weight: 650;
  }
  .work,
  .card {
    padding: var(--_gap);
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    overflow-wrap: anywhere;
  }
  .work--peer {
    background: var(--_surface-raised);
  }
  .work__text,
  .answers dd {
    margin: 0;
    white-space: pre-wrap;
  }
  .work__link {
    margin: 0;
  }
  .work__link a {
    color: var(--_accent);
  }
  .answers {
    display: grid;
    gap: 0.25rem;
    margin: 0;
  }
  .answers dt {
    font-weight: 600;
  }
  .answers dd + dt {
    margin-block-start: 0.5rem;
  }
  .reviews,
  .round-list,
  .claims,
  .thanks {
    display: grid;
    gap: var(--_gap);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .card {
    display: grid;
    gap: 0.5rem;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  .choices {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1rem;
    margin: 0;
    padding: 0.5rem 0.75rem;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) / 1.5);
    min-inline-size: 0;
  }
  .choices label {
    display: inline-flex;
    align-items: center;
    gap: 0.375rem;
    min-block-size: 2.75rem;
  }
  .rated {
    margin: 0;
    color: var(--_success);
  }
  .button[aria-disabled='true'] {
    opacity: 0.7;
    cursor: default;
  }
  .error {
    margin: 0;
    color: var(--_danger);
  }
`;
