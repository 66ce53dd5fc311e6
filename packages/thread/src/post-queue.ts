// Posts waiting on this device, in core's queue of contributions (packages/core/src/contribution-queue.ts). The rules
// allow one post per 10 seconds, timed by the server: posts written offline and sent back to back on reconnect would
// be refused. So posts go out one at a time, each built (with its rate update) only after the previous one is
// confirmed, and the text of every post stays here until the server has it. A post the server refuses comes back
// with its text for a retry; nothing is dropped silently. Kept per space, thread and learner, so a reload keeps them.
import { ContributionQueue, queueKey, type QueuedEntry } from '@cohort-kit/core/data.js';

export interface QueuedPost extends QueuedEntry {
  body: string;
  parentId: string | null;
  /** Name of the post replied to, for the pending list. */
  parentName?: string;
  mentions: string[];
}

const isPost = (entry: Record<string, unknown>) =>
  typeof entry.body === 'string' &&
  (entry.parentId === null || typeof entry.parentId === 'string') &&
  Array.isArray(entry.mentions);

/** The queue of one learner in one thread. */
export class PostQueue extends ContributionQueue<QueuedPost> {
  constructor(space: string, thread: string, uid: string) {
    super(queueKey('thread', space, thread, uid), isPost);
  }
}
