// The allocation on the real emulator and rules: 12 learners share, then each claims and reviews 2 peers' work, in
// rounds of all 12 at once, each claim built on what its learner read (a claim made stale by another's is refused,
// and the learner asks again). After every round, every work's reviews differ by at most 1; at the end each has 2.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { doc, getDocs, setDoc, Timestamp, type Firestore } from 'firebase/firestore';
import type { RulesTestEnvironment } from '@firebase/rules-unit-testing';
import { rulesEnvironment, seed, signedInAs, storedData } from '@cohort-kit/core/testing/rules.js';
import * as data from '../src/feedback-data';
import { pickWork } from '../src/feedback-allocation';

vi.mock('@cohort-kit/core/data.js', async () => ({
  ...(await import('../../core/src/ledger')),
  ...(await import('../../core/src/rate-document')),
}));

let env: RulesTestEnvironment;
const space = 'fairness';
const round = 'drafts';
const learners = Array.from({ length: 12 }, (_, i) => `learner${String(i).padStart(2, '0')}`);
const ANSWERS = [
  'In your second paragraph you name the goal but not the date you want to reach it by.',
  'I learned that a first step small enough to do today makes the whole plan feel possible.',
  'I suggest you add one sentence on how you will know, in a month, that it worked.',
];

beforeAll(async () => {
  env = await rulesEnvironment('feedback-fairness');
});
afterAll(async () => {
  await env.cleanup();
});
beforeEach(async () => {
  await env.clearFirestore();
  await seed(env, (db) => setDoc(doc(db, 'spaces', space), { name: 'Fairness', norms: '', reportThreshold: 3 }));
  for (const uid of learners) {
    await seed(env, (db) =>
      setDoc(doc(db, 'spaces', space, 'members', uid), {
        displayName: uid,
        role: 'learner',
        joinedAt: Timestamp.now(),
        normsAcknowledgedAt: null,
      }),
    );
  }
});

/**
 * One learner's "Review a peer", as the controller does it: read, pick, claim; a refused claim reads again. A claim
 * is refused only when another learner's claim on the same work landed after this one's read, and each try reads
 * afresh: so in a round of 12, the 12th try cannot be refused, and one that is has found a fault.
 */
async function claimAndReview(db: Firestore, uid: string) {
  const w = { db, space, round, uid };
  for (let attempt = 0; attempt < learners.length; attempt++) {
    const reviewer = data.readReviewer(
      await storedData(env, `spaces/${space}/feedbackRounds/${round}/reviewers/${uid}`),
    );
    const mine = await getDocs(data.myClaimsQuery(db, space, round, uid));
    const taken = new Set(mine.docs.map((each) => each.data().authorId as string));
    const candidates = await data.loadCandidates(db, space, round, uid);
    const slot = pickWork(candidates, { me: uid, round, taken, reviewingMe: new Set(), claimHours: 48 })!;
    const claimed = await data
      .claim(w, slot, reviewer, undefined, data.newId(db))
      .commit()
      .then(
        () => true,
        () => false,
      );
    if (!claimed) continue;
    const claim = data.readClaim(
      '',
      (await storedData(env, `spaces/${space}/feedbackRounds/${round}/claims/${uid}_${slot.authorId}`))!,
    );
    // A review moves counts by increments: others' claims on the same work meanwhile never refuse it.
    const current = (await data.loadSlot(db, space, round, slot.authorId))!;
    await data.review(w, claim, current, data.newId(db), ANSWERS, null).commit();
    return attempt;
  }
  throw new Error(`${uid} could not claim work`);
}

async function reviewsPerWork() {
  const counts: number[] = [];
  for (const uid of learners) {
    const slot = await storedData(env, `spaces/${space}/feedbackRounds/${round}/slots/${uid}`);
    counts.push(Number(slot?.done));
  }
  return counts;
}

describe('fair allocation', () => {
  it('12 learners review 2 each: every work ends with 2 reviews, never more than 1 apart', async () => {
    const dbs = learners.map((uid) => signedInAs(env, uid));
    await Promise.all(
      learners.map((uid, i) =>
        data.share({ db: dbs[i]!, space, round, uid }, uid, { text: `The draft of ${uid}.`, link: '' }).commit(),
      ),
    );
    const spreads: number[] = [];
    for (let pass = 0; pass < 2; pass++) {
      await Promise.all(learners.map((uid, i) => claimAndReview(dbs[i]!, uid)));
      const counts = await reviewsPerWork();
      spreads.push(Math.max(...counts) - Math.min(...counts));
    }
    expect(spreads).toEqual([0, 0]);
    expect(await reviewsPerWork()).toEqual(learners.map(() => 2));
  }, 120_000);
});
