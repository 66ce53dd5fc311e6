// A closed round refuses every learner write of <cohort-poll>: storing the poll from the markup, a first vote and a
// change of vote (each with its shard and ledger), naming oneself among the recent voters, and a suggestion with
// its marker; reopened, the same write goes through.
import { describe, vi } from 'vitest';
import type { FirebaseRuntime } from '@cohort-kit/core';
import { doc, increment, serverTimestamp, setDoc, writeBatch } from 'firebase/firestore';
import { closedRoundTests, seed, signedInAs, useRulesEnvironment } from '@cohort-kit/core/testing/rules.js';
import { firstVote, POLL_ID, seedCheckInPoll } from '../../../tests/rules/contributions';
import { createPoll as storePoll } from '../src/poll-data';

vi.mock('@cohort-kit/core/data.js', async () => ({
  ...(await import('../../core/src/ledger')),
  ...(await import('../../core/src/sharded-counter')),
}));

const env = useRulesEnvironment('poll-closed');
const space = 'closing-poll';
const pollPath = `spaces/${space}/polls/${POLL_ID}`;
const as = (uid: string) => signedInAs(env(), uid);

/** The poll as its first voter stores it from the markup, with its eight empty shards. */
const createPoll = (uid: string) =>
  storePoll(
    { db: signedInAs(env(), uid) } as unknown as FirebaseRuntime,
    space,
    POLL_ID,
    {
      question: 'How is it going?',
      options: [
        { value: 'good', label: '😀 Good' },
        { value: 'stuck', label: '😕 Stuck' },
      ],
      multiple: false,
      maxChoices: 1,
      anonymous: false,
      allowSuggestions: true,
      closesAt: null,
    },
    uid,
  );

/** "good" changed to "stuck": the vote and its shard move together. */
function changeVote(uid: string) {
  const db = as(uid);
  const batch = writeBatch(db);
  batch.update(doc(db, pollPath, 'votes', uid), {
    choices: ['stuck'],
    added: 'stuck',
    removed: 'good',
    updatedAt: serverTimestamp(),
  });
  batch.update(doc(db, pollPath, 'shards', '0'), 'counts.stuck', increment(1), 'counts.good', increment(-1));
  return batch.commit();
}

/** The batch after a first vote: the voter's name in a recent-voters slot, and their vote marked named. */
function nameVoter(uid: string) {
  const db = as(uid);
  const batch = writeBatch(db);
  batch.update(doc(db, pollPath, 'votes', uid), { named: true });
  batch.set(doc(db, pollPath, 'recent', 'voters'), { names: { 0: uid.toUpperCase() } }, { merge: true });
  return batch.commit();
}

function suggest(uid: string) {
  const db = as(uid);
  const batch = writeBatch(db);
  batch.set(doc(db, pollPath, 'suggestions', 'journal'), {
    label: 'Keep a journal',
    createdBy: uid,
    createdAt: serverTimestamp(),
  });
  batch.set(doc(db, pollPath, 'suggesters', uid), { value: 'journal' });
  return batch.commit();
}

const storedPoll = () => seed(env(), (db) => seedCheckInPoll(db, space));

describe('a closed round and the poll', () => {
  closedRoundTests(env, space, { members: { ana: 'learner' } }, [
    { name: 'storing the poll with its shards', write: () => createPoll('ana') },
    { name: 'a first vote', prepare: storedPoll, write: () => firstVote(as('ana'), space, 'ana') },
    {
      name: 'changing a vote',
      prepare: async () => {
        await storedPoll();
        await firstVote(as('ana'), space, 'ana');
      },
      write: () => changeVote('ana'),
    },
    {
      name: 'naming oneself among the recent voters',
      prepare: async () => {
        await storedPoll();
        await firstVote(as('ana'), space, 'ana');
      },
      write: () => nameVoter('ana'),
    },
    {
      name: 'a suggestion',
      prepare: async () => {
        await storedPoll();
        await seed(env(), (db) => setDoc(doc(db, pollPath), { allowSuggestions: true }, { merge: true }));
      },
      write: () => suggest('ana'),
    },
  ]);
});
