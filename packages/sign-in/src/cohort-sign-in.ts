import { defineElement } from '@cohort-kit/core';
import { CohortSignIn } from './sign-in.js';

defineElement('cohort-sign-in', CohortSignIn);

declare global {
  interface HTMLElementTagNameMap {
    'cohort-sign-in': CohortSignIn;
  }
}
