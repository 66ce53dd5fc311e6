// What <cohort-pulse> reads and writes, judged by the rules from the attacker's side: the pulse's own queries (from
// pulse-data.ts) work for the course team and for nobody else, so a learner with devtools and the page's public config
// learns nothing of another learner's activity; and the nudge is an ordinary facilitator post (the thread's write
// path), mentions and all.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  arrayUnion,
  doc,
  getDoc,
  getDocs,
  increment,
  serverTimestamp,
  setDoc,
  Timestamp,
  writeBatch,
} from 'firebase/firestore';
import type { RulesTestEnvironment } from '@firebase/rules-unit-testing';
import {
  assertFails,
  assertSucceeds,
  rulesEnvironment,
  seed,
  signedInAs,
  signedOut,
  storedData,
} from '@cohort-kit/core/testing/rules.js';
import { utcDay } from '../../core/src/ledger';
import { firstRate, newPostFields } from '../../thread/test/rules-fixtures';
import { createPost } from '@cohort-kit/thread/thread-data.js';
import { ledgersRef, membersRef } from '../src/pulse-data';

// The data modules' core imports are the built package's in a browser; here the same core sources, read in Node.
vi.mock('@cohort-kit/core/data.js', async () => ({
  ...(await import('../../core/src/ledger')),
  ...(await import('../../core/src/rate-document')),
}));

let env: RulesTestEnvironment;
const SPACE = 'leadership';
const THREAD = 'week-3';
const as = (uid: string) => signedInAs(env, uid);
const PEOPLE: [string, string, string][] = [
  ['alice', 'Alice', 'learner'],
  ['bob', 'Bob', 'learner'],
  ['milo', 'Milo', 'mentor'],
  ['fran', 'Fran', 'facilitator'],
  ['olga', 'Olga', 'owner'],
  ['rex', 'Rex', 'removed'],
];

beforeAll(async () => {
  env = await rulesEnvironment('pulse');
});
afterAll(async () => {
  await env.cleanup();
});
beforeEach(async () => {
  await env.clearFirestore();
  await seed(env, async (db) => {
    await setDoc(doc(db, 'spaces', SPACE), { name: 'Leadership', norms: '' });
    for (const [uid, displayName, role] of PEOPLE) {
      await setDoc(doc(db, 'spaces', SPACE, 'members', uid), {
        displayName,
        role,
        joinedAt: Timestamp.now(),
        normsAcknowledgedAt: null,
      });
    }
    for (const uid of ['alice', 'bob']) {
      await setDoc(doc(db, 'spaces', SPACE, 'ledger', uid), {
        counts: { posts: 2 },
        days: [utcDay(new Date())],
        lastAt: Timestamp.now(),
        lastKind: 'posts',
        lastRef: `threads/${THREAD}/posts/${uid}-1`,
      });
    }
  });
});

/** A facilitator's post in the thread, written by the thread's own data module, mentioning `mentions`. */
function post(uid: string, name: string, role: string, body: string, mentions: string[]) {
  const db = as(uid);
  return createPost({ db } as never, SPACE, THREAD, {
    uid,
    authorName: name,
    authorRole: role,
    body,
    parentId: null,
    mentions,
    rate: null,
  });
}

/**
 * A post written by hand, as devtools would: the post, its rate document and the ledger +1, with the mentions and
 * the ledger's lastDays given.
 */
function handPost(uid: string, body: string, extra: { mentions?: string[]; lastDays?: Record<string, unknown> } = {}) {
  const db = as(uid);
  const [, name, role] = PEOPLE.find(([each]) => each === uid)!;
  const author = { uid, name, role };
  const id = `hand-${Math.random().toString(36).slice(2, 8)}`;
  const batch = writeBatch(db);
  batch.set(
    doc(db, 'spaces', SPACE, 'threads', THREAD, 'posts', id),
    newPostFields(author, body, { mentions: extra.mentions ?? [] }),
  );
  batch.set(doc(db, 'spaces', SPACE, 'threadRates', uid), firstRate(id, THREAD));
  batch.set(
    doc(db, 'spaces', SPACE, 'ledger', uid),
    {
      counts: { posts: increment(1) },
      days: arrayUnion(utcDay(new Date())),
      ...(extra.lastDays ? { lastDays: extra.lastDays } : {}),
      lastAt: serverTimestamp(),
      lastKind: 'posts',
      lastRef: `threads/${THREAD}/posts/${id}`,
    },
    { merge: true },
  );
  return batch.commit();
}

