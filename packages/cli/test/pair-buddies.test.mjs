// cohort-kit pair-buddies against the real Firestore emulator: every waiting learner ends in one pair (or the one
// trio), and nobody is paired again with a former buddy while another choice exists.
// Run: node scripts/emulators.mjs exec -- node --test packages/cli/test/
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { deleteApp, initializeApp } from 'firebase-admin/app';
import { getFirestore, Timestamp } from 'firebase-admin/firestore';
import { balancedPairs } from '../src/goals-commands.mjs';

const BIN = fileURLToPath(new URL('../bin/cohort-kit.mjs', import.meta.url));
const cohortKit = (args) =>
  new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { timeout: 30_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });

const app = initializeApp({ projectId: process.env.GCLOUD_PROJECT }, 'pair-buddies-test');
const db = getFirestore(app);
after(() => deleteApp(app));

async function boardWithWaiting(count, { former = [] } = {}) {
  const spaceId = `buddies-${randomBytes(4).toString('hex')}`;
  await db.doc(`spaces/${spaceId}`).set({ name: 'Test space', cohortLabel: '', norms: '', reportThreshold: 3 });
  const board = db.doc(`spaces/${spaceId}/goalBoards/leadership-goals`);
  const uids = Array.from({ length: count }, (_, i) => `learner-${i + 1}`);
  for (const uid of uids) {
    await board
      .collection('buddies')
      .doc(uid)
      .set({ name: uid, state: 'waiting', pairId: null, since: Timestamp.now() });
  }
  for (const pair of former)
    await board.collection('pairs').add({ members: [], left: pair, createdAt: Timestamp.now() });
  return { spaceId, board, uids };
}

async function pairsOf(board) {
  const pairs = (await board.collection('pairs').get()).docs.filter((each) => each.get('members').length > 0);
  const buddies = (await board.collection('buddies').get()).docs;
  return { pairs: pairs.map((each) => ({ id: each.id, members: each.get('members') })), buddies };
}

describe('pair-buddies', () => {
  test('7 waiting learners: two pairs and a trio, each learner in exactly the pair their document names', async () => {
    const { spaceId, board, uids } = await boardWithWaiting(7);
    const result = await cohortKit(['pair-buddies', '--space', spaceId, '--board', 'leadership-goals']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /Paired 7 learners on board "leadership-goals"/);
    const { pairs, buddies } = await pairsOf(board);
    assert.deepEqual(pairs.map((pair) => pair.members.length).sort(), [2, 2, 3]);
    assert.deepEqual(pairs.flatMap((pair) => pair.members).sort(), uids.sort());
    for (const buddy of buddies) {
      assert.equal(buddy.get('state'), 'paired');
      assert.ok(pairs.find((pair) => pair.id === buddy.get('pairId')).members.includes(buddy.id));
    }
  });

  test('nobody gets a former buddy again while another choice exists', async () => {
    // Four learners; 1 was with 2 and 3 before, so 1 must go with 4, and 2 with 3.
    const { spaceId, board } = await boardWithWaiting(4, {
      former: [
        ['learner-1', 'learner-2'],
        ['learner-1', 'learner-3'],
      ],
    });
    const result = await cohortKit(['pair-buddies', '--space', spaceId, '--board', 'leadership-goals']);
    assert.equal(result.code, 0, result.stderr);
    const { pairs } = await pairsOf(board);
    const together = pairs.map((pair) => [...pair.members].sort().join('+')).sort();
    assert.deepEqual(together, ['learner-1+learner-4', 'learner-2+learner-3']);
  });

  test('one learner alone is told two are needed; a wrong board or space says what to fix', async () => {
    const { spaceId, board } = await boardWithWaiting(1);
    const alone = await cohortKit(['pair-buddies', '--space', spaceId, '--board', 'leadership-goals']);
    assert.equal(alone.code, 0, alone.stderr);
    assert.match(alone.stdout, /One learner is looking for a buddy .* at least two are needed\. Nothing changed\./);
    assert.equal((await board.collection('buddies').doc('learner-1').get()).get('state'), 'waiting');
    const noBoard = await cohortKit(['pair-buddies', '--space', spaceId]);
    assert.equal(noBoard.code, 2);
    assert.match(noBoard.stderr, /--board is required/);
    const badBoard = await cohortKit(['pair-buddies', '--space', spaceId, '--board', 'no spaces']);
    assert.equal(badBoard.code, 2);
    assert.match(badBoard.stderr, /--board "no spaces" is not a board id/);
    const noSpace = await cohortKit(['pair-buddies', '--space', 'missing-space-x', '--board', 'leadership-goals']);
    assert.equal(noSpace.code, 1);
    assert.match(noSpace.stderr, /missing-space-x/);
  });

  test('pairs are random: the same eight learners are paired differently from run to run', () => {
    const learners = Array.from({ length: 8 }, (_, i) => ({ uid: `l${i}`, name: '' }));
    const shapes = new Set();
    for (let run = 0; run < 20; run += 1) {
      const pairs = balancedPairs(learners, () => new Set());
      assert.deepEqual(
        pairs.map((pair) => pair.length),
        [2, 2, 2, 2],
      );
      shapes.add(
        pairs
          .map((pair) =>
            pair
              .map((learner) => learner.uid)
              .sort()
              .join('+'),
          )
          .sort()
          .join(' '),
      );
    }
    assert.ok(shapes.size > 1, 'more than one pairing in 20 runs');
  });

  test('whatever the shuffle, a pairing without former buddies is found when one exists', () => {
    const learners = ['a', 'b', 'c', 'd'].map((uid) => ({ uid, name: '' }));
    const past = { a: new Set(['b', 'c']), b: new Set(['a']), c: new Set(['a']), d: new Set() };
    for (let run = 0; run < 100; run += 1) {
      const pairs = balancedPairs(learners, (uid) => past[uid]);
      const together = pairs
        .map((pair) =>
          pair
            .map((learner) => learner.uid)
            .sort()
            .join('+'),
        )
        .sort();
      assert.deepEqual(together, ['a+d', 'b+c']);
    }
  });
});
