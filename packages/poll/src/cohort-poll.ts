import { defineElement } from '@cohort-kit/core';
import { CohortPoll } from './poll.js';

defineElement('cohort-poll', CohortPoll);

declare global {
  interface HTMLElementTagNameMap {
    'cohort-poll': CohortPoll;
  }
}
