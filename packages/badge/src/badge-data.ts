// <cohort-badge>'s paths, converters, queries and writes: the only module of the badge with the Firebase SDK
// (with preview-seed.ts). Layout under spaces/{space} (packages/badge/rules/badge.rules):
//   badges/{badge}                    the definition (the CLI's): name, description, criteria, hints, edition,
//                                     closesAt, image, retired, retiredAt, issued, createdAt, updatedAt
//   badges/{badge}/holders/{uid}      number, name ('' = "A cohort member"), claimedAt
//   badges/{badge}/credentials/{uid}  jwt, number, issuedAt: the holder's signed credential, theirs alone to read
//   badges/{badge}/queue/{uid}        at: a learner waiting for their turn to claim, while others claim too
// A claim is one batch: the count + 1 and the holder numbered the new count. Two learners who read the same count
// ask for the same number; the rules refuse the second batch, which reads the count again and asks for the next.
// So that a burst of learners does not spend its time refusing each other (the server takes one write to the count
// at a time), each first takes a ticket in the queue and claims when no older ticket is waiting; the rules judge the
// claim alone, whatever the queue says. The claim reads and counts on requests of its own, never through a listener:
// a listener's answers can lag behind, or stall, while a burst keeps the server busy.
import {
  deleteDoc,
  doc,
  getCountFromServer,
  getDoc,
  limit,
  orderBy,
  query,
  runTransaction,
  serverTimestamp,
  setDoc,
  Timestamp,
  where,
  writeBatch,
  collection,
  type DocumentData,
  type DocumentReference,
  type FieldValue,
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

/** A batch or a transaction: a claim writes the same in either. */
interface ClaimWriter {
  update(ref: DocumentReference, data: { issued: number }): unknown;
  set(ref: DocumentReference, data: { number: number; name: string; claimedAt: FieldValue }): unknown;
}

/** A claim: the learner `uid` takes copy number `number`, shown on the wall as `name`. */
type ClaimOf = [db: Firestore, space: string, badge: string, uid: string, number: number, name: string];

/** Writes the claim in `writer`: the count moved to the copy's number, the holder numbered it. */
function writeClaim<W extends ClaimWriter>(writer: W, ...[db, space, badge, uid, number, name]: ClaimOf): W {
  writer.update(badgeRef(db, space, badge), { issued: number });
  writer.set(holderRef(db, space, badge, uid), { number, name, claimedAt: serverTimestamp() });
  return writer;
}

/** The claim's batch: copy number `number`, the count moved to it. */
export const claimBatch = (...claim: ClaimOf): WriteBatch => writeClaim(writeBatch(claim[0]), ...claim);

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
/** How long a claim waits for the server to confirm its ticket before it claims without one. */
const TICKET_WAIT_MS = 5000;
/** How long the queue ahead may stand still (a page that closed mid-turn) before the learner claims anyway. */
const TURN_PATIENCE_MS = 2000;
/** Tickets this much older than the learner's own belong to pages that left long ago: nobody waits for them. */
const ABANDONED_AFTER_MS = CLAIM_DEADLINE_MS + 15000;
/** The queue as far as anyone counts (the rules allow no bigger page): further back, a learner counts this many. */
const QUEUE_PAGE = 50;
/** About how long one claim takes: a learner looks again after about this much per ticket ahead of theirs. */
const TURN_MS = 80;
/** The longest pause between two looks at the queue (each look is a count the server makes: a burst's load). */
const LOOK_AGAIN_MAX_MS = 1500;

/** Refusals that mean another learner's claim went first (the rules see the count moved, or the server aborted). */
const CONTENDED = new Set(['permission-denied', 'aborted', 'failed-precondition']);

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** How many live tickets, stamped before `at`, wait ahead of the learner's (up to the queue's first page). */
async function ticketsAhead(db: Firestore, space: string, badge: string, at: Timestamp): Promise<number> {
  const since = Timestamp.fromMillis(at.toMillis() - ABANDONED_AFTER_MS);
  const ahead = query(queueOf(db, space, badge), where('at', '<', at), where('at', '>', since), limit(QUEUE_PAGE));
  return (await getCountFromServer(ahead)).data().count;
}

