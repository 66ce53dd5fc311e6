// <cohort-goals>'s rules from the attacker's side: a learner with devtools and the page's public config writes
// whatever batch they like. The batches the widget itself writes come from goals-data.ts, so what passes here is
// what the element sends.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
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
import {
  boardQuery,
  changeGoal,
  checkIn,
  cheer,
  editGoal,
  myGoalsQuery,
  newGoalFields,
  readGoal,
  readRateSnapshot,
  reflect,
  reportGoal,
  setGoal,
  setHidden,
  type GoalContent,
  type Writer,
} from '../src/goals-data';

// The widget's batches come from its data module, whose core imports are the built package's in a browser; here
// the same core sources, read in Node.
vi.mock('@cohort-kit/core/data.js', async () => ({
  ...(await import('../../core/src/ledger')),
  ...(await import('../../core/src/rate-document')),
}));

let env: RulesTestEnvironment;
const space = 'leadership-2026-spring';
const board = 'leadership-goals';
const boardPath = `spaces/${space}/goalBoards/${board}`;
const ratesPath = `spaces/${space}/goalRates`;
const goalPath = (id: string) => `${boardPath}/goals/${id}`;
const as = (uid: string) => signedInAs(env, uid);

const content = (extra: Partial<GoalContent> = {}): GoalContent => ({
  text: 'Run a weekly one-to-one with each of my three reports',
  why: 'They asked for more time with me',
  firstStep: 'When I plan my Monday, I will book the three slots',
  targetDate: '2026-12-20',
  ...extra,
});

async function member(uid: string, role = 'learner', displayName = uid.toUpperCase()) {
  await seed(env, (db) =>
    setDoc(doc(db, 'spaces', space, 'members', uid), {
      displayName,
      role,
      joinedAt: Timestamp.now(),
      normsAcknowledgedAt: Timestamp.now(),
    }),
  );
}

/** The learner's writer with their rate document as stored, its last write moved 10 s back (the rate allows 3 s). */
async function writer(db: Firestore, uid: string): Promise<Writer> {
  const path = `${ratesPath}/${uid}`;
  const stored = await storedData(env, path);
  if (stored) {
    const lastAt = Timestamp.fromMillis(Date.now() - 10_000);
    await seed(env, (admin) => updateDoc(doc(admin, path), { lastAt }));
    stored.lastAt = lastAt;
  }
  return { db, space, board, uid, rate: stored ? readRateSnapshot(stored, board) : null };
}

async function goalOf(id: string) {
  const data = await storedData(env, goalPath(id));
  return readGoal(id, data!);
}

async function setAs(
  uid: string,
  id = `${uid}-goal`,
  extra: Partial<GoalContent> = {},
  visibility: 'cohort' | 'private' = 'cohort',
) {
  const db = as(uid);
  return setGoal(await writer(db, uid), id, uid.toUpperCase(), content(extra), visibility).commit();
}

beforeAll(async () => {
  env = await rulesEnvironment('goals');
});
afterAll(async () => {
  await env.cleanup();
});
beforeEach(async () => {
  await env.clearFirestore();
  await seed(env, (db) =>
    setDoc(doc(db, 'spaces', space), {
      name: 'Leadership',
      norms: 'Be kind.',
      reportThreshold: 3,
      blockedWords: ['dolt'],
    }),
  );
  await member('ana');
  await member('bob');
  await member('fay', 'facilitator');
});

