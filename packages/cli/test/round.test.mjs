// The round commands end to end against the real Firestore emulator: close and reopen a round, export it, forget a
// learner, start the next run. Run: node scripts/emulators.mjs exec -- node --test packages/cli/test/round.test.mjs
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { deleteApp, initializeApp } from 'firebase-admin/app';
import { getFirestore, Timestamp } from 'firebase-admin/firestore';
import { fromJson, toJson } from '../src/export.mjs';
import { FORGOTTEN_NAME, FORGOTTEN_TEXT } from '../src/round-commands.mjs';
import { seedRound } from './round-seed.mjs';

if (!process.env.FIRESTORE_EMULATOR_HOST || !process.env.GCLOUD_PROJECT) {
  throw new Error('Run through the emulator script: node scripts/emulators.mjs exec -- node --test packages/cli/test/');
}

const BIN = fileURLToPath(new URL('../bin/cohort-kit.mjs', import.meta.url));
const app = initializeApp({ projectId: process.env.GCLOUD_PROJECT }, 'round-cli-test');
const db = getFirestore(app);
let scratch = '';

/** The real bin, as a course team runs it. */
function cohortKit(/** @type {string[]} */ args) {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

const newSpaceId = (/** @type {string} */ prefix) => `${prefix}-${randomBytes(4).toString('hex')}`;
const data = async (/** @type {string} */ path) => (await db.doc(path).get()).data();

before(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'round-cli-'));
});
after(async () => {
  await rm(scratch, { recursive: true, force: true });
  await deleteApp(app);
});

describe('close-round and reopen-round', () => {
  test('closing marks the space, closes its open polls and retires its badges; reopening undoes exactly that', async () => {
    const spaceId = newSpaceId('close');
    await seedRound(db, spaceId);
    // Closed by a facilitator before the round ended: not the round's to reopen.
    await db.doc(`spaces/${spaceId}/polls/secret`).update({ closed: true });
    const closed = await cohortKit(['close-round', '--space', spaceId]);
    assert.equal(closed.code, 0, closed.stderr);
    assert.match(closed.stdout, /Closed the round .* learners can no longer write there/);
    assert.match(closed.stdout, /Closed 1 poll \("goal-approach"\) and retired 1 badge \("founding-voices"\)/);
    const space = await data(`spaces/${spaceId}`);
    assert.ok(space?.closedAt instanceof Timestamp);
    assert.equal((await data(`spaces/${spaceId}/polls/goal-approach`))?.closed, true);
    assert.equal((await data(`spaces/${spaceId}/badges/founding-voices`))?.retired, true);

    const again = await cohortKit(['close-round', '--space', spaceId]);
    assert.match(again.stdout, /was already closed on \d{4}-\d\d-\d\d; nothing changed/);

    const reopened = await cohortKit(['reopen-round', '--space', spaceId]);
    assert.equal(reopened.code, 0, reopened.stderr);
    assert.match(reopened.stdout, /Reopened 1 poll \("goal-approach"\) and 1 badge \("founding-voices"\)/);
    assert.match(reopened.stdout, /Not reopened: poll "secret" stays closed: it was closed before the round ended/);
    const open = await data(`spaces/${spaceId}`);
    assert.equal(open?.closedAt, undefined);
    assert.equal((await data(`spaces/${spaceId}/polls/goal-approach`))?.closed, false);
    assert.equal((await data(`spaces/${spaceId}/polls/secret`))?.closed, true);
    assert.equal((await data(`spaces/${spaceId}/badges/founding-voices`))?.retired, false);
    assert.match((await cohortKit(['reopen-round', '--space', spaceId])).stdout, /is not closed; nothing changed/);
  });

  test('refuses a space that does not exist', async () => {
    const result = await cohortKit(['close-round', '--space', 'no-such-round-space']);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /does not exist/);
  });
});

