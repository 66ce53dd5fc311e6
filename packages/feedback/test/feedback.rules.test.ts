// <cohort-feedback>'s rules from the attacker's side: a learner with devtools and the page's public config writes
// whatever batch they like. The batches the widget writes come from feedback-data.ts, so what passes here is what
// the element sends.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  collection,
  deleteField,
  doc,
  getDoc,
  getDocs,
  limit,
  orderBy,
  query,
  serverTimestamp,
  setDoc,
  Timestamp,
  updateDoc,
  where,
  writeBatch,
  type Firestore,
} from 'firebase/firestore';
import type { RulesTestEnvironment } from '@firebase/rules-unit-testing';
import { addContribution } from '../../core/src/ledger';
import {
  assertFails,
  assertSucceeds,
  rulesEnvironment,
  seed,
  signedInAs,
  signedOut,
  storedData,
} from '@cohort-kit/core/testing/rules.js';
import * as data from '../src/feedback-data';
import { DEFAULT_ROUND, type RoundSettings, type Writer } from '../src/feedback-data';

vi.mock('@cohort-kit/core/data.js', async () => ({
  ...(await import('../../core/src/ledger')),
  ...(await import('../../core/src/rate-document')),
}));

let env: RulesTestEnvironment;
const space = 'writing-2026';
const round = 'goal-plan-draft';
const roundPath = `spaces/${space}/feedbackRounds/${round}`;
// One Firestore per learner, so a batch and the references added to it share an instance.
const dbs = new Map<string, Firestore>();
const as = (uid: string) => dbs.get(uid) ?? (dbs.set(uid, signedInAs(env, uid)), dbs.get(uid)!);
const w = (uid: string, db: Firestore = as(uid)): Writer => ({ db, space, round, uid });
const ANSWERS = [
  'In your second step you say "practise more" without saying when or for how long.',
  'I learned that naming a measure up front, as you did in step one, keeps a plan honest.',
  'I suggest you give step two a day and a length, such as twenty minutes each Tuesday.',
];
const WORK = {
  text: 'Goal: speak up in meetings. Steps: prepare one point, say it first, ask one question.',
  link: '',
};

async function member(uid: string, role = 'learner') {
  await seed(env, (db) =>
    setDoc(doc(db, 'spaces', space, 'members', uid), {
      displayName: uid.toUpperCase(),
      role,
      joinedAt: Timestamp.now(),
      normsAcknowledgedAt: Timestamp.now(),
    }),
  );
}

async function settings(): Promise<RoundSettings> {
  return data.readRound(await storedData(env, roundPath));
}
const reviewerOf = async (uid: string) => data.readReviewer(await storedData(env, `${roundPath}/reviewers/${uid}`));
const slotOf = async (uid: string) => data.readSlot((await storedData(env, `${roundPath}/slots/${uid}`))!);
async function claimOf(reviewer: string, author: string) {
  const stored = await storedData(env, `${roundPath}/claims/${reviewer}_${author}`);
  return stored ? data.readClaim(`${reviewer}_${author}`, stored) : undefined;
}

async function shareAs(uid: string, content = WORK) {
  return data.share(w(uid), uid.toUpperCase(), content).commit();
}

/** A claim by `reviewer` on `author`'s work, built from what is stored, as the element builds it. */
async function claimAs(reviewer: string, author: string, holdId = `hold${reviewer}${author}`.padEnd(20, 'x')) {
  return (await claimBatch(reviewer, author, holdId)).commit();
}
async function claimBatch(reviewer: string, author: string, holdId = `hold${reviewer}${author}`.padEnd(20, 'x')) {
  return data.claim(
    w(reviewer),
    await slotOf(author),
    await reviewerOf(reviewer),
    await claimOf(reviewer, author),
    holdId.slice(0, 20),
  );
}

async function reviewBatch(
  reviewer: string,
  author: string,
  id = `r-${reviewer}`,
  answers = ANSWERS,
  db = as(reviewer),
) {
  const claim = (await claimOf(reviewer, author))!;
  const named = (await settings()).reviewers === 'named' ? { name: reviewer.toUpperCase() } : null;
  return data.review(w(reviewer, db), claim, await slotOf(author), id, answers, named);
}
const reviewAs = async (reviewer: string, author: string, id = `r-${reviewer}`, answers = ANSWERS) =>
  (await reviewBatch(reviewer, author, id, answers)).commit();