describe('setting a goal', () => {
  it('a member sets one goal, which pays the ledger and counts one active goal', async () => {
    await assertSucceeds(setAs('ana'));
    expect((await goalOf('ana-goal')).text).toBe(content().text);
    expect((await storedData(env, `${ratesPath}/ana`))?.active).toEqual({ [board]: 1 });
    expect((await storedData(env, `spaces/${space}/ledger/ana`))?.counts).toEqual({ goals: 1 });
  });

  it('only the optional parts may be empty: goal 1-280, why ≤ 500, first step ≤ 200, a real date', async () => {
    await assertSucceeds(setAs('ana', 'g1', { text: 'x'.repeat(280), why: '', firstStep: '', targetDate: null }));
    for (const bad of [
      { text: '' },
      { text: '   ' },
      { text: 'x'.repeat(281) },
      { why: 'x'.repeat(501) },
      { firstStep: 'x'.repeat(201) },
      { targetDate: '2026-13-01' },
      { targetDate: 'tomorrow' },
      { text: ['a list'] as unknown as string },
      { why: 7 as unknown as string },
      { firstStep: null as unknown as string },
      { targetDate: Timestamp.now() as unknown as string },
    ]) {
      await assertFails(setAs('bob', 'g2', bad));
    }
  });

  it('refuses blocked words, hidden inside words too, and bidi controls in every text field', async () => {
    for (const bad of [
      { text: 'Stop being a dolt' },
      { why: 'Because re\u200Btard' },
      { firstStep: 'When \u202Eli, I will' },
      { text: 'Say \u2066this\u2069 backwards' },
    ]) {
      await assertFails(setAs('bob', 'g2', bad));
    }
    await assertSucceeds(setAs('bob', 'g2', { text: 'Ship the Dolton migration' }));
  });

  it('is denied to strangers, signed-out visitors, forged owners, names, counters and times', async () => {
    await assertFails(setAs('stranger'));
    const out = signedOut(env);
    await assertFails(
      setGoal({ db: out, space, board, uid: 'ana', rate: null }, 'x', 'ANA', content(), 'cohort').commit(),
    );
    const ana = as('ana');
    const forge = async (fields: Record<string, unknown>) => {
      const batch = setGoal(await writer(ana, 'ana'), 'forged', 'ANA', content(), 'cohort');
      batch.set(doc(ana, goalPath('forged')), fields, { merge: true });
      return batch.commit();
    };
    for (const fields of [
      { ownerId: 'bob' },
      { ownerName: 'FAY (facilitator)' },
      { cheers: 5 },
      { checkIns: 3 },
      { edited: true },
      { status: 'done' },
      { hidden: true },
      { visibility: 'everyone' },
      { createdAt: Timestamp.fromMillis(0) },
      { lastActivityAt: Timestamp.fromMillis(Date.now() + 86_400_000) },
      { lastCheckIn: { id: 'c', status: 'onTrack', note: '', at: Timestamp.now() } },
      { extra: 'field' },
    ]) {
      await assertFails(forge(fields));
    }
  });

  it('one active goal per learner by default; a facilitator may allow more; a done goal frees the slot', async () => {
    await assertSucceeds(setAs('ana', 'g1'));
    await assertFails(setAs('ana', 'g2'));
    await assertSucceeds(changeGoal(await writer(as('ana'), 'ana'), await goalOf('g1'), { status: 'done' }).commit());
    await assertSucceeds(setAs('ana', 'g2'));
    // Only a facilitator sets the board's limit.
    await assertFails(setDoc(doc(as('ana'), boardPath), { maxGoals: 3 }));
    await assertSucceeds(setDoc(doc(as('fay'), boardPath), { maxGoals: 2 }));
    await assertSucceeds(setAs('ana', 'g3'));
    await assertFails(setAs('ana', 'g4'));
    // Reopening the done goal would make three active.
    await assertFails(changeGoal(await writer(as('ana'), 'ana'), await goalOf('g1'), { status: 'active' }).commit());
  });

  it('the active count cannot be moved without a goal, or be lowered to make room', async () => {
    await assertSucceeds(setAs('ana', 'g1'));
    const ana = as('ana');
    await assertFails(setDoc(doc(ana, `${ratesPath}/ana`), { active: { [board]: 0 } }, { merge: true }));
    const w = await writer(ana, 'ana');
    const batch = setGoal({ ...w, rate: { rate: w.rate!.rate, active: -1 } }, 'g2', 'ANA', content(), 'cohort');
    await assertFails(batch.commit());
  });

  it("a made-up board is no way around the rate: it is the learner's in the whole space", async () => {
    await assertSucceeds(setAs('ana', 'g1'));
    const ana = as('ana');
    const other = 'made-up-board';
    const onOther = async () => ({
      ...(await writer(ana, 'ana')),
      board: other,
      rate: readRateSnapshot(await storedData(env, `${ratesPath}/ana`), other),
    });
    // Straight after the first goal, on another board: too soon.
    const tooSoon = { db: ana, space, board: other, uid: 'ana' };
    const stored = await storedData(env, `${ratesPath}/ana`);
    await assertFails(
      setGoal({ ...tooSoon, rate: readRateSnapshot(stored, other) }, 'x1', 'ANA', content(), 'cohort').commit(),
    );
    // Once the rate allows it, that board counts its own active goal, and the first board's count stays.
    await assertSucceeds(setGoal(await onOther(), 'x1', 'ANA', content(), 'cohort').commit());
    expect((await storedData(env, `${ratesPath}/ana`))?.active).toEqual({ [board]: 1, [other]: 1 });
  });

  it('a lowered limit locks nobody out: a learner over it still checks in and pauses, but adds nothing', async () => {
    await seed(env, (db) => setDoc(doc(db, boardPath), { maxGoals: 2 }));
    await assertSucceeds(setAs('ana', 'g1'));
    await assertSucceeds(setAs('ana', 'g2'));
    await assertSucceeds(setDoc(doc(as('fay'), boardPath), { maxGoals: 1 }));
    const ana = as('ana');
    await assertSucceeds(checkIn(await writer(ana, 'ana'), await goalOf('g1'), 'c1', 'onTrack', 'Going well').commit());
    await assertSucceeds(changeGoal(await writer(ana, 'ana'), await goalOf('g2'), { status: 'paused' }).commit());
    await assertFails(changeGoal(await writer(ana, 'ana'), await goalOf('g2'), { status: 'active' }).commit());
  });

  it('a goal without its ledger +1, or a +1 without a goal, is refused', async () => {
    const ana = as('ana');
    const noLedger = writeBatch(ana);
    noLedger.set(doc(ana, goalPath('g1')), newGoalFields('ana', 'ANA', content(), 'cohort'));
    noLedger.set(doc(ana, `${ratesPath}/ana`), {
      lastAt: serverTimestamp(),
      windowStart: serverTimestamp(),
      count: 1,
      boardId: board,
      goalId: 'g1',
      active: { [board]: 1 },
    });
    await assertFails(noLedger.commit());
    const onlyLedger = writeBatch(ana);
    addContribution(onlyLedger, ana, space, 'ana', 'goals', `goalBoards/${board}/goals/g9`);
    await assertFails(onlyLedger.commit());
    expect(await storedData(env, `spaces/${space}/ledger/ana`)).toBeUndefined();
  });

  it('a learner who has not acknowledged the norms cannot set a goal', async () => {
    await seed(env, (db) => updateDoc(doc(db, 'spaces', space, 'members', 'bob'), { normsAcknowledgedAt: null }));
    await assertFails(setAs('bob'));
  });
});