describe("the pulse's reads", () => {
  it("a learner reads their own ledger, never another's, and cannot list ledgers", async () => {
    await assertSucceeds(getDoc(doc(as('alice'), 'spaces', SPACE, 'ledger', 'alice')));
    await assertFails(getDoc(doc(as('alice'), 'spaces', SPACE, 'ledger', 'bob')));
    await assertFails(getDocs(ledgersRef(as('alice'), SPACE)));
  });

  it('a mentor, a removed member, a stranger and a signed-out reader cannot list ledgers', async () => {
    for (const db of [as('milo'), as('rex'), as('stranger'), signedOut(env)]) {
      await assertFails(getDocs(ledgersRef(db, SPACE)));
      await assertFails(getDoc(doc(db, 'spaces', SPACE, 'ledger', 'alice')));
    }
    // Nor the members, unless a member of the space.
    await assertFails(getDocs(membersRef(as('stranger'), SPACE)));
    await assertFails(getDocs(membersRef(signedOut(env), SPACE)));
  });

  it('facilitators and owners list the members and every ledger: the whole view in two queries', async () => {
    for (const uid of ['fran', 'olga']) {
      const members = await assertSucceeds(getDocs(membersRef(as(uid), SPACE)));
      const ledgers = await assertSucceeds(getDocs(ledgersRef(as(uid), SPACE)));
      expect(members.size).toBe(PEOPLE.length);
      expect(ledgers.docs.map((each) => each.id).sort()).toEqual(['alice', 'bob']);
    }
  });
});

describe('the nudge', () => {
  it('is a facilitator post in the thread that mentions the learners, counted in the facilitator’s ledger', async () => {
    const { id, write } = post('fran', 'Fran', 'facilitator', 'Hi @Alice, @Bob! How is week 3 going?', [
      'alice',
      'bob',
    ]);
    await assertSucceeds(write);
    const stored = await storedData(env, `spaces/${SPACE}/threads/${THREAD}/posts/${id}`);
    expect(stored?.mentions).toEqual(['alice', 'bob']);
    expect(stored?.authorRole).toBe('facilitator');
    const ledger = await storedData(env, `spaces/${SPACE}/ledger/fran`);
    expect(ledger?.counts).toEqual({ posts: 1 });
  });

  it('is refused with more mentions than the text has @', async () => {
    const refused = handPost('fran', 'Hi @Alice', { mentions: ['alice', 'bob'] });
    await assertFails(refused);
    await assertSucceeds(handPost('fran', 'Hi @Alice and @Bob', { mentions: ['alice', 'bob'] }));
  });
});

describe('the ledger’s last day of each kind (lastDays), which "a recent check-in" reads', () => {
  const today = utcDay(new Date());

  it('the element writes the day of the kind it counts, beside the days', async () => {
    const { write } = post('fran', 'Fran', 'facilitator', 'Welcome, all', []);
    await assertSucceeds(write);
    expect((await storedData(env, `spaces/${SPACE}/ledger/fran`))?.lastDays).toEqual({ posts: today });
    // An older ledger, without the field, takes it on its next contribution.
    const { write: second } = post('alice', 'Alice', 'learner', 'Back again', []);
    await assertSucceeds(second);
    const alice = await storedData(env, `spaces/${SPACE}/ledger/alice`);
    expect(alice?.lastDays).toEqual({ posts: today });
    expect(alice?.counts).toEqual({ posts: 3 });
  });

  it('refuses another kind’s day, a day the ledger does not hold, or a day that is not a number', async () => {
    const attempt = (lastDays: Record<string, unknown>) => handPost('bob', 'A post', { lastDays });
    await assertFails(attempt({ checkIns: today }));
    await assertFails(attempt({ posts: today - 5 }));
    await assertFails(attempt({ posts: 'today' }));
    await assertSucceeds(attempt({ posts: today }));
  });
});
