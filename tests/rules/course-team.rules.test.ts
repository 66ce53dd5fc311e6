// The course team's path (packages/core/rules): owner accounts (owners/{email}, written by `cohort-kit add-owner`)
// create spaces in the browser and become their first owner; a space's owners change its settings and invite
// facilitators, mentors and owners by email (spaces/{space}/invites/{email}); an invitee, signed in with that address
// verified, claims the role once; owners and facilitators remove members (role 'removed'). Written from the side of
// someone with devtools who holds a space id and some account.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  collection,
  collectionGroup,
  deleteDoc,
  doc,
  getDoc,
  getDocs,
  limit,
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
import { addContribution } from '../../packages/core/src/ledger';
import {
  assertFails,
  assertSucceeds,
  rulesEnvironment,
  seed,
  signedInAs,
  signedOut,
  storedData,
} from '@cohort-kit/core/testing/rules.js';
import { firstRate, newPostFields } from '../../packages/thread/test/rules-fixtures.js';
import { firstVote, react, seedCheckInPoll, THREAD_ID, writePost } from './contributions.js';

let env: RulesTestEnvironment;
const SPACE = 'leadership-2026-spring';
const NEW_SPACE = 'leadership-2026-autumn';
const THREAD = `spaces/${SPACE}/threads/${THREAD_ID}`;
const ADA = 'ada@example.org'; // an owner account
const IVY = 'ivy@example.org'; // invited as facilitator
const MAX = 'max@example.org'; // invited as mentor

beforeAll(async () => {
  env = await rulesEnvironment('course-team');
});
afterAll(async () => {
  await env.cleanup();
});

const seededMember = (displayName: string, role: string) => ({
  displayName,
  role,
  joinedAt: Timestamp.now(),
  normsAcknowledgedAt: null,
});
const seededInvite = (role: string) => ({
  role,
  invitedBy: 'olga',
  invitedAt: Timestamp.now(),
  claimedBy: null,
  claimedAt: null,
});

beforeEach(async () => {
  await env.clearFirestore();
  await seed(env, async (db) => {
    await setDoc(doc(db, 'owners', ADA), { addedAt: Timestamp.now() });
    await setDoc(doc(db, 'spaces', SPACE), {
      name: 'Leadership, spring',
      cohortLabel: 'Spring',
      norms: '',
      reportThreshold: 3,
      createdAt: Timestamp.now(),
      updatedAt: Timestamp.now(),
    });
    for (const [uid, name, role] of [
      ['olga', 'Olga', 'owner'],
      ['fay', 'Fay', 'facilitator'],
      ['fred', 'Fred', 'facilitator'],
      ['mia', 'Mia', 'mentor'],
      ['leo', 'Leo', 'learner'],
      ['lea', 'Lea', 'learner'],
    ]) {
      await setDoc(doc(db, 'spaces', SPACE, 'members', uid!), seededMember(name!, role!));
    }
    await setDoc(doc(db, 'spaces', SPACE, 'invites', IVY), seededInvite('facilitator'));
    await setDoc(doc(db, 'spaces', SPACE, 'invites', MAX), seededInvite('mentor'));
  });
});

/** Firestore as `uid` (null: signed out), with an email in the token when given, verified unless said otherwise. */
const as = (uid: string | null, email?: string, verified = true): Firestore =>
  uid === null
    ? signedOut(env)
    : signedInAs(env, uid, email === undefined ? undefined : { email, email_verified: verified });
const memberRef = (db: Firestore, uid: string, space = SPACE) => doc(db, 'spaces', space, 'members', uid);
const inviteRef = (db: Firestore, email: string, space = SPACE) => doc(db, 'spaces', space, 'invites', email);
const invites = (db: Firestore, space = SPACE) => collection(db, 'spaces', space, 'invites');

const stored = (path: string) => storedData(env, path);

