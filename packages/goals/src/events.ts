// The events <cohort-goals> dispatches. All bubble and are composed, and each detail follows from its name (see
// CohortEvent in core). None carries a goal's text: a page script learns what happened, not what a learner wrote.
import { CohortEvent } from '@cohort-kit/core';

/** Detail of `cohort-goal`. */
export interface CohortGoalDetail {
  space: string;
  board: string;
  goal: string;
  /** What the learner did to their goal. */
  action: 'set' | 'edit' | 'done' | 'pause' | 'resume' | 'visibility' | 'reflect';
}

/** `cohort-goal`: a learner set, edited, finished, paused, resumed or reflected on their goal. */
export class CohortGoalEvent extends CohortEvent<'cohort-goal'> {
  constructor(detail: CohortGoalDetail) {
    super('cohort-goal', detail);
  }
}

/** Detail of `cohort-check-in`. */
export interface CohortCheckInDetail {
  space: string;
  board: string;
  goal: string;
  status: 'onTrack' | 'behind' | 'done' | 'paused';
}

/** `cohort-check-in`: a learner checked in on their goal. */
export class CohortCheckInEvent extends CohortEvent<'cohort-check-in'> {
  constructor(detail: CohortCheckInDetail) {
    super('cohort-check-in', detail);
  }
}

/** Detail of `cohort-cheer`. */
export interface CohortCheerDetail {
  space: string;
  board: string;
  goal: string;
}

/** `cohort-cheer`: a learner cheered someone else's goal. */
export class CohortCheerEvent extends CohortEvent<'cohort-cheer'> {
  constructor(detail: CohortCheerDetail) {
    super('cohort-cheer', detail);
  }
}

declare global {
  interface CohortEventDetailMap {
    'cohort-goal': CohortGoalDetail;
    'cohort-check-in': CohortCheckInDetail;
    'cohort-cheer': CohortCheerDetail;
  }
  interface GlobalEventHandlersEventMap {
    'cohort-goal': CohortGoalEvent;
    'cohort-check-in': CohortCheckInEvent;
    'cohort-cheer': CohortCheerEvent;
  }
}
