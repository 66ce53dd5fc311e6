// Accountability buddies from the attacker's side, and the race the rules must settle: learners opting in at
// once end up in pairs (and at most one trio), nobody in two. The batches are the ones the element sends
// (buddy-data.ts), and the race runs the element's own matcher, one per learner, each with its own listeners.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  collection,
  doc,
  getDocs,
  onSnapshot,
  serverTimestamp,
  setDoc,
  Timestamp,
  updateDoc,
  writeBatch,
  type Firestore,
} from 'firebase/firestore';
import type { RulesTestEnvironment } from '@firebase/rules-unit-testing';
import {
  assertFails,
  assertSucceeds,
  rulesEnvironment,
  seed,
  signedInAs,
  storedData,
} from '@cohort-kit/core/testing/rules.js';
import {
  BuddyMatcher,
  buddyToClaim,
  claimBuddy,
  joinPair,
  lookForBuddy,
  readBuddy,
  readPair,
  stopBuddying,
  waitingQuery,
  type BuddyWriter,
} from '../src/buddy-data';

// The data module's core imports are the built package's in a browser; here the same core sources, read in Node.
// No element listens here, so a write needs no listener started again after it.
vi.mock('@cohort-kit/core/data.js', async () => ({
  ...(await import('../../core/src/rate-document')),
  writingTo: <T>(write: Promise<T>) => write,
}));

let env: RulesTestEnvironment;
/**
 * Each test has a space of its own instead of a cleared database. The race tests listen, and the SDK closes a listen
 * stream a minute after its last listener stops; a clear that meets a stream closing is refused by the emulator
 * ("499 call already cancelled"), which failed a slow run.
 */
let space = '';
let tests = 0;
/** Names this run's spaces apart from an earlier run's on the same emulator. */
const run = Date.now().toString(36);
const board = 'leadership-goals';
const buddyPath = (uid: string) => `spaces/${space}/goalBoards/${board}/buddies/${uid}`;
const pairPath = (id: string) => `spaces/${space}/goalBoards/${board}/pairs/${id}`;
/** Each learner's writer, one Firestore per learner per test. */
const writers = new Map<string, BuddyWriter>();
const as = (uid: string): BuddyWriter => {
  if (!writers.has(uid)) writers.set(uid, { db: signedInAs(env, uid), space, board, uid, name: uid.toUpperCase() });
  return writers.get(uid)!;
};

async function member(uid: string, acknowledged = true) {
  await seed(env, (db) =>
    setDoc(doc(db, 'spaces', space, 'members', uid), {
      displayName: uid.toUpperCase(),
      role: 'learner',
      joinedAt: Timestamp.now(),
      normsAcknowledgedAt: acknowledged ? Timestamp.now() : null,
    }),
  );
}

const buddyOf = async (uid: string) => readBuddy(uid, await storedData(env, buddyPath(uid)));
const pairOf = async (id: string) => readPair(id, await storedData(env, pairPath(id)));
async function allPairs() {
  let pairs: ReturnType<typeof readPair>[] = [];
  await env.withSecurityRulesDisabled(async (context) => {
    const db = context.firestore() as unknown as Firestore;
    const snapshot = await getDocs(collection(db, 'spaces', space, 'goalBoards', board, 'pairs'));
    pairs = snapshot.docs.map((each) => readPair(each.id, each.data()));
  });
  return pairs;
}

const wait = async (uid: string) => lookForBuddy(as(uid), await buddyOf(uid)).commit();

beforeAll(async () => {
  env = await rulesEnvironment('goals-buddies');
});
afterAll(async () => {
  await env.cleanup();
});
beforeEach(async () => {
  writers.clear();
  space = `leadership-${run}-${++tests}`;
  await seed(env, (db) => setDoc(doc(db, 'spaces', space), { name: 'Leadership', norms: 'Be kind.' }));
  for (const uid of ['ana', 'bob', 'cy', 'dee']) await member(uid);
});