describe('owner accounts: owners/{email}', () => {
  it('an owner account reads its own document; a verified non-owner learns only that its own is missing', async () => {
    const own = await assertSucceeds(getDoc(doc(as('ada', ADA), 'owners', ADA)));
    expect(own.exists()).toBe(true);
    const notOwner = await assertSucceeds(getDoc(doc(as('ivy', IVY), 'owners', IVY)));
    expect(notOwner.exists()).toBe(false);
    // The address in a token may be written with capitals: the document id is the lowercased address.
    await assertSucceeds(getDoc(doc(as('ada', 'Ada@Example.ORG'), 'owners', ADA)));
  });

  it.each([
    ['signed out', null, undefined, true, ADA],
    ['an anonymous account (no email)', 'anon', undefined, true, ADA],
    ['an unverified email', 'ada', ADA, false, ADA],
    ["another address's document", 'ivy', IVY, true, ADA],
    ["another address's document, as an owner", 'ada', ADA, true, 'olga@example.org'],
    ['a document id with capitals (not how owners are keyed)', 'ada', 'Ada@Example.org', true, 'Ada@Example.org'],
  ])('denies reading: %s', async (_, uid, email, verified, id) => {
    await assertFails(getDoc(doc(as(uid, email, verified), 'owners', id)));
  });

  it('nobody lists the owners, not even an owner account', async () => {
    for (const db of [as(null), as('leo'), as('ivy', IVY), as('ada', ADA)]) {
      await assertFails(getDocs(collection(db, 'owners')));
      await assertFails(getDocs(query(collection(db, 'owners'), limit(1))));
    }
  });

  it('no client writes an owner document: only cohort-kit add-owner does', async () => {
    await assertFails(setDoc(doc(as('ivy', IVY), 'owners', IVY), { addedAt: serverTimestamp() }));
    await assertFails(setDoc(doc(as('ada', ADA), 'owners', IVY), { addedAt: serverTimestamp() }));
    await assertFails(updateDoc(doc(as('ada', ADA), 'owners', ADA), { addedAt: serverTimestamp() }));
    await assertFails(deleteDoc(doc(as('ada', ADA), 'owners', ADA)));
  });
});

/** A new space's settings as the console writes them (the fields cohort-kit create-space writes, and blockedWords). */
const settings = (extra: Record<string, unknown> = {}) => ({
  name: 'Leadership, autumn',
  cohortLabel: 'Autumn',
  norms: 'Be kind.',
  reportThreshold: 3,
  blockedWords: ['meanword'],
  createdAt: serverTimestamp(),
  updatedAt: serverTimestamp(),
  ...extra,
});
const creator = (extra: Record<string, unknown> = {}) => ({
  displayName: 'Ada',
  role: 'owner',
  joinedAt: serverTimestamp(),
  normsAcknowledgedAt: null,
  ...extra,
});
const without = (data: Record<string, unknown>, key: string) => {
  const copy = { ...data };
  delete copy[key];
  return copy;
};
// The largest lists the rules accept: 200 distinct words of 40 characters.
const longWords = (count: number, length = 40) =>
  Array.from({ length: count }, (_, i) => `w${String(i).padStart(3, '0')}`.padEnd(length, 'x'));

/** The batch the console writes: the space and, as its first owner, the creator's member document. */
function createSpace(
  db: Firestore,
  space: Record<string, unknown> = settings(),
  opts: { id?: string; memberUid?: string; member?: Record<string, unknown> | null } = {},
) {
  const id = opts.id ?? NEW_SPACE;
  const batch = writeBatch(db);
  batch.set(doc(db, 'spaces', id), space);
  if (opts.member !== null) batch.set(memberRef(db, opts.memberUid ?? 'ada', id), opts.member ?? creator());
  return batch.commit();
}

