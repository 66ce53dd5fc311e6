// Everything <cohort-thread> does with Firestore. Loaded by dynamic import after first paint.
//
// Layout, all under spaces/{space}/threads/{thread}:
//   (thread doc)          locked, createdAt — only facilitators write it; posting does not need it to exist
//   posts/{postId}        authorId, authorName, authorRole, body, parentId (null for a top-level post), createdAt,
//                         editedAt, deleted, hidden, pinned, reactionCounts {key: n}, reactionTotal, replyCount,
//                         reportCount, lastReplyId, mentions [uid], linkCount
//   posts/{p}/reactions/{uid}   {thumbs, heart, idea, party, thinking}: booleans, this learner's reactions
//   posts/{p}/reports/{uid}     reason, note, createdAt — one report per learner
//   rate/{uid}            lastPostAt, windowStart, count — the rules' rate limit (1 per 10 s, 30 per hour)
//
// Every write is one batch that carries its own proof: a post with the author's rate document, a reply with
// the parent's replyCount + 1, a reaction with the post's counters ± 1, a report with reportCount + 1. No
// transactions, so everything works in preview mode with the network off, and a post written offline stays
// in the persistent cache (shown as pending) until the connection returns.
//
// Reads per view: the page of top-level posts (20), up to 5 pinned posts, the thread doc, the learner's rate doc,
// plus replies of threads the reader expands and, for a signed-in member, their own reaction doc per shown post.
//
// Indexes: posts (parentId ==, createdAt desc|asc), posts (parentId ==, reactionTotal desc, createdAt desc),
//          posts (pinned ==, parentId ==, createdAt desc), members (displayName asc) is single-field.
import {
  collection,
  doc,
  endAt,
  increment,
  limit,
  orderBy,
  query,
  serverTimestamp,
  startAt,
  Timestamp,
  where,
  writeBatch,
  type DocumentData,
  type DocumentSnapshot,
  type Firestore,
  type QueryDocumentSnapshot,
} from 'firebase/firestore';
import type { FirebaseRuntime } from '@cohort-kit/core';
import { countLinks } from './format.js';
import { PINNED_LIMIT, REACTIONS, REPLY_PAGE, type ReactionKey, type ReportReason } from './reactions.js';

type DataModule = typeof import('@cohort-kit/core/data.js');

export type SortOrder = 'newest' | 'oldest' | 'top';

export interface Post {
  id: string;
  authorId: string;
  authorName: string;
  authorRole: string;
  body: string;
  parentId: string | null;
  /** null while the server timestamp is pending */
  createdAt: Date | null;
  editedAt: Date | null;
  deleted: boolean;
  hidden: boolean;
  pinned: boolean;
  reactionCounts: Record<ReactionKey, number>;
  reactionTotal: number;
  replyCount: number;
  reportCount: number;
  mentions: string[];
  /** written on this device and not yet confirmed by the server */
  pending: boolean;
}

export interface RateState {
  lastPostAt: Date | null;
  windowStart: Date | null;
  count: number;
}

export interface MemberOption {
  uid: string;
  displayName: string;
  role: string;
}

const threadPath = (s: string, t: string) => ['spaces', s, 'threads', t] as const;
const postsRef = (db: Firestore, s: string, t: string) => collection(db, ...threadPath(s, t), 'posts');
const postRef = (db: Firestore, s: string, t: string, id: string) => doc(db, ...threadPath(s, t), 'posts', id);
const rateRef = (db: Firestore, s: string, t: string, uid: string) => doc(db, ...threadPath(s, t), 'rate', uid);

const asDate = (value: unknown) => (value instanceof Timestamp ? value.toDate() : null);

