// <cohort-badge>'s rules from the attacker's side: a learner with devtools and the page's public config writes
// whatever batch they like. The claim the element sends comes from badge-data.ts, so what passes here is what the
// element sends.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  collection,
  deleteDoc,
  doc,
  getCountFromServer,
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
import { CONTRIBUTION_KINDS } from '../../core/src/ledger';
import { claimBatch, claimNext, ClaimClosed, queueOf, ticketRef, wallQuery } from '../src/badge-data';

// The badge's data module imports core's data module, built for the browser; here the same core sources, in Node.
vi.mock('@cohort-kit/core/data.js', async () => ({
  ...(await import('../../core/src/ledger')),
  ...(await import('../../core/src/rate-document')),
}));

let env: RulesTestEnvironment;
const space = 'leadership-2026-spring';
const badge = 'founding-voices';
const badgePath = `spaces/${space}/badges/${badge}`;
const as = (uid: string) => signedInAs(env, uid);
const CRITERIA = { posts: 2, replies: 2, feedbackGiven: 2, goals: 1 };

async function member(uid: string, options: { role?: string; norms?: boolean } = {}) {
  await seed(env, (db) =>
    setDoc(doc(db, 'spaces', space, 'members', uid), {
      displayName: uid.toUpperCase(),
      role: options.role ?? 'learner',
      joinedAt: Timestamp.now(),
      normsAcknowledgedAt: options.norms === false ? null : Timestamp.now(),
    }),
  );
}

/** The learner's ledger as their contributions left it. */
async function ledger(uid: string, counts: Record<string, number>) {
  await seed(env, (db) =>
    setDoc(doc(db, 'spaces', space, 'ledger', uid), {
      counts,
      days: [1],
      lastAt: Timestamp.now(),
      lastKind: 'posts',
      lastRef: 'threads/t/posts/p',
    }),
  );
}

/** A learner who joined and meets every criterion. */
async function qualified(uid: string, counts: Record<string, number> = CRITERIA) {
  await member(uid);
  await ledger(uid, counts);
}

/** The definition as `cohort-kit create-badge` writes it. */
async function definition(extra: Record<string, unknown> = {}) {
  await seed(env, (db) =>
    setDoc(doc(db, badgePath), {
      name: 'Founding Voices',
      description: "Shaped the spring 2026 cohort's conversation.",
      criteria: CRITERIA,
      hints: { replies: 'Reply to a peer in the week 2 thread' },
      edition: 20,
      closesAt: Timestamp.fromMillis(Date.now() + 86_400_000),
      image: '',
      retired: false,
      retiredAt: null,
      issued: 0,
      createdAt: Timestamp.now(),
      updatedAt: Timestamp.now(),
      ...extra,
    }),
  );
}

const claimAs = (uid: string, number: number, name = uid.toUpperCase()) =>
  claimBatch(as(uid), space, badge, uid, number, name).commit();

const issued = async () => (await storedData(env, badgePath))?.issued;

beforeAll(async () => {
  env = await rulesEnvironment('badge');
});
afterAll(async () => {
  await env.cleanup();
});
beforeEach(async () => {
  await env.clearFirestore();
  await seed(env, (db) =>
    setDoc(doc(db, 'spaces', space), { name: 'Leadership', norms: 'Be kind.', reportThreshold: 3 }),
  );
  await definition();
  await qualified('ana');
  await qualified('bob');
});