describe('spaces: created in the browser by owner accounts', () => {
  it('an owner account creates a space and becomes its owner in the same batch', async () => {
    await assertSucceeds(createSpace(as('ada', ADA)));
    expect((await stored(`spaces/${NEW_SPACE}/members/ada`))?.role).toBe('owner');
    // Then owns it: settings and invitations.
    await assertSucceeds(
      updateDoc(doc(as('ada', ADA), 'spaces', NEW_SPACE), { norms: '', updatedAt: serverTimestamp() }),
    );
  });

  it.each([
    ['without blockedWords (as cohort-kit create-space writes it)', without(settings(), 'blockedWords')],
    ['with empty label, norms and word list', settings({ cohortLabel: '', norms: '', blockedWords: [] })],
    [
      'with the largest input: 120-character name, 60-character label, 4000-character norms, 200 words of 40',
      settings({
        name: 'n'.repeat(120),
        cohortLabel: 'l'.repeat(60),
        norms: 'k'.repeat(4000),
        reportThreshold: 50,
        blockedWords: longWords(200),
      }),
    ],
    ['with accented and non-Latin lower case words', settings({ blockedWords: ['éxito', 'плохо', '悪い'] })],
  ])('allows a space %s', async (_, space) => {
    await assertSucceeds(createSpace(as('ada', ADA), space));
  });

  it.each([
    ['signed out', () => as(null)],
    ['an anonymous learner', () => as('leo')],
    ['a verified account that is not an owner', () => as('ivy', IVY)],
    ["an owner's address, unverified", () => as('ada', ADA, false)],
    ['a look-alike address (digit one for l)', () => as('ada', 'ada@examp1e.org')],
    ['a look-alike address (Cyrillic а)', () => as('ada', '\u0430da@example.org')],
    ['an address with the owner one as a prefix', () => as('ada', 'ada@example.org.evil.test')],
    ['an owner address as a custom claim, not the email', () => signedInAs(env, 'ada', { owner: ADA })],
  ])('denies creating a space: %s', async (_, db) => {
    await assertFails(createSpace(db()));
  });

  it.each([
    ['an extra field', settings({ public: true })],
    ['no name', without(settings(), 'name')],
    ['no reportThreshold', without(settings(), 'reportThreshold')],
    ['no createdAt', without(settings(), 'createdAt')],
    ['an empty name', settings({ name: '' })],
    ['a 121-character name (oversized)', settings({ name: 'n'.repeat(121) })],
    ['a name that is not a string', settings({ name: 42 })],
    ['a 61-character label', settings({ cohortLabel: 'l'.repeat(61) })],
    ['4001 characters of norms', settings({ norms: 'k'.repeat(4001) })],
    ['norms that are not a string', settings({ norms: ['Be kind.'] })],
    ['reportThreshold 0', settings({ reportThreshold: 0 })],
    ['reportThreshold 51', settings({ reportThreshold: 51 })],
    ['reportThreshold 2.5', settings({ reportThreshold: 2.5 })],
    ['reportThreshold as a string', settings({ reportThreshold: '3' })],
    ['201 blocked words', settings({ blockedWords: longWords(201, 10) })],
    ['a 41-character blocked word', settings({ blockedWords: ['meanword', 'x'.repeat(41)] })],
    ['an upper case blocked word', settings({ blockedWords: ['meanword', 'MeanWord'] })],
    ['an empty blocked word', settings({ blockedWords: ['meanword', ''] })],
    ['a blocked word holding a line break', settings({ blockedWords: ['mean\nword'] })],
    ['a blocked word that is a number', settings({ blockedWords: ['meanword', 7] })],
    ['blockedWords that is a string', settings({ blockedWords: 'meanword' })],
    ['blockedWords that is a map', settings({ blockedWords: { 0: 'meanword' } })],
    ['a forged createdAt', settings({ createdAt: Timestamp.fromMillis(0) })],
    ['a forged updatedAt', settings({ updatedAt: Timestamp.fromMillis(0) })],
  ])('denies an owner account a space with %s', async (_, space) => {
    await assertFails(createSpace(as('ada', ADA), space));
  });

  it.each([
    ['without the creator as owner', { member: null }],
    ['with the creator as learner', { member: creator({ role: 'learner' }) }],
    ['with the creator as facilitator', { member: creator({ role: 'facilitator' }) }],
    ['with someone else as owner', { memberUid: 'leo', member: creator({ displayName: 'Leo' }) }],
    ['with a member document with an extra field', { member: creator({ admin: true }) }],
    ['with a forged joinedAt', { member: creator({ joinedAt: Timestamp.fromMillis(0) }) }],
    ['with a hidden-character name', { member: creator({ displayName: '\u3164' }) }],
    ['under an id that is not an id', { id: '-bad id!' }],
  ])('denies an owner account creating a space %s', async (_, opts) => {
    await assertFails(createSpace(as('ada', ADA), settings(), opts));
  });

  it('a space that exists cannot be created again, by an owner account or by its own owner', async () => {
    await assertFails(createSpace(as('ada', ADA), settings(), { id: SPACE }));
    await assertFails(setDoc(doc(as('ada', ADA), 'spaces', SPACE), settings()));
    // Its own owner rewriting it whole would move createdAt.
    await assertFails(setDoc(doc(as('olga'), 'spaces', SPACE), settings()));
    expect((await stored(`spaces/${SPACE}`))?.name).toBe('Leadership, spring');
  });

  it('an owner document in an existing space is refused, even to an owner account', async () => {
    await assertFails(setDoc(memberRef(as('ada', ADA), 'ada'), creator()));
    // Nor does creating another space in the same batch make one an owner here.
    const db = as('ada', ADA);
    const both = writeBatch(db);
    both.set(doc(db, 'spaces', NEW_SPACE), settings());
    both.set(memberRef(db, 'ada', NEW_SPACE), creator());
    both.set(memberRef(db, 'ada'), creator());
    await assertFails(both.commit());
  });

  it('no client deletes a space, not even its owner', async () => {
    await assertFails(deleteDoc(doc(as('olga'), 'spaces', SPACE)));
    await assertFails(deleteDoc(doc(as('ada', ADA), 'spaces', SPACE)));
  });
});