export function readPost(snapshot: QueryDocumentSnapshot<DocumentData> | DocumentSnapshot<DocumentData>): Post | null {
  const data = snapshot.data({ serverTimestamps: 'estimate' });
  if (!data) return null;
  const counts = (data.reactionCounts ?? {}) as Record<string, unknown>;
  const reactionCounts = Object.fromEntries(
    REACTIONS.map(({ key }) => [key, Math.max(0, Number(counts[key]) || 0)]),
  ) as Record<ReactionKey, number>;
  return {
    id: snapshot.id,
    authorId: String(data.authorId ?? ''),
    authorName: String(data.authorName ?? ''),
    authorRole: String(data.authorRole ?? 'learner'),
    body: typeof data.body === 'string' ? data.body : '',
    parentId: typeof data.parentId === 'string' ? data.parentId : null,
    createdAt: asDate(data.createdAt),
    editedAt: asDate(data.editedAt),
    deleted: data.deleted === true,
    hidden: data.hidden === true,
    pinned: data.pinned === true,
    reactionCounts,
    reactionTotal: Number(data.reactionTotal) || 0,
    replyCount: Number(data.replyCount) || 0,
    reportCount: Number(data.reportCount) || 0,
    mentions: Array.isArray(data.mentions) ? data.mentions.filter((m): m is string => typeof m === 'string') : [],
    // Preview seeds (preview-seed.ts) are never sent either, but are not the learner's unsent posts.
    pending: snapshot.metadata.hasPendingWrites && data.seeded !== true,
  };
}

export interface PostsView {
  posts: Post[];
  fromCache: boolean;
}

/** The thread document: whether it exists and is locked. */
export function watchThread(
  runtime: FirebaseRuntime,
  data: DataModule,
  s: string,
  t: string,
  next: (state: { exists: boolean; locked: boolean }) => void,
  fail: (e: Error) => void,
) {
  return data.watchDoc(runtime, 'thread', doc(runtime.db, ...threadPath(s, t)), {
    next: (snapshot) => next({ exists: snapshot.exists(), locked: snapshot.data()?.locked === true }),
    error: fail,
  });
}

/** One growing page of top-level posts in the chosen order. */
export function watchPosts(
  runtime: FirebaseRuntime,
  data: DataModule,
  s: string,
  t: string,
  sort: SortOrder,
  count: number,
  next: (view: PostsView) => void,
  fail: (e: Error) => void,
) {
  const base = postsRef(runtime.db, s, t);
  const order =
    sort === 'top'
      ? [orderBy('reactionTotal', 'desc'), orderBy('createdAt', 'desc')]
      : [orderBy('createdAt', sort === 'oldest' ? 'asc' : 'desc')];
  const q = query(base, where('parentId', '==', null), ...order, limit(count));
  return data.watchQuery(runtime, 'thread', q, {
    next: (snapshot) =>
      next({
        posts: snapshot.docs.map(readPost).filter((p): p is Post => p !== null),
        fromCache: snapshot.metadata.fromCache,
      }),
    error: fail,
  });
}

/** Pinned exemplar posts, shown above the feed. */
export function watchPinned(
  runtime: FirebaseRuntime,
  data: DataModule,
  s: string,
  t: string,
  next: (posts: Post[]) => void,
  fail: (e: Error) => void,
) {
  const q = query(
    postsRef(runtime.db, s, t),
    where('pinned', '==', true),
    where('parentId', '==', null),
    orderBy('createdAt', 'desc'),
    limit(PINNED_LIMIT),
  );
  return data.watchQuery(runtime, 'thread', q, {
    next: (snapshot) => next(snapshot.docs.map(readPost).filter((p): p is Post => p !== null)),
    error: fail,
  });
}

/** Replies of one expanded post, oldest first. */
export function watchReplies(
  runtime: FirebaseRuntime,
  data: DataModule,
  s: string,
  t: string,
  parentId: string,
  next: (posts: Post[]) => void,
  fail: (e: Error) => void,
) {
  const q = query(
    postsRef(runtime.db, s, t),
    where('parentId', '==', parentId),
    orderBy('createdAt', 'asc'),
    limit(REPLY_PAGE),
  );
  return data.watchQuery(runtime, 'thread', q, {
    next: (snapshot) => next(snapshot.docs.map(readPost).filter((p): p is Post => p !== null)),
    error: fail,
  });
}

/** This learner's rate document, so the next post's batch carries the right window and count. */
export function watchRate(
  runtime: FirebaseRuntime,
  data: DataModule,
  s: string,
  t: string,
  uid: string,
  next: (rate: RateState | null) => void,
) {
  return data.watchDoc(runtime, 'thread', rateRef(runtime.db, s, t, uid), {
    next: (snapshot) => {
      const value = snapshot.data({ serverTimestamps: 'estimate' });
      next(
        value
          ? {
              lastPostAt: asDate(value.lastPostAt),
              windowStart: asDate(value.windowStart),
              count: Number(value.count) || 0,
            }
          : null,
      );
    },
    error: () => next(null),
  });
}

