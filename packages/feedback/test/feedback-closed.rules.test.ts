// A closed round refuses every learner write of <cohort-feedback>: sharing work, editing and withdrawing it,
// claiming a peer's work, the review, the author's rating and report; reopened, the same write goes through.
import { describe, vi } from 'vitest';
import { doc, Timestamp, updateDoc } from 'firebase/firestore';
import { closedRoundTests, seed, signedInAs, storedData, useRulesEnvironment } from '@cohort-kit/core/testing/rules.js';
import * as data from '../src/feedback-data';

vi.mock('@cohort-kit/core/data.js', async () => ({
  ...(await import('../../core/src/ledger')),
  ...(await import('../../core/src/rate-document')),
}));

const env = useRulesEnvironment('feedback-closed');
const space = 'closing-feedback';
const round = 'goal-plan-draft';
const roundPath = `spaces/${space}/feedbackRounds/${round}`;
const w = (uid: string): data.Writer => ({ db: signedInAs(env(), uid), space, round, uid });
const WORK = { text: 'Goal: speak up in meetings. Steps: prepare one point, say it first.', link: '' };
const ANSWERS = [
  'In your second step you say "practise more" without saying when or for how long.',
  'I learned that naming a measure up front, as you did in step one, keeps a plan honest.',
  'I suggest you give step two a day and a length, such as twenty minutes each Tuesday.',
];

const reviewerOf = async (uid: string) => data.readReviewer(await storedData(env(), `${roundPath}/reviewers/${uid}`));
const slotOf = async (uid: string) => data.readSlot((await storedData(env(), `${roundPath}/slots/${uid}`))!);
const claimOf = async (reviewer: string, author: string) =>
  data.readClaim(`${reviewer}_${author}`, (await storedData(env(), `${roundPath}/claims/${reviewer}_${author}`))!);

const share = async (uid: string) => data.share(w(uid), uid.toUpperCase(), WORK).commit();
const claim = async (reviewer: string, author: string) =>
  data.claim(w(reviewer), await slotOf(author), await reviewerOf(reviewer), undefined, 'hold'.padEnd(20, 'x')).commit();
const review = async (reviewer: string, author: string) =>
  data.review(w(reviewer), await claimOf(reviewer, author), await slotOf(author), 'r1', ANSWERS, null).commit();
const reviewed = async () => {
  await share('ana');
  await claim('bob', 'ana');
  await review('bob', 'ana');
};

describe('a closed round and peer feedback', () => {
  closedRoundTests(env, space, { members: { ana: 'learner', bob: 'learner' } }, [
    { name: 'sharing work', write: () => share('ana') },
    {
      name: 'editing shared work',
      prepare: async () => {
        await share('ana');
        await seed(env(), (db) =>
          updateDoc(doc(db, `${roundPath}/submissions/ana`), {
            updatedAt: Timestamp.fromMillis(Date.now() - 3_600_000),
          }),
        );
      },
      write: () => data.editWork(w('ana'), { text: 'A better plan', link: '' }),
    },
    { name: 'withdrawing work', prepare: () => share('ana'), write: () => data.withdraw(w('ana')).commit() },
    { name: 'claiming a peer’s work', prepare: () => share('ana'), write: () => claim('bob', 'ana') },
    {
      name: 'a review',
      prepare: async () => {
        await share('ana');
        await claim('bob', 'ana');
      },
      write: () => review('bob', 'ana'),
    },
    { name: 'rating a review', prepare: reviewed, write: () => data.rate(w('ana'), 'r1', 5, 'Thank you').commit() },
    { name: 'reporting a review', prepare: reviewed, write: () => data.report(w('ana'), 'r1') },
  ]);
});