describe('editing and changing a goal', () => {
  beforeEach(async () => {
    await setAs('ana', 'g1');
  });

  it('an edit keeps the wording before it and marks the goal edited', async () => {
    const ana = as('ana');
    await assertSucceeds(
      editGoal(await writer(ana, 'ana'), await goalOf('g1'), content({ text: 'Weekly 1:1s' })).commit(),
    );
    const goal = await goalOf('g1');
    expect([goal.text, goal.edited, goal.edits]).toEqual(['Weekly 1:1s', true, 1]);
    expect((await storedData(env, `${goalPath('g1')}/versions/0`))?.text).toBe(content().text);
  });

  it('an edit without its history, with forged history, or rewriting history is refused', async () => {
    const ana = as('ana');
    const goal = await goalOf('g1');
    const noHistory = writeBatch(ana);
    noHistory.update(doc(ana, goalPath('g1')), {
      text: 'Weekly 1:1s',
      edited: true,
      edits: 1,
      updatedAt: serverTimestamp(),
      lastActivityAt: serverTimestamp(),
    });
    const w = await writer(ana, 'ana');
    noHistory.set(doc(ana, `${ratesPath}/ana`), { ...rateAfter(w), goalId: 'g1' });
    await assertFails(noHistory.commit());
    const forged = editGoal(
      await writer(ana, 'ana'),
      { ...goal, text: 'I never said that' },
      content({ text: 'Weekly' }),
    );
    await assertFails(forged.commit());
    const unmarked = editGoal(await writer(ana, 'ana'), goal, content({ text: 'Weekly' }));
    unmarked.update(doc(ana, goalPath('g1')), { edited: false });
    await assertFails(unmarked.commit());
    await assertSucceeds(editGoal(await writer(ana, 'ana'), goal, content({ text: 'Weekly' })).commit());
    await assertFails(setDoc(doc(ana, `${goalPath('g1')}/versions/0`), { text: 'rewritten' }, { merge: true }));
  });

  it('edits are rate limited: a second write within 3 seconds is refused', async () => {
    const ana = as('ana');
    const stored = await storedData(env, `${ratesPath}/ana`);
    const w: Writer = { db: ana, space, board, uid: 'ana', rate: readRateSnapshot(stored, board) };
    await assertFails(editGoal(w, await goalOf('g1'), content({ text: 'Too soon' })).commit());
  });

  it('nobody else edits, pauses, hides from the cohort or checks in on it', async () => {
    const bob = as('bob');
    const goal = await goalOf('g1');
    const bobOnAna: Writer = { db: bob, space, board, uid: 'bob', rate: null };
    await assertFails(editGoal(bobOnAna, goal, content({ text: 'Hijacked' })).commit());
    await assertFails(changeGoal(bobOnAna, goal, { status: 'paused' }).commit());
    await assertFails(changeGoal(bobOnAna, goal, { visibility: 'private' }).commit());
    await assertFails(checkIn(bobOnAna, goal, 'c1', 'behind', 'Not doing it').commit());
    await assertFails(reflect(bobOnAna, 'g1', 'r1', 'What I learnt from Ana').commit());
    await assertFails(updateDoc(doc(bob, goalPath('g1')), { text: 'Hijacked' }));
    await assertFails(updateDoc(doc(as('fay'), goalPath('g1')), { text: 'Rewritten by a facilitator' }));
  });

  it('a status outside the list is refused; done, paused and active again are allowed', async () => {
    const ana = as('ana');
    for (const status of ['failed', 'DONE', '', 3]) {
      const batch = changeGoal(await writer(ana, 'ana'), await goalOf('g1'), { status: status as 'done' });
      await assertFails(batch.commit());
    }
    for (const status of ['paused', 'active', 'done'] as const) {
      await assertSucceeds(changeGoal(await writer(ana, 'ana'), await goalOf('g1'), { status }).commit());
    }
    expect((await storedData(env, `${ratesPath}/ana`))?.active).toEqual({ [board]: 0 });
  });

  it('a facilitator hides and restores a goal, and nothing else', async () => {
    const fay = as('fay');
    await assertFails(updateDoc(doc(as('ana'), goalPath('g1')), { hidden: true }));
    await assertSucceeds(updateDoc(doc(fay, goalPath('g1')), { hidden: true }));
    await assertFails(getDoc(doc(as('bob'), goalPath('g1'))));
    await assertSucceeds(updateDoc(doc(fay, goalPath('g1')), { hidden: false }));
    await assertFails(updateDoc(doc(fay, goalPath('g1')), { hidden: 'no' }));
  });
});