/** Moves a stored time back by `hours`, as if that long had passed since. */
async function ago(path: string, field: string, hours: number) {
  await seed(env, (db) => updateDoc(doc(db, path), { [field]: Timestamp.fromMillis(Date.now() - hours * 3_600_000) }));
}

async function storeRound(change: Partial<RoundSettings>) {
  await seed(env, (db) => setDoc(doc(db, roundPath), data.roundFields({ ...DEFAULT_ROUND, ...change })));
}

beforeAll(async () => {
  env = await rulesEnvironment('feedback');
});
afterAll(async () => {
  await env.cleanup();
});
beforeEach(async () => {
  await env.clearFirestore();
  await seed(env, (db) =>
    setDoc(doc(db, 'spaces', space), {
      name: 'Writing',
      norms: 'Be kind.',
      reportThreshold: 3,
      blockedWords: ['dolt'],
    }),
  );
  for (const uid of ['ana', 'bob', 'cem', 'dee']) await member(uid);
  await member('fay', 'facilitator');
});

describe('the round settings', () => {
  it('only a facilitator stores them, within their limits', async () => {
    const fields = data.roundFields({ ...DEFAULT_ROUND, reviews: 3 });
    await assertFails(setDoc(doc(as('ana'), roundPath), fields));
    await assertSucceeds(setDoc(doc(as('fay'), roundPath), fields));
    for (const bad of [
      { reviews: 0 },
      { reviews: 6 },
      { reviews: 2.5 },
      { claimHours: 0 },
      { claimHours: 721 },
      { reviewers: 'public' },
      { mins: [40] },
      { mins: [40, 40, 40, 40, 40, 40] },
      { mins: [40, -1] },
      { mins: [40, 3001] },
      { mins: ['40', 40] },
      { submitBy: '2026-01-01' },
      { extra: true },
    ]) {
      await assertFails(setDoc(doc(as('fay'), roundPath), { ...fields, ...bad }));
    }
  });
});

