import { defineElement } from '@cohort-kit/core';
import { CohortGoals } from './goals.js';

defineElement('cohort-goals', CohortGoals);

declare global {
  interface HTMLElementTagNameMap {
    'cohort-goals': CohortGoals;
  }
}