describe('claiming a copy', () => {
  it('a member who meets every criterion claims #1: the holder is numbered the new count', async () => {
    await assertSucceeds(claimAs('ana', 1));
    expect(await issued()).toBe(1);
    const holder = await storedData(env, `${badgePath}/holders/ana`);
    expect(holder?.number).toBe(1);
    expect(holder?.name).toBe('ANA');
    await assertSucceeds(claimAs('bob', 2, ''));
    expect((await storedData(env, `${badgePath}/holders/bob`))?.name).toBe('');
  });

  it('is refused with one criterion unmet, or with no ledger at all', async () => {
    for (const [kind, count] of Object.entries(CRITERIA)) {
      await ledger('ana', { ...CRITERIA, [kind]: count - 1 });
      await assertFails(claimAs('ana', 1));
    }
    await qualified('cat', {});
    await assertFails(claimAs('cat', 1));
    await member('dan');
    await assertFails(claimAs('dan', 1));
    expect(await issued()).toBe(0);
  });

  it('is refused for another learner, signed out, to a non-member, a removed member or one who skipped the norms', async () => {
    await assertFails(claimBatch(as('ana'), space, badge, 'bob', 1, 'BOB').commit());
    await assertFails(claimBatch(signedOut(env), space, badge, 'ana', 1, 'ANA').commit());
    await ledger('eve', CRITERIA);
    await assertFails(claimAs('eve', 1));
    await member('rex', { role: 'removed' });
    await ledger('rex', CRITERIA);
    await assertFails(claimAs('rex', 1));
    await member('nel', { norms: false });
    await ledger('nel', CRITERIA);
    await assertFails(claimAs('nel', 1));
    expect(await issued()).toBe(0);
  });

  it('refuses a duplicate number and a skipped number', async () => {
    await assertSucceeds(claimAs('ana', 1));
    // Bob read the count before Ana's claim: his #1 is refused, the count stays.
    await assertFails(claimAs('bob', 1));
    const db = as('bob');
    const forged = writeBatch(db);
    forged.update(doc(db, badgePath), { issued: 2 });
    forged.set(doc(db, badgePath, 'holders', 'bob'), { number: 1, name: 'BOB', claimedAt: serverTimestamp() });
    await assertFails(forged.commit());
    await assertFails(claimAs('bob', 3));
    expect(await issued()).toBe(1);
    await assertSucceeds(claimAs('bob', 2));
  });

  it('refuses claim 21 of 20, and allows 20 of 20', async () => {
    await definition({ issued: 19 });
    await assertSucceeds(claimAs('ana', 20));
    await assertFails(claimAs('bob', 21));
    expect(await issued()).toBe(20);
  });

  it('refuses a claim after closes-at and after retirement, and allows one with no closing time', async () => {
    await definition({ closesAt: Timestamp.fromMillis(Date.now() - 1000) });
    await assertFails(claimAs('ana', 1));
    await definition({ retired: true, retiredAt: Timestamp.now() });
    await assertFails(claimAs('ana', 1));
    await definition({ closesAt: null });
    await assertSucceeds(claimAs('ana', 1));
  });

  it('refuses a second claim, and any edit or deletion of a claim', async () => {
    await assertSucceeds(claimAs('ana', 1));
    await assertFails(claimAs('ana', 2));
    const db = as('ana');
    await assertFails(updateDoc(doc(db, badgePath, 'holders', 'ana'), { name: '' }));
    await assertFails(updateDoc(doc(db, badgePath, 'holders', 'ana'), { number: 7 }));
    await assertFails(deleteDoc(doc(db, badgePath, 'holders', 'ana')));
    expect((await storedData(env, `${badgePath}/holders/ana`))?.number).toBe(1);
    expect(await issued()).toBe(1);
  });

  it('refuses a count moved without a claim, and a claim without its count', async () => {
    const db = as('ana');
    await assertFails(updateDoc(doc(db, badgePath), { issued: 1 }));
    await assertFails(
      setDoc(doc(db, badgePath, 'holders', 'ana'), { number: 1, name: 'ANA', claimedAt: serverTimestamp() }),
    );
    // The count moved with someone else's holder document, or by two.
    await assertFails(claimBatch(db, space, badge, 'bob', 1, 'BOB').commit());
    const twice = writeBatch(db);
    twice.update(doc(db, badgePath), { issued: 2 });
    twice.set(doc(db, badgePath, 'holders', 'ana'), { number: 2, name: 'ANA', claimedAt: serverTimestamp() });
    await assertFails(twice.commit());
    expect(await issued()).toBe(0);
  });

  it("refuses a holder's forged name, forged time, wrong types and extra fields", async () => {
    const db = as('ana');
    const attempt = (holder: Record<string, unknown>) => {
      const batch = writeBatch(db);
      batch.update(doc(db, badgePath), { issued: 1 });
      batch.set(doc(db, badgePath, 'holders', 'ana'), holder);
      return batch.commit();
    };
    const good = { number: 1, name: 'ANA', claimedAt: serverTimestamp() };
    for (const bad of [
      { ...good, name: 'Ada Lovelace' },
      { ...good, name: 'BOB' },
      { ...good, name: ['ANA'] },
      { ...good, claimedAt: Timestamp.fromMillis(Date.now() - 86_400_000) },
      { ...good, claimedAt: Timestamp.now() },
      { ...good, number: '1' },
      { ...good, number: 1.0000001 },
      { ...good, extra: true },
      { number: 1, name: 'ANA' },
    ]) {
      await assertFails(attempt(bad));
    }
    await assertSucceeds(attempt(good));
  });
});

