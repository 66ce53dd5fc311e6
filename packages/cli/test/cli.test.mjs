// End-to-end tests of the cohort-kit command against the real Firestore and Auth emulators.
// Run: node scripts/emulators.mjs exec -- node --test packages/cli/test/
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { deleteApp, initializeApp } from 'firebase-admin/app';
import { getAuth } from 'firebase-admin/auth';
import { getFirestore, Timestamp } from 'firebase-admin/firestore';

const REQUIRED_ENV = ['FIRESTORE_EMULATOR_HOST', 'FIREBASE_AUTH_EMULATOR_HOST', 'GCLOUD_PROJECT'];
const missingEnv = REQUIRED_ENV.filter((name) => !process.env[name]);
if (missingEnv.length > 0) {
  // Without these the admin SDK would talk to a real project.
  throw new Error(
    `Missing ${missingEnv.join(', ')}. Run the tests through the emulator script: ` +
      'node scripts/emulators.mjs exec -- node --test packages/cli/test/',
  );
}

const BIN = fileURLToPath(new URL('../bin/cohort-kit.mjs', import.meta.url));

/**
 * Runs the real bin as a user would.
 * @param {string[]} args
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {Promise<{code: number, stdout: string, stderr: string}>}
 */
function cohortKit(args, env = process.env) {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env, timeout: 30_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** A space id no other test (or earlier run) uses. */
const uniqueSpaceId = (label) => `${label}-${randomBytes(4).toString('hex')}`;
// The +tag keeps addresses unique without changing the display name derived from them.
const uniqueEmail = (localPart) => `${localPart}+${randomBytes(3).toString('hex')}@example.org`;
/** A literal for a RegExp. */
const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** @param {{code: number, stderr: string}} result */
function assertSucceeded(result) {
  assert.equal(result.code, 0, `expected success, got exit ${result.code}: ${result.stderr}`);
}

const app = initializeApp({ projectId: process.env.GCLOUD_PROJECT }, 'cli-test');
const db = getFirestore(app);
const auth = getAuth(app);
const spaceDoc = (spaceId) => db.doc(`spaces/${spaceId}`);
const ownerDoc = (email) => db.doc(`owners/${email}`);
const memberDoc = (spaceId, uid) => db.doc(`spaces/${spaceId}/members/${uid}`);

after(() => deleteApp(app));

/** `members` for the space: the role column of its table, in order, and the whole output. */
async function listedRoles(spaceId) {
  const result = await cohortKit(['members', '--space', spaceId]);
  assertSucceeded(result);
  const rows = result.stdout.split('\n\n')[0].split('\n').slice(1);
  return { roles: rows.map((line) => line.split(/\s+/)[2]), stdout: result.stdout };
}

async function createSpace(spaceId, ...extra) {
  const result = await cohortKit(['create-space', '--space', spaceId, '--name', 'Test space', ...extra]);
  assertSucceeded(result);
  return result;
}

describe('create-space', () => {
  test('writes the documented fields and says which emulator it used', async () => {
    const spaceId = uniqueSpaceId('create');
    const result = await cohortKit([
      'create-space',
      '--space',
      spaceId,
      '--name',
      'Leadership cohort, spring 2026',
      '--cohort-label',
      'Spring cohort',
      '--norms',
      'Be kind. Assume good intent.',
      '--report-threshold',
      '5',
    ]);
    assertSucceeded(result);
    assert.match(result.stdout, new RegExp(`Created space "${spaceId}"`));
    assert.match(result.stderr, new RegExp(`emulator ${process.env.FIRESTORE_EMULATOR_HOST}`));

    const space = (await spaceDoc(spaceId).get()).data();
    assert.ok(space, 'the space document exists');
    const { createdAt, updatedAt, ...fields } = space;
    assert.deepEqual(fields, {
      name: 'Leadership cohort, spring 2026',
      cohortLabel: 'Spring cohort',
      norms: 'Be kind. Assume good intent.',
      reportThreshold: 5,
    });
    assert.ok(createdAt instanceof Timestamp, 'createdAt is a server timestamp');
    assert.ok(updatedAt instanceof Timestamp, 'updatedAt is a server timestamp');
    assert.ok(Math.abs(createdAt.toMillis() - Date.now()) < 60_000, 'createdAt is about now');
  });

  test('fills in the defaults: no label, no norms, report threshold 3', async () => {
    const spaceId = uniqueSpaceId('defaults');
    await createSpace(spaceId);
    const space = (await spaceDoc(spaceId).get()).data();
    assert.equal(space.cohortLabel, '');
    assert.equal(space.norms, '');
    assert.equal(space.reportThreshold, 3);
  });

  test('refuses to overwrite an existing space, and --update changes only the given fields', async () => {
    const spaceId = uniqueSpaceId('twice');
    await createSpace(spaceId, '--norms', 'Original norms');

    const again = await cohortKit(['create-space', '--space', spaceId, '--name', 'Replacement']);
    assert.equal(again.code, 1);
    assert.match(again.stderr, new RegExp(`Space "${spaceId}" already exists.*--update`));
    assert.equal((await spaceDoc(spaceId).get()).get('name'), 'Test space', 'the first name is kept');

    assertSucceeded(await cohortKit(['create-space', '--space', spaceId, '--update', '--report-threshold', '7']));
    const space = (await spaceDoc(spaceId).get()).data();
    assert.equal(space.reportThreshold, 7);
    assert.equal(space.name, 'Test space');
    assert.equal(space.norms, 'Original norms');
  });
});

describe('set-norms', () => {
  let directory;
  before(async () => {
    directory = await mkdtemp(join(tmpdir(), 'cohort-kit-cli-'));
  });
  after(() => rm(directory, { recursive: true, force: true }));

  test('replaces the norms from a file and clears them with an empty --norms', async () => {
    const spaceId = uniqueSpaceId('norms');
    await createSpace(spaceId, '--norms', 'Old norms');
    const createdAt = (await spaceDoc(spaceId).get()).get('updatedAt');

    const normsFile = join(directory, 'norms.md');
    await writeFile(normsFile, '1. Listen first.\n2. Keep what is shared here in the cohort.\n');
    const set = await cohortKit(['set-norms', '--space', spaceId, '--norms-file', normsFile]);
    assertSucceeded(set);
    assert.match(set.stdout, /Set the norms/);
    const space = (await spaceDoc(spaceId).get()).data();
    assert.equal(space.norms, '1. Listen first.\n2. Keep what is shared here in the cohort.');
    assert.ok(space.updatedAt.toMillis() >= createdAt.toMillis(), 'updatedAt moves on');

    const cleared = await cohortKit(['set-norms', '--space', spaceId, '--norms', '']);
    assertSucceeded(cleared);
    assert.match(cleared.stdout, /Cleared the norms/);
    assert.equal((await spaceDoc(spaceId).get()).get('norms'), '');
  });

  test('fails clearly for a space that does not exist', async () => {
    const spaceId = uniqueSpaceId('missing');
    const result = await cohortKit(['set-norms', '--space', spaceId, '--norms', 'Be kind']);
    assert.equal(result.code, 1);
    assert.match(result.stderr, new RegExp(`Space "${spaceId}" does not exist`));
    assert.equal((await spaceDoc(spaceId).get()).exists, false, 'no space is created by accident');
  });
});

describe('grant', () => {
  test('creates the sign-in account and a facilitator member', async () => {
    const spaceId = uniqueSpaceId('grant');
    const email = uniqueEmail('ada.lovelace');
    await createSpace(spaceId);

    const result = await cohortKit(['grant', '--space', spaceId, '--email', email, '--role', 'facilitator']);
    assertSucceeded(result);
    assert.match(result.stdout, /Created a sign-in account/);
    assert.match(result.stdout, /is now facilitator/);

    const user = await auth.getUserByEmail(email);
    assert.equal(user.emailVerified, false);
    assert.equal(user.passwordHash, undefined, 'no password: they sign in by email link');

    const member = (await memberDoc(spaceId, user.uid).get()).data();
    assert.ok(member, 'the member document exists under the Auth uid');
    assert.equal(member.role, 'facilitator');
    assert.equal(member.displayName, 'Ada Lovelace', 'derived from the email address');
    assert.ok(member.joinedAt instanceof Timestamp);
    assert.equal(member.normsAcknowledgedAt, null);
  });

  test("keeps an existing member's display name, join time and norms acknowledgement", async () => {
    const spaceId = uniqueSpaceId('regrant');
    const email = uniqueEmail('grace');
    await createSpace(spaceId);
    const user = await auth.createUser({ email });
    const joinedAt = Timestamp.fromDate(new Date('2026-01-05T10:00:00Z'));
    const normsAcknowledgedAt = Timestamp.fromDate(new Date('2026-01-05T10:01:00Z'));
    await memberDoc(spaceId, user.uid).set({
      displayName: 'Rear Admiral Hopper',
      role: 'learner',
      joinedAt,
      normsAcknowledgedAt,
    });

    const result = await cohortKit(['grant', '--space', spaceId, '--email', email, '--role', 'owner']);
    assertSucceeded(result);
    assert.doesNotMatch(result.stdout, /Created a sign-in account/, 'the existing account is reused');
    assert.match(result.stdout, /now owner .*\(was learner\)/);

    const member = (await memberDoc(spaceId, user.uid).get()).data();
    assert.equal(member.role, 'owner');
    assert.equal(member.displayName, 'Rear Admiral Hopper');
    assert.ok(member.joinedAt.isEqual(joinedAt));
    assert.ok(member.normsAcknowledgedAt.isEqual(normsAcknowledgedAt));

    assertSucceeded(
      await cohortKit(['grant', '--space', spaceId, '--email', email, '--role', 'owner', '--name', 'Grace']),
    );
    assert.equal((await memberDoc(spaceId, user.uid).get()).get('displayName'), 'Grace', '--name replaces it');
  });

  test('fails clearly for a space that does not exist, without creating an account', async () => {
    const spaceId = uniqueSpaceId('nospace');
    const email = uniqueEmail('nobody');
    const result = await cohortKit(['grant', '--space', spaceId, '--email', email, '--role', 'learner']);
    assert.equal(result.code, 1);
    assert.match(result.stderr, new RegExp(`Space "${spaceId}" does not exist`));
    await assert.rejects(auth.getUserByEmail(email), { code: 'auth/user-not-found' });
  });
});

describe('grant mentor', () => {
  test('a mentor is granted like any role and can be changed back to learner', async () => {
    const spaceId = uniqueSpaceId('mentor');
    const email = uniqueEmail('mary.jackson');
    await createSpace(spaceId);
    const granted = await cohortKit(['grant', '--space', spaceId, '--email', email, '--role', 'mentor']);
    assertSucceeded(granted);
    assert.match(granted.stdout, /is now mentor/);
    const { uid } = await auth.getUserByEmail(email);
    assert.equal((await memberDoc(spaceId, uid).get()).get('role'), 'mentor');

    const back = await cohortKit(['grant', '--space', spaceId, '--email', email, '--role', 'learner']);
    assertSucceeded(back);
    assert.match(back.stdout, /now learner .*\(was mentor\)/);
  });
});

describe('set-blocked-words', () => {
  test('stores the words lower case, once each, and clears them with an empty --words', async () => {
    const spaceId = uniqueSpaceId('blocked');
    await createSpace(spaceId);
    const result = await cohortKit([
      'set-blocked-words',
      '--space',
      spaceId,
      '--words',
      'MeanWord, otherword,\nmeanword, Éxito',
    ]);
    assertSucceeded(result);
    assert.match(result.stdout, /now blocks 3 words: meanword, otherword, éxito/);
    const space = (await spaceDoc(spaceId).get()).data();
    assert.deepEqual(space.blockedWords, ['meanword', 'otherword', 'éxito']);
    assert.equal(space.name, 'Test space', 'the other settings stay');

    const cleared = await cohortKit(['set-blocked-words', '--space', spaceId, '--words', '']);
    assertSucceeded(cleared);
    assert.match(cleared.stdout, /Cleared the blocked words/);
    assert.deepEqual((await spaceDoc(spaceId).get()).get('blockedWords'), []);
  });

  test('refuses what the rules could never match, and too much, writing nothing', async () => {
    const spaceId = uniqueSpaceId('blockedbad');
    await createSpace(spaceId);
    const cases = [
      ['two words, fine', /"two words" is not one word/],
      ['well-known', /"well-known" is not one word/],
      ['a'.repeat(41), /at most 40/],
      [Array.from({ length: 201 }, (_, i) => `word${i}`).join(','), /at most 200/],
    ];
    for (const [words, message] of cases) {
      const result = await cohortKit(['set-blocked-words', '--space', spaceId, '--words', words]);
      assert.equal(result.code, 2, words.slice(0, 40));
      assert.match(result.stderr, message);
    }
    const missing = await cohortKit(['set-blocked-words', '--space', spaceId]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /--words is required/);
    assert.equal((await spaceDoc(spaceId).get()).get('blockedWords'), undefined);
  });

  test('fails clearly for a space that does not exist, creating nothing', async () => {
    const spaceId = uniqueSpaceId('blockednone');
    const result = await cohortKit(['set-blocked-words', '--space', spaceId, '--words', 'meanword']);
    assert.equal(result.code, 1);
    assert.match(result.stderr, new RegExp(`Space "${spaceId}" does not exist`));
    assert.equal((await spaceDoc(spaceId).get()).exists, false);
  });
});

describe('set-report-threshold', () => {
  test('changes how many reports hide a post and says what it was', async () => {
    const spaceId = uniqueSpaceId('threshold');
    await createSpace(spaceId);
    const result = await cohortKit(['set-report-threshold', '--space', spaceId, '--report-threshold', '5']);
    assertSucceeded(result);
    assert.match(result.stdout, /reported by 5 learners is now hidden pending review \(was 3\)/);
    assert.equal((await spaceDoc(spaceId).get()).get('reportThreshold'), 5);
  });

  test('refuses a threshold outside 1-50, writing nothing', async () => {
    const spaceId = uniqueSpaceId('thresholdbad');
    await createSpace(spaceId);
    for (const value of ['0', '51', 'two', '2.5']) {
      const result = await cohortKit(['set-report-threshold', '--space', spaceId, '--report-threshold', value]);
      assert.equal(result.code, 2, value);
      assert.match(result.stderr, /--report-threshold must be a whole number from 1 to 50/);
    }
    assert.equal((await spaceDoc(spaceId).get()).get('reportThreshold'), 3);
  });
});

describe('usage errors', () => {
  test('an invalid role exits with 2, names --role and writes nothing', async () => {
    const spaceId = uniqueSpaceId('badrole');
    await createSpace(spaceId);
    const result = await cohortKit(['grant', '--space', spaceId, '--email', uniqueEmail('x'), '--role', 'admin']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /--role must be owner, facilitator, mentor or learner/);
    assert.equal((await spaceDoc(spaceId).collection('members').get()).size, 0);
  });

  test('an invalid space id exits with 2 and names --space', async () => {
    const result = await cohortKit(['create-space', '--space', 'spring cohort!', '--name', 'Spring']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /--space "spring cohort!" is not a valid id: use 1–100 letters/);
  });

  test('a missing --space exits with 2 and names --space', async () => {
    const result = await cohortKit(['members']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /--space is required/);
  });

  test('no arguments prints the usage text', async () => {
    const result = await cohortKit([]);
    assert.equal(result.code, 0);
    assert.match(result.stdout, /Usage: cohort-kit <command>/);
    for (const command of COMMANDS) assert.match(result.stdout, new RegExp(`^  ${command} `, 'm'));
  });
});

const COMMANDS = [
  'create-space',
  'set-norms',
  'set-blocked-words',
  'set-report-threshold',
  'grant',
  'members',
  'add-owner',
  'remove-owner',
];

describe('help', () => {
  for (const command of COMMANDS) {
    test(`${command} --help prints that command's help, not the list, and touches no backend`, async () => {
      // A closed port: a command that tried to connect would fail.
      const result = await cohortKit([command, '--help'], { ...process.env, FIRESTORE_EMULATOR_HOST: '127.0.0.1:1' });
      assert.equal(result.code, 0);
      assert.equal(result.stderr, '');
      assert.match(result.stdout, new RegExp(`^Usage: cohort-kit ${command} --`));
      assert.match(result.stdout, new RegExp(`^  cohort-kit ${command} `, 'm'), 'its example');
      assert.doesNotMatch(result.stdout, /Commands:/);
      for (const other of COMMANDS.filter((name) => name !== command)) {
        assert.doesNotMatch(result.stdout, new RegExp(`cohort-kit ${other} `), `${other} is not mentioned`);
      }
    });
  }

  test('"help grant" and "grant -h" print the same as "grant --help"', async () => {
    const long = await cohortKit(['grant', '--help']);
    assert.equal((await cohortKit(['help', 'grant'])).stdout, long.stdout);
    assert.equal((await cohortKit(['grant', '-h', '--space', 'any'])).stdout, long.stdout);
  });

  test('--help alone, and --help after an unknown command, print the general usage', async () => {
    for (const args of [['--help'], ['frobnicate', '--help'], ['help']]) {
      const result = await cohortKit(args);
      assert.equal(result.code, 0, args.join(' '));
      assert.match(result.stdout, /^Usage: cohort-kit <command> \[flags\]/);
    }
  });

  test("a flag a command does not take points to that command's help", async () => {
    const result = await cohortKit(['add-owner', '--email', uniqueEmail('x'), '--space', 'leadership']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /--space does not apply to add-owner\. Run "cohort-kit add-owner --help"/);
  });
});

describe('add-owner and remove-owner', () => {
  test('add-owner writes owners/{address, lowercased} with addedAt, once', async () => {
    const email = uniqueEmail('Ada.Owner');
    const lower = email.toLowerCase();
    const added = await cohortKit(['add-owner', '--email', email.toUpperCase()]);
    assertSucceeded(added);
    assert.match(added.stdout, new RegExp(`^${escape(lower)} is now an owner account`));
    const owner = (await ownerDoc(lower).get()).data();
    assert.ok(owner, 'the owner document exists under the lowercased address');
    assert.deepEqual(Object.keys(owner), ['addedAt']);
    assert.ok(owner.addedAt instanceof Timestamp);
    assert.ok(Math.abs(owner.addedAt.toMillis() - Date.now()) < 60_000, 'addedAt is about now');
    assert.equal((await ownerDoc(email.toUpperCase()).get()).exists, false, 'no document under another casing');

    const again = await cohortKit(['add-owner', '--email', lower]);
    assertSucceeded(again);
    assert.match(again.stdout, /is already an owner account \(since \d{4}-\d\d-\d\d\); nothing changed/);
    assert.ok((await ownerDoc(lower).get()).get('addedAt').isEqual(owner.addedAt), 'addedAt is kept');
  });

  test('remove-owner deletes the document, and says so when there was none', async () => {
    const email = uniqueEmail('grace.owner');
    assertSucceeded(await cohortKit(['add-owner', '--email', email]));
    const removed = await cohortKit(['remove-owner', '--email', email.toUpperCase()]);
    assertSucceeded(removed);
    assert.match(removed.stdout, /is no longer an owner account\. The spaces they own, and their roles there, stay\./);
    assert.equal((await ownerDoc(email).get()).exists, false);

    const again = await cohortKit(['remove-owner', '--email', email]);
    assertSucceeded(again);
    assert.match(again.stdout, /was not an owner account; nothing changed/);
  });

  test('remove-owner leaves the spaces the owner has, and their role there', async () => {
    const spaceId = uniqueSpaceId('owned');
    const email = uniqueEmail('olga');
    await createSpace(spaceId);
    assertSucceeded(await cohortKit(['add-owner', '--email', email]));
    assertSucceeded(await cohortKit(['grant', '--space', spaceId, '--email', email, '--role', 'owner']));
    assertSucceeded(await cohortKit(['remove-owner', '--email', email]));
    const { uid } = await auth.getUserByEmail(email);
    assert.equal((await memberDoc(spaceId, uid).get()).get('role'), 'owner');
    assert.equal((await spaceDoc(spaceId).get()).exists, true);
  });

  test('a missing or malformed --email exits with 2 and writes nothing', async () => {
    for (const [args, message] of [
      [['add-owner'], /--email is required/],
      [['remove-owner'], /--email is required/],
      [['add-owner', '--email', 'not-an-address'], /is not an email address/],
      [['add-owner', '--email', 'a/b@example.org'], /holds a "\/"/],
    ]) {
      const result = await cohortKit(args);
      assert.equal(result.code, 2, args.join(' '));
      assert.match(result.stderr, message);
    }
    assert.equal((await ownerDoc('not-an-address').get()).exists, false);
  });
});

describe('members', () => {
  test('lists the granted facilitator with name, role and norms status', async () => {
    const spaceId = uniqueSpaceId('members');
    const email = uniqueEmail('katherine.johnson');
    await createSpace(spaceId);
    assertSucceeded(await cohortKit(['grant', '--space', spaceId, '--email', email, '--role', 'facilitator']));
    const { uid } = await auth.getUserByEmail(email);

    const result = await cohortKit(['members', '--space', spaceId]);
    assertSucceeded(result);
    const lines = result.stdout.split('\n');
    assert.match(lines[0], /^UID\s+NAME\s+ROLE\s+NORMS ACKNOWLEDGED$/);
    const row = lines.find((line) => line.startsWith(uid));
    assert.ok(row, `a row for ${uid} in:\n${result.stdout}`);
    assert.match(row, /Katherine Johnson\s+facilitator\s+no$/);
    assert.match(result.stdout, /^0 of 1 member acknowledged the norms\.$/m);
  });

  test('ends with how many members acknowledged the norms, and lists mentors after facilitators', async () => {
    const spaceId = uniqueSpaceId('acknowledged');
    await createSpace(spaceId, '--norms', 'Be kind.');
    const now = Timestamp.now();
    const rows = [
      ['learner-a', { displayName: 'Ana', role: 'learner', joinedAt: now, normsAcknowledgedAt: now }],
      ['learner-b', { displayName: 'Ben', role: 'learner', joinedAt: now, normsAcknowledgedAt: null }],
      ['mentor-c', { displayName: 'Cleo', role: 'mentor', joinedAt: now, normsAcknowledgedAt: now }],
      ['facilitator-d', { displayName: 'Dev', role: 'facilitator', joinedAt: now, normsAcknowledgedAt: null }],
    ];
    for (const [uid, data] of rows) await memberDoc(spaceId, uid).set(data);

    const { roles, stdout } = await listedRoles(spaceId);
    assert.deepEqual(roles, ['facilitator', 'mentor', 'learner', 'learner']);
    assert.match(stdout, /^2 of 4 members acknowledged the norms\.$/m);
  });
});

describe('members removed in the browser', () => {
  test('grant brings a removed member back, without the record of the removal', async () => {
    const spaceId = uniqueSpaceId('back');
    const email = uniqueEmail('leo');
    await createSpace(spaceId);
    const user = await auth.createUser({ email });
    const removedAt = Timestamp.now();
    await memberDoc(spaceId, user.uid).set({
      displayName: 'Leo',
      role: 'removed',
      joinedAt: removedAt,
      normsAcknowledgedAt: null,
      removedAt,
      removedBy: 'facilitator-uid',
    });
    const result = await cohortKit(['grant', '--space', spaceId, '--email', email, '--role', 'learner']);
    assertSucceeded(result);
    assert.match(result.stdout, /Leo <.*> is now learner .*\(was removed\)/);
    const member = (await memberDoc(spaceId, user.uid).get()).data();
    assert.deepEqual(Object.keys(member).sort(), ['displayName', 'joinedAt', 'normsAcknowledgedAt', 'role']);
    assert.equal(member.role, 'learner');
  });

  test('members lists a removed member last and leaves them out of the norms count', async () => {
    const spaceId = uniqueSpaceId('removed');
    await createSpace(spaceId, '--norms', 'Be kind.');
    const now = Timestamp.now();
    await memberDoc(spaceId, 'learner-a').set({
      displayName: 'Ana',
      role: 'learner',
      joinedAt: now,
      normsAcknowledgedAt: now,
    });
    await memberDoc(spaceId, 'gone-b').set({
      displayName: 'Ben',
      role: 'removed',
      joinedAt: now,
      normsAcknowledgedAt: now,
      removedAt: now,
      removedBy: 'x',
    });
    const { roles, stdout } = await listedRoles(spaceId);
    assert.deepEqual(roles, ['learner', 'removed']);
    assert.match(stdout, /^1 of 1 member acknowledged the norms\.$/m);
  });
});

describe('unreachable backend', () => {
  test('fails fast with exit 1 and says the emulator is not running', async () => {
    const closedPort = await new Promise((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
        server.close(() => resolve(port));
      });
    });
    const started = Date.now();
    const result = await cohortKit(['members', '--space', uniqueSpaceId('offline')], {
      ...process.env,
      FIRESTORE_EMULATOR_HOST: `127.0.0.1:${closedPort}`,
    });
    assert.equal(result.code, 1);
    assert.match(
      result.stderr,
      new RegExp(`Could not reach Firestore at 127\\.0\\.0\\.1:${closedPort} — is the emulator running\\?`),
    );
    assert.ok(Date.now() - started < 20_000, 'does not hang');
  });
});
