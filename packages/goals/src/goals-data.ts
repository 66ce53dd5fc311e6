// Everything the goal board does with Firestore. Loaded by dynamic import after first paint.
//
// Layout, under spaces/{space}/goalBoards/{board} (rules: packages/goals/rules/goals.rules):
//   (board doc)            maxGoals — optional, a facilitator's; without it one active goal per learner
//   goals/{goalId}         ownerId, ownerName, text, why, firstStep, targetDate ('YYYY-MM-DD' or null), visibility
//                          ('cohort' | 'private'), status ('active' | 'done' | 'paused'), edited, edits, cheers,
//                          checkIns, lastCheckIn {id, status, note, at} | null, reflection {id, text, at} | null,
//                          hidden, reportCount, createdAt, updatedAt, lastActivityAt
//   goals/{id}/versions/{n}   the wording before edit n
//   goals/{id}/checkIns/{id}  status, note, by, at, cheers — the timeline, read on demand
//   goals/{id}/checkIns/{id}/cheers/{uid}  note, at, hidden — one per learner per check-in
//   goals/{id}/reflections/{id} text, by, at
//   goals/{id}/cheers/{uid}   note, at, hidden — one per learner per goal; the owner or a facilitator hides a note
//   goals/{id}/reports/{uid}  reason, note, createdAt — one per learner
//   buddies/{uid}          name, state ('waiting' | 'paired' | 'out'), pairId, since — accountability buddies
//   pairs/{pairId}         members (2, or 3 with an odd learner), left (who left it), createdAt
// and, under spaces/{space}:
//   goalRates/{uid}        lastAt, windowStart, count, boardId, goalId, active {board: n} — the owner's rate in the
//                          space (a board id is anyone's to make up: a rate per board would limit nothing) and their
//                          active goals by board
//
// Every write is one batch that also pays the owner's rate document (their own goal writes) and the activity
// ledger (a new goal, a check-in, a reflection, a cheer). Card data is copied onto the goal (latest check-in,
// reflection, cheer count), so a board view reads a page of goals plus the learner's own: constant in board size.
import {
  collection,
  doc,
  getDoc,
  getDocs,
  increment,
  limit,
  orderBy,
  query,
  serverTimestamp,
  setDoc,
  updateDoc,
  waitForPendingWrites,
  where,
  writeBatch,
  type DocumentData,
  type Firestore,
  type Query,
  type WriteBatch,
} from 'firebase/firestore';
import {
  addContribution,
  asDate,
  nextRateFields,
  readRate,
  type RateDocument,
  type RateState,
} from '@cohort-kit/core/data.js';
import {
  CHECK_IN_STATUSES,
  GOAL_STATUSES,
  PAGE_SIZE,
  type CheckInStatus,
  type GoalStatus,
  type Visibility,
} from './goals-limits.js';

export * from './goals-limits.js';

/** At most one write of a learner's own goals per 3 seconds and 60 an hour (goals.rules, rates/{uid}). */
export const GOAL_RATE: RateDocument = {
  limit: { minSeconds: 3, perWindow: 60, windowMs: 3_600_000 },
  lastAtField: 'lastAt',
};

export interface GoalContent {
  text: string;
  why: string;
  firstStep: string;
  /** 'YYYY-MM-DD' or null */
  targetDate: string | null;
}

export interface CheckIn {
  id: string;
  status: CheckInStatus;
  note: string;
  at: Date | null;
  cheers: number;
}

export interface Goal extends GoalContent {
  id: string;
  ownerId: string;
  ownerName: string;
  visibility: Visibility;
  status: GoalStatus;
  edited: boolean;
  edits: number;
  cheers: number;
  checkIns: number;
  lastCheckIn: CheckIn | null;
  reflection: { id: string; text: string; at: Date | null } | null;
  hidden: boolean;
  reportCount: number;
  createdAt: Date | null;
  lastActivityAt: Date | null;
  /** This device's write has not reached the server yet. */
  pending?: boolean;
}