/**
 * Claims the next copy for `uid` and resolves with its number. Live, the learner first stamps a ticket in the queue
 * and looks at it again, sooner the fewer wait ahead, until no older ticket waits (or the queue ahead has stood
 * still for TURN_PATIENCE_MS). Each try is then one transaction of a single attempt: it reads the count as the server
 * has it and commits the claim's batch for the next number, dropping the ticket. A refusal because another learner
 * took that number first (one without a ticket, or the same moment's) looks at the queue again; a refusal with the
 * count where it was is the rules refusing this learner (criteria, membership): the server's error, unless they
 * already hold a copy (another tab of theirs), whose number it returns. Ends with ClaimClosed when no copy is left or
 * claiming has closed, or 'busy' after CLAIM_DEADLINE_MS. In preview (no server, no contention) the batch is applied
 * to the local cache.
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
  const holder = holderRef(db, space, badge, uid);
  // A ticket refused (a holder already, a closed round) claims without one: the claim's own answer says why. So does
  // one the server has not confirmed in TICKET_WAIT_MS (offline, say): the claim then fails at once, and says so.
  const ticket = ticketRef(db, space, badge, uid);
  const queued = await Promise.race([
    setDoc(ticket, { at: serverTimestamp() }).then(
      () => true,
      () => false,
    ),
    pause(TICKET_WAIT_MS).then(() => false),
  ]);
  // The time the server stamped it, read on a request of its own (the queue's order is these times).
  const at = queued
    ? await runTransaction(db, async (transaction) => (await transaction.get(ticket)).get('at') as unknown, {
        maxAttempts: 1,
      }).then(
        (value) => (value instanceof Timestamp ? value : null),
        () => null,
      )
    : null;
  let claimed = false;
  let refused: { issued: number; error: unknown } | undefined;
  try {
    for (;;) {
      if (at) await turnOf(db, space, badge, at, deadline);
      let seen: Badge | undefined;
      try {
        const number = await runTransaction(
          db,
          async (transaction) => {
            seen = readBadge(badge, (await transaction.get(ref)).data() ?? {});
            const reason = closedReason(seen);
            if (reason) throw new ClaimClosed(reason, seen);
            if (refused && refused.issued === seen.issued) {
              const mine = await transaction.get(holder);
              if (mine.exists()) return readHolder(uid, mine.data()).number;
              throw refused.error;
            }
            const next = seen.issued + 1;
            writeClaim(transaction, db, space, badge, uid, next, name);
            // The ticket leaves the queue with the claim, so the next in line finds their turn and the new count.
            if (queued) transaction.delete(ticket);
            return next;
          },
          { maxAttempts: 1 },
        );
        claimed = true;
        return number;
      } catch (error) {
        if (error instanceof ClaimClosed || error === refused?.error || !seen) throw error;
        if (!CONTENDED.has((error as { code?: string }).code ?? '')) throw error;
        refused = { issued: seen.issued, error };
        if (Date.now() > deadline) throw new ClaimClosed('busy', seen);
        await pause(Math.random() * TURN_MS);
      }
    }
  } finally {
    if (!claimed) void deleteDoc(ticket).catch(() => {});
  }
}

/**
 * Resolves when it is the learner's turn to claim: the server counts no live ticket stamped before theirs, the queue
 * ahead has not moved for TURN_PATIENCE_MS, the claim's deadline passed, or a look failed.
 */
async function turnOf(db: Firestore, space: string, badge: string, at: Timestamp, deadline: number): Promise<void> {
  let before = Infinity;
  let movedAt = Date.now();
  for (;;) {
    // A look that fails (the network) ends the wait: the claim's own answer then says what is wrong.
    const ahead = await ticketsAhead(db, space, badge, at).catch(() => 0);
    if (ahead === 0) return;
    if (ahead < before) movedAt = Date.now();
    before = ahead;
    if (Date.now() - movedAt > TURN_PATIENCE_MS || Date.now() > deadline) return;
    // The next in line looks again soonest; the pause is spread so that the looks do not arrive together.
    await pause(Math.min(LOOK_AGAIN_MAX_MS, (ahead - 0.6) * TURN_MS) * (0.5 + Math.random()));
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