describe('sharing work', () => {
  it('a member shares text, a link or both; the slot starts at zero and the ledger counts it shared', async () => {
    await assertSucceeds(shareAs('ana'));
    expect((await storedData(env, `${roundPath}/submissions/ana`))?.text).toBe(WORK.text);
    expect(await storedData(env, `${roundPath}/slots/ana`)).toMatchObject({ load: 0, claims: 0 });
    expect((await storedData(env, `spaces/${space}/ledger/ana`))?.counts).toEqual({ shared: 1 });
    await assertSucceeds(shareAs('bob', { text: '', link: 'https://docs.example.org/plan' }));
    await assertSucceeds(shareAs('cem', { text: 'x'.repeat(5000), link: 'http://example.org/a?b=c' }));
  });

  it('refuses empty work, too long text, links that are not one http(s) address, and wrong types', async () => {
    for (const bad of [
      { text: '', link: '' },
      { text: '   ', link: '' },
      { text: 'x'.repeat(5001), link: '' },
      { text: '', link: 'javascript:alert(1)' },
      { text: '', link: 'https://a.example https://b.example' },
      { text: '', link: `https://example.org/${'x'.repeat(2000)}` },
      { text: 'Plan re\u200Btard', link: '' },
      { text: 'Plan \u202Ebackwards', link: '' },
      { text: ['list'] as unknown as string, link: '' },
      { text: 'ok', link: 7 as unknown as string },
    ]) {
      await assertFails(shareAs('ana', bad));
    }
  });

  it('is denied to strangers, the signed-out, other names, forged times and counters', async () => {
    await assertFails(shareAs('stranger'));
    await assertFails(data.share(w('ana', signedOut(env)), 'ANA', WORK).commit());
    await assertFails(data.share(w('ana', as('bob')), 'ANA', WORK).commit());
    const forge = async (path: string, fields: Record<string, unknown>) => {
      const batch = data.share(w('ana'), 'ANA', WORK);
      batch.set(doc(as('ana'), `${roundPath}/${path}/ana`), fields, { merge: true });
      return batch.commit();
    };
    for (const fields of [
      { authorName: 'FAY (facilitator)' },
      { authorId: 'bob' },
      { createdAt: Timestamp.fromMillis(0) },
      { updatedAt: Timestamp.fromMillis(Date.now() + 3_600_000) },
      { extra: 1 },
    ]) {
      await assertFails(forge('submissions', fields));
    }
    for (const fields of [{ load: 5 }, { done: 2 }, { claims: 1 }, { holds: { x: Timestamp.now() } }]) {
      await assertFails(forge('slots', fields));
    }
    // Work without its slot, or a slot without work.
    const alone = writeBatch(as('ana'));
    alone.set(doc(as('ana'), `${roundPath}/submissions/ana`), {
      authorId: 'ana',
      authorName: 'ANA',
      ...WORK,
      createdAt: serverTimestamp(),
      updatedAt: serverTimestamp(),
    });
    await assertFails(alone.commit());
  });

  it('refuses sharing after submit-by, and a member who has not acknowledged the norms', async () => {
    await storeRound({ submitBy: new Date(Date.now() - 60_000) });
    await assertFails(shareAs('ana'));
    await storeRound({ submitBy: new Date(Date.now() + 3_600_000) });
    await seed(env, (db) => updateDoc(doc(db, 'spaces', space, 'members', 'bob'), { normsAcknowledgedAt: null }));
    await assertFails(shareAs('bob'));
    await assertSucceeds(shareAs('ana'));
  });

  it('the author edits and withdraws until the first claim, then neither', async () => {
    await shareAs('ana');
    await ago(`${roundPath}/submissions/ana`, 'updatedAt', 1);
    await assertSucceeds(data.editWork(w('ana'), { text: 'A better plan', link: '' }));
    // Edits are rate limited: the next within 3 seconds is refused.
    await assertFails(data.editWork(w('ana'), { text: 'Too soon', link: '' }));
    await assertFails(
      updateDoc(doc(as('bob'), `${roundPath}/submissions/ana`), { text: 'Not mine', updatedAt: serverTimestamp() }),
    );
    await ago(`${roundPath}/submissions/ana`, 'updatedAt', 1);
    await assertSucceeds(claimAs('bob', 'ana'));
    await assertFails(data.editWork(w('ana'), { text: 'After a review started', link: '' }));
    await assertFails(data.withdraw(w('ana')).commit());
    await shareAs('cem');
    await assertFails(data.withdraw(w('bob', as('bob'))).commit());
    await assertSucceeds(data.withdraw(w('cem')).commit());
    expect(await storedData(env, `${roundPath}/submissions/cem`)).toBeUndefined();
  });
});

