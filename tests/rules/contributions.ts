// Contributions written the way the widgets write them, each with its ledger +1, for the core rules suites that
// need a real post, vote or reaction (the ledger's, a removed member's) without testing the widget itself.
import { doc, increment, serverTimestamp, setDoc, Timestamp, writeBatch, type Firestore } from 'firebase/firestore';
import type { WriteBatch } from 'firebase/firestore';
import { addContribution } from '../../packages/core/src/ledger';
import { firstRate, newPostFields } from '../../packages/thread/test/rules-fixtures.js';

/** The thread and the named poll these contributions go to, in any space. */
export const THREAD_ID = 'week-2';
export const POLL_ID = 'check-in';
const threadPath = (space: string) => `spaces/${space}/threads/${THREAD_ID}`;
const pollPath = (space: string) => `spaces/${space}/polls/${POLL_ID}`;

/** Stores the named check-in poll ("good" or "stuck") with its eight empty shards, as its first voter would. */
export async function seedCheckInPoll(db: Firestore, space: string) {
  await setDoc(doc(db, pollPath(space)), {
    question: 'How is it going?',
    optionValues: ['good', 'stuck'],
    optionLabels: ['😀 Good', '😕 Stuck'],
    multiple: false,
    maxChoices: 1,
    anonymous: false,
    allowSuggestions: false,
    closesAt: null,
    closed: false,
    createdAt: Timestamp.now(),
  });
  for (let shard = 0; shard < 8; shard++) {
    await setDoc(doc(db, pollPath(space), 'shards', String(shard)), { counts: {}, voters: 0 });
  }
}

/** A post (or reply) in the thread: the post, the rate document that pays for it, and its ledger +1. */
export function writePost(
  db: Firestore,
  space: string,
  author: { uid: string; name: string; role: string },
  id: string,
  opts: { parentId?: string; ledger?: (batch: WriteBatch, db: Firestore) => void } = {},
) {
  const batch = writeBatch(db);
  const thread = threadPath(space);
  batch.set(doc(db, thread, 'posts', id), newPostFields(author, `Post ${id}`, { parentId: opts.parentId ?? null }));
  batch.set(doc(db, 'spaces', space, 'threadRates', author.uid), firstRate(id));
  if (opts.parentId) {
    batch.update(doc(db, thread, 'posts', opts.parentId), { replyCount: increment(1), lastReplyId: id });
  }
  if (opts.ledger) opts.ledger(batch, db);
  else
    addContribution(
      batch,
      db,
      space,
      author.uid,
      opts.parentId ? 'replies' : 'posts',
      `threads/${THREAD_ID}/posts/${id}`,
    );
  return batch.commit();
}

/** A first vote for "good" in the check-in poll (the voter's name in recent/voters is a batch of its own). */
export function firstVote(db: Firestore, space: string, uid: string, ledger = true) {
  const batch = writeBatch(db);
  const poll = pollPath(space);
  batch.set(doc(db, poll, 'votes', uid), {
    choices: ['good'],
    added: 'good',
    removed: '',
    shard: 0,
    votedAt: serverTimestamp(),
    updatedAt: serverTimestamp(),
  });
  batch.update(doc(db, poll, 'shards', '0'), 'counts.good', increment(1), 'voters', increment(1));
  if (ledger) addContribution(batch, db, space, uid, 'votes', `polls/${POLL_ID}/votes/${uid}`);
  return batch.commit();
}

/** A thumbs-up on post `id` (or taking it back), with the post's counters; `counted` adds a first reaction's +1. */
export function react(
  db: Firestore,
  space: string,
  uid: string,
  id: string,
  on: boolean,
  countBefore: number,
  counted: boolean,
) {
  const batch = writeBatch(db);
  const thread = threadPath(space);
  const entry = { thumbs: on, heart: false, idea: false, party: false, thinking: false };
  batch.set(doc(db, thread, 'reactions', uid), { posts: { [id]: entry }, lastPostId: id }, { merge: true });
  batch.update(doc(db, thread, 'posts', id), {
    'reactionCounts.thumbs': countBefore + (on ? 1 : -1),
    reactionTotal: countBefore + (on ? 1 : -1),
  });
  if (counted) addContribution(batch, db, space, uid, 'reactions', `threads/${THREAD_ID}/reactions/${uid}`);
  return batch.commit();
}