describe("spaces: a space's owners change its settings", () => {
  const change = (patch: Record<string, unknown>) => ({ ...patch, updatedAt: serverTimestamp() });

  it.each([
    ['the name', change({ name: 'Leadership, spring (renamed)' })],
    ['the norms', change({ norms: 'Listen first.' })],
    ['the report threshold', change({ reportThreshold: 5 })],
    ['the label', change({ cohortLabel: '' })],
    ['the blocked words, at their largest', change({ blockedWords: longWords(200) })],
  ])('an owner changes %s', async (_, patch) => {
    await assertSucceeds(updateDoc(doc(as('olga'), 'spaces', SPACE), patch));
  });

  it.each([
    ['a facilitator', 'fay', change({ norms: '' })],
    ['a mentor', 'mia', change({ norms: '' })],
    ['a learner', 'leo', change({ norms: '' })],
    ['an owner account that does not own this space', 'ada', change({ norms: '' })],
    ['signed out', null, change({ norms: '' })],
  ])('denies a settings change by %s', async (_, uid, patch) => {
    await assertFails(updateDoc(doc(as(uid, uid === 'ada' ? ADA : undefined), 'spaces', SPACE), patch));
  });

  it.each([
    ['without updatedAt', { norms: '' }],
    ['with a forged updatedAt', { norms: '', updatedAt: Timestamp.fromMillis(0) }],
    ['moving createdAt', change({ createdAt: serverTimestamp() })],
    ['adding a field', change({ public: true })],
    ['a 121-character name', change({ name: 'n'.repeat(121) })],
    ['4001 characters of norms', change({ norms: 'k'.repeat(4001) })],
    ['reportThreshold 0', change({ reportThreshold: 0 })],
    ['an upper case blocked word', change({ blockedWords: ['Meanword'] })],
    ['201 blocked words', change({ blockedWords: longWords(201, 10) })],
  ])('denies an owner a change %s', async (_, patch) => {
    await assertFails(updateDoc(doc(as('olga'), 'spaces', SPACE), patch));
  });
});

const invite = (role: string, extra: Record<string, unknown> = {}) => ({
  role,
  invitedBy: 'olga',
  invitedAt: serverTimestamp(),
  claimedBy: null,
  claimedAt: null,
  ...extra,
});

describe('invitations: a space owner invites', () => {
  it.each(['facilitator', 'mentor', 'owner'])('an owner invites an address as %s', async (role) => {
    await assertSucceeds(setDoc(inviteRef(as('olga'), 'new.person+course@example.org'), invite(role)));
  });

  it.each([
    ['a facilitator', 'fay'],
    ['a mentor', 'mia'],
    ['a learner', 'leo'],
    ['someone who has not joined', 'ana'],
    ['an owner account that does not own this space', 'ada'],
  ])('denies an invitation by %s', async (_, uid) => {
    const db = as(uid, uid === 'ada' ? ADA : undefined);
    await assertFails(setDoc(inviteRef(db, 'new@example.org'), invite('mentor', { invitedBy: uid })));
  });

  it.each([
    ['as learner', 'new@example.org', invite('learner')],
    ['as removed', 'new@example.org', invite('removed')],
    ['as admin', 'new@example.org', invite('admin')],
    ['naming another inviter', 'new@example.org', invite('mentor', { invitedBy: 'fay' })],
    ['with a forged invitedAt', 'new@example.org', invite('mentor', { invitedAt: Timestamp.fromMillis(0) })],
    ['already claimed', 'new@example.org', invite('mentor', { claimedBy: 'leo', claimedAt: serverTimestamp() })],
    ['with an extra field', 'new@example.org', invite('mentor', { note: 'hi' })],
    ['without claimedAt', 'new@example.org', without(invite('mentor'), 'claimedAt')],
    ['under an address with capitals', 'New@Example.org', invite('mentor')],
    ['under an id that is not an address', 'new-person', invite('mentor')],
    ['under an over-long address', `${'a'.repeat(250)}@example.org`, invite('mentor')],
  ])('denies an owner an invitation %s', async (_, email, data) => {
    await assertFails(setDoc(inviteRef(as('olga'), email), data));
  });

  it('an invitation is not written over: changing its role means revoking it and inviting again', async () => {
    await assertFails(setDoc(inviteRef(as('olga'), MAX), invite('owner')));
    await assertFails(updateDoc(inviteRef(as('olga'), MAX), { role: 'owner' }));
    await assertSucceeds(deleteDoc(inviteRef(as('olga'), MAX)));
    await assertSucceeds(setDoc(inviteRef(as('olga'), MAX), invite('owner')));
  });

  it('only an owner revokes, and only while unclaimed', async () => {
    await assertFails(deleteDoc(inviteRef(as('fay'), IVY)));
    await assertFails(deleteDoc(inviteRef(as('leo'), IVY)));
    await assertFails(deleteDoc(inviteRef(as('ivy', IVY), IVY)));
    await seed(env, (db) => updateDoc(inviteRef(db, MAX), { claimedBy: 'max', claimedAt: Timestamp.now() }));
    await assertFails(deleteDoc(inviteRef(as('olga'), MAX)));
    await assertSucceeds(deleteDoc(inviteRef(as('olga'), IVY)));
  });
});