describe('the definition', () => {
  it('a learner, even a facilitator, cannot create, edit or delete one', async () => {
    await member('fay', { role: 'facilitator' });
    for (const uid of ['ana', 'fay']) {
      const db = as(uid);
      await assertFails(setDoc(doc(db, 'spaces', space, 'badges', 'my-own'), { name: 'Mine', issued: 0, edition: 5 }));
      await assertFails(updateDoc(doc(db, badgePath), { edition: 1000 }));
      await assertFails(updateDoc(doc(db, badgePath), { criteria: { posts: 1 } }));
      await assertFails(updateDoc(doc(db, badgePath), { retired: false, closesAt: null }));
      await assertFails(deleteDoc(doc(db, badgePath)));
    }
    // A claim that also changes the definition.
    const db = as('ana');
    const sneaky = writeBatch(db);
    sneaky.update(doc(db, badgePath), { issued: 1, edition: 1000 });
    sneaky.set(doc(db, badgePath, 'holders', 'ana'), { number: 1, name: 'ANA', claimedAt: serverTimestamp() });
    await assertFails(sneaky.commit());
    expect((await storedData(env, badgePath))?.edition).toBe(20);
  });

  it('the largest allowed definition: every criterion at 1,000, copy 1,000 of 1,000, within the rules limits', async () => {
    const most = Object.fromEntries(CONTRIBUTION_KINDS.map((kind) => [kind, 1000]));
    await definition({ criteria: most, edition: 1000, issued: 999 });
    await ledger('ana', { ...most, replies: 999 });
    await assertFails(claimAs('ana', 1000));
    await ledger('ana', most);
    await assertSucceeds(claimAs('ana', 1000));
    await assertFails(claimAs('bob', 1001));
  });
});

describe('reading', () => {
  it('anyone with the page reads the definition and a page of the wall, never a list of badges or a whole wall', async () => {
    await assertSucceeds(claimAs('ana', 1));
    const db = signedOut(env);
    await assertSucceeds(getDoc(doc(db, badgePath)));
    await assertSucceeds(getDocs(wallQuery(db, space, badge, 50)));
    await assertFails(getDocs(wallQuery(db, space, badge, 51)));
    await assertFails(getDocs(query(collection(db, badgePath, 'holders'), orderBy('number'))));
    await assertFails(getDocs(query(collection(db, 'spaces', space, 'badges'), limit(5))));
  });

  it('only the holder reads their credential, and nobody writes one from a page', async () => {
    await seed(env, (db) => setDoc(doc(db, badgePath, 'credentials', 'ana'), { jwt: 'a.b.c', number: 1 }));
    await assertSucceeds(getDoc(doc(as('ana'), badgePath, 'credentials', 'ana')));
    await assertFails(getDoc(doc(as('bob'), badgePath, 'credentials', 'ana')));
    await assertFails(getDoc(doc(signedOut(env), badgePath, 'credentials', 'ana')));
    await assertFails(getDocs(query(collection(as('ana'), badgePath, 'credentials'), limit(5))));
    await assertFails(setDoc(doc(as('bob'), badgePath, 'credentials', 'bob'), { jwt: 'x.y.z', number: 2 }));
    await assertFails(setDoc(doc(as('ana'), 'spaces', space, 'badgeIssuer', 'profile'), { name: 'Me' }));
    await assertSucceeds(getDoc(doc(signedOut(env), 'spaces', space, 'badgeIssuer', 'profile')));
  });
});

