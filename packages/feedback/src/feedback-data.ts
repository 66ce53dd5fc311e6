// <cohort-feedback>'s paths, readers, queries and writes: with preview-seed.ts, the only files that import the
// Firebase SDK. Under spaces/{space}/feedbackRounds/{round} (see rules/feedback.rules):
//   (round doc)             reviews, claimHours, submitBy, reviewBy, reviewers, mins — stored by a facilitator's visit
//   submissions/{uid}       authorId, authorName, text, link, createdAt, updatedAt
//   slots/{uid}             authorId, done, holds {holdId: claimedAt}, load (= done + holds), claims
//   reviewers/{uid}         claimed, given, open (author id or ''), openAt
//   claims/{rid}_{aid}      reviewerId, authorId, holdId, claimedAt, reviewId, done
//   submissions/{uid}/reviews/{id}  answers, reviewerId, reviewerName ('' unless named), createdAt, rating,
//                           thanks, ratedAt, reported, hidden
// A view reads the round, the learner's submission, reviewer document, claims (at most `reviews`), the reviews of
// their work and those they wrote: constant in the round's size. "Review a peer" reads one page of slots.
import {
  collection,
  deleteField,
  doc,
  getDoc,
  getDocFromServer,
  getDocs,
  increment,
  limit,
  orderBy,
  query,
  serverTimestamp,
  setDoc,
  Timestamp,
  updateDoc,
  where,
  writeBatch,
  type DocumentData,
  type Firestore,
  type Query,
  type WriteBatch,
} from 'firebase/firestore';
import { addContribution, asDate } from '@cohort-kit/core/data.js';
import type { Candidate } from './feedback-allocation.js';
import {
  CANDIDATES,
  CLAIM_HOURS_DEFAULT,
  PAGE_SIZE,
  PROMPT_MIN_DEFAULT,
  REVIEWS_DEFAULT,
  type ReviewerMode,
} from './feedback-limits.js';

export * from './feedback-limits.js';

/** The settings the rules hold for a round (the stored ones, or the rules' defaults). */
export interface RoundSettings {
  reviews: number;
  claimHours: number;
  submitBy: Date | null;
  reviewBy: Date | null;
  reviewers: ReviewerMode;
  /** Each prompt's minimum length, in order. */
  mins: number[];
}

export const DEFAULT_ROUND: RoundSettings = {
  reviews: REVIEWS_DEFAULT,
  claimHours: CLAIM_HOURS_DEFAULT,
  submitBy: null,
  reviewBy: null,
  reviewers: 'anonymous',
  mins: [PROMPT_MIN_DEFAULT, PROMPT_MIN_DEFAULT, PROMPT_MIN_DEFAULT],
};

export interface WorkContent {
  text: string;
  link: string;
}

export interface Submission extends WorkContent {
  authorId: string;
  authorName: string;
  createdAt: Date | null;
  updatedAt: Date | null;
}

export interface Slot extends Candidate {
  /** holdId → when its claim was made. */
  holdTimes: Record<string, Date | null>;
  load: number;
  claims: number;
}

export interface ReviewerState {
  claimed: number;
  given: number;
  /** The author whose work the open claim is on, or ''. */
  open: string;
  openAt: Date | null;
}

export interface Claim {
  id: string;
  reviewerId: string;
  authorId: string;
  holdId: string;
  claimedAt: Date | null;
  reviewId: string;
  done: boolean;
}

export interface Review {
  id: string;
  authorId: string;
  answers: string[];
  reviewerId: string;
  reviewerName: string;
  createdAt: Date | null;
  rating: number | null;
  thanks: string;
  reported: boolean;
  hidden: boolean;
}

export const roundRef = (db: Firestore, space: string, round: string) =>
  doc(db, 'spaces', space, 'feedbackRounds', round);
const under = (db: Firestore, space: string, round: string, name: string) =>
  collection(roundRef(db, space, round), name);
export const submissionRef = (db: Firestore, space: string, round: string, uid: string) =>
  doc(under(db, space, round, 'submissions'), uid);
export const slotRef = (db: Firestore, space: string, round: string, uid: string) =>
  doc(under(db, space, round, 'slots'), uid);
export const reviewerRef = (db: Firestore, space: string, round: string, uid: string) =>
  doc(under(db, space, round, 'reviewers'), uid);
export const claimId = (reviewerId: string, authorId: string) => `${reviewerId}_${authorId}`;
export const claimRef = (db: Firestore, space: string, round: string, reviewerId: string, authorId: string) =>
  doc(under(db, space, round, 'claims'), claimId(reviewerId, authorId));
