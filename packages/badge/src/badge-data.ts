// <cohort-badge>'s paths, converters, queries and writes: the only module of the badge with the Firebase SDK
// (with preview-seed.ts). Layout under spaces/{space} (packages/badge/rules/badge.rules):
//   badges/{badge}                    the definition (the CLI's): name, description, criteria, hints, edition,
//                                     closesAt, image, retired, retiredAt, issued, createdAt, updatedAt
//   badges/{badge}/holders/{uid}      number, name ('' = "A cohort member"), claimedAt
//   badges/{badge}/credentials/{uid}  jwt, number, issuedAt: the holder's signed credential, theirs alone to read
// A claim is one batch: the count + 1 and the holder numbered the new count. Two learners who read the same count
// ask for the same number; the rules refuse the second batch, which reads the count again and asks for the next.
import {
  doc,
  getDoc,
  getDocFromServer,
  limit,
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
): WriteBatch {
  const batch = writeBatch(db);
  batch.update(badgeRef(db, space, badge), { issued: number });
  batch.set(holderRef(db, space, badge, uid), { number, name, claimedAt: serverTimestamp() });
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
  let refused: { issued: number; error: unknown } | undefined;
  for (let attempt = 0; ; attempt++) {
    const seen = readBadge(badge, (await read(ref)).data() ?? {});
    const reason = closedReason(seen);
    if (reason) throw new ClaimClosed(reason, seen);
    if (refused && refused.issued === seen.issued) {
      const mine = await read(holderRef(db, space, badge, uid));
      if (mine.exists()) return readHolder(uid, mine.data()).number;
      throw refused.error;
    }
    try {
      await claimBatch(db, space, badge, uid, seen.issued + 1, name).commit();
      return seen.issued + 1;
    } catch (error) {
      if (!CONTENDED.has((error as { code?: string }).code ?? '')) throw error;
      refused = { issued: seen.issued, error };
      if (Date.now() > deadline) throw new ClaimClosed('busy', seen);
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(1000, 50 * 2 ** attempt)));
    }
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