/** A rate document's next fields as the widget would write them, for hand-built batches. */
function rateAfter(w: Writer) {
  return {
    lastAt: serverTimestamp(),
    windowStart: w.rate?.rate?.storedWindowStart ?? serverTimestamp(),
    count: (w.rate?.rate?.count ?? 0) + 1,
    boardId: board,
    active: { [board]: w.rate?.active ?? 0 },
  };
}

describe('who reads a goal', () => {
  beforeEach(async () => {
    await setAs('ana', 'public');
    await setAs('bob', 'secret', {}, 'private');
  });

  it('a private goal is read by its owner and facilitators only, by id or by any list', async () => {
    await assertSucceeds(getDoc(doc(as('bob'), goalPath('secret'))));
    await assertSucceeds(getDoc(doc(as('fay'), goalPath('secret'))));
    await assertFails(getDoc(doc(as('ana'), goalPath('secret'))));
    await assertFails(getDoc(doc(signedOut(env), goalPath('secret'))));
    const goals = (db: Firestore) => collection(db, boardPath, 'goals');
    await assertFails(getDocs(goals(as('ana'))));
    await assertFails(getDocs(query(goals(as('ana')), orderBy('lastActivityAt', 'desc'), limit(20))));
    await assertFails(getDocs(query(goals(as('ana')), where('ownerId', '==', 'bob'))));
    await assertFails(getDocs(query(goals(as('ana')), where('visibility', '==', 'private'))));
    // What the board asks for: only goals the cohort sees, and one's own.
    const cohort = await getDocs(boardQuery(as('ana'), space, board, 20, false));
    expect(cohort.docs.map((d) => d.id)).toEqual(['public']);
    const mine = await getDocs(myGoalsQuery(as('bob'), space, board, 'bob'));
    expect(mine.docs.map((d) => d.id)).toEqual(['secret']);
    const all = await getDocs(boardQuery(as('fay'), space, board, 20, true));
    expect(all.docs.map((d) => d.id).sort()).toEqual(['public', 'secret']);
    await assertFails(getDocs(boardQuery(as('ana'), space, board, 20, true)));
  });

  it('nothing under a private goal is readable by other learners: check-ins, reflections, history', async () => {
    const bob = as('bob');
    await assertSucceeds(
      checkIn(await writer(bob, 'bob'), await goalOf('secret'), 'c1', 'behind', 'Slow week').commit(),
    );
    await assertSucceeds(editGoal(await writer(bob, 'bob'), await goalOf('secret'), content({ text: 'New' })).commit());
    for (const sub of ['checkIns', 'versions', 'reflections', 'cheers']) {
      await assertFails(getDocs(collection(as('ana'), goalPath('secret'), sub)));
      await assertSucceeds(getDocs(collection(as('fay'), goalPath('secret'), sub)));
    }
    await assertFails(getDoc(doc(as('ana'), `${goalPath('secret')}/checkIns/c1`)));
    await assertSucceeds(getDocs(collection(as('bob'), goalPath('secret'), 'checkIns')));
  });

  it('a goal made private stops being readable at once; rates are their owner’s', async () => {
    const ana = as('ana');
    await assertSucceeds(
      changeGoal(await writer(ana, 'ana'), await goalOf('public'), { visibility: 'private' }).commit(),
    );
    await assertFails(getDoc(doc(as('bob'), goalPath('public'))));
    await assertFails(getDoc(doc(as('bob'), `${ratesPath}/ana`)));
    await assertFails(getDocs(collection(as('fay'), ratesPath)));
  });
});

