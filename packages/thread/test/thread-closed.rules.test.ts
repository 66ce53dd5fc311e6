// A closed round refuses every learner write of <cohort-thread>: posts, replies, edits, deletions, reactions and
// reports, each with what it pays (rate, presence, ledger); reopened, the same write goes through.
import { describe, vi } from 'vitest';
import { doc, setDoc, type Firestore } from 'firebase/firestore';
import type { FirebaseRuntime } from '@cohort-kit/core';
import { closedRoundTests, seed, signedInAs, storedData, useRulesEnvironment } from '@cohort-kit/core/testing/rules.js';
import { readRate } from '../../core/src/rate-document';
import { createPost, deletePost, editPost, reportPost, setReaction } from '../src/thread-data';
import { RATE_DOCUMENT } from '../src/thread-queries';

vi.mock('@cohort-kit/core/data.js', async () => ({
  ...(await import('../../core/src/ledger')),
  ...(await import('../../core/src/rate-document')),
}));

const env = useRulesEnvironment('thread-closed');
const space = 'closing-thread';
const thread = 'week-2';
const runtime = (uid: string) => ({ db: signedInAs(env(), uid) as Firestore }) as unknown as FirebaseRuntime;
const rate = async (uid: string) =>
  readRate(await storedData(env(), `spaces/${space}/threadRates/${uid}`), RATE_DOCUMENT);

async function post(uid: string, id: string, parentId: string | null = null) {
  return createPost(runtime(uid), space, thread, {
    id,
    uid,
    authorName: uid.toUpperCase(),
    authorRole: 'learner',
    body: `A post by ${uid}`,
    parentId,
    mentions: [],
    rate: await rate(uid),
  }).write;
}
const stored = async (id: string) => {
  const data = (await storedData(env(), `spaces/${space}/threads/${thread}/posts/${id}`))!;
  return { id, reportCount: data.reportCount as number, hidden: data.hidden as boolean } as never;
};

describe('a closed round and the thread', () => {
  closedRoundTests(env, space, { members: { ana: 'learner', bob: 'learner' } }, [
    { name: 'a post', write: () => post('ana', 'p1') },
    { name: 'a reply', prepare: () => post('bob', 'p1'), write: () => post('ana', 'r1', 'p1') },
    {
      name: 'an edit of one’s own post',
      prepare: async () => {
        await post('ana', 'p1');
        // The rate allows a write every 10 seconds: the post was written long enough ago.
        await seed(env(), (db) =>
          setDoc(
            doc(db, 'spaces', space, 'threadRates', 'ana'),
            { lastPostAt: new Date(Date.now() - 60_000) },
            { merge: true },
          ),
        );
      },
      write: async () =>
        editPost(runtime('ana'), space, thread, {
          id: 'p1',
          uid: 'ana',
          body: 'Edited',
          mentions: [],
          rate: await rate('ana'),
        }),
    },
    {
      name: 'deleting one’s own post',
      prepare: () => post('ana', 'p1'),
      write: () => deletePost(runtime('ana'), space, thread, 'p1'),
    },
    {
      name: 'a reaction',
      prepare: () => post('bob', 'p1'),
      write: () => setReaction(runtime('ana'), space, thread, 'p1', 'ana', {}, 'thumbs', true),
    },
    {
      name: 'a report',
      prepare: () => post('bob', 'p1'),
      write: async () => reportPost(runtime('ana'), space, thread, await stored('p1'), 'ana', 'unkind', '', 3),
    },
  ]);
});