/** The owner's rate document as last seen: the rate and how many active goals they hold. */
export interface RateSnapshot {
  rate: RateState | null;
  active: number;
}

export const boardRef = (db: Firestore, space: string, board: string) => doc(db, 'spaces', space, 'goalBoards', board);
export const goalsOf = (db: Firestore, space: string, board: string) => collection(boardRef(db, space, board), 'goals');
export const goalRef = (db: Firestore, space: string, board: string, goalId: string) =>
  doc(goalsOf(db, space, board), goalId);
export const rateRef = (db: Firestore, space: string, uid: string) => doc(db, 'spaces', space, 'goalRates', uid);
export const checkInsOf = (db: Firestore, space: string, board: string, goalId: string) =>
  collection(goalRef(db, space, board, goalId), 'checkIns');
const goalPath = (board: string, goalId: string) => `goalBoards/${board}/goals/${goalId}`;

/** A new document id (20 characters, as Firestore's own). */
export const newId = (db: Firestore, space: string, board: string) => doc(goalsOf(db, space, board)).id;

const text = (value: unknown) => (typeof value === 'string' ? value : '');
const count = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

function readCheckIn(value: unknown): CheckIn | null {
  if (!value || typeof value !== 'object') return null;
  const data = value as Record<string, unknown>;
  const status = CHECK_IN_STATUSES.includes(data.status as CheckInStatus) ? (data.status as CheckInStatus) : 'onTrack';
  return { id: text(data.id), status, note: text(data.note), at: asDate(data.at), cheers: count(data.cheers) };
}

/** A goal as stored: anything missing or of the wrong type reads as empty, never as a crash. */
export function readGoal(id: string, data: DocumentData, pending = false): Goal {
  const reflection = data.reflection && typeof data.reflection === 'object' ? (data.reflection as DocumentData) : null;
  return {
    id,
    ownerId: text(data.ownerId),
    ownerName: text(data.ownerName),
    text: text(data.text),
    why: text(data.why),
    firstStep: text(data.firstStep),
    targetDate: typeof data.targetDate === 'string' ? data.targetDate : null,
    visibility: data.visibility === 'private' ? 'private' : 'cohort',
    status: GOAL_STATUSES.includes(data.status as GoalStatus) ? (data.status as GoalStatus) : 'active',
    edited: Boolean(data.edited),
    edits: count(data.edits),
    cheers: count(data.cheers),
    checkIns: count(data.checkIns),
    lastCheckIn: readCheckIn(data.lastCheckIn),
    reflection: reflection ? { id: text(reflection.id), text: text(reflection.text), at: asDate(reflection.at) } : null,
    hidden: Boolean(data.hidden),
    reportCount: count(data.reportCount),
    createdAt: asDate(data.createdAt),
    lastActivityAt: asDate(data.lastActivityAt),
    pending,
  };
}

/** The rate, and the active goals on `board`, from the owner's rate document. */
export function readRateSnapshot(data: DocumentData | undefined, board: string): RateSnapshot {
  const active = data?.active as Record<string, unknown> | undefined;
  return { rate: readRate(data, GOAL_RATE), active: count(active?.[board]) };
}

/**
 * The board's queries, each at most a page: goals the cohort sees (newest activity first), the learner's own
 * (private ones too), and for a facilitator every goal. Only these shapes pass the rules' list check.
 */
export function boardQuery(db: Firestore, space: string, board: string, size: number, facilitator: boolean): Query {
  const goals = goalsOf(db, space, board);
  return facilitator
    ? query(goals, orderBy('lastActivityAt', 'desc'), limit(size))
    : query(
        goals,
        where('visibility', '==', 'cohort'),
        where('hidden', '==', false),
        orderBy('lastActivityAt', 'desc'),
        limit(size),
      );
}
export const myGoalsQuery = (db: Firestore, space: string, board: string, uid: string) =>
  query(goalsOf(db, space, board), where('ownerId', '==', uid), limit(PAGE_SIZE));
