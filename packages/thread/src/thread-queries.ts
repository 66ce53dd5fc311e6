// What <cohort-thread> reads from Firestore: paths, the post converter, and the listeners and one-off reads of the
// feed, replies and the reader's own documents. thread-data.ts holds the writes and re-exports these, so the element
// loads both as one data module, after first paint. The documents are described there.
//
// Reads per view: one page of top-level posts (20) and the next page per "Load more" (cursors, nothing re-read),
// up to 5 pinned posts, the thread doc, the learner's rate doc, their reactions doc, their hidden posts (usually
// none), the arrivals since the view opened, one count() for presence, plus replies of threads the reader expands.
// Readers ask for hidden == false: hidden posts are readable only by their author and facilitators.
//
// Indexes: see firestore.indexes.json (parentId/hidden/createdAt, parentId/hidden/reactionTotal/createdAt,
//          pinned/parentId/hidden/createdAt, authorId/hidden/createdAt); members (displayName asc) is single-field.
import {
  collection,
  doc,
  endAt,
  getCountFromServer,
  getDocFromServer,
  limit,
  orderBy,
  query,
  startAfter,
  startAt,
  Timestamp,
  waitForPendingWrites,
  where,
  type DocumentData,
  type DocumentSnapshot,
  type Firestore,
  type Query,
  type QueryConstraint,
  type QueryDocumentSnapshot,
} from 'firebase/firestore';
import type { FirebaseRuntime } from '@cohort-kit/core';
import { asDate, readRate, type RateDocument, type RateState } from '@cohort-kit/core/data.js';
import { PAGE_SIZE, PINNED_LIMIT, REACTIONS, REPLY_PAGE, THREAD_RATE, type ReactionKey } from './reactions.js';

type DataModule = typeof import('@cohort-kit/core/data.js');

export type SortOrder = 'newest' | 'oldest' | 'top';
export type Mine = Partial<Record<ReactionKey, boolean>>;

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

export type { RateState };

export interface MemberOption {
  uid: string;
  displayName: string;
  role: string;
}

export const threadPath = (s: string, t: string) => ['spaces', s, 'threads', t] as const;
export const postsRef = (db: Firestore, s: string, t: string) => collection(db, ...threadPath(s, t), 'posts');
export const postRef = (db: Firestore, s: string, t: string, id: string) => doc(db, ...threadPath(s, t), 'posts', id);
export const rateRef = (db: Firestore, s: string, uid: string) => doc(db, 'spaces', s, 'threadRates', uid);
export const myReactionsRef = (db: Firestore, s: string, t: string, uid: string) =>
  doc(db, ...threadPath(s, t), 'reactions', uid);
export const authorRef = (db: Firestore, s: string, t: string, uid: string) =>
  doc(db, ...threadPath(s, t), 'authors', uid);

/** The rules' rate limit on posts and edits, in threadRates/{uid}: the field names the thread has always stored. */
export const RATE_DOCUMENT: RateDocument = { limit: THREAD_RATE, lastAtField: 'lastPostAt' };

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

const readPosts = (docs: QueryDocumentSnapshot<DocumentData>[]) =>
  docs.map(readPost).filter((p): p is Post => p !== null);

/** Readers ask only for visible posts (the rules refuse anything else); facilitators see hidden ones too. */
const visibility = (all: boolean): QueryConstraint[] => (all ? [] : [where('hidden', '==', false)]);

const ordering = (sort: SortOrder): QueryConstraint[] =>
  sort === 'top'
    ? [orderBy('reactionTotal', 'desc'), orderBy('createdAt', 'desc')]
    : [orderBy('createdAt', sort === 'oldest' ? 'asc' : 'desc')];

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

/** Where a page starts: after this document (null: the first page). */
export type PageCursor = QueryDocumentSnapshot<DocumentData> | null;

export interface PageView {
  posts: Post[];
  /** The page's last document: the cursor the next page starts after. */
  last: QueryDocumentSnapshot<DocumentData> | null;
  /** Documents the query returned, before any filtering: a full page means there may be more. */
  size: number;
  fromCache: boolean;
}

/**
 * One page of top-level posts in the chosen order, after `cursor` (the previous page's last document). For the
 * time orders a page holds only posts created up to `horizon` (when the view opened), so new posts never push
 * a post out of a page: they arrive through watchArrivals.
 */
