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
export const CLAIM_DEADLINE_MS = 8000;

/**
 * Claims the next copy for `uid` and resolves with its number. Each try reads the count as the server has it and
 * asks for the next number; a refusal because another learner took that number first tries again after a short,
 * random pause. Ends with ClaimClosed when no copy is left (or claiming has closed), or the server's refusal when
 * the count did not move (the rules refused this learner: criteria, membership).
 * `commit` sends a batch: live, it resolves with the server's answer.
 */
export async function claimNext(
  db: Firestore,
  space: string,
  badge: string,
  uid: string,
  name: string,
  commit: (batch: WriteBatch) => Promise<void>,
  live: boolean,
): Promise<number> {
  const deadline = Date.now() + CLAIM_DEADLINE_MS;
  const read = async () => {
    const ref = badgeRef(db, space, badge);
    const snapshot = live ? await getDocFromServer(ref) : await getDoc(ref);
    return readBadge(badge, snapshot.data() ?? {});
  };
  for (;;) {
    const before = await read();
    const reason = closedReason(before);
    if (reason) throw new ClaimClosed(reason, before);
    const number = before.issued + 1;
    try {
      await commit(claimBatch(db, space, badge, uid, number, name));
      return number;
    } catch (error) {
      if ((error as { code?: string }).code !== 'permission-denied') throw error;
      // Already a holder (another tab of theirs): that copy is theirs.
      const mine = live ? await getDocFromServer(holderRef(db, space, badge, uid)) : undefined;
      if (mine?.exists()) return readHolder(uid, mine.data()).number;
      const after = await read();
      const now = closedReason(after);
      if (now) throw new ClaimClosed(now, after);
      if (after.issued === before.issued) throw error;
      if (Date.now() > deadline) throw new ClaimClosed('busy', after);
      await new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 150));
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
