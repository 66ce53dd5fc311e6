import { defineElement } from '@cohort-kit/core';
import { CohortScorm } from './scorm-element.js';

defineElement('cohort-scorm', CohortScorm);

declare global {
  interface HTMLElementTagNameMap {
    'cohort-scorm': CohortScorm;
  }
}