describe('export', () => {
  test('writes one JSON file per collection, the CSV tables and an escaped archive, and the JSON reads back', async () => {
    const spaceId = newSpaceId('export');
    const { counts, uids } = await seedRound(db, spaceId, { members: 5, posts: 9 });
    const out = join(scratch, spaceId);
    const result = await cohortKit(['export', '--space', spaceId, '--out', out]);
    assert.equal(result.code, 0, result.stderr);
    const files = (await readdir(out)).sort();
    for (const file of [
      'space.json',
      'members.json',
      'threads.posts.json',
      'polls.json',
      'polls.votes.json',
      'polls.shards.json',
      'goalBoards.goals.checkIns.json',
      'feedbackRounds.submissions.reviews.json',
      'badges.holders.json',
      'ledger.json',
      'members.csv',
      'posts.csv',
      'votes.csv',
      'goals.csv',
      'check-ins.csv',
      'feedback.csv',
      'badge-holders.csv',
      'archive.html',
    ])
      assert.ok(files.includes(file), `${file} in ${files.join(', ')}`);
    const json = async (/** @type {string} */ file) => JSON.parse(await readFile(join(out, file), 'utf8'));
    const lines = async (/** @type {string} */ file) => (await readFile(join(out, file), 'utf8')).trim().split('\r\n');
    assert.equal((await json('members.json')).length, counts.members);
    assert.equal((await json('threads.posts.json')).length, counts.posts);
    assert.equal((await lines('members.csv')).length, counts.members + 1);
    assert.equal((await lines('posts.csv')).length, counts.posts + 1);
    assert.equal((await lines('badge-holders.csv')).length, counts.holders + 1);
    assert.equal((await lines('check-ins.csv')).length, 2);
    assert.equal((await lines('feedback.csv')).length, counts.reviews + 1);
    // Only the named poll's votes: an anonymous poll's stay out.
    assert.equal((await json('polls.votes.json')).length, counts.members);
    assert.equal((await lines('votes.csv')).length, counts.members + 1);
    assert.ok(
      (await json('polls.votes.json')).every((/** @type {{path: string}} */ doc) =>
        doc.path.startsWith('polls/goal-approach/'),
      ),
    );
    assert.match((await lines('posts.csv'))[1], /"Post 0: <script>alert\(1\)<\/script> & ""quotes"", commas"/);

    // Every document read back from its JSON equals the stored one, timestamps to the nanosecond.
    for (const file of files.filter((name) => name.endsWith('.json') && name !== 'space.json')) {
      for (const doc of await json(file)) {
        const stored = await data(`spaces/${spaceId}/${doc.path}`);
        assert.deepEqual(fromJson(doc.data, db), stored, doc.path);
        assert.deepEqual(toJson(fromJson(doc.data, db)), doc.data);
      }
    }
    const space = await json('space.json');
    assert.deepEqual(fromJson(space.data, db), await data(`spaces/${spaceId}`));

    const html = await readFile(join(out, 'archive.html'), 'utf8');
    assert.doesNotMatch(html, /<script>|<i>|<b>labmates/);
    assert.match(html, /<h1>Spring &lt;b&gt;labmates&lt;\/b&gt;<\/h1>/);
    assert.match(html, /Post 0: &lt;script&gt;alert\(1\)&lt;\/script&gt; &amp; &quot;quotes&quot;/);
    assert.match(html, /Run a weekly one-to-one/);
    assert.match(html, /🤓 SMART &lt;goals&gt;<\/td><td>3<\/td>/);
    assert.match(html, /Keep a journal<\/td><td>0<\/td>/);
    assert.ok(uids.length === counts.members);
  });
});

