// A closed round refuses every learner write of <cohort-goals>: a goal, an edit, a status change, a check-in, a
// reflection, cheers, a report and the buddy writes, each with its rate and ledger; reopened, the same write goes
// through.
import { describe, vi } from 'vitest';
import { doc, Timestamp, updateDoc } from 'firebase/firestore';
import { closedRoundTests, seed, signedInAs, storedData, useRulesEnvironment } from '@cohort-kit/core/testing/rules.js';
import { claimBuddy, lookForBuddy } from '../src/buddy-data';
import {
  changeGoal,
  checkIn,
  cheer,
  editGoal,
  readGoal,
  readRateSnapshot,
  reflect,
  reportGoal,
  setGoal,
  type Writer,
} from '../src/goals-data';

vi.mock('@cohort-kit/core/data.js', async () => ({
  ...(await import('../../core/src/ledger')),
  ...(await import('../../core/src/rate-document')),
}));

const env = useRulesEnvironment('goals-closed');
const space = 'closing-goals';
const board = 'leadership-goals';
const goalPath = `spaces/${space}/goalBoards/${board}/goals/g1`;
const content = {
  text: 'Run a weekly one-to-one',
  why: 'They asked',
  firstStep: 'Book the slots',
  targetDate: '2026-12-20',
};

/** The learner's writer, their last rated write moved back past the 3-second rate. */
async function writer(uid: string): Promise<Writer> {
  const path = `spaces/${space}/goalRates/${uid}`;
  const rate = await storedData(env(), path);
  if (rate) {
    rate.lastAt = Timestamp.fromMillis(Date.now() - 10_000);
    await seed(env(), (db) => updateDoc(doc(db, path), { lastAt: rate.lastAt }));
  }
  return { db: signedInAs(env(), uid), space, board, uid, rate: rate ? readRateSnapshot(rate, board) : null };
}
const goal = async () => readGoal('g1', (await storedData(env(), goalPath))!);
const buddy = (uid: string) => ({ db: signedInAs(env(), uid), space, board, uid, name: uid.toUpperCase() });
const anaSetsGoal = async () => setGoal(await writer('ana'), 'g1', 'ANA', content, 'cohort').commit();
const anaChecksIn = async () => {
  await anaSetsGoal();
  await checkIn(await writer('ana'), { id: 'g1' }, 'c1', 'onTrack', 'Two done').commit();
};

describe('a closed round and the goal board', () => {
  closedRoundTests(env, space, { members: { ana: 'learner', bob: 'learner' } }, [
    { name: 'setting a goal', write: anaSetsGoal },
    {
      name: 'editing a goal',
      prepare: anaSetsGoal,
      write: async () => editGoal(await writer('ana'), await goal(), { ...content, why: 'They asked twice' }).commit(),
    },
    {
      name: 'marking a goal done',
      prepare: anaSetsGoal,
      write: async () => changeGoal(await writer('ana'), await goal(), { status: 'done' }).commit(),
    },
    {
      name: 'a check-in',
      prepare: anaSetsGoal,
      write: async () => checkIn(await writer('ana'), { id: 'g1' }, 'c1', 'onTrack', 'Two done').commit(),
    },
    {
      name: 'a reflection',
      prepare: anaSetsGoal,
      write: async () => reflect(await writer('ana'), 'g1', 'r1', 'I learned to plan').commit(),
    },
    {
      name: 'cheering a goal',
      prepare: anaSetsGoal,
      write: () => cheer({ db: signedInAs(env(), 'bob'), space, board, uid: 'bob' }, { id: 'g1' }, 'Go!').commit(),
    },
    {
      name: 'cheering a check-in',
      prepare: anaChecksIn,
      write: async () =>
        cheer({ db: signedInAs(env(), 'bob'), space, board, uid: 'bob' }, await goal(), '', 'c1').commit(),
    },
    {
      name: 'reporting a goal',
      prepare: anaSetsGoal,
      write: async () =>
        reportGoal(
          signedInAs(env(), 'bob'),
          space,
          board,
          await goal(),
          'bob',
          { reason: 'spam', note: '' },
          3,
        ).commit(),
    },
    { name: 'looking for a buddy', write: () => lookForBuddy(buddy('ana'), null).commit() },
    {
      name: 'claiming a buddy',
      prepare: () => lookForBuddy(buddy('bob'), null).commit(),
      write: () => claimBuddy(buddy('ana'), 'bob').commit(),
    },
  ]);
});