export function watchPage(
  runtime: FirebaseRuntime,
  data: DataModule,
  s: string,
  t: string,
  options: { sort: SortOrder; horizon: Date; cursor: QueryDocumentSnapshot<DocumentData> | null; all: boolean },
  next: (view: PageView) => void,
  fail: (e: Error) => void,
) {
  const { sort, horizon, cursor, all } = options;
  const q = query(
    postsRef(runtime.db, s, t),
    where('parentId', '==', null),
    ...visibility(all),
    ...(sort === 'top' ? [] : [where('createdAt', '<=', Timestamp.fromDate(horizon))]),
    ...ordering(sort),
    ...(cursor ? [startAfter(cursor)] : []),
    limit(PAGE_SIZE),
  );
  return data.watchQuery(runtime, 'thread', q, {
    next: (snapshot) =>
      next({
        posts: readPosts(snapshot.docs),
        last: snapshot.docs[snapshot.docs.length - 1] ?? null,
        size: snapshot.size,
        fromCache: snapshot.metadata.fromCache,
      }),
    error: fail,
  });
}

/** Top-level posts created after the view opened (newest first), including this learner's pending ones. */
export function watchArrivals(
  runtime: FirebaseRuntime,
  data: DataModule,
  s: string,
  t: string,
  horizon: Date,
  all: boolean,
  next: (posts: Post[]) => void,
  fail: (e: Error) => void,
) {
  const q = query(
    postsRef(runtime.db, s, t),
    where('parentId', '==', null),
    ...visibility(all),
    where('createdAt', '>', Timestamp.fromDate(horizon)),
    orderBy('createdAt', 'desc'),
    limit(50),
  );
  return watchPosts(runtime, data, q, next, fail);
}

/** A live list of posts: every watcher below reads the same way and differs only in its query. */
function watchPosts(
  runtime: FirebaseRuntime,
  data: DataModule,
  q: Query,
  next: (posts: Post[]) => void,
  onError: (e: Error) => void,
) {
  return data.watchQuery(runtime, 'thread', q, {
    next: (snapshot) => next(readPosts(snapshot.docs)),
    error: onError,
  });
}

/**
 * This learner's latest top-level posts. A post whose server timestamp is still pending matches no range filter
 * on createdAt (so neither a page nor the arrivals), but an ordering keeps it: this is how the reader's unsent
 * posts show, after a reload and in preview mode too.
 */
export function watchMyRecent(
  runtime: FirebaseRuntime,
  data: DataModule,
  s: string,
  t: string,
  uid: string,
  next: (posts: Post[]) => void,
) {
  const q = query(
    postsRef(runtime.db, s, t),
    where('authorId', '==', uid),
    where('parentId', '==', null),
    orderBy('createdAt', 'desc'),
    limit(5),
  );
  return watchPosts(runtime, data, q, next, () => next([]));
}

/** Pinned exemplar posts, shown above the feed. */
export function watchPinned(
  runtime: FirebaseRuntime,
  data: DataModule,
  s: string,
  t: string,
  all: boolean,
  next: (posts: Post[]) => void,
  fail: (e: Error) => void,
) {
  const q = query(
    postsRef(runtime.db, s, t),
    where('pinned', '==', true),
    where('parentId', '==', null),
    ...visibility(all),
    orderBy('createdAt', 'desc'),
    limit(PINNED_LIMIT),
  );
  return watchPosts(runtime, data, q, next, fail);
}

/** Replies of one expanded post, oldest first. */
export function watchReplies(
  runtime: FirebaseRuntime,
  data: DataModule,
  s: string,
  t: string,
  parentId: string,
  all: boolean,
  next: (posts: Post[]) => void,
  fail: (e: Error) => void,
) {
  const q = query(
    postsRef(runtime.db, s, t),
    where('parentId', '==', parentId),
    ...visibility(all),
    orderBy('createdAt', 'asc'),
    limit(REPLY_PAGE),
  );
  return watchPosts(runtime, data, q, next, fail);
}

/** This learner's own posts that are hidden pending review: only they (and facilitators) may read them. */
export function watchMyHidden(
  runtime: FirebaseRuntime,
  data: DataModule,
  s: string,
  t: string,
  uid: string,
  next: (posts: Post[]) => void,
) {
  const q = query(
    postsRef(runtime.db, s, t),
    where('authorId', '==', uid),
    where('hidden', '==', true),
    orderBy('createdAt', 'desc'),
    limit(PAGE_SIZE),
  );
  return watchPosts(runtime, data, q, next, () => next([]));
}

/**
 * Whether a post sent before this page loaded (the SDK resends it from its cache) has reached the server:
 * 'stored', or 'missing' when the server refused it. Waits for this device's pending writes, then asks the
 * server once. Not a listener on the post: a listener started while the write is in flight can be told "no
 * such post" with a read time later than the write (the emulator does this), and the cache then drops a post
 * the server has, from every list.
 */