describe('forget', () => {
  test("erases one learner's name and text, and every count, tally and other ledger stays", async () => {
    const spaceId = newSpaceId('forget');
    const { uids } = await seedRound(db, spaceId, { members: 4, posts: 8 });
    const [, forgotten, other] = uids;
    const snapshot = async () => {
      const read = async (/** @type {string} */ path) => (await db.collection(`spaces/${spaceId}/${path}`).get()).docs;
      const shards = await read('polls/goal-approach/shards');
      return {
        members: (await read('members')).length,
        posts: (await read('threads/week-2/posts')).length,
        replyCounts: (await read('threads/week-2/posts')).map((doc) => doc.get('replyCount')),
        tally: shards.map((doc) => doc.get('counts')),
        ledgers: Object.fromEntries((await read('ledger')).map((doc) => [doc.id, doc.get('counts')])),
        goal: (await data(`spaces/${spaceId}/goalBoards/leadership-goals/goals/g1`))?.cheers,
        issued: (await data(`spaces/${spaceId}/badges/founding-voices`))?.issued,
      };
    };
    const before = await snapshot();
    const result = await cohortKit(['forget', '--space', spaceId, '--uid', forgotten]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /Erased the name and text of learner1 .* Counts and tallies stay/);
    assert.deepEqual(await snapshot(), before);

    const member = await data(`spaces/${spaceId}/members/${forgotten}`);
    assert.equal(member?.displayName, FORGOTTEN_NAME);
    assert.ok(member?.forgottenAt);
    const post = await data(`spaces/${spaceId}/threads/week-2/posts/p1`);
    assert.equal(post?.authorName, FORGOTTEN_NAME);
    assert.equal(post?.body, FORGOTTEN_TEXT);
    const goal = await data(`spaces/${spaceId}/goalBoards/leadership-goals/goals/g1`);
    assert.deepEqual(
      [goal?.ownerName, goal?.text, goal?.why, goal?.firstStep, goal?.lastCheckIn.note],
      [FORGOTTEN_NAME, FORGOTTEN_TEXT, FORGOTTEN_TEXT, FORGOTTEN_TEXT, FORGOTTEN_TEXT],
    );
    assert.equal(goal?.lastCheckIn.status, 'onTrack');
    const work = await data(`spaces/${spaceId}/feedbackRounds/r1/submissions/${forgotten}`);
    assert.deepEqual([work?.authorName, work?.text], [FORGOTTEN_NAME, FORGOTTEN_TEXT]);
    assert.equal((await data(`spaces/${spaceId}/badges/founding-voices/holders/${forgotten}`))?.name, '');
    assert.equal((await data(`spaces/${spaceId}/polls/goal-approach/suggestions/journal`))?.label, FORGOTTEN_TEXT);
    assert.deepEqual((await data(`spaces/${spaceId}/polls/goal-approach/recent/voters`))?.names, {
      0: FORGOTTEN_NAME,
      1: 'Learner 2 <i>',
    });
    // Others keep what they wrote, even in the forgotten learner's goal and work.
    assert.equal((await data(`spaces/${spaceId}/threads/week-2/posts/p2`))?.body.startsWith('Post 2'), true);
    assert.equal((await data(`spaces/${spaceId}/members/${other}`))?.displayName, 'Learner 2 <i>');
    const review = await data(`spaces/${spaceId}/feedbackRounds/r1/submissions/${forgotten}/reviews/v1`);
    assert.deepEqual(review?.answers, { strength: 'Clear', next: 'Add dates' });
    assert.equal(review?.reviewerName, 'Learner 2 <i>');
    // An anonymous review they wrote, known by their claim.
    const anonymous = await data(`spaces/${spaceId}/feedbackRounds/r1/submissions/${other}/reviews/v2`);
    assert.deepEqual(anonymous?.answers, { strength: FORGOTTEN_TEXT, next: FORGOTTEN_TEXT });
    // The thanks on it is the forgotten author's own writing.
    assert.equal(review?.thanks, FORGOTTEN_TEXT);
    assert.equal(review?.rating, 5);
  });
});

describe('new-round', () => {
  test('copies the settings, norms, blocked words and badge definitions, with the new dates, and no learner data', async () => {
    const from = newSpaceId('old');
    await seedRound(db, from);
    const spaceId = newSpaceId('next');
    const result = await cohortKit([
      'new-round',
      '--from',
      from,
      '--space',
      spaceId,
      '--starts-at',
      '2026-09-01',
      '--ends-at',
      '2026-10-15T17:00:00Z',
    ]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(
      result.stdout,
      /Created space ".*" from ".*": name, norms, reportThreshold, blockedWords and 1 badge definition \("founding-voices"\); no learner data/,
    );
    const space = await data(`spaces/${spaceId}`);
    assert.deepEqual(
      [space?.name, space?.norms, space?.reportThreshold, space?.blockedWords, space?.cohortLabel],
      ['Leading with Purpose', 'Be kind.', 2, ['meanword'], ''],
    );
    assert.equal(space?.startsAt.toDate().toISOString(), '2026-09-01T00:00:00.000Z');
    assert.equal(space?.endsAt.toDate().toISOString(), '2026-10-15T17:00:00.000Z');
    assert.equal(space?.closedAt, undefined);
    const badge = await data(`spaces/${spaceId}/badges/founding-voices`);
    assert.deepEqual(
      [badge?.name, badge?.criteria, badge?.edition, badge?.issued, badge?.retired],
      ['Founding Voices', { posts: 1 }, 20, 0, false],
    );
    assert.equal(badge?.closesAt.toDate().toISOString(), '2026-10-15T17:00:00.000Z');
    assert.ok(await data(`spaces/${spaceId}/badgeIssuer/profile`));
    const collections = (await db.doc(`spaces/${spaceId}`).listCollections()).map((collection) => collection.id).sort();
    assert.deepEqual(collections, ['badgeIssuer', 'badges']);
    assert.equal((await db.collection(`spaces/${spaceId}/badges/founding-voices/holders`).get()).size, 0);

    const twice = await cohortKit(['new-round', '--from', from, '--space', spaceId]);
    assert.equal(twice.code, 1);
    assert.match(twice.stderr, /already exists/);
    const wrong = await cohortKit(['new-round', '--from', from, '--space', newSpaceId('x'), '--starts-at', 'soon']);
    assert.equal(wrong.code, 2);
    assert.match(wrong.stderr, /--starts-at "soon" is not a date/);
  });
});