describe('invitations: who reads them', () => {
  it('owners and facilitators get and list them ("who accepted")', async () => {
    for (const uid of ['olga', 'fay']) {
      await assertSucceeds(getDoc(inviteRef(as(uid), IVY)));
      const listed = await assertSucceeds(getDocs(invites(as(uid))));
      expect(listed.size).toBe(2);
    }
  });

  it('the invitee gets their own, by a verified address in any casing', async () => {
    await assertSucceeds(getDoc(inviteRef(as('ivy', IVY), IVY)));
    await assertSucceeds(getDoc(inviteRef(as('ivy', 'IVY@Example.org'), IVY)));
  });

  it.each([
    ['the invitee, unverified', () => as('ivy', IVY, false)],
    ['another invitee', () => as('max', MAX)],
    ['a look-alike address (capital I for l is not a casing)', () => as('ivy', 'ivy@examp1e.org')],
    ['a mentor', () => as('mia')],
    ['a learner', () => as('leo')],
    ['signed out', () => as(null)],
  ])('denies getting an invitation: %s', async (_, db) => {
    await assertFails(getDoc(inviteRef(db(), IVY)));
  });

  it('nobody but owners and facilitators lists them, even filtered to their own address', async () => {
    for (const db of [as('ivy', IVY), as('mia'), as('leo'), as(null)]) {
      await assertFails(getDocs(invites(db)));
      await assertFails(getDocs(query(invites(db), where('claimedBy', '==', null), limit(1))));
    }
  });

  it('nobody finds invitations across spaces with a collection-group query', async () => {
    for (const db of [as('ivy', IVY), as('olga'), as('fay'), as(null)]) {
      await assertFails(getDocs(query(collectionGroup(db, 'invites'), limit(1))));
    }
  });
});

/**
 * The batch the sign-in page writes to accept an invitation: the member document (created, or the role of an
 * existing one) and the invitation's claim.
 */
function claim(
  db: Firestore,
  uid: string,
  email: string,
  opts: {
    member?: 'create' | 'update' | null;
    role?: string;
    memberExtra?: Record<string, unknown>;
    claim?: Record<string, unknown> | null;
    space?: string;
  } = {},
) {
  const space = opts.space ?? SPACE;
  const batch = writeBatch(db);
  const member = opts.member === undefined ? 'create' : opts.member;
  if (member === 'create') {
    batch.set(memberRef(db, uid, space), {
      displayName: 'Ivy',
      role: opts.role ?? 'facilitator',
      joinedAt: serverTimestamp(),
      normsAcknowledgedAt: null,
      ...opts.memberExtra,
    });
  } else if (member === 'update') {
    batch.update(memberRef(db, uid, space), { role: opts.role ?? 'facilitator', ...opts.memberExtra });
  }
  if (opts.claim !== null) {
    batch.update(inviteRef(db, email), { claimedBy: uid, claimedAt: serverTimestamp(), ...opts.claim });
  }
  return batch.commit();
}

