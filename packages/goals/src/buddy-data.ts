// Accountability buddies, with Firestore: who waits for a buddy, the pairs, and the claim that pairs two waiting
// learners. Loaded with the board's data after first paint. Rules: the buddies and pairs matches of goals.rules.
import {
  arrayRemove,
  arrayUnion,
  collection,
  doc,
  getDoc,
  getDocs,
  limit,
  orderBy,
  query,
  serverTimestamp,
  where,
  writeBatch,
  type DocumentData,
  type Firestore,
  type WriteBatch,
} from 'firebase/firestore';
import { asDate, writingTo } from '@cohort-kit/core/data.js';
import { boardRef, goalsOf } from './goals-data.js';
import { PAGE_SIZE } from './goals-limits.js';

const text = (value: unknown) => (typeof value === 'string' ? value : '');

export type BuddyState = 'waiting' | 'paired' | 'out';

export interface Buddy {
  uid: string;
  name: string;
  state: BuddyState;
  pairId: string | null;
  since: Date | null;
}

/** A buddy's check-in made while the page is open: their name and how they are doing ("On track"). */
export interface BuddyNews {
  name: string;
  status: string;
}

export interface Pair {
  id: string;
  members: string[];
  left: string[];
}

export const buddyRef = (db: Firestore, space: string, board: string, uid: string) =>
  doc(boardRef(db, space, board), 'buddies', uid);
export const pairRef = (db: Firestore, space: string, board: string, pairId: string) =>
  doc(boardRef(db, space, board), 'pairs', pairId);

export function readBuddy(uid: string, data: DocumentData | undefined): Buddy {
  const state = data?.state === 'waiting' || data?.state === 'paired' ? (data.state as BuddyState) : 'out';
  return {
    uid,
    name: text(data?.name),
    state,
    pairId: typeof data?.pairId === 'string' ? data.pairId : null,
    since: asDate(data?.since),
  };
}

const uids = (value: unknown) => (Array.isArray(value) ? value.filter((each) => typeof each === 'string') : []);
export const readPair = (id: string, data: DocumentData | undefined): Pair => ({
  id,
  members: uids(data?.members),
  left: uids(data?.left),
});

/** Learners of the board waiting for a buddy, longest first (the pairing order every waiting learner computes). */
export const waitingQuery = (db: Firestore, space: string, board: string) =>
  query(
    collection(boardRef(db, space, board), 'buddies'),
    where('state', '==', 'waiting'),
    orderBy('since'),
    limit(PAGE_SIZE),
  );

/** The newest pairs of the board: where an odd learner looks for a pair of two to join. */
export const recentPairsQuery = (db: Firestore, space: string, board: string) =>
  query(collection(boardRef(db, space, board), 'pairs'), orderBy('createdAt', 'desc'), limit(PAGE_SIZE));

/** The buddies' visible goals (private ones stay theirs): shown first on the board. */
export const buddyGoalsQuery = (db: Firestore, space: string, board: string, buddies: string[]) =>
  query(
    goalsOf(db, space, board),
    where('ownerId', 'in', buddies),
    where('visibility', '==', 'cohort'),
    where('hidden', '==', false),
    limit(PAGE_SIZE),
  );

export interface BuddyWriter {
  db: Firestore;
  space: string;
  board: string;
  uid: string;
  /** The learner's name in the space (their member document's), shown to their buddy. */
  name: string;
}

const ownBuddy = (w: BuddyWriter, state: BuddyState, pairId: string | null) => ({
  name: w.name,
  state,
  pairId,
  since: serverTimestamp(),
});

/** Takes the learner out of the pair they were in (it keeps them in `left`). */
function leavePair(batch: WriteBatch, w: BuddyWriter, pairId: string) {
  batch.update(pairRef(w.db, w.space, w.board, pairId), { members: arrayRemove(w.uid), left: arrayUnion(w.uid) });
}

/** "Find me a buddy": the learner waits to be paired (leaving a pair whose buddy left, if they were in one). */
export function lookForBuddy(w: BuddyWriter, current: Buddy | null): WriteBatch {
  const batch = writeBatch(w.db);
  if (current?.state === 'paired' && current.pairId) leavePair(batch, w, current.pairId);
  batch.set(buddyRef(w.db, w.space, w.board, w.uid), ownBuddy(w, 'waiting', null));
  return batch;
}

/** Stop looking, or leave the pairing. */
export function stopBuddying(w: BuddyWriter, current: Buddy): WriteBatch {
  const batch = writeBatch(w.db);
  if (current.state === 'paired' && current.pairId) leavePair(batch, w, current.pairId);
  batch.set(buddyRef(w.db, w.space, w.board, w.uid), ownBuddy(w, 'out', null));
  return batch;
}

/** A new pair's document, under a random id. */
export const newPairRef = (w: BuddyWriter) => doc(collection(boardRef(w.db, w.space, w.board), 'pairs'));