describe('claiming work to review', () => {
  beforeEach(async () => {
    for (const uid of ['ana', 'bob', 'cem', 'dee']) await shareAs(uid);
  });

  it('a claim holds the work and counts for the reviewer, and leaves their own work as it was', async () => {
    await assertSucceeds(claimAs('bob', 'ana'));
    expect(await storedData(env, `${roundPath}/slots/ana`)).toMatchObject({ load: 1, claims: 1 });
    expect(await reviewerOf('bob')).toMatchObject({ claimed: 1, given: 0, open: 'ana' });
    expect(await storedData(env, `${roundPath}/slots/bob`)).toMatchObject({ load: 0, claims: 0 });
  });

  it("refuses a claim on one's own work, on work that is not there, or under another id", async () => {
    await assertFails(claimAs('ana', 'ana'));
    // Work that is not there has no slot to hold: the claim alone is refused.
    const bob = as('bob');
    await assertFails(
      setDoc(doc(bob, `${roundPath}/claims/bob_nobody`), {
        reviewerId: 'bob',
        authorId: 'nobody',
        holdId: 'holdbobnobodyxxxxxxx',
        claimedAt: serverTimestamp(),
        reviewId: '',
        done: false,
      }),
    );
    const batch = await claimBatch('bob', 'ana');
    batch.set(doc(bob, `${roundPath}/claims/cem_ana`), {
      reviewerId: 'cem',
      authorId: 'ana',
      holdId: 'holdbobanaxxxxxxxxxx',
      claimedAt: serverTimestamp(),
      reviewId: '',
      done: false,
    });
    await assertFails(batch.commit());
  });

  it('one open claim at a time, and never more claims than `reviews`', async () => {
    await assertSucceeds(claimAs('bob', 'ana'));
    await assertFails(claimAs('bob', 'cem'));
    await assertSucceeds(reviewAs('bob', 'ana'));
    await assertSucceeds(claimAs('bob', 'cem'));
    await assertSucceeds(reviewAs('bob', 'cem', 'r-bob-2'));
    await assertFails(claimAs('bob', 'dee'));
    // Not by forging the count either.
    const forged = await claimBatch('bob', 'dee');
    forged.set(doc(as('bob'), `${roundPath}/reviewers/bob`), {
      claimed: 0,
      given: 0,
      open: 'dee',
      openAt: serverTimestamp(),
    });
    await assertFails(forged.commit());
  });

  it('refuses claims after review-by', async () => {
    await storeRound({ reviewBy: new Date(Date.now() - 60_000) });
    await assertFails(claimAs('bob', 'ana'));
  });

  it('a claim must pay its hold, at the load the work had, and nothing else moves', async () => {
    const bob = as('bob');
    const noHold = await claimBatch('bob', 'ana');
    noHold.update(doc(bob, `${roundPath}/slots/ana`), { [`holds.holdbobanaxxxxxxxxxx`]: deleteField(), load: 0 });
    await assertFails(noHold.commit());
    const stale = await claimBatch('bob', 'ana');
    await assertSucceeds(claimAs('cem', 'ana'));
    // Built on the slot as it was before cem's claim: refused, so two claims from one view cannot both land.
    await assertFails(stale.commit());
    const extra = await claimBatch('bob', 'ana');
    extra.update(doc(bob, `${roundPath}/slots/ana`), { done: 5 });
    await assertFails(extra.commit());
    const forgedTime = await claimBatch('bob', 'ana');
    forgedTime.update(doc(bob, `${roundPath}/claims/bob_ana`), { claimedAt: Timestamp.fromMillis(Date.now() - 1000) });
    await assertFails(forgedTime.commit());
  });

  it('an author reads nothing that names their reviewers: not claims, reviewer counts or the slot of their work', async () => {
    await claimAs('bob', 'ana');
    const ana = as('ana');
    await assertFails(getDoc(doc(ana, `${roundPath}/claims/bob_ana`)));
    await assertFails(getDocs(query(collection(ana, `${roundPath}/claims`), where('authorId', '==', 'ana'))));
    await assertFails(getDocs(collection(ana, `${roundPath}/claims`)));
    await assertFails(getDoc(doc(ana, `${roundPath}/reviewers/bob`)));
    await assertFails(getDocs(collection(ana, `${roundPath}/reviewers`)));
    await assertFails(getDoc(doc(ana, `${roundPath}/slots/ana`)));
    await assertFails(getDocs(query(collection(ana, `${roundPath}/slots`), limit(5))));
    await assertFails(getDoc(doc(ana, `spaces/${space}/ledger/bob`)));
    // The reviewer reads their own claim; others' work's slots are readable to pick from.
    await assertSucceeds(getDocs(data.myClaimsQuery(as('bob'), space, round, 'bob')));
    const page = await assertSucceeds(getDocs(data.candidatesQuery(ana, space, round, 'ana')));
    expect(page.docs.map((each) => each.id).sort()).toEqual(['bob', 'cem', 'dee']);
  });
});