describe('invitations: claiming', () => {
  it('the invitee joins with the invited role and the invitation records who accepted', async () => {
    await assertSucceeds(claim(as('ivy', IVY), 'ivy', IVY));
    expect((await stored(`spaces/${SPACE}/members/ivy`))?.role).toBe('facilitator');
    const claimed = await stored(`spaces/${SPACE}/invites/${IVY}`);
    expect(claimed?.claimedBy).toBe('ivy');
    expect(claimed?.claimedAt).toBeInstanceOf(Timestamp);
    // And now holds the role: facilitators list the invitations.
    await assertSucceeds(getDocs(invites(as('ivy', IVY))));
  });

  it('a learner who already joined takes the invited role, changing only the role', async () => {
    await assertSucceeds(claim(as('leo', MAX), 'leo', MAX, { member: 'update', role: 'mentor' }));
    const leo = await stored(`spaces/${SPACE}/members/leo`);
    expect(leo?.role).toBe('mentor');
    expect(leo?.displayName).toBe('Leo');
  });

  it('a mentor invited as facilitator moves up; the address is matched in any casing', async () => {
    await assertSucceeds(claim(as('mia', 'Ivy@Example.ORG'), 'mia', IVY, { member: 'update', role: 'facilitator' }));
  });

  it('an owner invitation makes an owner', async () => {
    await seed(env, (db) => setDoc(inviteRef(db, 'oz@example.org'), seededInvite('owner')));
    await assertSucceeds(claim(as('oz', 'oz@example.org'), 'oz', 'oz@example.org', { role: 'owner' }));
    await assertSucceeds(updateDoc(doc(as('oz'), 'spaces', SPACE), { norms: 'x', updatedAt: serverTimestamp() }));
  });

  it.each([
    ['by another verified address', () => as('eve', 'eve@example.org')],
    ['by the invited address, unverified', () => as('eve', IVY, false)],
    ['by an anonymous account', () => as('eve')],
    ['by a look-alike address (digit one for l)', () => as('eve', 'ivy@examp1e.org')],
    ['by a look-alike address (Cyrillic і)', () => as('eve', '\u0456vy@example.org')],
    ['by the address with a trailing space', () => as('eve', `${IVY} `)],
  ])('denies a claim %s', async (_, db) => {
    await assertFails(claim(db(), 'eve', IVY));
  });

  it('denies a second claim, by the same account or another one with the address', async () => {
    await assertSucceeds(claim(as('ivy', IVY), 'ivy', IVY));
    await assertFails(claim(as('ivy', IVY), 'ivy', IVY, { member: null }));
    await assertFails(claim(as('ivy', IVY), 'ivy', IVY, { member: 'update', role: 'owner' }));
    await assertFails(claim(as('ivy2', IVY), 'ivy2', IVY));
    expect((await stored(`spaces/${SPACE}/invites/${IVY}`))?.claimedBy).toBe('ivy');
    expect(await stored(`spaces/${SPACE}/members/ivy2`)).toBeUndefined();
  });

  it.each([
    ['facilitator, from a mentor invitation', 'facilitator'],
    ['owner, from a mentor invitation', 'owner'],
    ['learner, from a mentor invitation', 'learner'],
  ])('denies claiming a role other than invited: %s', async (_, role) => {
    await assertFails(claim(as('max', MAX), 'max', MAX, { role }));
    await assertFails(claim(as('leo', MAX), 'leo', MAX, { member: 'update', role }));
  });

  it('denies a role change with no invitation at all', async () => {
    await assertFails(updateDoc(memberRef(as('leo', 'leo@example.org'), 'leo'), { role: 'mentor' }));
    await assertFails(
      claim(as('leo', 'leo@example.org'), 'leo', 'leo@example.org', { member: 'update', role: 'mentor' }),
    );
    await assertFails(claim(as('nia', 'nia@example.org'), 'nia', 'nia@example.org', { role: 'facilitator' }));
  });

  it('denies the claim without the member write, and the member write without the claim', async () => {
    await assertFails(claim(as('ivy', IVY), 'ivy', IVY, { member: null }));
    await assertFails(claim(as('ivy', IVY), 'ivy', IVY, { claim: null }));
    await assertFails(claim(as('leo', MAX), 'leo', MAX, { member: 'update', role: 'mentor', claim: null }));
    expect((await stored(`spaces/${SPACE}/invites/${IVY}`))?.claimedBy).toBeNull();
  });

  it.each([
    ['naming another account', { claim: { claimedBy: 'leo' } }],
    ['with a forged claimedAt', { claim: { claimedAt: Timestamp.fromMillis(0) } }],
    ['raising the invitation itself', { claim: { role: 'owner' }, role: 'owner' }],
    ['touching another field of the invitation', { claim: { invitedBy: 'ivy' } }],
    ['with an extra member field', { memberExtra: { admin: true } }],
    ['with a forged joinedAt', { memberExtra: { joinedAt: Timestamp.fromMillis(0) } }],
    ['with a name of hidden characters', { memberExtra: { displayName: '\u2800' } }],
    ['writing the member document in another space', { space: 'other-space' }],
  ])('denies a claim %s', async (_, opts) => {
    await seed(env, (db) => setDoc(doc(db, 'spaces', 'other-space'), { name: 'Other' }));
    await assertFails(claim(as('ivy', IVY), 'ivy', IVY, opts));
  });

  it('denies an existing member a claim that changes more than the role, or lowers it', async () => {
    await assertFails(
      claim(as('leo', MAX), 'leo', MAX, { member: 'update', role: 'mentor', memberExtra: { displayName: 'Max' } }),
    );
    // An owner claiming a mentor invitation would step down: not a claim.
    await assertFails(claim(as('olga', MAX), 'olga', MAX, { member: 'update', role: 'mentor' }));
  });

  it('denies a claim of a revoked invitation', async () => {
    await assertSucceeds(deleteDoc(inviteRef(as('olga'), IVY)));
    await assertFails(claim(as('ivy', IVY), 'ivy', IVY));
  });

  it('denies a removed member a way back through an invitation', async () => {
    await seed(env, (db) =>
      updateDoc(memberRef(db, 'leo'), { role: 'removed', removedAt: Timestamp.now(), removedBy: 'fay' }),
    );
    await assertFails(claim(as('leo', MAX), 'leo', MAX, { member: 'update', role: 'mentor' }));
    await assertFails(claim(as('leo', MAX), 'leo', MAX, { role: 'mentor' }));
  });
});