export const reviewsOf = (db: Firestore, space: string, round: string, authorId: string) =>
  collection(submissionRef(db, space, round, authorId), 'reviews');
export const reviewRef = (db: Firestore, space: string, round: string, authorId: string, reviewId: string) =>
  doc(reviewsOf(db, space, round, authorId), reviewId);
/** A review's path under the space: what the ledger names. */
export const reviewPath = (round: string, authorId: string, reviewId: string) =>
  `feedbackRounds/${round}/submissions/${authorId}/reviews/${reviewId}`;

/** A new random id (20 characters, as Firestore's own). */
export const newId = (db: Firestore) => doc(collection(db, 'ids')).id;

const text = (value: unknown) => (typeof value === 'string' ? value : '');
const count = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : 0);
const record = (value: unknown) => (value && typeof value === 'object' ? (value as Record<string, unknown>) : {});

/** A round as stored, or the rules' defaults for what is missing. */
export function readRound(data: DocumentData | undefined): RoundSettings {
  if (!data) return DEFAULT_ROUND;
  const mins = Array.isArray(data.mins) ? data.mins.map(count) : DEFAULT_ROUND.mins;
  return {
    reviews: count(data.reviews) || DEFAULT_ROUND.reviews,
    claimHours: count(data.claimHours) || DEFAULT_ROUND.claimHours,
    submitBy: asDate(data.submitBy),
    reviewBy: asDate(data.reviewBy),
    reviewers: data.reviewers === 'named' ? 'named' : 'anonymous',
    mins,
  };
}

/** A round's settings as the rules take them. */
export const roundFields = (settings: RoundSettings) => ({
  reviews: settings.reviews,
  claimHours: settings.claimHours,
  submitBy: settings.submitBy ? Timestamp.fromDate(settings.submitBy) : null,
  reviewBy: settings.reviewBy ? Timestamp.fromDate(settings.reviewBy) : null,
  reviewers: settings.reviewers,
  mins: settings.mins,
});

export function readSubmission(data: DocumentData): Submission {
  return {
    authorId: text(data.authorId),
    authorName: text(data.authorName),
    text: text(data.text),
    link: text(data.link),
    createdAt: asDate(data.createdAt),
    updatedAt: asDate(data.updatedAt),
  };
}

export function readSlot(data: DocumentData): Slot {
  const holdTimes = Object.fromEntries(Object.entries(record(data.holds)).map(([id, at]) => [id, asDate(at)]));
  return {
    authorId: text(data.authorId),
    done: count(data.done),
    holds: Object.values(holdTimes),
    holdTimes,
    load: count(data.load),
    claims: count(data.claims),
  };
}

export function readReviewer(data: DocumentData | undefined): ReviewerState {
  return {
    claimed: count(data?.claimed),
    given: count(data?.given),
    open: text(data?.open),
    openAt: asDate(data?.openAt),
  };
}

export function readClaim(id: string, data: DocumentData): Claim {
  return {
    id,
    reviewerId: text(data.reviewerId),
    authorId: text(data.authorId),
    holdId: text(data.holdId),
    claimedAt: asDate(data.claimedAt),
    reviewId: text(data.reviewId),
    done: data.done === true,
  };
}

export function readReview(id: string, authorId: string, data: DocumentData): Review {
  const rating = typeof data.rating === 'number' && data.rating >= 1 && data.rating <= 5 ? data.rating : null;
  return {
    id,
    authorId,
    answers: Array.isArray(data.answers) ? data.answers.map(text) : [],
    reviewerId: text(data.reviewerId),
    reviewerName: text(data.reviewerName),
    createdAt: asDate(data.createdAt),
    rating,
    thanks: text(data.thanks),
    reported: data.reported === true,
    hidden: data.hidden === true,
  };
}

// ---------- queries ----------

/** The least-loaded page of others' work: the only list of slots the rules allow a learner. */
export const candidatesQuery = (db: Firestore, space: string, round: string, uid: string) =>
  query(under(db, space, round, 'slots'), where('authorId', '!=', uid), orderBy('load'), limit(CANDIDATES));
/** The learner's own claims (at most `reviews` of them count; lapsed ones stay). */
export const myClaimsQuery = (db: Firestore, space: string, round: string, uid: string) =>
  query(under(db, space, round, 'claims'), where('reviewerId', '==', uid), limit(PAGE_SIZE));
/** Reviews of the learner's work that are not hidden. */
export const receivedQuery = (db: Firestore, space: string, round: string, uid: string) =>
  query(reviewsOf(db, space, round, uid), where('hidden', '==', false), limit(PAGE_SIZE));
