// The goal board's commands: pairing every learner who looks for an accountability buddy (the layout is
// packages/goals/src/buddy-data.ts; the admin SDK writes what the rules would refuse a page: many pairs at once).
import { FieldValue } from 'firebase-admin/firestore';
import { noSuchSpace } from './errors.mjs';

/**
 * @typedef {{uid: string, name: string}} Learner
 */

/**
 * Pairs from `learners` in the order given, a trio at the end when their number is odd; each learner's partner is
 * the first of those left they were never paired with, or the first left when there is none.
 * @param {Learner[]} pool
 * @param {(uid: string) => Set<string>} pastOf
 * @returns {Learner[][]}
 */
function greedyPairs(pool, pastOf) {
  const left = [...pool];
  /** @type {Learner[][]} */
  const pairs = [];
  while (left.length >= 2) {
    const first = /** @type {Learner} */ (left.shift());
    const past = pastOf(first.uid);
    const fresh = left.findIndex((other) => !past.has(other.uid));
    const [partner] = left.splice(fresh === -1 ? 0 : fresh, 1);
    pairs.push([first, /** @type {Learner} */ (partner)]);
  }
  if (left.length === 1 && pairs.length > 0) {
    const odd = /** @type {Learner} */ (left[0]);
    // The odd one joins the pair where nobody was their buddy before, if there is one.
    const past = pastOf(odd.uid);
    const home = pairs.find((pair) => pair.every((member) => !past.has(member.uid))) ?? pairs[pairs.length - 1];
    /** @type {Learner[]} */ (home).push(odd);
  }
  return pairs;
}

/** How many pairs of former buddies `pairs` puts together again. */
const repeats = (/** @type {Learner[][]} */ pairs, /** @type {(uid: string) => Set<string>} */ pastOf) =>
  pairs.reduce(
    (sum, pair) => sum + pair.filter((a, i) => pair.slice(i + 1).some((b) => pastOf(a.uid).has(b.uid))).length,
    0,
  );

/**
 * Random pairs from `learners`, a trio when their number is odd, with as few former buddies together again as a
 * few hundred shuffles find (a greedy pass alone can corner the last two into a repeat that another order avoids).
 * @param {Learner[]} learners
 * @param {(uid: string) => Set<string>} pastOf
 * @param {() => number} random
 * @returns {Learner[][]}
 */
export function balancedPairs(learners, pastOf, random = Math.random) {
  /** @type {Learner[][] | undefined} */
  let best;
  let fewest = Infinity;
  for (let attempt = 0; attempt < 300 && fewest > 0; attempt += 1) {
    const pool = [...learners];
    for (let i = pool.length - 1; i > 0; i -= 1) {
      const j = Math.floor(random() * (i + 1));
      [pool[i], pool[j]] = [pool[j], pool[i]];
    }
    const pairs = greedyPairs(pool, pastOf);
    const count = repeats(pairs, pastOf);
    if (count < fewest) [best, fewest] = [pairs, count];
  }
  return best ?? [];
}

/**
 * Pairs the board's waiting learners in one batch.
 * @param {import('firebase-admin/firestore').Firestore} db
 * @param {{spaceId: string, boardId: string}} input
 * @param {() => number} [random]
 */
export async function pairBuddies(db, { spaceId, boardId }, random = Math.random) {
  if (!(await db.doc(`spaces/${spaceId}`).get()).exists) {
    throw noSuchSpace(spaceId);
  }
  const board = db.doc(`spaces/${spaceId}/goalBoards/${boardId}`);
  const [waiting, history] = await Promise.all([
    board.collection('buddies').where('state', '==', 'waiting').get(),
    board.collection('pairs').get(),
  ]);
  /** @type {Map<string, Set<string>>} */
  const past = new Map();
  for (const pair of history.docs) {
    const data = pair.data();
    const everyone = [...(data.members ?? []), ...(data.left ?? [])].filter((uid) => typeof uid === 'string');
    for (const uid of everyone) {
      const known = past.get(uid) ?? new Set();
      for (const other of everyone) if (other !== uid) known.add(other);
      past.set(uid, known);
    }
  }
  const learners = waiting.docs.map((each) => ({ uid: each.id, name: String(each.get('name') ?? '') }));
  const pairs = balancedPairs(learners, (uid) => past.get(uid) ?? new Set(), random);
  const batch = db.batch();
  for (const pair of pairs) {
    const ref = board.collection('pairs').doc();
    batch.set(ref, { members: pair.map((learner) => learner.uid), left: [], createdAt: FieldValue.serverTimestamp() });
    for (const learner of pair) {
      batch.update(board.collection('buddies').doc(learner.uid), {
        state: 'paired',
        pairId: ref.id,
        since: FieldValue.serverTimestamp(),
      });
    }
  }
  if (pairs.length > 0) await batch.commit();
  return { pairs, waiting: learners.length };
}