describe('claims at the same moment', () => {
  it('eight learners claiming an edition of five at once get #1-#5 each once; the other three find it all claimed', async () => {
    await definition({ edition: 5 });
    const learners = Array.from({ length: 8 }, (_, i) => `learner-${i}`);
    for (const uid of learners) await qualified(uid);
    const outcomes = await Promise.all(
      learners.map((uid) =>
        claimNext(as(uid), space, badge, uid, uid.toUpperCase(), true).then(
          (number) => number,
          (error: unknown) => (error instanceof ClaimClosed ? error.reason : String(error)),
        ),
      ),
    );
    expect(outcomes.filter((each) => typeof each === 'number').sort()).toEqual([1, 2, 3, 4, 5]);
    expect(outcomes.filter((each) => typeof each !== 'number')).toEqual(['all-claimed', 'all-claimed', 'all-claimed']);
    expect(await issued()).toBe(5);
    // Every ticket left the queue: with its claim, or when the last copy was gone.
    await vi.waitFor(async () =>
      expect((await getDocs(query(queueOf(as('learner-0'), space, badge), limit(50)))).size).toBe(0),
    );
  });
});

describe('the queue', () => {
  const ticket = (uid: string, by = uid) => ticketRef(as(by), space, badge, uid);
  const line = (by: string) => queueOf(as(by), space, badge);

  it('a member with no copy stamps their own ticket with the server time, stamps it again, and drops it', async () => {
    await assertSucceeds(setDoc(ticket('ana'), { at: serverTimestamp() }));
    await assertSucceeds(setDoc(ticket('ana'), { at: serverTimestamp() }));
    await assertSucceeds(getDoc(ticket('ana')));
    await assertSucceeds(getDocs(query(line('bob'), orderBy('at'), limit(50))));
    // What the element asks: how many tickets wait ahead of theirs.
    const ahead = query(line('bob'), where('at', '<', Timestamp.now()), limit(50));
    expect((await assertSucceeds(getCountFromServer(ahead))).data().count).toBe(1);
    await assertSucceeds(deleteDoc(ticket('ana')));
    // The claim drops it in its own writes.
    await setDoc(ticket('ana'), { at: serverTimestamp() });
    const db = as('ana');
    await assertSucceeds(
      claimBatch(db, space, badge, 'ana', 1, 'ANA')
        .delete(ticketRef(db, space, badge, 'ana'))
        .commit(),
    );
    expect(await storedData(env, `${badgePath}/queue/ana`)).toBeUndefined();
  });

  it("refuses another's ticket, a forged time, other fields, a holder's, a non-member's and a signed-out one", async () => {
    await assertFails(setDoc(ticket('bob', 'ana'), { at: serverTimestamp() }));
    await assertFails(setDoc(ticket('ana'), { at: Timestamp.fromMillis(0) }));
    await assertFails(setDoc(ticket('ana'), { at: serverTimestamp(), number: 1 }));
    await assertFails(setDoc(ticket('ana'), {}));
    await assertFails(setDoc(ticket('stranger'), { at: serverTimestamp() }));
    await assertFails(setDoc(doc(signedOut(env), `${badgePath}/queue/ana`), { at: serverTimestamp() }));
    await claimAs('ana', 1);
    await assertFails(setDoc(ticket('ana'), { at: serverTimestamp() }));
  });

  it("refuses reading or dropping another's ticket, a list or count without a page or over 50, and a stranger's", async () => {
    await setDoc(ticket('bob'), { at: serverTimestamp() });
    await assertFails(getDoc(ticket('bob', 'ana')));
    await assertFails(deleteDoc(ticket('bob', 'ana')));
    await assertFails(getDocs(line('ana')));
    await assertFails(getDocs(query(line('ana'), limit(51))));
    await assertFails(getCountFromServer(line('ana')));
    await assertFails(getCountFromServer(query(line('ana'), limit(51))));
    await assertFails(getDocs(query(line('stranger'), limit(50))));
    await assertFails(getCountFromServer(query(line('stranger'), limit(50))));
    expect(await storedData(env, `${badgePath}/queue/bob`)).toHaveProperty('at');
  });
});
