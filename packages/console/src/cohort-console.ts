import { defineElement } from '@cohort-kit/core';
import { CohortConsole } from './console.js';

defineElement('cohort-console', CohortConsole);

declare global {
  interface HTMLElementTagNameMap {
    'cohort-console': CohortConsole;
  }
}
