// A round's worth of activity, written with firebase-admin in the shapes the elements write: members and their
// ledgers, a thread with posts and replies, a named poll and an anonymous one with votes and shards, a goal board
// with a goal, check-in and cheer, a feedback review, and a badge with holders. For the round commands' tests and
// the export bench row.
import { Timestamp } from 'firebase-admin/firestore';
import { createBadge } from '../src/badge-commands.mjs';

const at = (/** @type {number} */ minutes) => Timestamp.fromMillis(Date.UTC(2026, 2, 2, 9) + minutes * 60_000);

/**
 * @param {import('firebase-admin/firestore').Firestore} db
 * @param {string} spaceId
 * @param {{members?: number, posts?: number}} [size]
 * @returns {Promise<{uids: string[], posts: number, counts: Record<string, number>}>}
 */
export async function seedRound(db, spaceId, { members = 4, posts = 6 } = {}) {
  const space = db.doc(`spaces/${spaceId}`);
  const writer = db.bulkWriter();
  /** @type {Promise<unknown>[]} */
  const writes = [];
  const set = (/** @type {string} */ path, /** @type {Record<string, unknown>} */ data) =>
    writes.push(writer.set(space.collection(path.split('/')[0]).doc(path.split('/').slice(1).join('/')), data));
  await space.set({
    name: 'Leading with Purpose',
    cohortLabel: 'Spring <b>labmates</b>',
    norms: 'Be kind.',
    reportThreshold: 2,
    blockedWords: ['meanword'],
    createdAt: at(0),
    updatedAt: at(0),
  });
  const uids = Array.from({ length: members }, (_, index) => `learner${index}`);
  /** @type {Record<string, Record<string, number>>} */
  const ledgers = Object.fromEntries(uids.map((uid) => [uid, {}]));
  const count = (/** @type {string} */ uid, /** @type {string} */ kind) =>
    (ledgers[uid][kind] = (ledgers[uid][kind] ?? 0) + 1);
  uids.forEach((uid, index) =>
    set(`members/${uid}`, {
      displayName: `Learner ${index} <i>`,
      role: index === 0 ? 'facilitator' : 'learner',
      joinedAt: at(index),
      normsAcknowledgedAt: at(index),
    }),
  );
  // Posts: every fourth one a reply to the post before it.
  const parentOf = (/** @type {number} */ index) => (index % 4 === 3 ? `p${index - 1}` : null);
  for (let index = 0; index < posts; index++) {
    const uid = uids[index % members];
    const parentId = parentOf(index);
    count(uid, parentId ? 'replies' : 'posts');
    set(`threads/week-2/posts/p${index}`, {
      authorId: uid,
      authorName: `Learner ${index % members} <i>`,
      authorRole: 'learner',
      body: `Post ${index}: <script>alert(1)</script> & "quotes", commas`,
      parentId,
      createdAt: at(10 + index),
      editedAt: null,
      deleted: false,
      hidden: false,
      pinned: false,
      reactionCounts: { '👍': 1 },
      reactionTotal: 1,
      replyCount: index + 1 < posts && parentOf(index + 1) ? 1 : 0,
      reportCount: 0,
      lastReplyId: index + 1 < posts && parentOf(index + 1) ? `p${index + 1}` : null,
      mentions: [],
      linkCount: 0,
    });
  }
  // A named poll everyone voted in, and an anonymous one.
  for (const [pollId, anonymous] of /** @type {const} */ ([
    ['goal-approach', false],
    ['secret', true],
  ])) {
    set(`polls/${pollId}`, {
      question: anonymous ? 'How stuck are you?' : 'Which approach first?',
      optionValues: ['smart', 'buddy'],
      optionLabels: ['🤓 SMART <goals>', '🤝 Buddy'],
      multiple: false,
      maxChoices: 1,
      anonymous,
      allowSuggestions: true,
      closesAt: null,
      closed: false,
      createdAt: at(5),
    });
    /** @type {Record<string, {counts: Record<string, number>, voters: number}>} */
    const shards = {};
    uids.forEach((uid, index) => {
      const choice = index % 2 ? 'buddy' : 'smart';
      const shard = String(index % 8);
      shards[shard] ??= { counts: {}, voters: 0 };
      shards[shard].counts[choice] = (shards[shard].counts[choice] ?? 0) + 1;
      shards[shard].voters++;
      set(`polls/${pollId}/votes/${uid}`, { choices: [choice], shard: index % 8, votedAt: at(20), updatedAt: at(20) });
      if (!anonymous) count(uid, 'votes');
    });
    for (let shard = 0; shard < 8; shard++)
      set(`polls/${pollId}/shards/${shard}`, shards[String(shard)] ?? { counts: {}, voters: 0 });
  }
  set('polls/goal-approach/recent/voters', { names: { 0: 'Learner 1 <i>', 1: 'Learner 2 <i>' } });
  set('polls/goal-approach/suggestions/journal', { label: 'Keep a journal', createdBy: uids[1], createdAt: at(21) });
  set(`polls/goal-approach/suggesters/${uids[1]}`, { value: 'journal' });
  // A goal with a check-in cheered by another learner.
  const goal = 'goalBoards/leadership-goals/goals/g1';
  set(goal, {
    ownerId: uids[1],
    ownerName: 'Learner 1 <i>',
    text: 'Run a weekly one-to-one',
    why: 'They asked for it',
    firstStep: 'Book the slots',
    targetDate: '2026-12-20',
    visibility: 'cohort',
    status: 'active',
    edited: false,
    edits: 0,
    cheers: 1,
    checkIns: 1,
    lastCheckIn: { id: 'c1', status: 'onTrack', note: 'Two done', at: at(30), cheers: 1 },
    reflection: null,
    hidden: false,
    reportCount: 0,
    createdAt: at(25),
    updatedAt: at(30),
    lastActivityAt: at(30),
  });
  count(uids[1], 'goals');
  set(`${goal}/checkIns/c1`, { status: 'onTrack', note: 'Two done', by: uids[1], at: at(30), cheers: 1 });
  count(uids[1], 'checkIns');
  set(`${goal}/cheers/${uids[2]}`, { at: at(31), note: 'Go!', hidden: false });
  count(uids[2], 'cheers');
  // Feedback: learner 2 reviews learner 1's work.
  const work = `feedbackRounds/r1/submissions/${uids[1]}`;
  set(work, {
    authorId: uids[1],
    authorName: 'Learner 1 <i>',
    text: 'My plan',
    link: '',
    createdAt: at(40),
    updatedAt: at(40),
  });
  set(`${work}/reviews/v1`, {
    answers: { strength: 'Clear', next: 'Add dates' },
    reviewerId: uids[2],
    reviewerName: 'Learner 2 <i>',
    createdAt: at(41),
    rating: 5,
    thanks: 'Thank you',
    ratedAt: at(42),
    reported: false,
    hidden: false,
  });
  count(uids[2], 'feedbackGiven');
  count(uids[1], 'feedbackReceived');
  // And learner 1 reviews learner 2's work anonymously: only their claim says the review is theirs.
  set(`feedbackRounds/r1/claims/${uids[1]}_${uids[2]}`, {
    reviewerId: uids[1],
    authorId: uids[2],
    holdId: 'h'.repeat(20),
    claimedAt: at(43),
    reviewId: 'v2',
    done: true,
  });
  set(`feedbackRounds/r1/submissions/${uids[2]}/reviews/v2`, {
    answers: { strength: 'Short', next: 'Say why' },
    createdAt: at(44),
    rating: null,
    thanks: '',
    ratedAt: null,
    reported: false,
    hidden: false,
  });
  count(uids[1], 'feedbackGiven');
  set(`badges/founding-voices/holders/${uids[1]}`, { number: 1, name: 'Learner 1 <i>', claimedAt: at(50) });
  set(`badges/founding-voices/holders/${uids[2]}`, { number: 2, name: '', claimedAt: at(51) });
  set('badgeIssuer/profile', { name: 'Leading with Purpose', url: '', publicKeyJwk: { kty: 'OKP' } });
  for (const uid of uids)
    set(`ledger/${uid}`, { counts: ledgers[uid], days: [20514], lastAt: at(60), lastKind: 'posts', lastRef: '' });
  await writer.close();
  await Promise.all(writes);
  // A badge two learners hold, defined as create-badge defines one.
  await createBadge(db, {
    spaceId,
    badgeId: 'founding-voices',
    name: 'Founding Voices',
    description: 'Shaped the conversation.',
    criteria: { posts: 1 },
    hints: {},
    edition: 20,
    closesAt: null,
    image: '',
  });
  await space.collection('badges').doc('founding-voices').update({ issued: 2 });
  return { uids, posts, counts: { members, posts, goals: 1, checkIns: 1, reviews: 2, holders: 2 } };
}
