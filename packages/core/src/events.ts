const EVENT_INIT = { bubbles: true, composed: true } as const;

/**
 * Every Cohort Kit event is a CustomEvent named `cohort-*` that bubbles and is composed,
 * so a page listening on `document` hears events from inside shadow roots too.
 */
export function cohortEvent<T>(name: `cohort-${string}`, detail: T): CustomEvent<T> {
  return new CustomEvent<T>(name, { detail, ...EVENT_INIT });
}

/** Sent when an element cannot work and tells the author why. */
export interface CohortErrorDetail {
  message: string;
  kind: 'config' | 'connection' | 'space' | 'markup';
}

/** Every `cohort-` event's detail, by name (the global CohortEventDetailMap, which each widget's events.ts extends). */
export type CohortEventDetails = CohortEventDetailMap;

/** A `cohort-` event: it bubbles and is composed, and its detail type follows from its name. */
export class CohortEvent<K extends keyof CohortEventDetails> extends CustomEvent<CohortEventDetails[K]> {
  constructor(name: K, detail: CohortEventDetails[K]) {
    super(name, { detail, ...EVENT_INIT });
  }
}

/** `cohort-error`: an element cannot work, and says why. */
export class CohortErrorEvent extends CohortEvent<'cohort-error'> {
  constructor(detail: CohortErrorDetail) {
    super('cohort-error', detail);
  }
}

declare global {
  /**
   * Every `cohort-` event's detail, by name. Each widget's events.ts adds its own (declaration merging), so
   * `emit('cohort-post', detail)` checks the detail against the event's name.
   */
  interface CohortEventDetailMap {
    'cohort-error': CohortErrorDetail;
  }
  interface GlobalEventHandlersEventMap {
    'cohort-error': CohortErrorEvent;
  }
}
