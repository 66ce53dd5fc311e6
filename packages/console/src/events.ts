// The events <cohort-console> dispatches. Both bubble and are composed (see CohortEvent in core).
import { CohortEvent } from '@cohort-kit/core';

/** Detail of `cohort-space-created`. */
export interface CohortSpaceCreatedDetail {
  space: string;
}

/** `cohort-space-created`: the owner created a space. */
export class CohortSpaceCreatedEvent extends CohortEvent<'cohort-space-created'> {
  constructor(detail: CohortSpaceCreatedDetail) {
    super('cohort-space-created', detail);
  }
}

/**
 * Dispatches from outside the element's class body: the manifest lists the events documented with @event, not each
 * dispatchEvent call (whose event it cannot name).
 */
export function dispatch(target: EventTarget, event: Event): void {
  target.dispatchEvent(event);
}

declare global {
  interface CohortEventDetailMap {
    'cohort-space-created': CohortSpaceCreatedDetail;
  }
  interface GlobalEventHandlersEventMap {
    'cohort-space-created': CohortSpaceCreatedEvent;
  }
}