/** This learner's reactions on one post. */
export function watchMyReactions(
  runtime: FirebaseRuntime,
  data: DataModule,
  s: string,
  t: string,
  postId: string,
  uid: string,
  next: (mine: Partial<Record<ReactionKey, boolean>>) => void,
) {
  return data.watchDoc(runtime, 'thread', doc(runtime.db, ...threadPath(s, t), 'posts', postId, 'reactions', uid), {
    next: (snapshot) => next((snapshot.data() as Partial<Record<ReactionKey, boolean>> | undefined) ?? {}),
    error: () => next({}),
  });
}

/** Members whose name starts with `prefix`, for @-mention autocomplete. */
export function watchMemberMatches(
  runtime: FirebaseRuntime,
  data: DataModule,
  s: string,
  prefix: string,
  next: (members: MemberOption[]) => void,
) {
  const members = collection(runtime.db, 'spaces', s, 'members');
  const q = prefix
    ? query(members, orderBy('displayName'), startAt(prefix), endAt(`${prefix}\uf8ff`), limit(6))
    : query(members, orderBy('displayName'), limit(6));
  return data.watchQuery(runtime, 'thread', q, {
    next: (snapshot) =>
      next(
        snapshot.docs
          .map((d) => ({
            uid: d.id,
            displayName: String(d.data().displayName ?? ''),
            role: String(d.data().role ?? 'learner'),
          }))
          .filter((m) => m.displayName),
      ),
    error: () => next([]),
  });
}

const HOUR = 3600_000;

/** The rate document the rules expect next, from the last one this device saw. */
export function nextRate(previous: RateState | null, now = Date.now()) {
  if (!previous || !previous.windowStart || now - previous.windowStart.getTime() >= HOUR) {
    return { lastPostAt: serverTimestamp(), windowStart: serverTimestamp(), count: 1 };
  }
  return {
    lastPostAt: serverTimestamp(),
    windowStart: Timestamp.fromDate(previous.windowStart),
    count: previous.count + 1,
  };
}

export interface NewPost {
  uid: string;
  authorName: string;
  authorRole: string;
  body: string;
  parentId: string | null;
  mentions: string[];
  rate: RateState | null;
}

/**
 * Writes a post (or reply) with its rate document, and a reply's +1 on its parent, in one batch. Returns the
 * new id at once and the commit separately: the element shows the post from the cache without waiting.
 */
export function createPost(
  runtime: FirebaseRuntime,
  s: string,
  t: string,
  post: NewPost,
): { id: string; write: Promise<void> } {
  const db = runtime.db;
  const ref = doc(postsRef(db, s, t));
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
    mentions: post.mentions.slice(0, 10),
    linkCount: countLinks(post.body),
  });
  batch.set(rateRef(db, s, t, post.uid), nextRate(post.rate));
  if (post.parentId) batch.update(postRef(db, s, t, post.parentId), { replyCount: increment(1), lastReplyId: ref.id });
  return { id: ref.id, write: batch.commit() };
}

export function editPost(runtime: FirebaseRuntime, s: string, t: string, id: string, body: string, mentions: string[]) {
  const batch = writeBatch(runtime.db);
  batch.update(postRef(runtime.db, s, t, id), {
    body,
    editedAt: serverTimestamp(),
    mentions: mentions.slice(0, 10),
    linkCount: countLinks(body),
  });
  return batch.commit();
}

export function deletePost(runtime: FirebaseRuntime, s: string, t: string, id: string) {
  const batch = writeBatch(runtime.db);
  batch.update(postRef(runtime.db, s, t, id), { deleted: true, body: '', mentions: [], linkCount: 0 });
  return batch.commit();
}

/** Toggles one reaction: the learner's reaction map and the post's counters move together. */
export function setReaction(
  runtime: FirebaseRuntime,
  s: string,
  t: string,
  id: string,
  uid: string,
  mine: Partial<Record<ReactionKey, boolean>>,
  key: ReactionKey,
  on: boolean,
) {
  const db = runtime.db;
  const batch = writeBatch(db);
  const next = Object.fromEntries(REACTIONS.map(({ key: k }) => [k, k === key ? on : mine[k] === true]));
  batch.set(doc(db, ...threadPath(s, t), 'posts', id, 'reactions', uid), next);
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
