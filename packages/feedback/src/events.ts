// The events <cohort-feedback> dispatches. All bubble and are composed, and each detail follows from its name (see
// CohortEvent in core). None carries what a learner wrote, nor who reviewed whom.
import { CohortEvent } from '@cohort-kit/core';

/** Detail of `cohort-share`. */
export interface CohortShareDetail {
  space: string;
  round: string;
  /** What the learner did to their work. */
  action: 'share' | 'edit' | 'withdraw';
}

/** `cohort-share`: a learner shared, edited or withdrew their work. */
export class CohortShareEvent extends CohortEvent<'cohort-share'> {
  constructor(detail: CohortShareDetail) {
    super('cohort-share', detail);
  }
}

/** Detail of `cohort-review`. */
export interface CohortReviewDetail {
  space: string;
  round: string;
  /** 'claim': the learner was given a peer's work; 'send': they sent their review. */
  action: 'claim' | 'send';
}

/** `cohort-review`: a learner took a peer's work to review, or sent the review. */
export class CohortReviewEvent extends CohortEvent<'cohort-review'> {
  constructor(detail: CohortReviewDetail) {
    super('cohort-review', detail);
  }
}

/** Detail of `cohort-rate`. */
export interface CohortRateDetail {
  space: string;
  round: string;
  /** 1 (not helpful) to 5 (very helpful). */
  rating: number;
}

/** `cohort-rate`: an author rated how helpful a review of their work was. */
export class CohortRateEvent extends CohortEvent<'cohort-rate'> {
  constructor(detail: CohortRateDetail) {
    super('cohort-rate', detail);
  }
}

declare global {
  interface CohortEventDetailMap {
    'cohort-share': CohortShareDetail;
    'cohort-review': CohortReviewDetail;
    'cohort-rate': CohortRateDetail;
  }
  interface GlobalEventHandlersEventMap {
    'cohort-share': CohortShareEvent;
    'cohort-review': CohortReviewEvent;
    'cohort-rate': CohortRateEvent;
  }
}
