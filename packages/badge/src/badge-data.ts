// <cohort-badge>'s paths, converters, queries and writes: the only module of the badge with the Firebase SDK
// (with preview-seed.ts). Layout under spaces/{space} (packages/badge/rules/badge.rules):
//   badges/{badge}                    the definition (the CLI's): name, description, criteria, hints, edition,
//                                     closesAt, image, retired, retiredAt, issued, createdAt, updatedAt
//   badges/{badge}/holders/{uid}      number, name ('' = "A cohort member"), claimedAt
//   badges/{badge}/credentials/{uid}  jwt, number, issuedAt: the holder's signed credential, theirs alone to read
//   badges/{badge}/queue/{uid}        at: a learner waiting for their turn to claim, while others claim too
// A claim is one batch: the count + 1 and the holder numbered the new count. Two learners who read the same count
// ask for the same number; the rules refuse the second batch, which reads the count again and asks for the next.
// So that a burst of learners does not spend its time refusing each other, each first takes a ticket in the queue
// and claims in the order the server stamped them; the rules judge the claim alone, whatever the queue says.
import {
  deleteDoc,
  doc,
  getDoc,
  getDocFromServer,
  limit,
  onSnapshot,
  orderBy,
  query,
  serverTimestamp,
  setDoc,
  writeBatch,
  collection,
  type DocumentData,
  type DocumentReference,
  type Firestore,
  type Query,
  type WriteBatch,
} from 'firebase/firestore';
import { asDate } from '@cohort-kit/core/data.js';
import { CRITERIA, type Criteria } from './badge-limits.js';

export * from './badge-limits.js';

export interface Badge {
  id: string;
  name: string;
  description: string;
  /** Ledger counter → how many. */
  criteria: Criteria;
  /** Ledger counter → how to make progress, in the course team's words. */
  hints: Record<string, string>;
  edition: number;
  closesAt: Date | null;
  image: string;
  retired: boolean;
  retiredAt: Date | null;
  issued: number;
}

export interface Holder {
  uid: string;
  number: number;
  /** '' when the holder chose to appear as "A cohort member". */
  name: string;
  claimedAt: Date | null;
}

export interface Credential {
  jwt: string;
  number: number;
}

export const badgeRef = (db: Firestore, space: string, badge: string) => doc(db, 'spaces', space, 'badges', badge);
export const holdersOf = (db: Firestore, space: string, badge: string) =>
  collection(badgeRef(db, space, badge), 'holders');
export const holderRef = (db: Firestore, space: string, badge: string, uid: string) =>
  doc(holdersOf(db, space, badge), uid);
export const queueOf = (db: Firestore, space: string, badge: string) => collection(badgeRef(db, space, badge), 'queue');
export const ticketRef = (db: Firestore, space: string, badge: string, uid: string) =>
  doc(queueOf(db, space, badge), uid);
export const credentialRef = (db: Firestore, space: string, badge: string, uid: string) =>
  doc(badgeRef(db, space, badge), 'credentials', uid);
export { ledgerRef } from '@cohort-kit/core/data.js';

const text = (value: unknown) => (typeof value === 'string' ? value : '');
const whole = (value: unknown) => (typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : 0);

/** Only the ledger's counters, with whole positive counts: anything else stored reads as no criterion. */
function knownCounts(value: unknown): Record<string, number> {
  const kinds = new Set(Object.values(CRITERIA));
  const entries = value && typeof value === 'object' ? Object.entries(value as DocumentData) : [];
  return Object.fromEntries(entries.filter(([kind, count]) => kinds.has(kind) && whole(count)));
}

/** A definition as stored: anything missing or of the wrong type reads as empty, never as a crash. */
export function readBadge(id: string, data: DocumentData): Badge {
  const hints = data.hints && typeof data.hints === 'object' ? (data.hints as DocumentData) : {};
  return {
    id,
    name: text(data.name),
    description: text(data.description),
    criteria: knownCounts(data.criteria),
    hints: Object.fromEntries(Object.entries(hints).filter(([, hint]) => typeof hint === 'string')),
    edition: whole(data.edition),
    closesAt: asDate(data.closesAt),
    image: text(data.image),
    retired: data.retired === true,
    retiredAt: asDate(data.retiredAt),
    issued: typeof data.issued === 'number' ? data.issued : 0,
  };
}

