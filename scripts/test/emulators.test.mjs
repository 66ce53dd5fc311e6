// The emulator script: which Firestore emulator it picks, and that no emulator process outlives a parent that
// dies. Starts real emulators on this checkout's ports (COHORT_PORT_OFFSET), so npm test runs it before it
// starts its own. Run: node --test scripts/test/
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  describePortHolder,
  detectFirestoreEmulator,
  emulatorPorts,
  findGcloudFirestoreEmulator,
  portInUse,
  processTable,
} from '../emulators.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const EMULATORS_URL = pathToFileURL(join(root, 'scripts', 'emulators.mjs')).href;

// A parent that starts the emulators and then ends the way argv[1] says (wait for a signal, throw, reject).
// It prints one JSON line: the process groups it started, once the emulators answer or with the error.
const PARENT = `
import { startEmulators, startedGroups } from '${EMULATORS_URL}';
const mode = process.argv[1];
let emulators;
try {
  emulators = await startEmulators({ quiet: true });
} catch (error) {
  console.log(JSON.stringify({ error: error.message, groups: startedGroups() }));
  process.exit(1);
}
console.log(JSON.stringify({ kind: emulators.kind, groups: startedGroups() }));
if (mode === 'throw') setTimeout(() => { throw new Error('crash on purpose'); }, 10);
else if (mode === 'reject') setTimeout(() => Promise.reject(new Error('rejection on purpose')), 10);
else setInterval(() => {}, 1000);
`;
const scratch = mkdtempSync(join(tmpdir(), 'cohort-emulator-test-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

/**
 * A Google Cloud SDK tree whose gcloud, like the real one, answers `emulators firestore start --help` whether or
 * not the emulator component is installed, and otherwise runs `body`.
 */
function fakeSdk(name, { component, body = 'exit 0' }) {
  const sdk = join(scratch, name);
  mkdirSync(join(sdk, 'bin'), { recursive: true });
  mkdirSync(join(sdk, 'platform', 'bq'), { recursive: true });
  const gcloud = join(sdk, 'bin', 'gcloud');
  writeFileSync(gcloud, `#!/bin/sh\ncase "$*" in *--help*) echo "Usage: gcloud"; exit 0;; esac\n${body}\n`);
  chmodSync(gcloud, 0o755);
  if (component) {
    mkdirSync(join(sdk, 'platform', 'cloud-firestore-emulator'));
    writeFileSync(join(sdk, 'platform', 'cloud-firestore-emulator', 'cloud-firestore-emulator.jar'), '');
  }
  // Installed the way Debian does it: a link on PATH into the SDK.
  const onPath = join(scratch, `${name}-path`);
  mkdirSync(onPath);
  symlinkSync(gcloud, join(onPath, 'gcloud'));
  return { sdk, path: onPath };
}

describe('which Firestore emulator', () => {
  test('gcloud without its Firestore emulator component is not taken for one', () => {
    const { path } = fakeSdk('no-component', { component: false });
    const help = spawnSync('gcloud', ['emulators', 'firestore', 'start', '--help'], { env: { PATH: path } });
    assert.equal(help.status, 0, 'the help alone succeeds, as with the real gcloud');
    assert.equal(findGcloudFirestoreEmulator({ PATH: path }), null);
  });

  test('the component is found through the gcloud link on PATH', () => {
    const { sdk, path } = fakeSdk('with-component', { component: true });
    assert.equal(
      findGcloudFirestoreEmulator({ PATH: path }),
      join(sdk, 'platform', 'cloud-firestore-emulator', 'cloud-firestore-emulator.jar'),
    );
    assert.equal(findGcloudFirestoreEmulator({ PATH: join(scratch, 'nowhere') }), null, 'no gcloud at all');
  });

  test('without the component, Java 21 falls back to firebase-tools and Java 17 says what to install', () => {
    assert.deepEqual(detectFirestoreEmulator({ java: 21, gcloudEmulator: null }).candidates, ['firebase-tools']);
    const java17 = detectFirestoreEmulator({ java: 17, gcloudEmulator: null });
    assert.equal(java17.kind, 'none');
    assert.match(java17.why, /google-cloud-cli-firestore-emulator/);
    assert.match(java17.why, /Java 21/);
  });

  test('with the component: gcloud first, firebase-tools as the fallback on Java 21+, nothing below Java 17', () => {
    const jar = '/sdk/platform/cloud-firestore-emulator/cloud-firestore-emulator.jar';
    assert.deepEqual(detectFirestoreEmulator({ java: 17, gcloudEmulator: jar }).candidates, ['gcloud']);
    assert.deepEqual(detectFirestoreEmulator({ java: 21, gcloudEmulator: jar }).candidates, [
      'gcloud',
      'firebase-tools',
    ]);
    const java11 = detectFirestoreEmulator({ java: 11, gcloudEmulator: jar });
    assert.equal(java11.kind, 'none');
    assert.match(java11.why, /needs Java 17/);
    assert.match(detectFirestoreEmulator({ java: 0, gcloudEmulator: null }).why, /no Java runtime/);
  });
});

/** Starts a parent that starts the emulators; resolves with what it printed once they answer. */
function startParent(mode, env = process.env) {
  const child = spawn(process.execPath, ['--input-type=module', '-e', PARENT, mode], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const ready = new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      if (stdout.includes('\n')) resolve(JSON.parse(stdout.split('\n')[0]));
    });
    exited.then(() => (stdout.includes('\n') ? undefined : reject(new Error(`parent ended early: ${stderr}`))));
  });
  return { child, ready, exited, stderr: () => stderr };
}

