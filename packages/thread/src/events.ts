// The events <cohort-thread> dispatches. All bubble and are composed (see CohortEvent in core).
import { CohortEvent } from '@cohort-kit/core';

/** Detail of `cohort-post`: a learner posted at the top level of a thread. */
export interface CohortPostDetail {
  space: string;
  thread: string;
  postId: string;
}

/** Detail of `cohort-reply`: a learner replied to a post. */
export interface CohortReplyDetail extends CohortPostDetail {
  parentId: string;
}

/** Detail of `cohort-react`: a learner added or removed a reaction. */
export interface CohortReactDetail extends CohortPostDetail {
  reaction: string;
  active: boolean;
}

/** `cohort-post`: a learner posted. */
export class CohortPostEvent extends CohortEvent<'cohort-post'> {
  constructor(detail: CohortPostDetail) {
    super('cohort-post', detail);
  }
}

/** `cohort-reply`: a learner replied. */
export class CohortReplyEvent extends CohortEvent<'cohort-reply'> {
  constructor(detail: CohortReplyDetail) {
    super('cohort-reply', detail);
  }
}

/** `cohort-react`: a learner added or removed a reaction. */
export class CohortReactEvent extends CohortEvent<'cohort-react'> {
  constructor(detail: CohortReactDetail) {
    super('cohort-react', detail);
  }
}

declare global {
  interface CohortEventDetailMap {
    'cohort-post': CohortPostDetail;
    'cohort-reply': CohortReplyDetail;
    'cohort-react': CohortReactDetail;
  }
  interface GlobalEventHandlersEventMap {
    'cohort-post': CohortPostEvent;
    'cohort-reply': CohortReplyEvent;
    'cohort-react': CohortReactEvent;
  }
}
