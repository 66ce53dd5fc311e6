import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { doc, getDoc, serverTimestamp, setDoc, Timestamp, updateDoc } from 'firebase/firestore';
import type { RulesTestEnvironment } from '@firebase/rules-unit-testing';
import {
  assertFails,
  assertSucceeds,
  rulesEnvironment,
  seed,
  signedInAs,
  signedOut,
} from '@cohort-kit/core/testing/rules.js';

// A space's embedOrigins: the parent origins whose custom tokens an embed frame accepts. The cohort-kit CLI
// (firebase-admin) writes them; no page may, not even an owner's, or a page could let any site hand identities in.
let env: RulesTestEnvironment;
const space = 'leadership-2026-spring';
const ORIGINS = ['https://lms.example.edu'];

beforeAll(async () => {
  env = await rulesEnvironment('embed');
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
      norms: '',
      reportThreshold: 3,
      embedOrigins: ORIGINS,
    });
    const member = (displayName: string, role: string) => ({
      displayName,
      role,
      joinedAt: Timestamp.now(),
      normsAcknowledgedAt: null,
    });
    await setDoc(doc(db, 'spaces', space, 'members', 'olga'), member('Olga', 'owner'));
    await setDoc(doc(db, 'spaces', space, 'members', 'leo'), member('Leo', 'learner'));
  });
});

describe("a space's embed origins", () => {
  it('are read by anyone with the space id, as the frame reads them before signing in', async () => {
    const read = await assertSucceeds(getDoc(doc(signedOut(env), 'spaces', space)));
    expect(read.data()?.embedOrigins).toEqual(ORIGINS);
  });

  it.each([
    ['an owner', 'olga'],
    ['a learner', 'leo'],
    ['someone signed in who is no member', 'eve'],
  ])('are not changed by %s from a page', async (_who, uid) => {
    const db = signedInAs(env, uid);
    await assertFails(
      updateDoc(doc(db, 'spaces', space), { embedOrigins: ['https://evil.example'], updatedAt: serverTimestamp() }),
    );
  });

  it("leave an owner's settings change possible when it does not touch them", async () => {
    await assertSucceeds(
      updateDoc(doc(signedInAs(env, 'olga'), 'spaces', space), { norms: 'Be kind.', updatedAt: serverTimestamp() }),
    );
  });
});
