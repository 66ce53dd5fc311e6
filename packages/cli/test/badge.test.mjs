// The badge commands end to end against the real Firestore emulator: a course team defines, retires and
// credentials a badge. Run: node scripts/emulators.mjs exec -- node --test packages/cli/test/
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { deleteApp, initializeApp } from 'firebase-admin/app';
import { getFirestore, Timestamp } from 'firebase-admin/firestore';
import { verifyCredential } from '../src/badge-commands.mjs';

if (!process.env.FIRESTORE_EMULATOR_HOST || !process.env.GCLOUD_PROJECT) {
  throw new Error(
    'Run the tests through the emulator script: node scripts/emulators.mjs exec -- node --test packages/cli/test/',
  );
}

const BIN = fileURLToPath(new URL('../bin/cohort-kit.mjs', import.meta.url));
const app = initializeApp({ projectId: process.env.GCLOUD_PROJECT }, 'badge-cli-test');
const db = getFirestore(app);
let scratch = '';

/** The real bin, as a course team runs it. */
function cohortKit(/** @type {string[]} */ args) {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { timeout: 30_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

const issueCredentials = (/** @type {string} */ spaceId, /** @type {string} */ keyFile) =>
  cohortKit(['issue-credentials', '--space', spaceId, '--badge', 'founding-voices', '--key', keyFile]);

/** A new space of its own, with a cohort label. */
async function newSpace() {
  const spaceId = `badge-${randomBytes(4).toString('hex')}`;
  await db
    .doc(`spaces/${spaceId}`)
    .set({ name: 'Leadership', cohortLabel: 'Spring 2026 cohort', norms: '', reportThreshold: 3 });
  return spaceId;
}

const FUTURE = new Date(Date.now() + 30 * 86_400_000).toISOString();
const createArgs = (/** @type {string} */ spaceId, /** @type {string[]} */ extra = []) => [
  'create-badge',
  '--space',
  spaceId,
  '--badge',
  'founding-voices',
  '--name',
  'Founding Voices',
  '--description',
  "Shaped the spring 2026 cohort's conversation.",
  '--criteria',
  'posts>=2, replies>=2, feedback-given>=2, goals>=1',
  '--hints',
  'replies=Reply to a peer in the week 2 thread',
  '--edition',
  '20',
  '--closes-at',
  FUTURE,
  ...extra,
];

before(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'badge-cli-'));
});
after(async () => {
  await rm(scratch, { recursive: true, force: true });
  await deleteApp(app);
});

