import { defineElement } from '@cohort-kit/core';
import { CohortFeedback } from './feedback.js';

defineElement('cohort-feedback', CohortFeedback);

declare global {
  interface HTMLElementTagNameMap {
    'cohort-feedback': CohortFeedback;
  }
}
