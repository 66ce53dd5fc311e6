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

declare global {
  interface CohortEventDetailMap {
    'cohort-space-created': CohortSpaceCreatedDetail;
  }
  interface GlobalEventHandlersEventMap {
    'cohort-space-created': CohortSpaceCreatedEvent;
  }
}