describe('checking in and reflecting', () => {
  beforeEach(async () => {
    await setAs('ana', 'g1');
  });

  it('a check-in is stored, copied to the card, counted and paid to the ledger', async () => {
    const ana = as('ana');
    await assertSucceeds(
      checkIn(await writer(ana, 'ana'), await goalOf('g1'), 'c1', 'behind', 'Two of three').commit(),
    );
    const goal = await goalOf('g1');
    expect([goal.checkIns, goal.lastCheckIn?.status, goal.lastCheckIn?.note]).toEqual([1, 'behind', 'Two of three']);
    expect((await storedData(env, `spaces/${space}/ledger/ana`))?.counts).toEqual({ goals: 1, checkIns: 1 });
  });

  it('refuses a status outside the list, a long or hostile note, and a forged time', async () => {
    const ana = as('ana');
    for (const [status, note] of [
      ['late', ''],
      ['onTrack', 'x'.repeat(501)],
      ['onTrack', 'you dolt'],
      ['onTrack', 'a\u202Eb'],
      ['onTrack', ['list']],
    ] as const) {
      await assertFails(
        checkIn(await writer(ana, 'ana'), await goalOf('g1'), 'c1', status as 'onTrack', note as string).commit(),
      );
    }
    const forged = checkIn(await writer(ana, 'ana'), await goalOf('g1'), 'c1', 'onTrack', 'fine');
    forged.set(doc(ana, `${goalPath('g1')}/checkIns/c1`), { at: Timestamp.fromMillis(0) }, { merge: true });
    await assertFails(forged.commit());
  });

  it('the card copy must match the check-in, and a check-in must reach the card', async () => {
    const ana = as('ana');
    const lying = checkIn(await writer(ana, 'ana'), await goalOf('g1'), 'c1', 'behind', 'Slipping');
    lying.update(doc(ana, goalPath('g1')), { 'lastCheckIn.status': 'onTrack' });
    await assertFails(lying.commit());
    const alone = writeBatch(ana);
    alone.set(doc(ana, `${goalPath('g1')}/checkIns/c2`), {
      status: 'onTrack',
      note: '',
      by: 'ana',
      at: serverTimestamp(),
    });
    addContribution(alone, ana, space, 'ana', 'checkIns', `goalBoards/${board}/goals/g1/checkIns/c2`);
    await assertFails(alone.commit());
    const double = checkIn(await writer(ana, 'ana'), await goalOf('g1'), 'c3', 'onTrack', '');
    double.update(doc(ana, goalPath('g1')), { checkIns: increment(2) });
    await assertFails(double.commit());
  });

  it('a reflection on one’s own goal, ≤ 1,000 characters, shows on the card', async () => {
    const ana = as('ana');
    await assertFails(reflect(await writer(ana, 'ana'), 'g1', 'r1', 'x'.repeat(1001)).commit());
    await assertFails(reflect(await writer(ana, 'ana'), 'g1', 'r1', '').commit());
    await assertSucceeds(reflect(await writer(ana, 'ana'), 'g1', 'r1', 'x'.repeat(1000)).commit());
    expect((await goalOf('g1')).reflection?.text).toBe('x'.repeat(1000));
    await setAs('bob', 'g2');
    await assertFails(reflect(await writer(as('bob'), 'bob'), 'g1', 'r2', 'On Ana’s goal').commit());
  });

  it('a learner who has not acknowledged the norms neither checks in nor reflects', async () => {
    await seed(env, (db) => updateDoc(doc(db, 'spaces', space, 'members', 'ana'), { normsAcknowledgedAt: null }));
    const ana = as('ana');
    await assertFails(checkIn(await writer(ana, 'ana'), await goalOf('g1'), 'c1', 'onTrack', 'Fine').commit());
    await assertFails(reflect(await writer(ana, 'ana'), 'g1', 'r1', 'What helped most').commit());
  });

  it('a change that changes nothing is refused: no bumping a card to the top', async () => {
    const ana = as('ana');
    await assertFails(changeGoal(await writer(ana, 'ana'), await goalOf('g1'), { status: 'active' }).commit());
  });

  it('the largest allowed batches stay within the expression limit', async () => {
    const words = (n: number) =>
      Array.from({ length: n }, (_, i) => `w${i}`)
        .join(' ')
        .slice(0, n);
    const ana = as('ana');
    await assertSucceeds(
      editGoal(await writer(ana, 'ana'), await goalOf('g1'), {
        text: words(280),
        why: words(500),
        firstStep: words(200),
        targetDate: '2027-01-31',
      }).commit(),
    );
    await assertSucceeds(checkIn(await writer(ana, 'ana'), await goalOf('g1'), 'c1', 'onTrack', words(500)).commit());
    await assertSucceeds(reflect(await writer(ana, 'ana'), 'g1', 'r1', words(1000)).commit());
    await assertSucceeds(setAs('bob', 'g2', { text: words(280), why: words(500), firstStep: words(200) }));
  });
});