export const timelineQuery = (db: Firestore, space: string, board: string, goalId: string) =>
  query(checkInsOf(db, space, board, goalId), orderBy('at', 'desc'), limit(PAGE_SIZE));

export interface Writer {
  db: Firestore;
  space: string;
  board: string;
  uid: string;
  /** The owner's rate document as last seen (null when they have none yet). */
  rate: RateSnapshot | null;
}

const activeOf = (status: GoalStatus) => (status === 'active' ? 1 : 0);

function payRate(batch: WriteBatch, w: Writer, goalId: string, activeDelta: number, now: number) {
  const fields = nextRateFields(
    w.rate?.rate ?? null,
    GOAL_RATE,
    { boardId: w.board, goalId, active: { [w.board]: (w.rate?.active ?? 0) + activeDelta } },
    now,
  );
  // Merged: the counts of the learner's other boards stay as they are.
  batch.set(rateRef(w.db, w.space, w.uid), fields, { merge: true });
}

/** A new goal's document as the rules take it: active, unedited, uncheered, timed by the server. */
export const newGoalFields = (uid: string, ownerName: string, content: GoalContent, visibility: Visibility) => ({
  ownerId: uid,
  ownerName,
  ...content,
  visibility,
  status: 'active',
  edited: false,
  edits: 0,
  cheers: 0,
  checkIns: 0,
  lastCheckIn: null,
  reflection: null,
  hidden: false,
  reportCount: 0,
  createdAt: serverTimestamp(),
  updatedAt: serverTimestamp(),
  lastActivityAt: serverTimestamp(),
});

/** A new goal, active: the goal, the owner's rate document (one more active goal) and the ledger. */
export function setGoal(
  w: Writer,
  goalId: string,
  ownerName: string,
  content: GoalContent,
  visibility: Visibility,
  now = Date.now(),
): WriteBatch {
  const batch = writeBatch(w.db);
  batch.set(goalRef(w.db, w.space, w.board, goalId), newGoalFields(w.uid, ownerName, content, visibility));
  payRate(batch, w, goalId, 1, now);
  addContribution(batch, w.db, w.space, w.uid, 'goals', goalPath(w.board, goalId), new Date(now));
  return batch;
}

/** A new wording: the one before is kept as versions/{edits}, and the goal is marked edited. */
export function editGoal(w: Writer, goal: Goal, content: GoalContent, now = Date.now()): WriteBatch {
  const batch = writeBatch(w.db);
  const ref = goalRef(w.db, w.space, w.board, goal.id);
  batch.set(doc(ref, 'versions', String(goal.edits)), {
    text: goal.text,
    why: goal.why,
    firstStep: goal.firstStep,
    targetDate: goal.targetDate,
    savedAt: serverTimestamp(),
  });
  batch.update(ref, {
    ...content,
    edited: true,
    edits: goal.edits + 1,
    updatedAt: serverTimestamp(),
    lastActivityAt: serverTimestamp(),
  });
  payRate(batch, w, goal.id, 0, now);
  return batch;
}

/** Done, paused or active again, or who sees it. */
export function changeGoal(
  w: Writer,
  goal: Goal,
  change: { status?: GoalStatus; visibility?: Visibility },
  now = Date.now(),
): WriteBatch {
  const batch = writeBatch(w.db);
  const status = change.status ?? goal.status;
  batch.update(goalRef(w.db, w.space, w.board, goal.id), {
    status,
    visibility: change.visibility ?? goal.visibility,
    updatedAt: serverTimestamp(),
    lastActivityAt: serverTimestamp(),
  });
  payRate(batch, w, goal.id, activeOf(status) - activeOf(goal.status), now);
  return batch;
}

