// The activity ledger (packages/core/src/ledger.ts, packages/core/rules/space.rules): one document per member that
// badges and the facilitator pulse trust, so no contribution may go uncounted and no count may move without one.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  arrayUnion,
  collection,
  doc,
  getDoc,
  getDocs,
  increment,
  serverTimestamp,
  setDoc,
  Timestamp,
  writeBatch,
  type Firestore,
} from 'firebase/firestore';
import type { RulesTestEnvironment } from '@firebase/rules-unit-testing';
import { addContribution, utcDay } from '../../packages/core/src/ledger';
import {
  assertFails,
  assertSucceeds,
  rulesEnvironment,
  seed,
  signedInAs,
  storedData,
} from '@cohort-kit/core/testing/rules.js';
// The ledger is counted by every widget's contributions; the thread's posts, reactions and a poll's votes are the
// ones these tests write.
import { firstVote as firstVoteIn, react as reactIn, seedCheckInPoll, writePost } from './contributions.js';

let env: RulesTestEnvironment;
const SPACE = 'leadership';
const as = (uid: string) => signedInAs(env, uid);
const ledgerOf = (db: Firestore, uid: string) => doc(db, 'spaces', SPACE, 'ledger', uid);

beforeAll(async () => {
  env = await rulesEnvironment('ledger');
});
afterAll(async () => {
  await env.cleanup();
});
beforeEach(async () => {
  await env.clearFirestore();
  await seed(env, async (db) => {
    await setDoc(doc(db, 'spaces', SPACE), { name: 'Leadership', norms: '' });
    for (const [uid, displayName, role] of [
      ['alice', 'Alice', 'learner'],
      ['bob', 'Bob', 'learner'],
      ['fran', 'Fran', 'facilitator'],
    ]) {
      await setDoc(doc(db, 'spaces', SPACE, 'members', uid!), {
        displayName,
        role,
        joinedAt: Timestamp.now(),
        normsAcknowledgedAt: null,
      });
    }
    await seedCheckInPoll(db, SPACE);
  });
});

const AUTHORS: Record<string, { uid: string; name: string; role: string }> = {
  alice: { uid: 'alice', name: 'Alice', role: 'learner' },
  bob: { uid: 'bob', name: 'Bob', role: 'learner' },
  fran: { uid: 'fran', name: 'Fran', role: 'facilitator' },
};
/** A post (or reply) as the element writes it: the post, the rate document that pays for it, its ledger +1. */
const post = (db: Firestore, uid: string, id: string, opts: Parameters<typeof writePost>[4] = {}) =>
  writePost(db, SPACE, AUTHORS[uid]!, id, opts);
/** A first vote in a named poll, as the element writes it. */
const firstVote = (db: Firestore, uid: string, ledger = true) => firstVoteIn(db, SPACE, uid, ledger);
/** A reaction on post `id`, with the post's counters; `counted` adds the ledger +1 of a first reaction. */
const react = (db: Firestore, uid: string, id: string, on: boolean, countBefore: number, counted: boolean) =>
  reactIn(db, SPACE, uid, id, on, countBefore, counted);

const ledger = (uid: string) => storedData(env, `spaces/${SPACE}/ledger/${uid}`);

describe('activity ledger: every contribution counts once', () => {
  it('counts a post, a reply, a named first vote and a first reaction, with the day and time', async () => {
    const alice = as('alice');
    await assertSucceeds(post(alice, 'alice', 'p1'));
    const after = await ledger('alice');
    expect(after?.counts).toEqual({ posts: 1 });
    expect(after?.days).toEqual([utcDay(new Date())]);
    expect(after?.lastRef).toBe('threads/week-2/posts/p1');
    expect(after?.lastAt).toBeInstanceOf(Timestamp);

    const bob = as('bob');
    await assertSucceeds(post(bob, 'bob', 'r1', { parentId: 'p1' }));
    await assertSucceeds(firstVote(bob, 'bob'));
    await assertSucceeds(react(bob, 'bob', 'p1', true, 0, true));
    expect((await ledger('bob'))?.counts).toEqual({ replies: 1, votes: 1, reactions: 1 });
    // The same day is kept once.
    expect((await ledger('bob'))?.days).toEqual([utcDay(new Date())]);
  });

  it('does not count a reaction taken back and given again', async () => {
    await assertSucceeds(post(as('alice'), 'alice', 'p1'));
    const bob = as('bob');
    await assertSucceeds(react(bob, 'bob', 'p1', true, 0, true));
    await assertSucceeds(react(bob, 'bob', 'p1', false, 1, false));
    await assertFails(react(bob, 'bob', 'p1', true, 0, true));
    await assertSucceeds(react(bob, 'bob', 'p1', true, 0, false));
    expect((await ledger('bob'))?.counts).toEqual({ reactions: 1 });
  });
});

