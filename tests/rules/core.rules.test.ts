import { afterAll, beforeAll, beforeEach, describe, it } from 'vitest';
import {
  deleteDoc,
  deleteField,
  doc,
  getDoc,
  serverTimestamp,
  setDoc,
  Timestamp,
  updateDoc,
  type Firestore,
} from 'firebase/firestore';
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
    const member = (displayName: string, role: string) => ({
      displayName,
      role,
      joinedAt: Timestamp.now(),
      normsAcknowledgedAt: null,
    });
    await setDoc(doc(db, 'spaces', space, 'members', 'fay'), member('Fay', 'facilitator'));
    await setDoc(doc(db, 'spaces', space, 'members', 'mia'), member('Mia', 'mentor'));
    await setDoc(doc(db, 'spaces', space, 'members', 'leo'), member('Leo', 'learner'));
  });
});

/** Firestore as `uid`, or with no auth at all for null. */
const as = (uid: string | null): Firestore => (uid ? signedInAs(env, uid) : signedOut(env));
const memberDoc = (db: Firestore, uid: string, spaceId = space) => doc(db, 'spaces', spaceId, 'members', uid);

const joining = (extra: Record<string, unknown> = {}) => ({
  displayName: 'Ana',
  role: 'learner',
  joinedAt: serverTimestamp(),
  normsAcknowledgedAt: serverTimestamp(),
  ...extra,
});
const withoutKey = (key: string) => {
  const data: Record<string, unknown> = joining();
  delete data[key];
  return data;
};

describe('spaces', () => {
  it('anyone may read a space, no client may write one', async () => {
    await assertSucceeds(getDoc(doc(as(null), 'spaces', space)));
    await assertFails(setDoc(doc(as('ana'), 'spaces', 'new-space'), { name: 'Mine' }));
    await assertFails(updateDoc(doc(as('fay'), 'spaces', space), { norms: '' }));
    await assertFails(deleteDoc(doc(as('ana'), 'spaces', space)));
  });
});

describe('members: create (joining a space)', () => {
  it.each([
    ['a learner', 'ana', joining()],
    ['without acknowledging norms yet', 'ana', joining({ normsAcknowledgedAt: null })],
    ['with a 60-character name', 'ana', joining({ displayName: 'x'.repeat(60) })],
    ['with an emoji sequence (zero-width joiner) in the name', 'ana', joining({ displayName: '👩‍💻 Ana' })],
    ['with a right-to-left name', 'ana', joining({ displayName: 'سارا' })],
  ])('allows joining %s', async (_, uid, data) => {
    await assertSucceeds(setDoc(memberDoc(as(uid), 'ana'), data));
  });

  it.each([
    ['as another user (other uid)', 'bob', 'ana', joining()],
    ['with no auth', null, 'ana', joining()],
    ['with an extra field', 'ana', 'ana', joining({ admin: true })],
    ['with a 61-character name (oversized string)', 'ana', 'ana', joining({ displayName: 'x'.repeat(61) })],
    ['with an empty name', 'ana', 'ana', joining({ displayName: '' })],
    ['with a blank name', 'ana', 'ana', joining({ displayName: '   ' })],
    ['with a name that is not a string', 'ana', 'ana', joining({ displayName: 42 })],
    ['with a control character in the name', 'ana', 'ana', joining({ displayName: 'Ana\u0007' })],
    ['with a bidi override in the name', 'ana', 'ana', joining({ displayName: 'Ana \u202Egnp.exe' })],
    ['with a zero-width space in the name', 'ana', 'ana', joining({ displayName: 'Fa\u200By' })],
    ['with a forged joinedAt', 'ana', 'ana', joining({ joinedAt: Timestamp.fromMillis(0) })],
    ['with a forged normsAcknowledgedAt', 'ana', 'ana', joining({ normsAcknowledgedAt: Timestamp.fromMillis(0) })],
    ['without a role key (missing role)', 'ana', 'ana', withoutKey('role')],
    ['without joinedAt', 'ana', 'ana', withoutKey('joinedAt')],
    ['as a facilitator (a role the user lacks)', 'ana', 'ana', joining({ role: 'facilitator' })],
    ['as a mentor (a role the user lacks)', 'ana', 'ana', joining({ role: 'mentor' })],
    ['as an owner (a role the user lacks)', 'ana', 'ana', joining({ role: 'owner' })],
  ])('denies joining %s', async (_, caller, uid, data) => {
    await assertFails(setDoc(memberDoc(as(caller), uid), data));
  });

  it('denies joining a space that does not exist', async () => {
    await assertFails(setDoc(memberDoc(as('ana'), 'ana', 'no-such-space'), joining()));
  });
});

