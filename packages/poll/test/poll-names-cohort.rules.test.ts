// The cohort's label, which a names-cohort poll's "Use as cohort name" sets: a facilitator (or an owner) changes
// it, alone and within its limit; a learner never does, nor does a facilitator change another setting with it.
import { beforeEach, describe, expect, it } from 'vitest';
import { doc, serverTimestamp, setDoc, updateDoc } from 'firebase/firestore';
import {
  assertFails,
  assertSucceeds,
  seed,
  seedMember,
  signedInAs,
  storedData,
  useRulesEnvironment,
} from '@cohort-kit/core/testing/rules.js';

const env = useRulesEnvironment('poll-names-cohort');
const space = 'naming-cohort';
const label = (uid: string, cohortLabel: string, extra: Record<string, unknown> = {}) =>
  updateDoc(doc(signedInAs(env(), uid), 'spaces', space), { cohortLabel, updatedAt: serverTimestamp(), ...extra });

beforeEach(async () => {
  await env().clearFirestore();
  await seed(env(), (db) =>
    setDoc(doc(db, 'spaces', space), { name: 'Leadership', cohortLabel: '', norms: '', reportThreshold: 3 }),
  );
  await seedMember(env(), space, 'ana');
  await seedMember(env(), space, 'fay', 'facilitator');
  await seedMember(env(), space, 'olga', 'owner');
});

describe("the cohort's label", () => {
  it('a facilitator or an owner sets it; a learner or a stranger does not', async () => {
    await assertFails(label('ana', 'Labmates'));
    await assertFails(label('stranger', 'Labmates'));
    await assertSucceeds(label('fay', 'Labmates'));
    expect((await storedData(env(), `spaces/${space}`))?.cohortLabel).toBe('Labmates');
    await assertSucceeds(label('olga', 'Spring labmates'));
  });

  it('a facilitator changes nothing else with it, and keeps it to 60 characters and the server time', async () => {
    await assertFails(label('fay', 'Labmates', { name: 'Renamed' }));
    await assertFails(label('fay', 'Labmates', { norms: 'None.' }));
    // Only the time, or the label it already has: no change of the label, so no facilitator's write.
    await assertFails(updateDoc(doc(signedInAs(env(), 'fay'), 'spaces', space), { updatedAt: serverTimestamp() }));
    await assertFails(label('fay', ''));
    await assertFails(label('fay', 'x'.repeat(61)));
    await assertFails(updateDoc(doc(signedInAs(env(), 'fay'), 'spaces', space), { cohortLabel: 'Labmates' }));
    await assertSucceeds(label('fay', 'x'.repeat(60)));
  });
});
