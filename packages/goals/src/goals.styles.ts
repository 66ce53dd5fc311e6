import { css } from 'lit';

export const goalsStyles = css`
  .goals__title {
    font-size: 1.125rem;
    margin: 0;
  }
  .goals__ask:empty {
    display: none;
  }
  .goals__list {
    display: grid;
    gap: var(--_gap);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .hint,
  .card__meta,
  .field__hint {
    margin: 0;
    color: var(--_muted);
    font-size: 0.9375rem;
  }
  .card {
    display: grid;
    gap: 0.5rem;
    padding: var(--_gap);
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    overflow-wrap: anywhere;
  }
  .card--mine {
    border-inline-start: 4px solid var(--_accent);
  }
  .card__heading {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
    margin: 0;
    font-size: 1rem;
  }
  .card__goal {
    margin: 0;
    font-size: 1.0625rem;
    font-weight: 600;
  }
  .card__why,
  .card__step,
  .card__reflection,
  .card__cheers,
  .check-in {
    margin: 0;
  }
  .card__nudge {
    margin: 0;
    padding: 0.5rem 0.75rem;
    background: var(--_accent-soft);
    border-radius: calc(var(--_radius) / 1.5);
  }
  .check-in {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 0.5rem;
  }
  .check-in__status {
    font-weight: 650;
  }
  .check-in--behind .check-in__status {
    color: var(--_danger);
  }
  .check-in--done .check-in__status,
  .check-in--onTrack .check-in__status {
    color: var(--_success);
  }
  .check-in__when {
    color: var(--_muted);
  }
  .check-in__note {
    flex-basis: 100%;
  }
  .badge {
    padding: 0 0.5rem;
    font-size: 0.8125rem;
    font-weight: 600;
    border: 1px solid var(--_border);
    border-radius: 999px;
  }
  .badge--done {
    color: var(--_success);
    border-color: currentColor;
  }
  .card__actions,
  .filters {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  .filters [aria-pressed='true'] {
    border: 2px solid var(--_accent);
  }
  .timeline {
    display: grid;
    gap: 0.5rem;
    margin: 0;
    padding-inline-start: 1.25rem;
  }
  .goal-form {
    display: grid;
    gap: var(--_gap);
    min-inline-size: 0;
  }
  .goal-form__prompt {
    margin: 0;
    font-weight: 650;
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
  .goal-form__private,
  .choices label {
    display: inline-flex;
    align-items: center;
    gap: 0.375rem;
    min-block-size: 2.75rem;
  }
  .field input[type='date'] {
    max-inline-size: 100%;
  }
  .button[aria-disabled='true'] {
    opacity: 0.7;
    cursor: default;
  }
  .error {
    margin: 0;
    color: var(--_danger);
  }
  .buddy {
    display: grid;
    gap: 0.5rem;
    padding: var(--_gap);
    border: 1px dashed var(--_border);
    border-radius: var(--_radius);
  }
  .buddy p {
    margin: 0;
  }
  .buddy__title {
    margin: 0;
    font-size: 1rem;
  }
  .buddy__news {
    padding: 0.5rem 0.75rem;
    background: var(--_accent-soft);
    border-radius: calc(var(--_radius) / 1.5);
  }
  .buddy__actions,
  .card__check-in {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.375rem;
  }
  .card__notes {
    display: grid;
    gap: 0.25rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .card__notes li {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.375rem;
  }
  .badge--buddy {
    background: var(--_accent-soft);
  }
`;
