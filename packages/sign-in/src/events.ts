// The events <cohort-sign-in> dispatches. All bubble and are composed, and each detail follows from its name (see
// CohortEvent in core).
import { CohortEvent } from '@cohort-kit/core';

/** Detail of `cohort-signed-in`. */
export interface CohortSignedInDetail {
  space: string;
  email: string;
  /** The role this space gives them ('facilitator', 'owner', 'mentor'), or null when it gives none. */
  role: string | null;
}

/** `cohort-signed-in`: someone from the course team finished signing in and their role in the space is known. */
export class CohortSignedInEvent extends CohortEvent<'cohort-signed-in'> {
  constructor(detail: CohortSignedInDetail) {
    super('cohort-signed-in', detail);
  }
}

declare global {
  interface CohortEventDetailMap {
    'cohort-signed-in': CohortSignedInDetail;
  }
  interface GlobalEventHandlersEventMap {
    'cohort-signed-in': CohortSignedInEvent;
  }
}
