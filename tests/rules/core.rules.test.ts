import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  collection,
  collectionGroup,
  deleteDoc,
  deleteField,
  doc,
  getDoc,
  getDocs,
  limit,
  query,
  serverTimestamp,
  setDoc,
  Timestamp,
  updateDoc,
  type Firestore,
} from 'firebase/firestore';
import type { RulesTestEnvironment } from '@firebase/rules-unit-testing';
import { cleanDisplayName, isValidDisplayName } from '../../packages/core/src/names';
import {
  assertFails,
  assertSucceeds,
  rulesEnvironment,
  seed,
  signedInAs,
  signedOut,
} from '@cohort-kit/core/testing/rules.js';

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

  // An id is a capability: without one, nothing of any cohort can be found.
  it.each([
    ['signed out', null],
    ['an outsider signed in', 'ana'],
    ['a facilitator of one space', 'fay'],
  ])('nobody lists the spaces: %s', async (_, uid) => {
    await assertFails(getDocs(collection(as(uid), 'spaces')));
    await assertFails(getDocs(query(collection(as(uid), 'spaces'), limit(1))));
  });

  it.each(['members', 'posts', 'threads', 'polls', 'votes', 'voters', 'shards', 'suggestions', 'reports', 'authors'])(
    'nobody finds %s across spaces with a collection-group query',
    async (group) => {
      for (const uid of [null, 'ana', 'leo', 'fay']) {
        await assertFails(getDocs(query(collectionGroup(as(uid), group), limit(1))));
      }
    },
  );
});

