// A closed round refuses the learner writes core's rules guard: joining the space, renaming oneself,
// acknowledging the norms, and a ledger +1 (here with a thread post, the contribution it names); reopened, the same
// write goes through. Facilitators keep moderation: a removal still goes through while the round is closed.
import { describe, it } from 'vitest';
import { doc, serverTimestamp, setDoc, updateDoc } from 'firebase/firestore';
import {
  assertSucceeds,
  closedRoundTests,
  seed,
  setRoundClosed,
  signedInAs,
  useRulesEnvironment,
} from '@cohort-kit/core/testing/rules.js';
import { writePost } from './contributions';

const env = useRulesEnvironment('core-closed');
const space = 'closing-core';
const as = (uid: string) => signedInAs(env(), uid);
const memberDoc = (uid: string) => doc(as(uid), 'spaces', space, 'members', uid);

describe('a closed round and the space', () => {
  closedRoundTests(env, space, { members: { ana: 'learner', fay: 'facilitator' }, norms: 'Be kind.' }, [
    {
      name: 'joining',
      write: () =>
        setDoc(memberDoc('bob'), {
          displayName: 'Bob',
          role: 'learner',
          joinedAt: serverTimestamp(),
          normsAcknowledgedAt: serverTimestamp(),
        }),
    },
    { name: 'renaming oneself', write: () => updateDoc(memberDoc('ana'), { displayName: 'Ana B.' }) },
    {
      name: 'acknowledging the norms',
      prepare: () =>
        seed(env(), (db) => updateDoc(doc(db, 'spaces', space, 'members', 'ana'), { normsAcknowledgedAt: null })),
      write: () => updateDoc(memberDoc('ana'), { normsAcknowledgedAt: serverTimestamp() }),
    },
    {
      name: 'a contribution with its ledger +1',
      write: () => writePost(as('ana'), space, { uid: 'ana', name: 'ANA', role: 'learner' }, 'p1'),
    },
  ]);

  it('a facilitator still removes a member while the round is closed', async () => {
    await setRoundClosed(env(), space, true);
    await assertSucceeds(
      updateDoc(doc(as('fay'), 'spaces', space, 'members', 'ana'), {
        role: 'removed',
        removedAt: serverTimestamp(),
        removedBy: 'fay',
      }),
    );
  });
});
