// The events <cohort-poll> dispatches. All bubble and are composed, and each detail follows from its name (see
// CohortEvent in core).
import { CohortEvent } from '@cohort-kit/core';

/** Detail of `cohort-vote`. */
export interface CohortVoteDetail {
  space: string;
  poll: string;
  /** The learner's choices after this vote (option values). */
  choices: string[];
}

/** `cohort-vote`: a learner voted or changed their vote. */
export class CohortVoteEvent extends CohortEvent<'cohort-vote'> {
  constructor(detail: CohortVoteDetail) {
    super('cohort-vote', detail);
  }
}

declare global {
  interface CohortEventDetailMap {
    'cohort-vote': CohortVoteDetail;
  }
  interface GlobalEventHandlersEventMap {
    'cohort-vote': CohortVoteEvent;
  }
}