describe('create-badge', () => {
  test('stores the definition the rules judge claims against, and says how a page shows it', async () => {
    const spaceId = await newSpace();
    const result = await cohortKit(createArgs(spaceId));
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /Created badge "founding-voices" \(Founding Voices\).*20 copies/);
    assert.match(result.stdout, /<cohort-badge badge="founding-voices"><\/cohort-badge>/);
    const stored = (await db.doc(`spaces/${spaceId}/badges/founding-voices`).get()).data();
    assert.deepEqual(stored.criteria, { posts: 2, replies: 2, feedbackGiven: 2, goals: 1 });
    assert.deepEqual(stored.hints, { replies: 'Reply to a peer in the week 2 thread' });
    assert.equal(stored.edition, 20);
    assert.equal(stored.issued, 0);
    assert.equal(stored.retired, false);
    assert.equal(stored.closesAt.toDate().toISOString(), FUTURE);
  });

  test('refuses to redefine an existing badge, and leaves it as it was', async () => {
    const spaceId = await newSpace();
    assert.equal((await cohortKit(createArgs(spaceId))).code, 0);
    const again = await cohortKit(createArgs(spaceId, ['--edition', '1000']));
    assert.equal(again.code, 1);
    assert.match(again.stderr, /already exists/);
    assert.equal((await db.doc(`spaces/${spaceId}/badges/founding-voices`).get()).get('edition'), 20);
  });

  test('says what to fix in each wrong flag, before touching the backend (exit 2)', async () => {
    const spaceId = await newSpace();
    const cases = [
      [['--criteria', 'posts>=2, likes>=3'], /"likes" is not something the ledger counts/],
      [['--criteria', 'posts>2'], /"posts>2" is not a criterion such as "replies>=2"/],
      [['--criteria', 'posts>=0'], /posts must be from 1 to 1000/],
      [['--criteria', 'posts>=1, posts>=2'], /names posts twice/],
      [['--edition', '0'], /--edition must be a whole number from 1 to 1000/],
      [['--edition', '2.5'], /--edition must be a whole number/],
      [['--closes-at', '2026-06-30'], /not a time with its zone/],
      [['--closes-at', '2001-01-01T00:00:00Z'], /has passed/],
      [['--image', 'http://example.org/a.png'], /must be an https:\/\/ address/],
      [['--hints', 'votes=Vote in the week 3 poll'], /votes is not one of this badge's criteria/],
      [['--name', 'x'.repeat(81)], /--name must be at most 80 characters/],
      [['--badge', 'founding voices'], /--badge "founding voices" is not a valid id/],
    ];
    for (const [extra, message] of cases) {
      const result = await cohortKit(createArgs(spaceId, extra));
      assert.equal(result.code, 2, `${extra.join(' ')}: ${result.stderr}`);
      assert.match(result.stderr, message);
    }
    const missing = await cohortKit([
      'create-badge',
      '--space',
      spaceId,
      '--badge',
      'b',
      '--name',
      'B',
      '--edition',
      '3',
    ]);
    assert.match(missing.stderr, /--criteria is required/);
    assert.equal((await db.collection(`spaces/${spaceId}/badges`).get()).size, 0);
  });

  test('refuses a space that does not exist', async () => {
    const result = await cohortKit(createArgs('no-such-space-here'));
    assert.equal(result.code, 1);
    assert.match(result.stderr, /Space "no-such-space-here" does not exist/);
  });

  test('is documented in the general help and its own', async () => {
    const general = await cohortKit(['--help']);
    for (const command of ['create-badge', 'retire-badge', 'keygen', 'issue-credentials'])
      assert.match(general.stdout, new RegExp(command));
    const own = await cohortKit(['create-badge', '--help']);
    assert.match(own.stdout, /--criteria "posts>=2, replies>=2" --edition N/);
    assert.match(own.stdout, /feedback-given/);
  });
});

describe('retire-badge', () => {
  test('ends claiming at once and says how many were issued; a second run changes nothing', async () => {
    const spaceId = await newSpace();
    await cohortKit(createArgs(spaceId));
    await db.doc(`spaces/${spaceId}/badges/founding-voices`).update({ issued: 18 });
    const result = await cohortKit(['retire-badge', '--space', spaceId, '--badge', 'founding-voices']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /Retired badge "founding-voices" \(Founding Voices\): 18 of 20 were issued/);
    const stored = (await db.doc(`spaces/${spaceId}/badges/founding-voices`).get()).data();
    assert.equal(stored.retired, true);
    assert.ok(stored.retiredAt);
    const again = await cohortKit(['retire-badge', '--space', spaceId, '--badge', 'founding-voices']);
    assert.match(again.stdout, /already retired/);
    const none = await cohortKit(['retire-badge', '--space', spaceId, '--badge', 'nope']);
    assert.equal(none.code, 1);
    assert.match(none.stderr, /has no badge "nope"/);
  });
});

