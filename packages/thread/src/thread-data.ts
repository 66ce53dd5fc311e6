// What <cohort-thread> writes to Firestore, and the layout of its documents. Loaded by dynamic import after first paint.
//
// Layout:
//   spaces/{space}/threadRates/{uid}   lastPostAt, windowStart, count, lastThreadId, lastPostId — the rules' rate
//                         limit per learner across the space (1 post or edit per 10 s, 30 per hour); each update
//                         names the one post it pays for (created or edited in the same batch)
//   spaces/{space}/threads/{thread}:
//   (thread doc)          locked, createdAt — only facilitators write it; posting does not need it to exist
//   posts/{postId}        authorId, authorName, authorRole, body, parentId (null for a top-level post), createdAt,
//                         editedAt, deleted, hidden, pinned, reactionCounts {key: n}, reactionTotal, replyCount,
//                         reportCount, lastReplyId, mentions [uid: at most 10, no more than the body has '@'],
//                         linkCount
//   posts/{p}/reports/{uid}     reason, note, createdAt — one report per learner
//   reactions/{uid}       posts {postId: {thumbs, heart, idea, party, thinking}}, lastPostId — this learner's
//                         reactions on every post, one document read per view
//   authors/{uid}         lastPostAt — written with each post; "N peers posted this week" is a count() over these
//
// Every write is one batch that carries its own proof: a post or an edit with the author's rate document, a reply with
// the parent's replyCount + 1, a reaction with the post's counters ± 1, a report with reportCount + 1. No
// transactions, so everything works in preview mode with the network off. Posts go through a queue on the
// device (post-queue.ts) that sends one at a time, so posts written offline are not refused for their timing.
// The rate document's window and count follow core's rate limit (packages/core/src/rate-document.ts).
//
// The reads (paths, the post converter, listeners) are in thread-queries.ts; this module re-exports them, so the
// element loads one data module.
import { doc, increment, serverTimestamp, writeBatch } from 'firebase/firestore';
import type { FirebaseRuntime } from '@cohort-kit/core';
import { addContribution, nextRateFields, type RateState } from '@cohort-kit/core/data.js';
import { countLinks } from './format.js';
import { REACTIONS, type ReactionKey, type ReportReason } from './reactions.js';
import {
  authorRef,
  myReactionsRef,
  postRef,
  postsRef,
  rateRef,
  RATE_DOCUMENT,
  threadPath,
  type Mine,
  type Post,
} from './thread-queries.js';

export {
  confirmSent,
  countAuthorsSince,
  rateRef,
  readPost,
  watchArrivals,
  watchMemberMatches,
  watchMyHidden,
  watchMyLastPost,
  watchMyReactions,
  watchMyRecent,
  watchPage,
  watchPinned,
  watchRate,
  watchReplies,
  watchThread,
  type MemberOption,
  type Mine,
  type PageCursor,
  type PageView,
  type Post,
  type RateState,
  type RateView,
  type SortOrder,
} from './thread-queries.js';

/** The rate document the rules expect next, from the last one this device saw, paying for post `postId`. */
export function nextRate(previous: RateState | null, thread: string, postId: string, now = Date.now()) {
  return nextRateFields(previous, RATE_DOCUMENT, { lastThreadId: thread, lastPostId: postId }, now);
}

/**
 * The uids a post may store as mentions: distinct, at most 10, and no more than the body has '@' (the rules'
 * stand-in for "each is mentioned in the body"). Earlier entries win.
 */
export function mentionsFor(body: string, uids: readonly string[]): string[] {
  const marks = body.split('@').length - 1;
  return [...new Set(uids)].slice(0, Math.min(10, marks));
}

export interface NewPost {
  /** The id to store it under: chosen when it is queued, so a resend after a reload is the same post. */
  id?: string;
  uid: string;
  authorName: string;
  authorRole: string;
  body: string;
  parentId: string | null;
  mentions: string[];
  rate: RateState | null;
}

/** A fresh post id, as Firestore would choose it. */
export function newPostId(runtime: FirebaseRuntime, s: string, t: string): string {
  return doc(postsRef(runtime.db, s, t)).id;
}

/**
 * Writes a post (or reply) with the rate document that pays for it, the author's presence and a reply's +1 on
 * its parent, in one batch. Returns the id at once and the commit separately: the element shows the post from
 * the cache without waiting.
 */