/** A facilitator's page of submissions, and of claims (who reviews whom). */
export const allSubmissionsQuery = (db: Firestore, space: string, round: string, size: number) =>
  query(under(db, space, round, 'submissions'), orderBy('createdAt'), limit(size));
export const allClaimsQuery = (db: Firestore, space: string, round: string, size: number) =>
  query(under(db, space, round, 'claims'), orderBy('claimedAt'), limit(size));
export const allSlotsQuery = (db: Firestore, space: string, round: string, size: number) =>
  query(under(db, space, round, 'slots'), limit(size));
/** Every review of one work (a facilitator's). */
export const reviewsQuery = (db: Firestore, space: string, round: string, authorId: string) =>
  query(reviewsOf(db, space, round, authorId), limit(PAGE_SIZE));

// ---------- writes ----------

export interface Writer {
  db: Firestore;
  space: string;
  round: string;
  uid: string;
}

/** Sharing: the work, its slot (the count allocation reads) and the ledger's shared. */
export function share(w: Writer, authorName: string, content: WorkContent): WriteBatch {
  const batch = writeBatch(w.db);
  batch.set(submissionRef(w.db, w.space, w.round, w.uid), {
    authorId: w.uid,
    authorName,
    ...content,
    createdAt: serverTimestamp(),
    updatedAt: serverTimestamp(),
  });
  batch.set(slotRef(w.db, w.space, w.round, w.uid), {
    authorId: w.uid,
    done: 0,
    holds: {},
    load: 0,
    claims: 0,
  });
  addContribution(batch, w.db, w.space, w.uid, 'shared', `feedbackRounds/${w.round}/submissions/${w.uid}`);
  return batch;
}

/** A new text or link, while nobody has claimed the work. */
export const editWork = (w: Writer, content: WorkContent) =>
  updateDoc(submissionRef(w.db, w.space, w.round, w.uid), { ...content, updatedAt: serverTimestamp() });

/** Withdrawing the work (and its slot) before anyone claimed it. */
export function withdraw(w: Writer): WriteBatch {
  const batch = writeBatch(w.db);
  batch.delete(submissionRef(w.db, w.space, w.round, w.uid));
  batch.delete(slotRef(w.db, w.space, w.round, w.uid));
  return batch;
}

/**
 * A claim on `slot`'s work: the claim (new, or the reviewer's lapsed one renewed), the work's hold with the load it
 * had plus one, and the reviewer's count.
 */
export function claim(
  w: Writer,
  slot: Slot,
  reviewer: ReviewerState,
  previous: Claim | undefined,
  holdId: string,
): WriteBatch {
  const batch = writeBatch(w.db);
  const ref = claimRef(w.db, w.space, w.round, w.uid, slot.authorId);
  const hold = previous?.holdId || holdId;
  if (previous) batch.update(ref, { claimedAt: serverTimestamp() });
  else {
    batch.set(ref, {
      reviewerId: w.uid,
      authorId: slot.authorId,
      holdId: hold,
      claimedAt: serverTimestamp(),
      reviewId: '',
      done: false,
    });
  }
  const holds = Object.keys(slot.holdTimes).length + (hold in slot.holdTimes ? 0 : 1);
  batch.update(slotRef(w.db, w.space, w.round, slot.authorId), {
    [`holds.${hold}`]: serverTimestamp(),
    load: slot.done + holds,
    claims: slot.claims + 1,
  });
  const replaces = reviewer.open !== '';
  const claimed = replaces ? reviewer.claimed : reviewer.claimed + 1;
  batch.set(reviewerRef(w.db, w.space, w.round, w.uid), {
    claimed,
    given: reviewer.given,
    open: slot.authorId,
    openAt: serverTimestamp(),
  });
  return batch;
}

/**
 * The review that closes the reviewer's open claim: the review under a random id, the claim closed with it, the
 * work's hold released and its done count + 1, the reviewer's count, and their ledger's feedback given. It moves
 * counts by increments, so claims others make on the same work meanwhile never make it stale; `slot` only says
 * whether the claim's hold is still there (a facilitator may have released it).
 */
