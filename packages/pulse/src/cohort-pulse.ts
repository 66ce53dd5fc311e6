import { defineElement } from '@cohort-kit/core';
import { CohortPulse } from './pulse.js';

defineElement('cohort-pulse', CohortPulse);

declare global {
  interface HTMLElementTagNameMap {
    'cohort-pulse': CohortPulse;
  }
}