describe('members: update (renaming)', () => {
  it.each([
    ['a learner renames themself', 'leo', { displayName: 'Leo P.' }],
    ['a mentor renames themself', 'mia', { displayName: 'Mia R.' }],
    ['a facilitator renames themself', 'fay', { displayName: 'Fay (she/her)' }],
    ['to a 60-character name', 'leo', { displayName: 'y'.repeat(60) }],
  ])('allows: %s', async (_, uid, patch) => {
    await assertSucceeds(updateDoc(memberDoc(as(uid), uid), patch));
  });

  it.each([
    ['another user renames them (other uid)', 'ana', 'leo', { displayName: 'Ana' }],
    ['a facilitator renames a learner (other uid)', 'fay', 'leo', { displayName: 'Lion' }],
    ['with no auth', null, 'leo', { displayName: 'Leo' }],
    ['with an extra field', 'leo', 'leo', { displayName: 'Leo', admin: true }],
    ['to a 61-character name (oversized string)', 'leo', 'leo', { displayName: 'x'.repeat(61) }],
    ['to an empty name', 'leo', 'leo', { displayName: '' }],
    ['to a blank name', 'leo', 'leo', { displayName: ' \t ' }],
    ['to a name with a control character', 'leo', 'leo', { displayName: 'Leo\u0000' }],
    ['to a name with a bidi isolate', 'leo', 'leo', { displayName: '\u2067Leo' }],
    ['with a forged normsAcknowledgedAt', 'leo', 'leo', { normsAcknowledgedAt: Timestamp.fromMillis(0) }],
    ['with a changed joinedAt (forged timestamp)', 'leo', 'leo', { joinedAt: serverTimestamp() }],
    ['a learner raises their role to facilitator', 'leo', 'leo', { role: 'facilitator' }],
    ['a learner raises their role to mentor', 'leo', 'leo', { role: 'mentor' }],
    ['a mentor raises their role to facilitator', 'mia', 'mia', { role: 'facilitator' }],
    ['a facilitator raises a learner (a role only the CLI grants)', 'fay', 'leo', { role: 'owner' }],
    ['a learner removes their role key (missing role)', 'leo', 'leo', { role: deleteField() }],
  ])('denies: %s', async (_, caller, uid, patch) => {
    await assertFails(updateDoc(memberDoc(as(caller), uid), patch));
  });
});

describe('members: update (acknowledging norms)', () => {
  it('allows acknowledging once, at request time; never again, never undone', async () => {
    const mine = memberDoc(as('leo'), 'leo');
    await assertFails(updateDoc(mine, { normsAcknowledgedAt: Timestamp.now() }));
    await assertSucceeds(updateDoc(mine, { normsAcknowledgedAt: serverTimestamp() }));
    await assertFails(updateDoc(mine, { normsAcknowledgedAt: serverTimestamp() }));
    await assertFails(updateDoc(mine, { normsAcknowledgedAt: null }));
    // A rename afterwards still works, with the acknowledgement untouched.
    await assertSucceeds(updateDoc(mine, { displayName: 'Leo' }));
  });

  it('denies acknowledging for someone else or with no auth', async () => {
    await assertFails(updateDoc(memberDoc(as('ana'), 'leo'), { normsAcknowledgedAt: serverTimestamp() }));
    await assertFails(updateDoc(memberDoc(as(null), 'leo'), { normsAcknowledgedAt: serverTimestamp() }));
  });
});

describe('members: read and delete', () => {
  it('anyone may read a member profile; nobody deletes one', async () => {
    await assertSucceeds(getDoc(memberDoc(as(null), 'leo')));
    await assertFails(deleteDoc(memberDoc(as('leo'), 'leo')));
    await assertFails(deleteDoc(memberDoc(as('fay'), 'leo')));
    await assertFails(deleteDoc(memberDoc(as(null), 'leo')));
  });
});

describe('default deny', () => {
  it.each([
    ['a collection the rules do not name', 'notes/n1'],
    ['a top-level members collection', 'members/ana'],
    ['an unknown collection inside a space', `spaces/${space}/secrets/s1`],
  ])('denies reading and writing %s', async (_, path) => {
    await assertFails(getDoc(doc(as('ana'), path)));
    await assertFails(setDoc(doc(as('ana'), path), { value: 1 }));
    await assertFails(setDoc(doc(as(null), path), { value: 1 }));
  });
});