export function review(
  w: Writer,
  open: Claim,
  slot: Slot,
  reviewId: string,
  answers: string[],
  named: { name: string } | null,
  now = new Date(),
): WriteBatch {
  const batch = writeBatch(w.db);
  batch.set(reviewRef(w.db, w.space, w.round, open.authorId, reviewId), {
    answers,
    reviewerId: named ? w.uid : '',
    reviewerName: named ? named.name : '',
    createdAt: serverTimestamp(),
    rating: null,
    thanks: '',
    ratedAt: null,
    reported: false,
    hidden: false,
  });
  batch.update(claimRef(w.db, w.space, w.round, w.uid, open.authorId), { reviewId, done: true });
  // load = done + holds: the hold's release and the review cancel out, unless the hold was already released.
  const held = open.holdId in slot.holdTimes;
  batch.update(slotRef(w.db, w.space, w.round, open.authorId), {
    [`holds.${open.holdId}`]: deleteField(),
    done: increment(1),
    ...(held ? {} : { load: increment(1) }),
  });
  batch.update(reviewerRef(w.db, w.space, w.round, w.uid), { given: increment(1), open: '', openAt: null });
  addContribution(batch, w.db, w.space, w.uid, 'feedbackGiven', reviewPath(w.round, open.authorId, reviewId), now);
  return batch;
}

/** The author's one rating of a review of their work, with an optional thanks: feedback received in the ledger. */
export function rate(w: Writer, reviewId: string, rating: number, thanks: string, now = new Date()): WriteBatch {
  const batch = writeBatch(w.db);
  batch.update(reviewRef(w.db, w.space, w.round, w.uid, reviewId), { rating, thanks, ratedAt: serverTimestamp() });
  addContribution(batch, w.db, w.space, w.uid, 'feedbackReceived', reviewPath(w.round, w.uid, reviewId), now);
  return batch;
}

/** The author reports a review of their work to the facilitators. */
export const report = (w: Writer, reviewId: string) =>
  updateDoc(reviewRef(w.db, w.space, w.round, w.uid, reviewId), { reported: true });

/** A facilitator hides a review from its author, or restores it. */
export const setHidden = (w: Writer, authorId: string, reviewId: string, hidden: boolean) =>
  updateDoc(reviewRef(w.db, w.space, w.round, authorId, reviewId), { hidden });

/** A facilitator releases a lapsed claim's hold, so the work is offered again. */
export function release(w: Writer, slot: Slot, holdId: string) {
  const holds = Object.keys(slot.holdTimes).filter((id) => id !== holdId).length;
  return updateDoc(slotRef(w.db, w.space, w.round, slot.authorId), {
    [`holds.${holdId}`]: deleteField(),
    load: slot.done + holds,
  });
}

/** A facilitator stores the page's settings for the rules. */
export const storeRound = (w: Writer, settings: RoundSettings) =>
  setDoc(roundRef(w.db, w.space, w.round), roundFields(settings));

/** The stored round (defaults when there is none or it cannot be read). */
export const loadRound = (db: Firestore, space: string, round: string) =>
  getDoc(roundRef(db, space, round)).then(
    (snapshot) => ({ settings: readRound(snapshot.data()), stored: snapshot.exists() }),
    () => ({ settings: DEFAULT_ROUND, stored: false }),
  );

/** The least-loaded page of others' work, read from the server (a claim must build on what it holds). */
export const loadCandidates = (db: Firestore, space: string, round: string, uid: string): Promise<Slot[]> =>
  getDocs(candidatesQuery(db, space, round, uid)).then((snapshot) =>
    snapshot.docs.map((each) => readSlot(each.data({ serverTimestamps: 'estimate' }))),
  );

/** The learner's reviewer document, from the server (through the page's listener of it, when there is one). */
export const loadReviewer = (db: Firestore, space: string, round: string, uid: string) =>
  getDocFromServer(reviewerRef(db, space, round, uid)).then((snapshot) =>
    readReviewer(snapshot.data({ serverTimestamps: 'estimate' })),
  );

/** One slot, read from the server. */
export const loadSlot = (db: Firestore, space: string, round: string, uid: string) =>
  getDoc(slotRef(db, space, round, uid)).then((snapshot) =>
    snapshot.exists() ? readSlot(snapshot.data({ serverTimestamps: 'estimate' })) : null,
  );

/** A review by its id (the reviewer reads their own this way; nobody lists them but the author). */
export const loadReview = (db: Firestore, space: string, round: string, authorId: string, reviewId: string) =>
  getDoc(reviewRef(db, space, round, authorId, reviewId)).then((snapshot) =>
    snapshot.exists() ? readReview(reviewId, authorId, snapshot.data({ serverTimestamps: 'estimate' })) : null,
  );

/** A work by its author (a reviewer reads the work they claimed). */
export const loadSubmission = (db: Firestore, space: string, round: string, uid: string) =>
  getDoc(submissionRef(db, space, round, uid)).then((snapshot) =>
    snapshot.exists() ? readSubmission(snapshot.data({ serverTimestamps: 'estimate' })) : null,
  );

export type { Query };