/** A check-in: its document (the timeline), a copy on the goal for the card, the rate and the ledger. */
export function checkIn(
  w: Writer,
  goal: Pick<Goal, 'id'>,
  checkInId: string,
  status: CheckInStatus,
  note: string,
  now = Date.now(),
): WriteBatch {
  const batch = writeBatch(w.db);
  const ref = goalRef(w.db, w.space, w.board, goal.id);
  batch.set(doc(ref, 'checkIns', checkInId), { status, note, by: w.uid, at: serverTimestamp(), cheers: 0 });
  batch.update(ref, {
    lastCheckIn: { id: checkInId, status, note, at: serverTimestamp(), cheers: 0 },
    checkIns: increment(1),
    updatedAt: serverTimestamp(),
    lastActivityAt: serverTimestamp(),
  });
  payRate(batch, w, goal.id, 0, now);
  addContribution(
    batch,
    w.db,
    w.space,
    w.uid,
    'checkIns',
    `${goalPath(w.board, goal.id)}/checkIns/${checkInId}`,
    new Date(now),
  );
  return batch;
}

/** A reflection on the learner's goal, shown on the card under it. */
export function reflect(w: Writer, goalId: string, reflectionId: string, body: string, now = Date.now()): WriteBatch {
  const batch = writeBatch(w.db);
  const ref = goalRef(w.db, w.space, w.board, goalId);
  batch.set(doc(ref, 'reflections', reflectionId), { text: body, by: w.uid, at: serverTimestamp() });
  batch.update(ref, {
    reflection: { id: reflectionId, text: body, at: serverTimestamp() },
    updatedAt: serverTimestamp(),
    lastActivityAt: serverTimestamp(),
  });
  payRate(batch, w, goalId, 0, now);
  addContribution(
    batch,
    w.db,
    w.space,
    w.uid,
    'reflections',
    `${goalPath(w.board, goalId)}/reflections/${reflectionId}`,
    new Date(now),
  );
  return batch;
}

/**
 * One cheer on someone else's goal, or on one of its check-ins (`checkInId`): the cheer, its count + 1 (and the
 * card's copy when it is the latest check-in) and the cheerer's ledger.
 */
export function cheer(
  w: Omit<Writer, 'rate'>,
  goal: Pick<Goal, 'id'> & Partial<Pick<Goal, 'lastCheckIn'>>,
  note: string,
  checkInId?: string,
  now = Date.now(),
): WriteBatch {
  const batch = writeBatch(w.db);
  const ref = goalRef(w.db, w.space, w.board, goal.id);
  const cheered = checkInId ? doc(ref, 'checkIns', checkInId) : ref;
  batch.set(doc(cheered, 'cheers', w.uid), { note, at: serverTimestamp(), hidden: false });
  batch.update(cheered, { cheers: increment(1) });
  if (checkInId && goal.lastCheckIn?.id === checkInId) batch.update(ref, { 'lastCheckIn.cheers': increment(1) });
  const path = checkInId ? `${goalPath(w.board, goal.id)}/checkIns/${checkInId}` : goalPath(w.board, goal.id);
  addContribution(batch, w.db, w.space, w.uid, 'cheers', `${path}/cheers/${w.uid}`, new Date(now));
  return batch;
}

/** The cheers on a goal (or a check-in) with their notes, newest first: read when its owner opens them. */
export const loadCheers = (db: Firestore, space: string, board: string, goalId: string, checkInId?: string) => {
  const goal = goalRef(db, space, board, goalId);
  const cheers = collection(checkInId ? doc(goal, 'checkIns', checkInId) : goal, 'cheers');
  return getDocs(query(cheers, where('hidden', '==', false), orderBy('at', 'desc'), limit(PAGE_SIZE))).then(
    (snapshot) =>
      snapshot.docs.map((each) => ({
        uid: each.id,
        note: text(each.get('note')),
        at: asDate(each.get('at')),
      })),
  );
};

