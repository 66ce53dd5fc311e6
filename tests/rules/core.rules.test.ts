import { afterAll, beforeAll, beforeEach, describe, it } from 'vitest';
import { deleteDoc, doc, getDoc, serverTimestamp, setDoc, Timestamp, updateDoc } from 'firebase/firestore';
import type { RulesTestEnvironment } from '@firebase/rules-unit-testing';
import { assertFails, assertSucceeds, rulesEnvironment, seed, signedInAs, signedOut } from './support.js';

let env: RulesTestEnvironment;
const space = 'leadership-2026-spring';

beforeAll(async () => {
  env = await rulesEnvironment('core');
});
afterAll(async () => {
  await env.cleanup();
});
beforeEach(async () => {
  await env.clearFirestore();
  await seed(env, async (db) => {
    await setDoc(doc(db, 'spaces', space), {
      name: 'Leadership',
      cohortLabel: '',
      norms: 'Be kind.',
      reportThreshold: 3,
    });
    await setDoc(doc(db, 'spaces', space, 'members', 'fay'), {
      displayName: 'Fay',
      role: 'facilitator',
      joinedAt: Timestamp.now(),
      normsAcknowledgedAt: null,
    });
  });
});

const learner = (uid = 'ana') => signedInAs(env, uid);
const joining = (extra: Record<string, unknown> = {}) => ({
  displayName: 'Ana',
  role: 'learner',
  joinedAt: serverTimestamp(),
  normsAcknowledgedAt: serverTimestamp(),
  ...extra,
});

describe('spaces', () => {
  it('anyone may read a space, no client may write one', async () => {
    await assertSucceeds(getDocAs(signedOut(env), `spaces/${space}`));
    await assertFails(setDoc(doc(learner(), 'spaces', 'new-space'), { name: 'Mine' }));
    await assertFails(updateDoc(doc(signedInAs(env, 'fay'), 'spaces', space), { norms: '' }));
    await assertFails(deleteDoc(doc(learner(), 'spaces', space)));
  });
});

describe('members', () => {
  it('a signed-in learner joins a space as a learner', async () => {
    await assertSucceeds(setDoc(doc(learner(), 'spaces', space, 'members', 'ana'), joining()));
  });

  it('joining is denied as someone else, with a raised role, an extra field, a long name, a forged time, or no auth', async () => {
    await assertFails(setDoc(doc(learner(), 'spaces', space, 'members', 'bob'), joining()));
    await assertFails(setDoc(doc(learner(), 'spaces', space, 'members', 'ana'), joining({ role: 'facilitator' })));
    await assertFails(setDoc(doc(learner(), 'spaces', space, 'members', 'ana'), joining({ admin: true })));
    await assertFails(
      setDoc(doc(learner(), 'spaces', space, 'members', 'ana'), joining({ displayName: 'x'.repeat(61) })),
    );
    await assertFails(setDoc(doc(learner(), 'spaces', space, 'members', 'ana'), joining({ displayName: '' })));
    await assertFails(
      setDoc(doc(learner(), 'spaces', space, 'members', 'ana'), joining({ joinedAt: Timestamp.fromMillis(0) })),
    );
    await assertFails(setDoc(doc(signedOut(env), 'spaces', space, 'members', 'ana'), joining()));
    await assertFails(setDoc(doc(learner(), 'spaces', 'no-such-space', 'members', 'ana'), joining()));
  });

  it('a member renames themself and acknowledges norms once; nobody raises a role', async () => {
    await assertSucceeds(
      setDoc(doc(learner(), 'spaces', space, 'members', 'ana'), joining({ normsAcknowledgedAt: null })),
    );
    const mine = doc(learner(), 'spaces', space, 'members', 'ana');
    await assertSucceeds(updateDoc(mine, { displayName: 'Ana P.' }));
    await assertSucceeds(updateDoc(mine, { normsAcknowledgedAt: serverTimestamp() }));
    await assertFails(updateDoc(mine, { normsAcknowledgedAt: serverTimestamp() }));
    await assertFails(updateDoc(mine, { role: 'facilitator' }));
    await assertFails(updateDoc(mine, { joinedAt: serverTimestamp() }));
    await assertFails(updateDoc(doc(learner('bob'), 'spaces', space, 'members', 'ana'), { displayName: 'Bob' }));
    // A facilitator cannot raise anyone either: roles come only from the command-line tool.
    await assertFails(updateDoc(doc(signedInAs(env, 'fay'), 'spaces', space, 'members', 'ana'), { role: 'owner' }));
    await assertFails(deleteDoc(mine));
  });
});

function getDocAs(db: ReturnType<typeof learner>, path: string) {
  return getDoc(doc(db, path));
}
