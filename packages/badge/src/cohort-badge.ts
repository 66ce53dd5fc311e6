import { defineElement } from '@cohort-kit/core';
import { CohortBadge } from './badge.js';

defineElement('cohort-badge', CohortBadge);

declare global {
  interface HTMLElementTagNameMap {
    'cohort-badge': CohortBadge;
  }
}