export async function confirmSent(runtime: FirebaseRuntime, s: string, t: string, id: string) {
  await waitForPendingWrites(runtime.db);
  const snapshot = await getDocFromServer(postRef(runtime.db, s, t, id));
  return snapshot.exists() ? 'stored' : 'missing';
}

export interface RateView {
  rate: RateState | null;
  /** No rate write of this device is still on its way: the next post may be built on this state. */
  settled: boolean;
}

/** This learner's rate document, so the next post's batch carries the right window and count. */
export function watchRate(
  runtime: FirebaseRuntime,
  data: DataModule,
  s: string,
  uid: string,
  next: (view: RateView) => void,
) {
  return data.watchDoc(runtime, 'thread', rateRef(runtime.db, s, uid), {
    next: (snapshot) => {
      next({
        rate: readRate(snapshot.data({ serverTimestamps: 'estimate' }), RATE_DOCUMENT),
        settled: !snapshot.metadata.hasPendingWrites,
      });
    },
    error: () => next({ rate: null, settled: true }),
  });
}

/** This learner's reactions on every post of the thread: one document. */
export function watchMyReactions(
  runtime: FirebaseRuntime,
  data: DataModule,
  s: string,
  t: string,
  uid: string,
  next: (mine: Map<string, Mine>) => void,
) {
  return data.watchDoc(runtime, 'thread', myReactionsRef(runtime.db, s, t, uid), {
    next: (snapshot) => {
      const posts = (snapshot.data()?.posts ?? {}) as Record<string, Mine>;
      next(new Map(Object.entries(posts)));
    },
    error: () => next(new Map()),
  });
}

/** When this learner last posted in the thread, so the peers count can leave them out. */
export function watchMyLastPost(
  runtime: FirebaseRuntime,
  data: DataModule,
  s: string,
  t: string,
  uid: string,
  next: (at: Date | null) => void,
) {
  return data.watchDoc(runtime, 'thread', authorRef(runtime.db, s, t, uid), {
    next: (snapshot) => {
      // An empty cache is not "never posted": wait for the server's answer (preview mode has only the cache).
      if (!snapshot.exists() && snapshot.metadata.fromCache && runtime.mode === 'live') return;
      next(asDate(snapshot.data({ serverTimestamps: 'estimate' })?.lastPostAt));
    },
    error: () => next(null),
  });
}

/**
 * How many people posted in the thread since `since`: a count() over the authors documents, without reading
 * any post. Aggregations need the server, so this rejects offline and in preview mode.
 */
export async function countAuthorsSince(runtime: FirebaseRuntime, s: string, t: string, since: Date) {
  const q = query(
    collection(runtime.db, ...threadPath(s, t), 'authors'),
    where('lastPostAt', '>=', Timestamp.fromDate(since)),
  );
  return (await getCountFromServer(q)).data().count;
}

/** Members whose name starts with `prefix` (any case), for @-mention autocomplete. */
export function watchMemberMatches(
  runtime: FirebaseRuntime,
  data: DataModule,
  s: string,
  prefix: string,
  next: (members: MemberOption[]) => void,
) {
  const members = collection(runtime.db, 'spaces', s, 'members');
  // Names are stored as typed; a range query is case-sensitive, so ask for the prefix as typed and with a
  // capital first letter (how most names are written), then filter case-insensitively.
  const wanted = prefix.toLocaleLowerCase();
  const capital = (text: string) => text.charAt(0).toLocaleUpperCase() + text.slice(1);
  const variants = [...new Set([prefix, capital(prefix), wanted, capital(wanted)])];
  const results = new Map<string, MemberOption[]>();
  const publish = () => {
    const seen = new Set<string>();
    const merged: MemberOption[] = [];
    for (const list of results.values())
      for (const member of list)
        if (!seen.has(member.uid) && member.displayName.toLocaleLowerCase().startsWith(wanted)) {
          seen.add(member.uid);
          merged.push(member);
        }
    merged.sort((a, b) => a.displayName.localeCompare(b.displayName));
    next(merged.slice(0, 6));
  };
  const stops = (prefix ? variants : ['']).map((variant) => {
    const q = variant
      ? query(members, orderBy('displayName'), startAt(variant), endAt(`${variant}\uf8ff`), limit(6))
      : query(members, orderBy('displayName'), limit(6));
    return data.watchQuery(runtime, 'thread', q, {
      next: (snapshot) => {
        results.set(
          variant,
          snapshot.docs
            .map((d) => ({
              uid: d.id,
              displayName: String(d.data().displayName ?? ''),
              role: String(d.data().role ?? 'learner'),
            }))
            .filter((m) => m.displayName),
        );
        publish();
      },
      error: () => {
        results.set(variant, []);
        publish();
      },
    });
  });
  return () => stops.forEach((stop) => stop());
}
