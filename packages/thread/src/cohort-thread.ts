import { defineElement } from '@cohort-kit/core';
import { CohortThread } from './thread.js';

defineElement('cohort-thread', CohortThread);

declare global {
  interface HTMLElementTagNameMap {
    'cohort-thread': CohortThread;
  }
}