export function createPost(
  runtime: FirebaseRuntime,
  s: string,
  t: string,
  post: NewPost,
): { id: string; write: Promise<void> } {
  const db = runtime.db;
  const ref = post.id ? postRef(db, s, t, post.id) : doc(postsRef(db, s, t));
  const batch = writeBatch(db);
  batch.set(ref, {
    authorId: post.uid,
    authorName: post.authorName,
    authorRole: post.authorRole,
    body: post.body,
    parentId: post.parentId,
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
    mentions: mentionsFor(post.body, post.mentions),
    linkCount: countLinks(post.body),
  });
  batch.set(rateRef(db, s, post.uid), nextRate(post.rate, t, ref.id));
  batch.set(authorRef(db, s, t, post.uid), { lastPostAt: serverTimestamp() });
  if (post.parentId) batch.update(postRef(db, s, t, post.parentId), { replyCount: increment(1), lastReplyId: ref.id });
  addContribution(batch, db, s, post.uid, post.parentId ? 'replies' : 'posts', `threads/${t}/posts/${ref.id}`);
  return { id: ref.id, write: batch.commit() };
}

/** Rewrites a post's text, paid for like a post: the rate document naming this post goes in the same batch. */
export function editPost(
  runtime: FirebaseRuntime,
  s: string,
  t: string,
  edit: { id: string; uid: string; body: string; mentions: string[]; rate: RateState | null },
) {
  const db = runtime.db;
  const batch = writeBatch(db);
  batch.update(postRef(db, s, t, edit.id), {
    body: edit.body,
    editedAt: serverTimestamp(),
    mentions: mentionsFor(edit.body, edit.mentions),
    linkCount: countLinks(edit.body),
  });
  batch.set(rateRef(db, s, edit.uid), nextRate(edit.rate, t, edit.id));
  return batch.commit();
}

export function deletePost(runtime: FirebaseRuntime, s: string, t: string, id: string) {
  const batch = writeBatch(runtime.db);
  batch.update(postRef(runtime.db, s, t, id), { deleted: true, body: '', mentions: [], linkCount: 0 });
  return batch.commit();
}

/** Toggles one reaction: this post's entry in the learner's reactions document and its counters move together. */
export function setReaction(
  runtime: FirebaseRuntime,
  s: string,
  t: string,
  id: string,
  uid: string,
  mine: Mine,
  key: ReactionKey,
  on: boolean,
) {
  const db = runtime.db;
  const batch = writeBatch(db);
  const next = Object.fromEntries(REACTIONS.map(({ key: k }) => [k, k === key ? on : mine[k] === true]));
  batch.set(myReactionsRef(db, s, t, uid), { posts: { [id]: next }, lastPostId: id }, { merge: true });
  // A stored entry always holds every key: none means this is the learner's first reaction on the post, which is
  // what the ledger counts (taking a reaction back and giving it again does not count twice).
  if (on && Object.keys(mine).length === 0)
    addContribution(batch, db, s, uid, 'reactions', `threads/${t}/reactions/${uid}`);
  batch.update(postRef(db, s, t, id), {
    [`reactionCounts.${key}`]: increment(on ? 1 : -1),
    reactionTotal: increment(on ? 1 : -1),
  });
  return batch.commit();
}

/** Reports a post; when this report reaches the space's threshold the same batch hides it. */
export function reportPost(
  runtime: FirebaseRuntime,
  s: string,
  t: string,
  post: Post,
  uid: string,
  reason: ReportReason,
  note: string,
  threshold: number,
) {
  const db = runtime.db;
  const batch = writeBatch(db);
  batch.set(doc(db, ...threadPath(s, t), 'posts', post.id, 'reports', uid), {
    reason,
    note: note.slice(0, 300),
    createdAt: serverTimestamp(),
  });
  const reportCount = post.reportCount + 1;
  batch.update(postRef(db, s, t, post.id), { reportCount, hidden: post.hidden || reportCount >= threshold });
  return batch.commit();
}

/** Facilitator moderation: hide/restore (restoring clears the report count) and pin/unpin. */
export function moderatePost(
  runtime: FirebaseRuntime,
  s: string,
  t: string,
  id: string,
  patch: { hidden?: boolean; pinned?: boolean },
) {
  const batch = writeBatch(runtime.db);
  const update: Record<string, unknown> = { ...patch };
  if (patch.hidden === false) update.reportCount = 0;
  batch.update(postRef(runtime.db, s, t, id), update);
  return batch.commit();
}

export function setLocked(runtime: FirebaseRuntime, s: string, t: string, locked: boolean, exists: boolean) {
  const batch = writeBatch(runtime.db);
  const ref = doc(runtime.db, ...threadPath(s, t));
  if (exists) batch.update(ref, { locked });
  else batch.set(ref, { locked, createdAt: serverTimestamp() });
  return batch.commit();
}
