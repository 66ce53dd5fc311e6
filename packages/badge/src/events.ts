// The event <cohort-badge> dispatches. It bubbles and is composed, and its detail follows from its name (see
// CohortEvent in core). It names the badge and the copy, never the learner.
import { CohortEvent } from '@cohort-kit/core';

/** Detail of `cohort-badge-claimed`. */
export interface CohortBadgeClaimedDetail {
  space: string;
  badge: string;
  /** The copy number the learner claimed (1 to the edition). */
  number: number;
}

/** `cohort-badge-claimed`: the learner claimed a numbered copy of the badge. */
export class CohortBadgeClaimedEvent extends CohortEvent<'cohort-badge-claimed'> {
  constructor(detail: CohortBadgeClaimedDetail) {
    super('cohort-badge-claimed', detail);
  }
}

declare global {
  interface CohortEventDetailMap {
    'cohort-badge-claimed': CohortBadgeClaimedDetail;
  }
  interface GlobalEventHandlersEventMap {
    'cohort-badge-claimed': CohortBadgeClaimedEvent;
  }
}