describe('keygen and issue-credentials', () => {
  test("sign one Open Badges 3.0 credential per holder, which verifies with the profile's public key", async () => {
    const spaceId = await newSpace();
    await cohortKit(createArgs(spaceId, ['--image', 'https://example.org/founding-voices.png']));
    const keyFile = join(scratch, `${spaceId}.json`);
    const keygen = await cohortKit([
      'keygen',
      '--space',
      spaceId,
      '--key',
      keyFile,
      '--issuer-name',
      'Leading with Purpose',
    ]);
    assert.equal(keygen.code, 0, keygen.stderr);
    assert.match(keygen.stdout, /keep it secret/);
    // The file holds the private key; the profile only the public one.
    assert.ok(JSON.parse(await readFile(keyFile, 'utf8')).privateKeyJwk.d);
    const profile = (await db.doc(`spaces/${spaceId}/badgeIssuer/profile`).get()).data();
    assert.equal(profile.publicKeyJwk.d, undefined);
    assert.equal(profile.name, 'Leading with Purpose');
    const overwrite = await cohortKit(['keygen', '--space', spaceId, '--key', keyFile, '--issuer-name', 'X']);
    assert.equal(overwrite.code, 1);
    assert.match(overwrite.stderr, /never overwrites a key/);

    const badge = db.doc(`spaces/${spaceId}/badges/founding-voices`);
    await badge.update({ issued: 2 });
    const claimedAt = Timestamp.fromMillis(Date.parse('2026-04-02T10:00:00Z'));
    await badge.collection('holders').doc('ana').set({ number: 1, name: 'Ana', claimedAt });
    await badge.collection('holders').doc('bo').set({ number: 2, name: '', claimedAt });

    const issue = await issueCredentials(spaceId, keyFile);
    assert.equal(issue.code, 0, issue.stderr);
    assert.match(issue.stdout, /Signed 2 credentials/);
    const stored = (await badge.collection('credentials').doc('ana').get()).data();
    assert.equal(stored.number, 1);
    const credential = verifyCredential(stored.jwt, profile.publicKeyJwk);
    assert.deepEqual(credential['@context'], [
      'https://www.w3.org/ns/credentials/v2',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
    ]);
    assert.deepEqual(credential.type, ['VerifiableCredential', 'OpenBadgeCredential']);
    assert.deepEqual(credential.issuer.type, ['Profile']);
    assert.equal(credential.issuer.name, 'Leading with Purpose');
    assert.equal(credential.validFrom, '2026-04-02T10:00:00.000Z');
    const { achievement } = credential.credentialSubject;
    assert.equal(achievement.name, 'Founding Voices');
    assert.equal(achievement.description, "Shaped the spring 2026 cohort's conversation.");
    assert.match(achievement.criteria.narrative, /posts: at least 2; replies: at least 2; feedback-given: at least 2/);
    assert.deepEqual(achievement.image, { id: 'https://example.org/founding-voices.png', type: 'Image' });
    assert.equal(credential.credentialSubject.copyNumber, 1);
    assert.equal(credential.credentialSubject.cohort, 'Spring 2026 cohort');

    // A changed credential (a copy number raised, the signature kept) no longer verifies.
    const [header, , signature] = stored.jwt.split('.');
    const changed = { ...credential, credentialSubject: { ...credential.credentialSubject, copyNumber: 7 } };
    const forged = `${header}.${Buffer.from(JSON.stringify(changed)).toString('base64url')}.${signature}`;
    assert.throws(() => verifyCredential(forged, profile.publicKeyJwk), /signature does not match/);
    // Nor does one checked against another key.
    const other = join(scratch, `${spaceId}-other.json`);
    await cohortKit(['keygen', '--space', spaceId, '--key', other, '--issuer-name', 'Someone else']);
    const otherProfile = (await db.doc(`spaces/${spaceId}/badgeIssuer/profile`).get()).data();
    assert.throws(() => verifyCredential(stored.jwt, otherProfile.publicKeyJwk), /signature does not match/);
    // The old key no longer matches the profile: it signs nothing more.
    const stale = await issueCredentials(spaceId, keyFile);
    assert.equal(stale.code, 1);
    assert.match(stale.stderr, /is not the key in space/);
    // Run again with the current key: holders who have one are skipped.
    const rerun = await issueCredentials(spaceId, other);
    assert.match(rerun.stdout, /Signed 0 credentials .*2 already had one/);
  });

  test('refuses a key file that is missing or not one of keygen', async () => {
    const spaceId = await newSpace();
    await cohortKit(createArgs(spaceId));
    const junk = join(scratch, 'junk.json');
    await writeFile(junk, '{"hello": 1}');
    for (const [file, message] of [
      [join(scratch, 'missing.json'), /no such file/],
      [junk, /not a key file from cohort-kit keygen/],
    ]) {
      const result = await issueCredentials(spaceId, file);
      assert.equal(result.code, 1);
      assert.match(result.stderr, message);
    }
  });
});
