/**
 * Every Cohort Kit event is a CustomEvent named `cohort-*` that bubbles and is composed,
 * so a page listening on `document` hears events from inside shadow roots too.
 */
export function cohortEvent<T>(name: `cohort-${string}`, detail: T): CustomEvent<T> {
  return new CustomEvent<T>(name, { detail, bubbles: true, composed: true });
}

/** Sent when an element cannot work and tells the author why. */
export interface CohortErrorDetail {
  message: string;
  kind: 'config' | 'connection' | 'space' | 'markup';
}

declare global {
  interface GlobalEventHandlersEventMap {
    'cohort-error': CustomEvent<CohortErrorDetail>;
  }
}