/** As startParent, for a parent whose emulators must start. */
function startParentWithEmulators(mode) {
  const parent = startParent(mode);
  const ready = parent.ready.then((started) => {
    assert.equal(started.error, undefined, 'the emulators start');
    return started;
  });
  return { ...parent, ready };
}

const groupMembers = (groups) => processTable().filter((p) => groups.includes(p.pgid));

/** Waits up to 10 s for every process of the groups to be gone; returns what is left. */
async function leftAfterAWhile(groups) {
  for (let i = 0; i < 50 && groupMembers(groups).length; i++) await new Promise((r) => setTimeout(r, 200));
  return groupMembers(groups);
}

/** Waits up to 10 s for both emulator ports to be free, then says who holds any that is not. */
async function assertPortsFree() {
  for (const { host, port } of Object.values(emulatorPorts())) {
    for (let i = 0; i < 50 && (await portInUse(host, port)); i++) await new Promise((r) => setTimeout(r, 200));
    if (await portInUse(host, port)) assert.fail(`${host}:${port} is still held by ${describePortHolder(port)}`);
  }
}

describe('no emulator outlives its parent', { timeout: 900_000 }, () => {
  test('a parent stopped with SIGTERM takes its emulators with it', async () => {
    const parent = startParentWithEmulators('wait');
    const { groups } = await parent.ready;
    assert.ok(groups.length >= 1);
    assert.ok(groupMembers(groups).length >= 1, 'the emulators run while the parent does');
    parent.child.kill('SIGTERM');
    assert.deepEqual(await parent.exited, { code: 143, signal: null });
    assert.deepEqual(await leftAfterAWhile(groups), []);
    await assertPortsFree();
  });

  test('a parent that dies of an uncaught error takes its emulators with it', async () => {
    const parent = startParentWithEmulators('throw');
    const { groups } = await parent.ready;
    const { code } = await parent.exited;
    assert.equal(code, 1);
    assert.match(parent.stderr(), /crash on purpose/, 'the error is still reported as usual');
    assert.deepEqual(await leftAfterAWhile(groups), []);
    await assertPortsFree();
  });

  test('a parent that dies of an unhandled rejection takes its emulators with it', async () => {
    const parent = startParentWithEmulators('reject');
    const { groups } = await parent.ready;
    const { code } = await parent.exited;
    assert.equal(code, 1);
    assert.match(parent.stderr(), /rejection on purpose/);
    assert.deepEqual(await leftAfterAWhile(groups), []);
    await assertPortsFree();
  });

  test('emulators of a parent killed outright are stopped by the next run', async () => {
    const parent = startParentWithEmulators('wait');
    const { groups } = await parent.ready;
    parent.child.kill('SIGKILL');
    await parent.exited;
    await new Promise((r) => setTimeout(r, 500));
    assert.ok(groupMembers(groups).length >= 1, 'SIGKILL leaves them running: nothing in the parent could act');

    const cleanup = spawnSync(process.execPath, [join(root, 'scripts', 'emulators.mjs'), 'cleanup'], {
      encoding: 'utf8',
    });
    assert.equal(cleanup.status, 0, cleanup.stderr);
    assert.match(cleanup.stderr, /left over from an earlier run/);
    assert.deepEqual(await leftAfterAWhile(groups), []);
    await assertPortsFree();
  });

  test('a Firestore emulator that exits at once is reported, and the Auth emulator is stopped too', async () => {
    const { path } = fakeSdk('dies', { component: true, body: 'echo "emulator failed to start" >&2; exit 3' });
    // 'throw': should a fallback start, the parent still ends.
    const parent = startParent('throw', { ...process.env, PATH: `${path}${delimiter}${process.env.PATH}` });
    const started = await parent.ready;
    assert.equal((await parent.exited).code, 1);
    const { groups } = started;
    if (started.error) {
      assert.match(started.error, /Firestore emulator exited early/);
      assert.match(started.error, /emulator failed to start/, 'with the emulator output');
    } else {
      // On Java 21+ it goes on to firebase-tools' emulator.
      assert.equal(started.kind, 'firebase-tools');
    }
    assert.ok(groups.length >= 2, 'the Auth emulator had been started alongside');
    assert.deepEqual(await leftAfterAWhile(groups), []);
    await assertPortsFree();
  });
});
