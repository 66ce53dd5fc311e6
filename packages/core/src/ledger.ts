// The activity ledger: one document per member per space, spaces/{space}/ledger/{uid}, counting what the learner
// has contributed by kind, with the UTC days they contributed on, the last such day for each kind (`lastDays`, so the
// pulse can tell a recent check-in from an old one) and the time of the last contribution. Badges and the facilitator
// pulse read it instead of every widget's collections. Ledgers written before `lastDays` existed simply lack it.
//
// Every contribution writes its +1 in its own batch. `lastRef` names the contribution that pays for it (a path
// under the space), and the rules check both directions: the ledger moves by exactly one only with that
// contribution created in the same batch, and the contribution is refused without it (packages/core/rules).
// Only the learner and the space's facilitators read a ledger. Anonymous polls write none: it would tie an account
// to the moment a count moved.
import { arrayUnion, doc, increment, serverTimestamp, type Firestore, type WriteBatch } from 'firebase/firestore';

/** The kinds of contribution the ledger counts. Keep in step with ledgerKinds() in packages/core/rules/space.rules. */
export const CONTRIBUTION_KINDS = [
  'posts',
  'replies',
  'reactions',
  'votes',
  'goals',
  'checkIns',
  'reflections',
  'cheers',
  'feedbackGiven',
  'feedbackReceived',
  'shared',
] as const;
export type ContributionKind = (typeof CONTRIBUTION_KINDS)[number];

export const ledgerRef = (db: Firestore, spaceId: string, uid: string) => doc(db, 'spaces', spaceId, 'ledger', uid);

/** Days since 1970-01-01 in UTC: the unit of "contributed on N different days". */
export const utcDay = (date: Date) => Math.floor(date.getTime() / 86_400_000);

/**
 * Adds the +1 for one contribution to `batch`. `contributionPath` is the contribution's path under the space
 * (e.g. `threads/week-2/posts/abc`). No read is needed: the counter and the day are server-side transforms.
 */
export function addContribution(
  batch: WriteBatch,
  db: Firestore,
  spaceId: string,
  uid: string,
  kind: ContributionKind,
  contributionPath: string,
  now = new Date(),
): void {
  batch.set(
    ledgerRef(db, spaceId, uid),
    {
      counts: { [kind]: increment(1) },
      days: arrayUnion(utcDay(now)),
      lastDays: { [kind]: utcDay(now) },
      lastAt: serverTimestamp(),
      lastKind: kind,
      lastRef: contributionPath,
    },
    { merge: true },
  );
}
