// The embed command end to end against the real Firestore emulator: a course team lists the host pages whose custom
// tokens the space's embed frames accept. Run: node scripts/emulators.mjs exec -- node --test packages/cli/test/
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { deleteApp, initializeApp } from 'firebase-admin/app';
import { getFirestore } from 'firebase-admin/firestore';

if (!process.env.FIRESTORE_EMULATOR_HOST || !process.env.GCLOUD_PROJECT) {
  throw new Error(
    'Run the tests through the emulator script: node scripts/emulators.mjs exec -- node --test packages/cli/test/',
  );
}

const BIN = fileURLToPath(new URL('../bin/cohort-kit.mjs', import.meta.url));
const app = initializeApp({ projectId: process.env.GCLOUD_PROJECT }, 'embed-cli-test');
const db = getFirestore(app);
after(() => deleteApp(app));

/** The real bin, as a course team runs it. */
function cohortKit(/** @type {string[]} */ args) {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { timeout: 30_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

async function newSpace() {
  const spaceId = `embed-${randomBytes(4).toString('hex')}`;
  await db.doc(`spaces/${spaceId}`).set({ name: 'Leadership', cohortLabel: '', norms: '', reportThreshold: 3 });
  return spaceId;
}

const stored = async (/** @type {string} */ spaceId) => (await db.doc(`spaces/${spaceId}`).get()).get('embedOrigins');

describe('cohort-kit set-embed-origins', () => {
  test('stores each origin as a browser names it, and says which hosts may hand in tokens', async () => {
    const spaceId = await newSpace();
    const result = await cohortKit([
      'set-embed-origins',
      '--space',
      spaceId,
      '--origins',
      'https://canvas.example.edu/, https://Sites.Example.org:8443 http://localhost:3000 https://canvas.example.edu',
    ]);
    assert.equal(result.code, 0, result.stderr);
    const origins = ['https://canvas.example.edu', 'https://sites.example.org:8443', 'http://localhost:3000'];
    assert.deepEqual(await stored(spaceId), origins);
    assert.match(result.stdout, new RegExp(`now accept custom tokens from ${origins.join(', ')}`));
    // The other settings stay as they were.
    assert.equal((await db.doc(`spaces/${spaceId}`).get()).get('name'), 'Leadership');
  });

  test('an empty list accepts none', async () => {
    const spaceId = await newSpace();
    assert.equal(
      (await cohortKit(['set-embed-origins', '--space', spaceId, '--origins', 'https://a.example'])).code,
      0,
    );
    const cleared = await cohortKit(['set-embed-origins', '--space', spaceId, '--origins', '']);
    assert.equal(cleared.code, 0, cleared.stderr);
    assert.deepEqual(await stored(spaceId), []);
    assert.match(cleared.stdout, /accept no custom tokens/);
  });

  test('says what to fix in a wrong origin, before touching the backend (exit 2)', async () => {
    const spaceId = await newSpace();
    for (const [origins, message] of [
      ['http://lms.example.edu', /must use https/],
      ['https://lms.example.edu/course/7', /leave out the path, e\.g\. https:\/\/lms\.example\.edu/],
      ['lms.example.edu', /is not an origin/],
    ]) {
      const result = await cohortKit(['set-embed-origins', '--space', spaceId, '--origins', origins]);
      assert.equal(result.code, 2, `${origins}: ${result.stderr}`);
      assert.match(result.stderr, message);
    }
    const missing = await cohortKit(['set-embed-origins', '--space', spaceId]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /--origins is required/);
    assert.equal(await stored(spaceId), undefined);
  });

  test('refuses a space that does not exist', async () => {
    const result = await cohortKit(['set-embed-origins', '--space', 'no-such-space', '--origins', 'https://a.example']);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /Space "no-such-space" does not exist/);
    assert.equal((await db.doc('spaces/no-such-space').get()).exists, false);
  });
});
