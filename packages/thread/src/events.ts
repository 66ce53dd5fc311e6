// The events <cohort-thread> dispatches. All bubble and are composed (see cohortEvent in core).

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

declare global {
  interface CohortEventDetailMap {
    'cohort-post': CohortPostDetail;
    'cohort-reply': CohortReplyDetail;
    'cohort-react': CohortReactDetail;
  }
  interface GlobalEventHandlersEventMap {
    'cohort-post': CustomEvent<CohortPostDetail>;
    'cohort-reply': CustomEvent<CohortReplyDetail>;
    'cohort-react': CustomEvent<CohortReactDetail>;
  }
}