const removal = (by: string, extra: Record<string, unknown> = {}) => ({
  role: 'removed',
  removedAt: serverTimestamp(),
  removedBy: by,
  ...extra,
});

describe('removal: owners and facilitators take a member out', () => {
  it.each([
    ['a facilitator removes a learner', 'fay', 'leo'],
    ['a facilitator removes a mentor', 'fay', 'mia'],
    ['an owner removes a learner', 'olga', 'leo'],
    ['an owner removes a facilitator', 'olga', 'fay'],
  ])('%s', async (_, by, uid) => {
    await assertSucceeds(updateDoc(memberRef(as(by), uid), removal(by)));
    const after = await stored(`spaces/${SPACE}/members/${uid}`);
    expect(after?.role).toBe('removed');
    expect(after?.removedBy).toBe(by);
  });

  it.each([
    ['a facilitator removes a facilitator', 'fay', 'fred', removal('fay')],
    ['a facilitator removes an owner', 'fay', 'olga', removal('fay')],
    ['an owner removes an owner (themself)', 'olga', 'olga', removal('olga')],
    ['a facilitator removes themself', 'fay', 'fay', removal('fay')],
    ['a mentor removes a learner', 'mia', 'leo', removal('mia')],
    ['a learner removes a learner', 'lea', 'leo', removal('lea')],
    ['an outsider removes a learner', 'ana', 'leo', removal('ana')],
    ['naming another remover', 'fay', 'leo', removal('fred')],
    ['with a forged removedAt', 'fay', 'leo', removal('fay', { removedAt: Timestamp.fromMillis(0) })],
    ['without removedAt', 'fay', 'leo', { role: 'removed', removedBy: 'fay' }],
    ['renaming them too', 'fay', 'leo', removal('fay', { displayName: 'Gone' })],
    ['with an extra field', 'fay', 'leo', removal('fay', { reason: 'spam' })],
    ['setting another role instead (a demotion)', 'olga', 'fay', { role: 'learner' }],
    ['setting another role instead (a promotion)', 'olga', 'leo', { role: 'facilitator' }],
  ])('denies: %s', async (_, by, uid, patch) => {
    await assertFails(updateDoc(memberRef(as(by), uid), patch));
  });

  it('a removed member is not removed twice, and a removed facilitator removes nobody', async () => {
    await assertSucceeds(updateDoc(memberRef(as('olga'), 'fay'), removal('olga')));
    await assertFails(updateDoc(memberRef(as('olga'), 'fay'), removal('olga')));
    await assertFails(updateDoc(memberRef(as('fay'), 'leo'), removal('fay')));
  });
});