export const readHolder = (uid: string, data: DocumentData): Holder => ({
  uid,
  number: whole(data.number),
  name: text(data.name),
  claimedAt: asDate(data.claimedAt),
});

/** The learner's counts from their ledger document (all zero without one). */
export const readCounts = (data: DocumentData | undefined): Record<string, number> => knownCounts(data?.counts);

/** The wall, first copies first, a page at a time (the rules allow no bigger page). */
export const wallQuery = (db: Firestore, space: string, badge: string, size: number): Query =>
  query(holdersOf(db, space, badge), orderBy('number'), limit(size));

/** The claim's batch: copy number `number`, the count moved to it. */
export function claimBatch(
  db: Firestore,
  space: string,
  badge: string,
  uid: string,
  number: number,
  name: string,
  ticket?: DocumentReference,
): WriteBatch {
  const batch = writeBatch(db);
  batch.update(badgeRef(db, space, badge), { issued: number });
  batch.set(holderRef(db, space, badge, uid), { number, name, claimedAt: serverTimestamp() });
  // The learner's ticket leaves the queue with the claim, so the next in line sees their turn with the new count.
  if (ticket) batch.delete(ticket);
  return batch;
}

/** Why claiming is not open (or '' when it is), for a definition as the server has it. */
export function closedReason(badge: Badge, now = Date.now()): '' | 'retired' | 'closed' | 'all-claimed' {
  if (badge.retired) return 'retired';
  if (badge.closesAt && badge.closesAt.getTime() <= now) return 'closed';
  if (badge.issued >= badge.edition) return 'all-claimed';
  return '';
}

/** Claiming is over for this learner: the reason, with the definition as the server had it. */
export class ClaimClosed extends Error {
  constructor(
    readonly reason: Exclude<ReturnType<typeof closedReason>, ''> | 'busy',
    readonly badge: Badge,
  ) {
    super(reason);
  }
}

/** How long a claim keeps asking for the next number while others claim at the same moment. */
export const CLAIM_DEADLINE_MS = 30000;

/** How long the queue ahead may stand still (a page that closed mid-turn) before the learner claims anyway. */
export const TURN_PATIENCE_MS = 3000;
/** Tickets this much older than the learner's own belong to pages that left long ago: nobody waits for them. */
const ABANDONED_AFTER_MS = CLAIM_DEADLINE_MS + 15000;
/** The queue as far as anyone waits in it (the rules allow no bigger page); those beyond wait out their patience. */
const QUEUE_PAGE = 50;

/**
 * Resolves when it is the learner's turn to claim: no ticket still waiting was stamped before theirs, claiming is
 * over (the claim then says why), or the queue ahead has not moved for TURN_PATIENCE_MS. It resolves with the
 * badge as the server last told it, when it did: the claim before theirs moved the count and dropped its ticket in
 * one batch, so both answers arrive together.
 */
function turnOf(db: Firestore, space: string, badge: string, uid: string): Promise<Badge | null> {
  return new Promise((resolve) => {
    const stops: (() => void)[] = [];
    let timer: ReturnType<typeof setTimeout> | undefined;
    let seen: Badge | null = null;
    let going = false;
    // After this round of answers: the badge's may come just after the queue's.
    const go = () => {
      if (going) return;
      going = true;
      clearTimeout(timer);
      setTimeout(() => {
        stops.forEach((stop) => stop());
        resolve(seen);
      });
    };
    const wait = () => {
      clearTimeout(timer);
      timer = setTimeout(go, TURN_PATIENCE_MS);
    };
    wait();
    const line = query(queueOf(db, space, badge), orderBy('at'), limit(QUEUE_PAGE));
    stops.push(
      onSnapshot(
        line,
        (snapshot) => {
          if (snapshot.metadata.fromCache) return;
          const at = (id: string): number | undefined =>
            snapshot.docs
              .find((each) => each.id === id)
              ?.get('at')
              ?.toMillis?.();
          const mine = at(uid);
          if (mine === undefined) return;
          const ahead = snapshot.docs.filter((each) => {
            const theirs = at(each.id) ?? Infinity;
            return (theirs < mine || (theirs === mine && each.id < uid)) && mine - theirs < ABANDONED_AFTER_MS;
          });
          if (ahead.length) wait();
          else go();
        },
        go,
      ),
      onSnapshot(
        badgeRef(db, space, badge),
        (snapshot) => {
          if (snapshot.metadata.fromCache) return;
          seen = readBadge(badge, snapshot.data() ?? {});
          if (closedReason(seen)) go();
        },
        go,
      ),
    );
  });
}