/** The goal's owner (or a facilitator) hides a cheer's note; a facilitator may show it again. */
export const hideCheer = (
  db: Firestore,
  space: string,
  board: string,
  goalId: string,
  uid: string,
  hidden: boolean,
  checkInId?: string,
) => {
  const goal = goalRef(db, space, board, goalId);
  return updateDoc(doc(checkInId ? doc(goal, 'checkIns', checkInId) : goal, 'cheers', uid), { hidden });
};

/** One report per learner; the goal hides itself once the space's threshold of reports is reached. */
export function reportGoal(
  db: Firestore,
  space: string,
  board: string,
  goal: Pick<Goal, 'id' | 'reportCount' | 'hidden'>,
  uid: string,
  report: { reason: string; note: string },
  threshold: number,
): WriteBatch {
  const batch = writeBatch(db);
  const ref = goalRef(db, space, board, goal.id);
  const reportCount = goal.reportCount + 1;
  batch.set(doc(ref, 'reports', uid), { ...report, createdAt: serverTimestamp() });
  batch.update(ref, { reportCount, hidden: goal.hidden || reportCount >= threshold });
  return batch;
}

export const cheerRef = (db: Firestore, space: string, board: string, goalId: string, uid: string) =>
  doc(goalRef(db, space, board, goalId), 'cheers', uid);

/** The board's limit of active goals per learner as stored (1 when no facilitator set one, or it cannot be read). */
export const storedLimit = (db: Firestore, space: string, board: string) =>
  getDoc(boardRef(db, space, board)).then(
    (snapshot) => Number(snapshot.data()?.maxGoals) || 1,
    () => 1,
  );

/** A facilitator stores the page's limit for the rules. */
export const storeLimit = (db: Firestore, space: string, board: string, maxGoals: number) =>
  setDoc(boardRef(db, space, board), { maxGoals });

/** Whether `uid` has cheered the goal, or one of its check-ins (false when it cannot be read, offline for one). */
export const hasCheered = (
  db: Firestore,
  space: string,
  board: string,
  goalId: string,
  uid: string,
  checkInId?: string,
) =>
  getDoc(
    checkInId
      ? doc(checkInsOf(db, space, board, goalId), checkInId, 'cheers', uid)
      : cheerRef(db, space, board, goalId, uid),
  ).then(
    (snapshot) => snapshot.exists(),
    () => false,
  );

/**
 * The learner's rate document as the server last had it (empty when they have none or it cannot be read). A write
 * of theirs still on its way (made offline, kept through a reload) is waited for first: the next write must build
 * on what the server will hold, not on this device's estimate of its times.
 */
export async function loadRate(db: Firestore, space: string, board: string, uid: string): Promise<RateSnapshot> {
  try {
    let snapshot = await getDoc(rateRef(db, space, uid));
    if (snapshot.metadata.hasPendingWrites) {
      await waitForPendingWrites(db);
      snapshot = await getDoc(rateRef(db, space, uid));
    }
    return readRateSnapshot(snapshot.data({ serverTimestamps: 'estimate' }), board);
  } catch {
    return readRateSnapshot(undefined, board);
  }
}

/** A goal's check-ins, newest first (empty when they cannot be read). */
export const loadTimeline = (db: Firestore, space: string, board: string, goalId: string): Promise<CheckIn[]> =>
  getDocs(timelineQuery(db, space, board, goalId)).then(
    (snapshot) =>
      snapshot.docs.flatMap((each) => {
        const entry = readCheckIn({ ...each.data({ serverTimestamps: 'estimate' }), id: each.id });
        return entry ? [entry] : [];
      }),
    () => [],
  );

/** A facilitator hides a goal from the cohort, or restores it (which clears the reports that hid it). */
export const setHidden = (db: Firestore, space: string, board: string, goalId: string, hidden: boolean) =>
  updateDoc(goalRef(db, space, board, goalId), hidden ? { hidden } : { hidden, reportCount: 0 });