describe('reviewing', () => {
  beforeEach(async () => {
    for (const uid of ['ana', 'bob', 'cem']) await shareAs(uid);
    await claimAs('bob', 'ana');
  });

  it('the claimer reviews once: the claim closes, the hold goes, the ledger counts feedback given', async () => {
    await assertSucceeds(reviewAs('bob', 'ana'));
    expect(await storedData(env, `${roundPath}/slots/ana`)).toMatchObject({ done: 1, load: 1, holds: {} });
    expect(await reviewerOf('bob')).toMatchObject({ given: 1, open: '' });
    expect((await storedData(env, `spaces/${space}/ledger/bob`))?.counts).toEqual({ shared: 1, feedbackGiven: 1 });
    // A second review of the same work, under another id, is refused; so is a fresh claim on it.
    await assertFails(reviewAs('bob', 'ana', 'r-bob-again'));
    await assertFails(claimAs('bob', 'ana'));
  });

  it('the review holds nothing of an anonymous reviewer; the author reads it, and the reviewer their own', async () => {
    await reviewAs('bob', 'ana');
    const stored = await storedData(env, `${roundPath}/submissions/ana/reviews/r-bob`);
    expect(stored).toMatchObject({ reviewerId: '', reviewerName: '' });
    expect(JSON.stringify(stored)).not.toMatch(/bob/i);
    const received = await assertSucceeds(getDocs(data.receivedQuery(as('ana'), space, round, 'ana')));
    expect(received.docs.map((each) => each.id)).toEqual(['r-bob']);
    await assertSucceeds(getDoc(doc(as('bob'), `${roundPath}/submissions/ana/reviews/r-bob`)));
    await assertFails(getDoc(doc(as('cem'), `${roundPath}/submissions/ana/reviews/r-bob`)));
    await assertFails(getDocs(data.receivedQuery(as('cem'), space, round, 'ana')));
  });

  it('a named round carries the reviewer, under their own name only', async () => {
    await storeRound({ reviewers: 'named' });
    await assertSucceeds(reviewAs('bob', 'ana'));
    expect(await storedData(env, `${roundPath}/submissions/ana/reviews/r-bob`)).toMatchObject({
      reviewerId: 'bob',
      reviewerName: 'BOB',
    });
    await claimAs('cem', 'bob');
    const forged = await reviewBatch('cem', 'bob', 'r-cem');
    forged.update(doc(as('cem'), `${roundPath}/submissions/bob/reviews/r-cem`), { reviewerName: 'FAY' });
    await assertFails(forged.commit());
    // And an anonymous round refuses a name.
    await storeRound({ reviewers: 'anonymous' });
    const named = data.review(w('cem'), (await claimOf('cem', 'bob'))!, await slotOf('bob'), 'r-cem', ANSWERS, {
      name: 'CEM',
    });
    await assertFails(named.commit());
  });

  it('refuses a review without a claim, as another learner, or on a lapsed claim', async () => {
    // cem has no claim on ana's work, and cannot use bob's.
    const cem = as('cem');
    const noClaim = writeBatch(cem);
    noClaim.set(doc(cem, `${roundPath}/submissions/ana/reviews/r-cem`), {
      answers: ANSWERS,
      reviewerId: '',
      reviewerName: '',
      createdAt: serverTimestamp(),
      rating: null,
      thanks: '',
      ratedAt: null,
      reported: false,
      hidden: false,
    });
    addContribution(
      noClaim,
      cem,
      space,
      'cem',
      'feedbackGiven',
      `feedbackRounds/${round}/submissions/ana/reviews/r-cem`,
    );
    await assertFails(noClaim.commit());
    await assertFails((await reviewBatch('bob', 'ana', 'r-x', ANSWERS, cem)).commit());
    await ago(`${roundPath}/claims/bob_ana`, 'claimedAt', 49);
    await ago(`${roundPath}/reviewers/bob`, 'openAt', 49);
    await assertFails(reviewAs('bob', 'ana'));
    // A lapsed claim is renewed by its reviewer, and then completed.
    await assertSucceeds(claimAs('bob', 'ana'));
    await assertSucceeds(reviewAs('bob', 'ana'));
  });

  it('a lapsed claim frees the reviewer for another, without counting twice', async () => {
    await ago(`${roundPath}/claims/bob_ana`, 'claimedAt', 49);
    await ago(`${roundPath}/reviewers/bob`, 'openAt', 49);
    await assertSucceeds(claimAs('bob', 'cem'));
    expect(await reviewerOf('bob')).toMatchObject({ claimed: 1, open: 'cem' });
  });

  it('answers: one per prompt, each within its minimum and 3,000 characters, clean, strings', async () => {
    for (const answers of [
      ANSWERS.slice(0, 2),
      [...ANSWERS, ANSWERS[0]!],
      [ANSWERS[0]!, 'Too short.', ANSWERS[2]!],
      [ANSWERS[0]!, ' '.repeat(39) + 'x', ANSWERS[2]!],
      [ANSWERS[0]!, 'x'.repeat(3001), ANSWERS[2]!],
      [ANSWERS[0]!, `${ANSWERS[1]} You dolt.`, ANSWERS[2]!],
      [ANSWERS[0]!, `${ANSWERS[1]} \u2066`, ANSWERS[2]!],
      [ANSWERS[0]!, 40 as unknown as string, ANSWERS[2]!],
    ]) {
      await assertFails(reviewAs('bob', 'ana', 'r-bad', answers));
    }
    const forge = async (fields: Record<string, unknown>) => {
      const batch = await reviewBatch('bob', 'ana');
      batch.set(doc(as('bob'), `${roundPath}/submissions/ana/reviews/r-bob`), fields, { merge: true });
      return batch.commit();
    };
    for (const fields of [
      { rating: 5 },
      { thanks: 'Thanks to me' },
      { hidden: true },
      { reported: true },
      { createdAt: Timestamp.fromMillis(0) },
      { reviewerId: 'cem' },
      { extra: 1 },
    ]) {
      await assertFails(forge(fields));
    }
  });

  it('the largest review passes: five prompts of 3,000 characters, on the real emulator', async () => {
    await storeRound({ mins: [40, 40, 40, 40, 40] });
    const long = (n: number) => `${n} ${'word '.repeat(599)}`.slice(0, 3000);
    await assertSucceeds(reviewAs('bob', 'ana', 'r-bob', [1, 2, 3, 4, 5].map(long)));
  });
});