describe('members: create (joining a space)', () => {
  it.each([
    ['a learner', 'ana', joining()],
    ['without acknowledging norms yet', 'ana', joining({ normsAcknowledgedAt: null })],
    ['with a 60-character name', 'ana', joining({ displayName: 'x'.repeat(60) })],
    ['with an emoji sequence (zero-width joiner) in the name', 'ana', joining({ displayName: '👩‍💻 Ana' })],
    ['with a right-to-left name', 'ana', joining({ displayName: 'سارا' })],
    ['with a Persian name', 'ana', joining({ displayName: 'نیلوفر' })],
    ['with combining accents (Vietnamese)', 'ana', joining({ displayName: 'Nguyễn Thị Hoa' })],
    ['with Devanagari vowel signs', 'ana', joining({ displayName: 'प्रिया' })],
    ['with a heart emoji and its variation selector', 'ana', joining({ displayName: 'Ana ❤️' })],
    ['with a skin-tone emoji sequence', 'ana', joining({ displayName: '👩🏽‍💻 Ana' })],
    ['with a flag emoji sequence', 'ana', joining({ displayName: 'Ana 🏳️‍🌈' })],
    ['with a keycap emoji', 'ana', joining({ displayName: 'Team 1️⃣' })],
    ['made of one emoji', 'ana', joining({ displayName: '🦊' })],
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
    // Names that show as nothing, or as someone else's name: each was once accepted whole.
    ['with a name of one no-break space', 'ana', 'ana', joining({ displayName: '\u00A0' })],
    ['with a name of one ideographic space', 'ana', 'ana', joining({ displayName: '\u3000' })],
    ['with a name of one Hangul filler', 'ana', 'ana', joining({ displayName: '\u3164' })],
    ['with a name of one Hangul choseong filler', 'ana', 'ana', joining({ displayName: '\u115F' })],
    ['with a name of one halfwidth Hangul filler', 'ana', 'ana', joining({ displayName: '\uFFA0' })],
    ['with a name of one braille blank', 'ana', 'ana', joining({ displayName: '\u2800' })],
    ['with a name of one line separator', 'ana', 'ana', joining({ displayName: '\u2028' })],
    ['with a name of one combining grapheme joiner', 'ana', 'ana', joining({ displayName: '\u034F' })],
    ['with a name of zero-width joiners only', 'ana', 'ana', joining({ displayName: '\u200D\u200D' })],
    [
      'with a variation selector after text (looks like "Fay Facil")',
      'ana',
      'ana',
      joining({ displayName: 'Fay Facil\uFE0F' }),
    ],
    ['with a no-break space inside the name', 'ana', 'ana', joining({ displayName: 'Fay\u00A0Facil' })],
    ['with a Hangul filler beside text', 'ana', 'ana', joining({ displayName: 'Fay\u3164' })],
    ['with a zero-width joiner between letters', 'ana', 'ana', joining({ displayName: 'Fa\u200Dy' })],
    ['with a lone combining accent', 'ana', 'ana', joining({ displayName: '\u0301' })],
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

describe('members: the join form and the rules agree on names', () => {
  const samples = [
    'Ana',
    'Fay Facil',
    'Fay Facil\uFE0F',
    'Fay\u00A0Facil',
    '  Leo  ',
    '\u3164',
    'Leo\u3164',
    '\u2800\u2800',
    'Ana \u202Egnp.exe',
    'Mi\u200Bguel',
    'سارا',
    'نیلوفر',
    'Nguyễn Thị Hoa',
    'प्रिया',
    '👩🏽‍💻 Ana',
    'Ana 🏳️‍🌈',
    'Team 1️⃣',
    '🦊',
    '\u200D🦊\u200D',
    'Z\u0351\u0360a\u0362l\u0357g\u0350o',
    'Ana\u2028Leo',
    'x'.repeat(61),
  ];
  it.each(samples.map((sample) => [JSON.stringify(sample), sample]))(
    '%s: the rules accept it as typed exactly when the kit would, and accept what the kit stores',
    async (_, sample) => {
      const mine = memberDoc(as('ana'), 'ana');
      const asTyped = setDoc(mine, joining({ displayName: sample }));
      await (isValidDisplayName(sample) ? assertSucceeds(asTyped) : assertFails(asTyped));
      const cleaned = cleanDisplayName(sample);
      if (cleaned) {
        expect(isValidDisplayName(cleaned)).toBe(true);
        await assertSucceeds(setDoc(memberDoc(as('ana2'), 'ana2'), joining({ displayName: cleaned })));
      }
    },
  );
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
    ['to a name of one Hangul filler', 'leo', 'leo', { displayName: '\u3164' }],
    ['to a name of ideographic spaces', 'leo', 'leo', { displayName: '\u3000\u3000' }],
    [
      'to "Fay Facil" with a variation selector (a look-alike of the facilitator)',
      'leo',
      'leo',
      { displayName: 'Fay Facil\uFE0F' },
    ],
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
  it('members (and so facilitators) read and list the members; nobody deletes one', async () => {
    for (const uid of ['leo', 'mia', 'fay']) {
      await assertSucceeds(getDoc(memberDoc(as(uid), 'leo')));
      await assertSucceeds(getDocs(collection(as(uid), 'spaces', space, 'members')));
    }
    await assertFails(deleteDoc(memberDoc(as('leo'), 'leo')));
    await assertFails(deleteDoc(memberDoc(as('fay'), 'leo')));
    await assertFails(deleteDoc(memberDoc(as(null), 'leo')));
  });

  it('someone who has not joined reads only their own member document, and lists nobody', async () => {
    await assertSucceeds(getDoc(memberDoc(as('ana'), 'ana')));
    await assertFails(getDoc(memberDoc(as('ana'), 'leo')));
    await assertFails(getDoc(memberDoc(as(null), 'leo')));
    await assertFails(getDocs(collection(as(null), 'spaces', space, 'members')));
    await assertFails(getDocs(collection(as('ana'), 'spaces', space, 'members')));
    await assertFails(getDocs(query(collection(as('ana'), 'spaces', space, 'members'), limit(1))));
  });

  it("a member of one space cannot list another space's members", async () => {
    await seed(env, (db) => setDoc(doc(db, 'spaces', 'other-cohort'), { name: 'Other' }));
    await assertFails(getDocs(collection(as('leo'), 'spaces', 'other-cohort', 'members')));
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
