// The thread's fixtures for rules tests: posts and rate documents in the shape <cohort-thread> writes them.
import { serverTimestamp } from 'firebase/firestore';

/** How many links a body holds, as the thread counts them. */
export const linkCount = (body: string) => (body.match(/https?:\/\//g) ?? []).length;

/** A new thread post as the element writes it (packages/thread/src/thread-data.ts, createPost). */
export function newPostFields(
  author: { uid: string; name: string; role: string },
  body: string,
  extra: Record<string, unknown> = {},
) {
  return {
    authorId: author.uid,
    authorName: author.name,
    authorRole: author.role,
    body,
    parentId: null,
    createdAt: serverTimestamp(),
    editedAt: null,
    deleted: false,
    hidden: false,
    pinned: false,
    reactionCounts: {},
    reactionTotal: 0,
    replyCount: 0,
    reportCount: 0,
    lastReplyId: null,
    mentions: [],
    linkCount: linkCount(body),
    ...extra,
  };
}

/** A learner's first rate document, paying for post `id` of `thread`. */
export const firstRate = (id: string, thread = 'week-2') => ({
  lastPostAt: serverTimestamp(),
  windowStart: serverTimestamp(),
  count: 1,
  lastThreadId: thread,
  lastPostId: id,
});