describe('removal: a removed member is no member', () => {
  beforeEach(async () => {
    await seed(env, async (db) => {
      await seedCheckInPoll(db, SPACE);
      const earlier = Timestamp.fromMillis(Date.now() - 2 * 3600_000);
      for (const [uid, name] of [
        ['leo', 'Leo'],
        ['lea', 'Lea'],
      ]) {
        await setDoc(
          doc(db, THREAD, 'posts', `${uid}-1`),
          newPostFields({ uid: uid!, name: name!, role: 'learner' }, 'My first post', { createdAt: earlier }),
        );
        await setDoc(doc(db, 'spaces', SPACE, 'threadRates', uid!), {
          ...firstRate(`${uid}-1`),
          lastPostAt: earlier,
          windowStart: earlier,
        });
      }
    });
    await assertSucceeds(updateDoc(memberRef(as('fay'), 'leo'), removal('fay')));
  });

  // Each write is made by 'lea' too, a learner still in, so a refusal is the removal's doing.
  const post = (db: Firestore, uid: string, name: string) =>
    writePost(db, SPACE, { uid, name, role: 'learner' }, `${uid}-2`);
  // An edit of the learner's earlier post, paid by their rate document (its last post was hours ago).
  const edit = (db: Firestore, uid: string) => {
    const batch = writeBatch(db);
    const id = `${uid}-1`;
    batch.update(doc(db, THREAD, 'posts', id), {
      body: 'Rewritten',
      editedAt: serverTimestamp(),
      mentions: [],
      linkCount: 0,
    });
    batch.set(doc(db, 'spaces', SPACE, 'threadRates', uid), firstRate(id));
    return batch.commit();
  };

  it('cannot post in a thread', async () => {
    await assertFails(post(as('leo'), 'leo', 'Leo'));
    await assertSucceeds(post(as('lea'), 'lea', 'Lea'));
  });

  it('cannot vote in a poll', async () => {
    await assertFails(firstVote(as('leo'), SPACE, 'leo'));
    await assertSucceeds(firstVote(as('lea'), SPACE, 'lea'));
  });

  it('cannot react to a post', async () => {
    await seed(env, (db) =>
      setDoc(
        doc(db, THREAD, 'posts', 'fay-post'),
        newPostFields({ uid: 'fay', name: 'Fay', role: 'facilitator' }, 'Welcome', { createdAt: Timestamp.now() }),
      ),
    );
    await assertFails(react(as('leo'), SPACE, 'leo', 'fay-post', true, 0, true));
    await assertSucceeds(react(as('lea'), SPACE, 'lea', 'fay-post', true, 0, true));
  });

  it('cannot rewrite an earlier post (an edit asks for no membership, the text check does)', async () => {
    await assertFails(edit(as('leo'), 'leo'));
    await assertSucceeds(edit(as('lea'), 'lea'));
    expect((await stored(`${THREAD}/posts/leo-1`))?.body).toBe('My first post');
  });

  it('cannot write its ledger alone', async () => {
    const db = as('leo');
    const batch = writeBatch(db);
    addContribution(batch, db, SPACE, 'leo', 'posts', 'threads/week-2/posts/leo-1');
    await assertFails(batch.commit());
  });

  it('reads its own member document, so the element can say so, and no one else’s', async () => {
    const own = await assertSucceeds(getDoc(memberRef(as('leo'), 'leo')));
    expect(own.data()?.role).toBe('removed');
    await assertFails(getDoc(memberRef(as('leo'), 'lea')));
    await assertFails(getDocs(collection(as('leo'), 'spaces', SPACE, 'members')));
  });

  it('cannot join again, take its role back, or rename itself', async () => {
    const joining = { displayName: 'Leo', role: 'learner', joinedAt: serverTimestamp(), normsAcknowledgedAt: null };
    await assertFails(setDoc(memberRef(as('leo'), 'leo'), joining));
    await assertFails(updateDoc(memberRef(as('leo'), 'leo'), { role: 'learner' }));
    await assertFails(updateDoc(memberRef(as('leo'), 'leo'), { role: 'learner', removedAt: null, removedBy: null }));
    await assertFails(updateDoc(memberRef(as('leo'), 'leo'), { displayName: 'Leo again' }));
    // A facilitator does not put them back either: that is cohort-kit grant.
    await assertFails(updateDoc(memberRef(as('fay'), 'leo'), { role: 'learner' }));
  });

  it('a removed facilitator loses its powers', async () => {
    await assertSucceeds(updateDoc(memberRef(as('olga'), 'fay'), removal('olga')));
    await assertFails(getDocs(invites(as('fay'))));
    await assertFails(setDoc(doc(as('fay'), THREAD), { locked: true, createdAt: serverTimestamp() }));
    await assertFails(updateDoc(doc(as('fay'), THREAD, 'posts', 'lea-1'), { hidden: true }));
    await assertSucceeds(updateDoc(doc(as('fred'), THREAD, 'posts', 'lea-1'), { hidden: true }));
  });
});