describe('cheering', () => {
  beforeEach(async () => {
    await setAs('ana', 'g1');
  });
  const cheerAs = (uid: string, goalId = 'g1', note = 'You can do it') =>
    cheer({ db: as(uid), space, board, uid }, { id: goalId }, note).commit();

  it('one cheer per learner per goal moves the count by one and pays the ledger', async () => {
    await assertSucceeds(cheerAs('bob'));
    expect((await goalOf('g1')).cheers).toBe(1);
    await assertFails(cheerAs('bob'));
    await assertSucceeds(cheerAs('fay'));
    expect((await goalOf('g1')).cheers).toBe(2);
    expect((await storedData(env, `spaces/${space}/ledger/bob`))?.counts).toEqual({ cheers: 1 });
  });

  it('never on one’s own goal, a private one, or by a stranger; a note ≤ 140 and clean', async () => {
    await assertFails(cheerAs('ana'));
    await assertFails(cheerAs('stranger'));
    await assertFails(cheerAs('bob', 'g1', 'x'.repeat(141)));
    await assertFails(cheerAs('bob', 'g1', 'go dolt'));
    await setAs('bob', 'secret', {}, 'private');
    await assertFails(cheerAs('ana', 'secret'));
  });

  it('a learner who has not acknowledged the norms cannot cheer', async () => {
    await seed(env, (db) => updateDoc(doc(db, 'spaces', space, 'members', 'bob'), { normsAcknowledgedAt: null }));
    await assertFails(cheerAs('bob'));
  });

  it('a cheer count moved without a cheer, or by more than one, is refused', async () => {
    const bob = as('bob');
    await assertFails(updateDoc(doc(bob, goalPath('g1')), { cheers: increment(1) }));
    const double = cheer({ db: bob, space, board, uid: 'bob' }, { id: 'g1' }, '');
    double.update(doc(bob, goalPath('g1')), { cheers: increment(2) });
    await assertFails(double.commit());
    const noLedger = writeBatch(bob);
    noLedger.set(doc(bob, `${goalPath('g1')}/cheers/bob`), { note: '', at: serverTimestamp() });
    noLedger.update(doc(bob, goalPath('g1')), { cheers: increment(1) });
    await assertFails(noLedger.commit());
    const forgedTime = cheer({ db: bob, space, board, uid: 'bob' }, { id: 'g1' }, '');
    forgedTime.set(doc(bob, `${goalPath('g1')}/cheers/bob`), { at: Timestamp.fromMillis(0) }, { merge: true });
    await assertFails(forgedTime.commit());
    // Cheering in another learner's name.
    await assertFails(cheer({ db: bob, space, board, uid: 'fay' }, { id: 'g1' }, '').commit());
    expect((await goalOf('g1')).cheers).toBe(0);
  });
});