describe('rating feedback', () => {
  beforeEach(async () => {
    for (const uid of ['ana', 'bob', 'cem']) await shareAs(uid);
    await claimAs('bob', 'ana');
    await reviewAs('bob', 'ana');
    await claimAs('ana', 'bob');
    await reviewAs('ana', 'bob', 'r-ana');
  });

  it('the author rates once with thanks; the reviewer sees it; the ledger counts feedback received', async () => {
    await assertSucceeds(data.rate(w('ana'), 'r-bob', 4, 'The Tuesday idea worked.').commit());
    const review = await assertSucceeds(getDoc(doc(as('bob'), `${roundPath}/submissions/ana/reviews/r-bob`)));
    expect(review.data()).toMatchObject({ rating: 4, thanks: 'The Tuesday idea worked.' });
    expect((await storedData(env, `spaces/${space}/ledger/ana`))?.counts).toEqual({
      shared: 1,
      feedbackGiven: 1,
      feedbackReceived: 1,
    });
    await assertFails(data.rate(w('ana'), 'r-bob', 5, '').commit());
  });

  it("refuses rating a review of someone else's work, one's own review, bad ratings and long thanks", async () => {
    await assertFails(data.rate(w('cem'), 'r-bob', 5, '').commit());
    // bob wrote r-bob on ana's work: rating it as if it were on his own refers to nothing, and ana's path is not his.
    const bob = as('bob');
    const own = writeBatch(bob);
    own.update(doc(bob, `${roundPath}/submissions/ana/reviews/r-bob`), {
      rating: 5,
      thanks: '',
      ratedAt: serverTimestamp(),
    });
    addContribution(
      own,
      bob,
      space,
      'bob',
      'feedbackReceived',
      `feedbackRounds/${round}/submissions/ana/reviews/r-bob`,
    );
    await assertFails(own.commit());
    for (const [rating, thanks] of [
      [0, ''],
      [6, ''],
      [3.5, ''],
      ['5', ''],
      [5, 'x'.repeat(281)],
      [5, 'Thanks, dolt'],
    ] as const) {
      await assertFails(data.rate(w('ana'), 'r-bob', rating as number, thanks).commit());
    }
    await assertSucceeds(data.rate(w('ana'), 'r-bob', 5, 'x'.repeat(280)).commit());
  });

  it('the author reports a review once; a facilitator hides it, and then the author lists it no more', async () => {
    await assertSucceeds(data.report(w('ana'), 'r-bob'));
    await assertFails(data.report(w('ana'), 'r-bob'));
    await assertFails(data.setHidden(w('ana'), 'ana', 'r-bob', true));
    await assertSucceeds(data.setHidden(w('fay'), 'ana', 'r-bob', true));
    const listed = await getDocs(data.receivedQuery(as('ana'), space, round, 'ana'));
    expect(listed.size).toBe(0);
    await assertFails(getDoc(doc(as('ana'), `${roundPath}/submissions/ana/reviews/r-bob`)));
    await assertFails(getDocs(query(data.reviewsOf(as('ana'), space, round, 'ana'), limit(5))));
  });
});