/** Refusals that mean another learner's claim went first (the rules see the count moved, or the server aborted). */
const CONTENDED = new Set(['permission-denied', 'aborted', 'failed-precondition']);

/**
 * Claims the next copy for `uid` and resolves with its number. Live, each try is a transaction that reads the count
 * as the server has it and writes the claim's batch for the next number; a refusal because another learner took that
 * number first tries again after a short random pause that grows with each try. A refusal with the count where it
 * was is the rules refusing this learner (criteria, membership): the server's error, unless they already hold a copy
 * (another tab of theirs), whose number it returns. Ends with ClaimClosed when no copy is left or claiming has
 * closed, or 'busy' after CLAIM_DEADLINE_MS of others going first. In preview (no server, no contention) the batch
 * is applied to the local cache.
 */
export async function claimNext(
  db: Firestore,
  space: string,
  badge: string,
  uid: string,
  name: string,
  live: boolean,
): Promise<number> {
  const ref = badgeRef(db, space, badge);
  if (!live) {
    const before = readBadge(badge, (await getDoc(ref)).data() ?? {});
    const reason = closedReason(before);
    if (reason) throw new ClaimClosed(reason, before);
    claimBatch(db, space, badge, uid, before.issued + 1, name)
      .commit()
      .catch((error: unknown) => console.error('[cohort-kit] preview claim not saved', error));
    return before.issued + 1;
  }
  const deadline = Date.now() + CLAIM_DEADLINE_MS;
  const read = (path: DocumentReference) => getDocFromServer(path);
  // A ticket refused (a holder already, a closed round) claims without one: the claim's own answer says why.
  const ticket = ticketRef(db, space, badge, uid);
  const queued = await setDoc(ticket, { at: serverTimestamp() }).then(
    () => true,
    () => false,
  );
  let claimed = false;
  try {
    // The first try builds on the count the turn came with; each later one reads it from the server.
    let known = queued ? await turnOf(db, space, badge, uid) : null;
    let refused: { issued: number; error: unknown } | undefined;
    for (let attempt = 0; ; attempt++) {
      const seen = known ?? readBadge(badge, (await read(ref)).data() ?? {});
      known = null;
      const reason = closedReason(seen);
      if (reason) throw new ClaimClosed(reason, seen);
      if (refused && refused.issued === seen.issued) {
        const mine = await read(holderRef(db, space, badge, uid));
        if (mine.exists()) return readHolder(uid, mine.data()).number;
        throw refused.error;
      }
      try {
        await claimBatch(db, space, badge, uid, seen.issued + 1, name, queued ? ticket : undefined).commit();
        claimed = true;
        return seen.issued + 1;
      } catch (error) {
        if (!CONTENDED.has((error as { code?: string }).code ?? '')) throw error;
        refused = { issued: seen.issued, error };
        if (Date.now() > deadline) throw new ClaimClosed('busy', seen);
        await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(1000, 50 * 2 ** attempt)));
      }
    }
  } finally {
    if (queued && !claimed) void deleteDoc(ticket).catch(() => {});
  }
}

/**
 * Preview only: the badge a page's attributes define, written to the local cache (network off). Merged, so a seeded
 * count or retirement stays; the write is applied locally at once, which is all a preview needs.
 */
export function definePreviewBadge(
  db: Firestore,
  space: string,
  badge: string,
  definition: { name: string; criteria: Criteria; edition: number },
): void {
  setDoc(badgeRef(db, space, badge), definition, { merge: true }).catch((error: unknown) =>
    console.error('[cohort-kit] preview badge not saved', error),
  );
}

/** The holder's credential, or null when none was issued yet (or it cannot be read). */
export const loadCredential = (db: Firestore, space: string, badge: string, uid: string) =>
  getDoc(credentialRef(db, space, badge, uid)).then(
    (snapshot): Credential | null =>
      snapshot.exists() ? { jwt: text(snapshot.data().jwt), number: whole(snapshot.data().number) } : null,
    () => null,
  );