describe('opting in and pairing', () => {
  it('a learner who waits is claimed by the next: one pair, both paired, in one batch', async () => {
    await assertSucceeds(wait('ana'));
    expect((await buddyOf('ana')).state).toBe('waiting');
    await assertSucceeds(claimBuddy(as('bob'), 'ana').commit());
    const [ana, bob] = [await buddyOf('ana'), await buddyOf('bob')];
    expect([ana.state, bob.state, ana.pairId === bob.pairId]).toEqual(['paired', 'paired', true]);
    expect((await pairOf(ana.pairId!)).members.sort()).toEqual(['ana', 'bob']);
  });

  it('nobody is paired with a learner who did not opt in, or who is already paired', async () => {
    await assertFails(claimBuddy(as('bob'), 'ana').commit());
    await wait('ana');
    await claimBuddy(as('bob'), 'ana').commit();
    await assertFails(claimBuddy(as('cy'), 'ana').commit());
    await wait('cy');
    // Bob is paired: he cannot claim another as well.
    await assertFails(claimBuddy(as('bob'), 'cy').commit());
    expect((await buddyOf('cy')).state).toBe('waiting');
  });

  it('two claims on the same waiting learner at once: one wins, the other is refused', async () => {
    await wait('ana');
    const results = await Promise.allSettled([
      claimBuddy(as('bob'), 'ana').commit(),
      claimBuddy(as('cy'), 'ana').commit(),
    ]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    const pairs = await allPairs();
    expect(pairs).toHaveLength(1);
    const ana = await buddyOf('ana');
    expect(pairs[0]!.id).toBe(ana.pairId);
  });

  it('refuses forged pairings: strangers, three at once, another learner in my name, no pair, a forged time', async () => {
    await wait('ana');
    await wait('bob');
    await assertFails(claimBuddy(as('stranger'), 'ana').commit());
    // A pair of three made at once, claiming two waiting learners.
    const pairId = 'p3';
    const forged = writeBatch(as('cy').db);
    forged.set(doc(as('cy').db, pairPath(pairId)), {
      members: ['ana', 'bob', 'cy'],
      left: [],
      createdAt: serverTimestamp(),
    });
    for (const uid of ['ana', 'bob'])
      forged.update(doc(as('cy').db, buddyPath(uid)), { state: 'paired', pairId, since: serverTimestamp() });
    forged.set(doc(as('cy').db, buddyPath('cy')), { name: 'CY', state: 'paired', pairId, since: serverTimestamp() });
    await assertFails(forged.commit());
    // Pairing two others, without being in the pair.
    const matchmaker = writeBatch(as('cy').db);
    matchmaker.set(doc(as('cy').db, pairPath('p4')), {
      members: ['ana', 'bob'],
      left: [],
      createdAt: serverTimestamp(),
    });
    for (const uid of ['ana', 'bob'])
      matchmaker.update(doc(as('cy').db, buddyPath(uid)), { state: 'paired', pairId: 'p4', since: serverTimestamp() });
    await assertFails(matchmaker.commit());
    // Turning someone to paired with no pair made.
    await assertFails(
      updateDoc(doc(as('cy').db, buddyPath('ana')), { state: 'paired', pairId: 'nothing', since: serverTimestamp() }),
    );
    // My own document as paired, in a pair that does not have me.
    await assertFails(
      setDoc(doc(as('dee').db, buddyPath('dee')), {
        name: 'DEE',
        state: 'paired',
        pairId: 'x',
        since: serverTimestamp(),
      }),
    );
    // A forged time or name.
    await assertFails(
      setDoc(doc(as('cy').db, buddyPath('cy')), { name: 'CY', state: 'waiting', pairId: null, since: Timestamp.now() }),
    );
    await assertFails(
      setDoc(doc(as('cy').db, buddyPath('cy')), {
        name: 'Ana',
        state: 'waiting',
        pairId: null,
        since: serverTimestamp(),
      }),
    );
    expect((await buddyOf('ana')).state).toBe('waiting');
    expect(await allPairs()).toHaveLength(0);
  });

  it('a learner who has not acknowledged the norms cannot opt in', async () => {
    await member('eve', false);
    await assertFails(wait('eve'));
  });

  it('only members read who looks for a buddy', async () => {
    await wait('ana');
    await assertSucceeds(getDocs(waitingQuery(as('bob').db, space, board)));
    await assertFails(getDocs(waitingQuery(as('stranger').db, space, board)));
  });
});

describe('the odd learner and leaving', () => {
  it('a waiting learner joins a pair of two as its third, and no pair grows to four', async () => {
    await wait('ana');
    await claimBuddy(as('bob'), 'ana').commit();
    const pairId = (await buddyOf('ana')).pairId!;
    await assertFails(joinPair(as('cy'), pairId).commit()); // not waiting
    await wait('cy');
    await assertSucceeds(joinPair(as('cy'), pairId).commit());
    expect((await pairOf(pairId)).members).toEqual(['ana', 'bob', 'cy']);
    await wait('dee');
    await assertFails(joinPair(as('dee'), pairId).commit());
  });

  it('leaving takes the learner out of the pair; the buddy left behind may look again', async () => {
    await wait('ana');
    await claimBuddy(as('bob'), 'ana').commit();
    const pairId = (await buddyOf('ana')).pairId!;
    // Leaving the pair but staying "paired", or taking the buddy out too, is refused.
    const half = writeBatch(as('bob').db);
    half.update(doc(as('bob').db, pairPath(pairId)), { members: ['ana'], left: ['bob'] });
    await assertFails(half.commit());
    const both = stopBuddying(as('bob'), await buddyOf('bob'));
    both.update(doc(as('bob').db, pairPath(pairId)), { members: [], left: ['bob', 'ana'] });
    await assertFails(both.commit());
    await assertSucceeds(stopBuddying(as('bob'), await buddyOf('bob')).commit());
    expect(await pairOf(pairId)).toMatchObject({ members: ['ana'], left: ['bob'] });
    expect((await buddyOf('bob')).state).toBe('out');
    // Ana, alone in the pair, looks again: that leaves the old pair in the same batch.
    await assertSucceeds(wait('ana'));
    expect(await pairOf(pairId)).toMatchObject({ members: [], left: ['bob', 'ana'] });
    // Nobody joins a pair that was left to one.
    await wait('cy');
    await assertFails(joinPair(as('cy'), pairId).commit());
  });
});

/** One learner's element, reduced to its pairing: it waits, and its matcher claims by the shared waiting list. */
async function optInLive(uid: string) {
  const w = as(uid);
  const matcher = new BuddyMatcher(() => w);
  await lookForBuddy(w, null).commit();
  const stops = [
    onSnapshot(doc(w.db, buddyPath(uid)), (snapshot) => matcher.update({ own: readBuddy(uid, snapshot.data()) })),
    onSnapshot(waitingQuery(w.db, space, board), { includeMetadataChanges: true }, (snapshot) => {
      if (snapshot.metadata.fromCache || snapshot.metadata.hasPendingWrites) return;
      matcher.update({ waiting: snapshot.docs.map((each) => each.id) });
    }),
  ];
  return () => {
    matcher.stop();
    stops.forEach((stop) => stop());
  };
}

async function settled(uids: string[], expectWaiting: number) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const states = await Promise.all(uids.map(buddyOf));
    if (states.filter((each) => each.state === 'waiting').length === expectWaiting) return states;
    if (Date.now() > deadline) throw new Error(`Still waiting: ${states.map((each) => `${each.uid}=${each.state}`)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe('a race of learners opting in at once', () => {
  it('6 learners: three pairs, nobody in two, every pair the one both members name', async () => {
    const uids = ['l1', 'l2', 'l3', 'l4', 'l5', 'l6'];
    for (const uid of uids) await member(uid);
    const stops = await Promise.all(uids.map(optInLive));
    try {
      const states = await settled(uids, 0);
      const pairs = (await allPairs()).filter((pair) => pair.members.length > 0);
      expect(pairs.map((pair) => pair.members.length)).toEqual([2, 2, 2]);
      expect(pairs.flatMap((pair) => pair.members).sort()).toEqual(uids);
      for (const state of states) {
        expect(pairs.find((pair) => pair.id === state.pairId)?.members).toContain(state.uid);
      }
    } finally {
      stops.forEach((stop) => stop());
    }
  });

  it('7 learners: three pairs and one left waiting, who joins a pair as its third', async () => {
    const uids = ['m1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7'];
    for (const uid of uids) await member(uid);
    const stops = await Promise.all(uids.map(optInLive));
    try {
      const states = await settled(uids, 1);
      const odd = states.find((each) => each.state === 'waiting')!;
      const pairs = await allPairs();
      expect(pairs.map((pair) => pair.members.length)).toEqual([2, 2, 2]);
      await assertSucceeds(joinPair(as(odd.uid), pairs[0]!.id).commit());
      const after = await allPairs();
      expect(after.map((pair) => pair.members.length).sort()).toEqual([2, 2, 3]);
      expect(after.flatMap((pair) => pair.members).sort()).toEqual(uids);
    } finally {
      stops.forEach((stop) => stop());
    }
  });

  it('a claim the rules always refuse (the round closed) is tried a few times, not forever', async () => {
    for (const uid of ['r1', 'r2']) await member(uid);
    await wait('r1');
    await wait('r2');
    await seed(env, (db) => updateDoc(doc(db, 'spaces', space), { closedAt: Timestamp.now() }));
    // R2, second in the list, claims R1. Each try shows on R2's page at once as "paired", then turns back.
    const w = as('r2');
    const matcher = new BuddyMatcher(() => w);
    let tries = 0;
    let trying = false;
    const stops = [
      onSnapshot(doc(w.db, buddyPath('r2')), { includeMetadataChanges: true }, (snapshot) => {
        const own = readBuddy('r2', snapshot.data());
        const shownPaired = own.state === 'paired' && snapshot.metadata.hasPendingWrites;
        if (shownPaired && !trying) tries++;
        trying = shownPaired;
        matcher.update({ own });
      }),
      onSnapshot(waitingQuery(w.db, space, board), { includeMetadataChanges: true }, (snapshot) => {
        if (snapshot.metadata.fromCache || snapshot.metadata.hasPendingWrites) return;
        matcher.update({ waiting: snapshot.docs.map((each) => each.id) });
      }),
    ];
    try {
      await new Promise((resolve) => setTimeout(resolve, 8000));
      expect(tries).toBeGreaterThan(0);
      expect(tries).toBeLessThanOrEqual(5);
      expect([(await buddyOf('r1')).state, (await buddyOf('r2')).state]).toEqual(['waiting', 'waiting']);
    } finally {
      matcher.stop();
      stops.forEach((stop) => stop());
    }
  });

  it('the order every waiting learner computes makes disjoint claims', () => {
    const waiting = ['a', 'b', 'c', 'd', 'e'];
    const claims = waiting.map((uid) => buddyToClaim(waiting, uid));
    expect(claims).toEqual([undefined, 'a', undefined, 'c', undefined]);
  });
});