describe('cheering a check-in', () => {
  beforeEach(async () => {
    await setAs('ana', 'g1');
    const ana = as('ana');
    await checkIn(await writer(ana, 'ana'), await goalOf('g1'), 'c1', 'onTrack', 'Two of three done').commit();
  });
  const cheerCheckIn = async (uid: string, checkInId = 'c1', note = 'Nice progress') =>
    cheer({ db: as(uid), space, board, uid }, await goalOf('g1'), note, checkInId).commit();

  it('one cheer per learner per check-in: its count and the card’s copy move by one, and the ledger', async () => {
    await assertSucceeds(cheerCheckIn('bob'));
    expect((await goalOf('g1')).lastCheckIn?.cheers).toBe(1);
    expect((await storedData(env, `${goalPath('g1')}/checkIns/c1`))?.cheers).toBe(1);
    await assertFails(cheerCheckIn('bob'));
    // The goal's own cheer is another cheer.
    await assertSucceeds(cheer({ db: as('bob'), space, board, uid: 'bob' }, { id: 'g1' }, '').commit());
    expect((await storedData(env, `spaces/${space}/ledger/bob`))?.counts).toEqual({ cheers: 2 });
  });

  it('an older check-in is cheered without touching the card; never one’s own; the note is checked', async () => {
    const ana = as('ana');
    await checkIn(await writer(ana, 'ana'), await goalOf('g1'), 'c2', 'behind', '').commit();
    await assertSucceeds(cheerCheckIn('bob', 'c1'));
    expect((await goalOf('g1')).lastCheckIn).toMatchObject({ id: 'c2', cheers: 0 });
    await assertFails(cheerCheckIn('ana', 'c2'));
    await assertFails(cheerCheckIn('bob', 'c2', 'x'.repeat(141)));
    await assertFails(cheerCheckIn('bob', 'c2', 'you dolt'));
  });

  it('a count moved without a cheer, the card’s copy left behind, or a forged time is refused', async () => {
    const bob = as('bob');
    await assertFails(updateDoc(doc(bob, `${goalPath('g1')}/checkIns/c1`), { cheers: increment(1) }));
    await assertFails(updateDoc(doc(bob, goalPath('g1')), { 'lastCheckIn.cheers': increment(1) }));
    const behind = writeBatch(bob);
    behind.set(doc(bob, `${goalPath('g1')}/checkIns/c1/cheers/bob`), {
      note: '',
      at: serverTimestamp(),
      hidden: false,
    });
    behind.update(doc(bob, `${goalPath('g1')}/checkIns/c1`), { cheers: increment(1) });
    addContribution(behind, bob, space, 'bob', 'cheers', `goalBoards/${board}/goals/g1/checkIns/c1/cheers/bob`);
    await assertFails(behind.commit());
    const forged = cheer({ db: bob, space, board, uid: 'bob' }, await goalOf('g1'), '', 'c1');
    forged.set(doc(bob, `${goalPath('g1')}/checkIns/c1/cheers/bob`), { at: Timestamp.fromMillis(0) }, { merge: true });
    await assertFails(forged.commit());
    expect((await goalOf('g1')).lastCheckIn?.cheers).toBe(0);
  });

  it('the goal’s owner hides a note on it, a facilitator restores it; others read only shown notes', async () => {
    await cheerCheckIn('bob', 'c1', 'Keep going');
    const notePath = `${goalPath('g1')}/checkIns/c1/cheers/bob`;
    await member('cy');
    await assertFails(updateDoc(doc(as('cy'), notePath), { hidden: true }));
    await assertFails(updateDoc(doc(as('bob'), notePath), { note: 'rewritten' }));
    await assertSucceeds(updateDoc(doc(as('ana'), notePath), { hidden: true }));
    await assertFails(updateDoc(doc(as('ana'), notePath), { hidden: false }));
    await assertFails(getDoc(doc(as('cy'), notePath)));
    await assertSucceeds(getDoc(doc(as('bob'), notePath)));
    const shown = (uid: string) =>
      getDocs(query(collection(as(uid), `${goalPath('g1')}/checkIns/c1/cheers`), where('hidden', '==', false)));
    await assertSucceeds(shown('cy'));
    await assertFails(getDocs(collection(as('cy'), `${goalPath('g1')}/checkIns/c1/cheers`)));
    await assertSucceeds(updateDoc(doc(as('fay'), notePath), { hidden: false }));
    await assertSucceeds(getDoc(doc(as('cy'), notePath)));
  });
});

