// The event <cohort-pulse> dispatches. It bubbles and is composed (see CohortEvent in core), and carries no names:
// a page script learns that a nudge went out, not to whom.
import { CohortEvent } from '@cohort-kit/core';

/** Detail of `cohort-nudge`. */
export interface CohortNudgeDetail {
  space: string;
  thread: string;
  /** How many learners the post mentions. */
  mentioned: number;
}

/** `cohort-nudge`: a facilitator posted a nudge that mentions quiet learners. */
export class CohortNudgeEvent extends CohortEvent<'cohort-nudge'> {
  constructor(detail: CohortNudgeDetail) {
    super('cohort-nudge', detail);
  }
}

declare global {
  interface CohortEventDetailMap {
    'cohort-nudge': CohortNudgeDetail;
  }
  interface GlobalEventHandlersEventMap {
    'cohort-nudge': CohortNudgeEvent;
  }
}
