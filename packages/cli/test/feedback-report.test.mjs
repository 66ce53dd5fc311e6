// cohort-kit feedback-report against the real Firestore emulator: a round where three learners shared and
// reviewed, read back as the CSV a facilitator opens in a spreadsheet.
// Run: node scripts/emulators.mjs exec -- node --test packages/cli/test/feedback-report.test.mjs
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { deleteApp, initializeApp } from 'firebase-admin/app';
import { getFirestore, Timestamp } from 'firebase-admin/firestore';
import { csvField } from '../src/feedback-commands.mjs';

const BIN = fileURLToPath(new URL('../bin/cohort-kit.mjs', import.meta.url));
const cohortKit = (args) =>
  new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { timeout: 30_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });

const app = initializeApp({ projectId: process.env.GCLOUD_PROJECT }, 'feedback-report-test');
const db = getFirestore(app);
after(() => deleteApp(app));

const ROUND = 'goal-plan-draft';
const SHARED_AT = Timestamp.fromDate(new Date('2026-03-02T09:00:00Z'));

/** Ana, Ben and a learner whose name is a spreadsheet formula; who reviewed whom, and the ratings given. */
async function seededRound() {
  const spaceId = `report-${randomBytes(4).toString('hex')}`;
  const space = db.doc(`spaces/${spaceId}`);
  await space.set({ name: 'Leadership', cohortLabel: '', norms: '', reportThreshold: 3 });
  const names = { ana: 'Ana Learner', ben: 'Ben, the "builder"', cy: '=HYPERLINK("https://example.org")' };
  for (const [uid, displayName] of Object.entries(names)) {
    await space.collection('members').doc(uid).set({ displayName, role: 'learner', joinedAt: SHARED_AT });
  }
  const round = space.collection('feedbackRounds').doc(ROUND);
  for (const uid of ['ana', 'ben']) {
    await round
      .collection('submissions')
      .doc(uid)
      .set({
        authorId: uid,
        authorName: names[uid],
        text: `The plan of ${uid}.`,
        link: '',
        createdAt: SHARED_AT,
        updatedAt: SHARED_AT,
      });
  }
  // [reviewer, author, rating or null]; cy reviewed both and shared nothing; one claim is still open.
  const reviews = [
    ['ben', 'ana', 4],
    ['cy', 'ana', 2],
    ['ana', 'ben', null],
    ['cy', 'ben', 5],
  ];
  for (const [reviewerId, authorId, rating] of reviews) {
    const reviewId = `r-${reviewerId}-${authorId}`;
    await round
      .collection('claims')
      .doc(`${reviewerId}_${authorId}`)
      .set({
        reviewerId,
        authorId,
        holdId: `h-${reviewId}`,
        claimedAt: SHARED_AT,
        reviewId,
        done: true,
      });
    await round
      .collection('submissions')
      .doc(authorId)
      .collection('reviews')
      .doc(reviewId)
      .set({
        answers: ['a', 'b', 'c'],
        reviewerId: '',
        reviewerName: '',
        createdAt: SHARED_AT,
        rating,
        thanks: '',
        ratedAt: rating === null ? null : SHARED_AT,
        reported: false,
        hidden: false,
      });
  }
  await round.collection('claims').doc('ben_cy').set({
    reviewerId: 'ben',
    authorId: 'cy',
    holdId: 'h-open',
    claimedAt: SHARED_AT,
    reviewId: '',
    done: false,
  });
  return spaceId;
}

/** A CSV as a spreadsheet reads it: quoted fields may hold commas, line breaks and doubled quotes. */
function parseCsv(text) {
  const rows = [[]];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') [field, i] = [field + '"', i + 1];
      else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',' || char === '\n') {
      rows.at(-1).push(field);
      field = '';
      if (char === '\n') rows.push([]);
    } else field += char;
  }
  if (field || rows.at(-1).length) rows.at(-1).push(field);
  return rows.filter((row) => row.length);
}

describe('feedback-report', () => {
  test('one row per member who shared or reviewed: given, received, rated and average helpfulness', async () => {
    const spaceId = await seededRound();
    const result = await cohortKit(['feedback-report', '--space', spaceId, '--round', ROUND]);
    assert.equal(result.code, 0, result.stderr);
    const [header, ...rows] = parseCsv(result.stdout);
    assert.deepEqual(header, [
      'uid',
      'name',
      'shared_at',
      'reviews_given',
      'reviews_received',
      'given_reviews_rated',
      'average_helpfulness',
    ]);
    const byUid = Object.fromEntries(rows.map((row) => [row[0], row]));
    assert.deepEqual(byUid.ana, ['ana', 'Ana Learner', '2026-03-02T09:00:00.000Z', '1', '2', '0', '']);
    assert.deepEqual(byUid.ben, ['ben', 'Ben, the "builder"', '2026-03-02T09:00:00.000Z', '1', '2', '1', '4.00']);
    // A formula for a name reaches the spreadsheet as text; an open claim is not a review given.
    assert.deepEqual(byUid.cy, ['cy', `'=HYPERLINK("https://example.org")`, '', '2', '0', '2', '3.50']);
    assert.equal(rows.length, 3);
  });

  test('a round with nothing in it prints the header alone; a wrong space or a missing round says what to fix', async () => {
    const spaceId = await seededRound();
    const empty = await cohortKit(['feedback-report', '--space', spaceId, '--round', 'no-such-round']);
    assert.equal(empty.code, 0, empty.stderr);
    assert.equal(empty.stdout.trim().split('\n').length, 1);
    const missing = await cohortKit(['feedback-report', '--space', spaceId]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /--round is required/);
    const wrong = await cohortKit([
      'feedback-report',
      '--space',
      `none-${randomBytes(3).toString('hex')}`,
      '--round',
      ROUND,
    ]);
    assert.equal(wrong.code, 1);
    assert.match(wrong.stderr, /space/i);
  });

  test('fields a spreadsheet would misread are quoted or made inert', () => {
    assert.equal(csvField('plain'), 'plain');
    assert.equal(csvField('a,b'), '"a,b"');
    assert.equal(csvField('say "hi"'), '"say ""hi"""');
    assert.equal(csvField('two\nlines'), '"two\nlines"');
    assert.equal(csvField('+1 555'), "'+1 555");
    assert.equal(csvField('@mention'), "'@mention");
    assert.equal(csvField(null), '');
  });
});