/** Claims a waiting learner as the learner's buddy: a new pair, both paired, in one batch. */
export function claimBuddy(w: BuddyWriter, other: string, pair = newPairRef(w)): WriteBatch {
  const batch = writeBatch(w.db);
  batch.set(pair, { members: [other, w.uid], left: [], createdAt: serverTimestamp() });
  batch.update(buddyRef(w.db, w.space, w.board, other), { state: 'paired', pairId: pair.id, since: serverTimestamp() });
  batch.set(buddyRef(w.db, w.space, w.board, w.uid), ownBuddy(w, 'paired', pair.id));
  return batch;
}

/** The odd learner joins a pair of two as its third. */
export function joinPair(w: BuddyWriter, pairId: string): WriteBatch {
  const batch = writeBatch(w.db);
  batch.update(pairRef(w.db, w.space, w.board, pairId), { members: arrayUnion(w.uid) });
  batch.set(buddyRef(w.db, w.space, w.board, w.uid), ownBuddy(w, 'paired', pairId));
  return batch;
}

/** A buddy's name as they gave it when they opted in (undefined when it cannot be read now). */
export const loadBuddyName = (db: Firestore, space: string, board: string, uid: string) =>
  getDoc(buddyRef(db, space, board, uid)).then(
    (snapshot): string | undefined => readBuddy(uid, snapshot.data()).name,
    () => undefined,
  );

/** Pairs of two the learner could join as a third, newest first (none when they cannot be read). */
export const pairsOfTwo = (db: Firestore, space: string, board: string, uid: string) =>
  getDocs(recentPairsQuery(db, space, board)).then(
    (snapshot) =>
      snapshot.docs
        .map((each) => readPair(each.id, each.data()))
        .filter((pair) => pair.members.length === 2 && !pair.members.includes(uid)),
    () => [],
  );

/**
 * Whom a waiting learner claims, from the waiting list in its order: the learner at an odd place claims the one just
 * before, so every waiting learner computing the same list makes disjoint claims. Nobody, at an even place.
 */
export function buddyToClaim(waiting: readonly string[], uid: string): string | undefined {
  const place = waiting.indexOf(uid);
  return place > 0 && place % 2 === 1 ? waiting[place - 1] : undefined;
}

/** How many times in a row a claim on the same learner may be refused before the matcher stops claiming them. */
const MAX_REFUSALS = 5;

/**
 * Pairs this learner while they wait: given each server-confirmed waiting list and their own state, it claims the
 * learner `buddyToClaim` names. A claim refused (someone else was quicker, or claimed this learner) changes the list
 * or the learner's state, which brings the next decision. One refused while the list names the same learner to
 * claim (the round closed, or that learner can no longer be claimed) is tried again a few times, a moment apart,
 * and then not until the list names someone else. The list itself is no guide to that: each try takes both learners
 * out of this device's list while it is on its way, and a refusal puts them back.
 */
export class BuddyMatcher {
  #waiting: readonly string[] = [];
  #own: Buddy | null = null;
  #claiming = false;
  #retry?: ReturnType<typeof setTimeout>;
  /** The learner whose claim was refused last, and how many times in a row. */
  #refused?: { other: string; times: number };

  /** `writer` is asked at each claim: the learner's name may load after the matcher starts (a reload). */
  constructor(private readonly writer: () => BuddyWriter) {}

  update(change: { waiting?: readonly string[]; own?: Buddy | null }): void {
    if (change.waiting) this.#waiting = change.waiting;
    if (change.own !== undefined) this.#own = change.own;
    void this.#consider();
  }

  stop(): void {
    clearTimeout(this.#retry);
    this.#retry = undefined;
    this.#own = null;
  }

  async #consider() {
    if (this.#claiming || this.#retry || this.#own?.state !== 'waiting') return;
    const other = buddyToClaim(this.#waiting, this.writer().uid);
    if (!other || (this.#refused?.other === other && this.#refused.times >= MAX_REFUSALS)) return;
    this.#claiming = true;
    const tried = this.#waiting;
    let refused = false;
    try {
      // The learner's own document, and the pair it names at once, are listened to: see writingTo.
      const w = this.writer();
      const pair = newPairRef(w);
      await writingTo(claimBuddy(w, other, pair).commit(), buddyRef(w.db, w.space, w.board, w.uid), pair);
    } catch {
      refused = true;
    } finally {
      this.#claiming = false;
    }
    this.#refused = refused
      ? { other, times: this.#refused?.other === other ? this.#refused.times + 1 : 1 }
      : undefined;
    // The list moved on while the claim was out: decide again on the new one.
    if (this.#waiting !== tried) void this.#consider();
    // Refused on a list that has not changed (yet): try again after a moment, at a random offset so two learners
    // do not collide again.
    else if (refused)
      this.#retry = setTimeout(
        () => {
          this.#retry = undefined;
          void this.#consider();
        },
        300 + Math.random() * 700,
      );
  }
}