describe('reporting a goal', () => {
  beforeEach(async () => {
    await setAs('ana', 'g1');
    await member('cy');
  });
  const reportAs = async (uid: string) =>
    reportGoal(as(uid), space, board, await goalOf('g1'), uid, { reason: 'unkind', note: '' }, 3).commit();

  it('enough distinct reports hide the goal from the cohort until a facilitator restores it', async () => {
    await assertSucceeds(reportAs('bob'));
    await assertFails(reportAs('bob'));
    await assertSucceeds(reportAs('cy'));
    expect((await goalOf('g1')).hidden).toBe(false);
    await assertSucceeds(reportAs('fay'));
    expect((await goalOf('g1')).hidden).toBe(true);
    await assertFails(getDoc(doc(as('bob'), goalPath('g1'))));
    await assertSucceeds(getDoc(doc(as('ana'), goalPath('g1'))));
    await assertSucceeds(setHidden(as('fay'), space, board, 'g1', false));
    expect(await goalOf('g1')).toMatchObject({ hidden: false, reportCount: 0 });
  });

  it('refuses a report on one’s own goal, a report count moved alone or faked hiding, and a reason off the list', async () => {
    await assertFails(reportAs('ana'));
    await assertFails(updateDoc(doc(as('bob'), goalPath('g1')), { reportCount: increment(1) }));
    const hiding = reportGoal(as('bob'), space, board, await goalOf('g1'), 'bob', { reason: 'spam', note: '' }, 1);
    await assertFails(hiding.commit());
    const offList = reportGoal(as('bob'), space, board, await goalOf('g1'), 'bob', { reason: 'boring', note: '' }, 3);
    await assertFails(offList.commit());
    await assertFails(getDoc(doc(as('cy'), `${goalPath('g1')}/reports/bob`)));
  });

  it('its owner cannot rewrite a reported goal while it is under review', async () => {
    await reportAs('bob');
    const ana = as('ana');
    await assertFails(
      editGoal(await writer(ana, 'ana'), await goalOf('g1'), content({ text: 'Something else' })).commit(),
    );
  });
});

describe('forged times', () => {
  beforeEach(async () => {
    await setAs('ana', 'g1');
  });

  it('a reflection, a kept wording and the rate document take the server’s time only', async () => {
    const ana = as('ana');
    const reflection = reflect(await writer(ana, 'ana'), 'g1', 'r1', 'What helped');
    reflection.set(doc(ana, `${goalPath('g1')}/reflections/r1`), { at: Timestamp.fromMillis(0) }, { merge: true });
    await assertFails(reflection.commit());
    const version = editGoal(await writer(ana, 'ana'), await goalOf('g1'), content({ text: 'Weekly' }));
    version.set(doc(ana, `${goalPath('g1')}/versions/0`), { savedAt: Timestamp.fromMillis(0) }, { merge: true });
    await assertFails(version.commit());
    const rate = checkIn(await writer(ana, 'ana'), await goalOf('g1'), 'c1', 'onTrack', '');
    rate.set(doc(ana, `${ratesPath}/ana`), { lastAt: Timestamp.fromMillis(Date.now() + 60_000) }, { merge: true });
    await assertFails(rate.commit());
    const card = checkIn(await writer(ana, 'ana'), await goalOf('g1'), 'c1', 'onTrack', '');
    card.update(doc(ana, goalPath('g1')), { lastActivityAt: Timestamp.fromMillis(Date.now() + 86_400_000) });
    await assertFails(card.commit());
  });
});