describe('facilitators', () => {
  it('see every submission, claim and review, and release a hold', async () => {
    for (const uid of ['ana', 'bob']) await shareAs(uid);
    await claimAs('bob', 'ana');
    const fay = as('fay');
    expect((await assertSucceeds(getDocs(data.allClaimsQuery(fay, space, round, 20)))).docs[0]?.data()).toMatchObject({
      reviewerId: 'bob',
      authorId: 'ana',
    });
    await assertSucceeds(getDocs(data.allSubmissionsQuery(fay, space, round, 20)));
    const slot = await slotOf('ana');
    await assertFails(data.release(w('cem'), slot, Object.keys(slot.holdTimes)[0]!));
    await assertSucceeds(data.release(w('fay'), slot, Object.keys(slot.holdTimes)[0]!));
    expect(await storedData(env, `${roundPath}/slots/ana`)).toMatchObject({ load: 0, holds: {} });
  });
});

describe('the ledger', () => {
  it('moves only with its act: no shared without new work of their own, nor a share without it', async () => {
    const ana = as('ana');
    // Sharing without the ledger's +1 is refused, and so is the +1 without the work, or for another's work.
    const unpaid = data.share(w('ana'), 'ANA', WORK);
    unpaid.set(doc(ana, `spaces/${space}/ledger/ana`), { counts: {} }, { merge: false });
    await assertFails(unpaid.commit());
    const alone = writeBatch(ana);
    addContribution(alone, ana, space, 'ana', 'shared', `feedbackRounds/${round}/submissions/ana`);
    await assertFails(alone.commit());
    await shareAs('bob');
    const others = writeBatch(ana);
    addContribution(others, ana, space, 'ana', 'shared', `feedbackRounds/${round}/submissions/bob`);
    await assertFails(others.commit());
    await assertSucceeds(shareAs('ana'));
    // Work already there is not shared again.
    const again = writeBatch(ana);
    addContribution(again, ana, space, 'ana', 'shared', `feedbackRounds/${round}/submissions/ana`);
    await assertFails(again.commit());
    expect((await storedData(env, `spaces/${space}/ledger/ana`))?.counts).toEqual({ shared: 1 });
  });

  it('moves only with its act: no feedback given without a review, no feedback received without a rating', async () => {
    for (const uid of ['ana', 'bob']) await shareAs(uid);
    await claimAs('bob', 'ana');
    const bob = as('bob');
    const given = writeBatch(bob);
    addContribution(given, bob, space, 'bob', 'feedbackGiven', `feedbackRounds/${round}/submissions/ana/reviews/r-bob`);
    await assertFails(given.commit());
    // A review without its +1 is refused too.
    const unpaid = await reviewBatch('bob', 'ana');
    unpaid.set(doc(bob, `spaces/${space}/ledger/bob`), { counts: {} }, { merge: false });
    await assertFails(unpaid.commit());
    await reviewAs('bob', 'ana');
    const ana = as('ana');
    const received = writeBatch(ana);
    addContribution(
      received,
      ana,
      space,
      'ana',
      'feedbackReceived',
      `feedbackRounds/${round}/submissions/ana/reviews/r-bob`,
    );
    await assertFails(received.commit());
    // Someone else's rating does not pay the author's own ledger either.
    const cemReceived = writeBatch(as('cem'));
    addContribution(
      cemReceived,
      as('cem'),
      space,
      'cem',
      'feedbackReceived',
      `feedbackRounds/${round}/submissions/ana/reviews/r-bob`,
    );
    await assertFails(cemReceived.commit());
  });
});

describe('the allocation query', () => {
  it("orders others' work by load, without the asker's own", async () => {
    for (const uid of ['ana', 'bob', 'cem', 'dee']) await shareAs(uid);
    await claimAs('ana', 'bob');
    const page = await getDocs(data.candidatesQuery(as('cem'), space, round, 'cem'));
    expect(page.docs.map((each) => each.id).at(-1)).toBe('bob');
    expect(page.docs.map((each) => each.id)).not.toContain('cem');
    // Asking without excluding oneself is refused.
    await assertFails(getDocs(query(collection(as('cem'), `${roundPath}/slots`), orderBy('load'), limit(20))));
  });
});