describe('activity ledger: what a learner with devtools is refused', () => {
  it('a contribution without its increment', async () => {
    await assertFails(post(as('alice'), 'alice', 'p1', { ledger: () => {} }));
    await assertFails(firstVote(as('bob'), 'bob', false));
    await assertSucceeds(post(as('alice'), 'alice', 'p1'));
    await assertFails(react(as('bob'), 'bob', 'p1', true, 0, false));
    expect(await ledger('bob')).toBeUndefined();
  });

  it('an increment without a contribution, or naming one made before', async () => {
    const alice = as('alice');
    const alone = writeBatch(alice);
    addContribution(alone, alice, SPACE, 'alice', 'posts', 'threads/week-2/posts/p9');
    await assertFails(alone.commit());
    await assertSucceeds(post(alice, 'alice', 'p1'));
    const again = writeBatch(alice);
    addContribution(again, alice, SPACE, 'alice', 'posts', 'threads/week-2/posts/p1');
    await assertFails(again.commit());
    // Another kind than the contribution made: a post counted as a reply, a vote as a post.
    await assertFails(
      post(as('bob'), 'bob', 'p2', {
        ledger: (batch, db) => addContribution(batch, db, SPACE, 'bob', 'replies', 'threads/week-2/posts/p2'),
      }),
    );
    expect((await ledger('alice'))?.counts).toEqual({ posts: 1 });
  });

  it('+2 (or any other step) in one batch', async () => {
    for (const step of [2, 0, -1]) {
      await assertFails(
        post(as('alice'), 'alice', `p${step + 5}`, {
          ledger: (batch, db) =>
            batch.set(
              ledgerOf(db, 'alice'),
              {
                counts: { posts: increment(step) },
                days: arrayUnion(utcDay(new Date())),
                lastAt: serverTimestamp(),
                lastKind: 'posts',
                lastRef: `threads/week-2/posts/p${step + 5}`,
              },
              { merge: true },
            ),
        }),
      );
    }
    expect(await ledger('alice')).toBeUndefined();
  });

  it("writing another learner's ledger", async () => {
    const bob = as('bob');
    await assertFails(
      post(bob, 'bob', 'p1', {
        ledger: (batch, db) => addContribution(batch, db, SPACE, 'alice', 'posts', 'threads/week-2/posts/p1'),
      }),
    );
    expect(await ledger('alice')).toBeUndefined();
  });

  it('a forged day, time or field', async () => {
    const today = utcDay(new Date());
    const forged = (fields: Record<string, unknown>) =>
      post(as('alice'), 'alice', 'p1', {
        ledger: (batch, db) =>
          batch.set(
            ledgerOf(db, 'alice'),
            {
              counts: { posts: increment(1) },
              days: arrayUnion(today),
              lastAt: serverTimestamp(),
              lastKind: 'posts',
              lastRef: 'threads/week-2/posts/p1',
              ...fields,
            },
            { merge: true },
          ),
      });
    await assertFails(forged({ days: arrayUnion(today - 40) }));
    await assertFails(forged({ days: arrayUnion(today + 5) }));
    await assertFails(forged({ days: [today, today - 1] }));
    await assertFails(forged({ lastAt: Timestamp.fromMillis(0) }));
    await assertFails(forged({ badge: 'founding-voices' }));
    await assertFails(forged({ counts: { posts: increment(1), goals: 5 } }));
    // The device's clock may be a day off, or the post queued offline for a while.
    await assertSucceeds(forged({ days: arrayUnion(today - 1) }));
  });

  it("reading another learner's ledger, as a learner; the learner and facilitators read it", async () => {
    await assertSucceeds(post(as('alice'), 'alice', 'p1'));
    await assertSucceeds(getDoc(ledgerOf(as('alice'), 'alice')));
    await assertFails(getDoc(ledgerOf(as('bob'), 'alice')));
    await assertFails(getDocs(collection(as('bob'), 'spaces', SPACE, 'ledger')));
    await assertSucceeds(getDoc(ledgerOf(as('fran'), 'alice')));
    const all = await assertSucceeds(getDocs(collection(as('fran'), 'spaces', SPACE, 'ledger')));
    expect(all.docs.map((d) => d.id)).toEqual(['alice']);
  });
});
