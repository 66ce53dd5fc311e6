#!/usr/bin/env node
// Starts the Firestore and Auth emulators on the ports in firebase.json, waits until both answer,
// and stops them with their whole process tree. Used by `npm start`, `npm test` and `npm run bench`.
//
//   node scripts/emulators.mjs                 start both and keep them up until Ctrl-C
//   node scripts/emulators.mjs exec -- CMD...  start both, run CMD with the emulator variables set, stop both
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const PROJECT_ID = 'demo-cohort-kit';

// COHORT_PORT_OFFSET shifts both ports, so two checkouts (or a test run beside `npm start`) can coexist.
const portOffset = Number(process.env.COHORT_PORT_OFFSET ?? 0) || 0;

export function emulatorPorts() {
  const config = JSON.parse(readFileSync(join(root, 'firebase.json'), 'utf8')).emulators;
  return {
    firestore: { host: config.firestore.host, port: config.firestore.port + portOffset },
    auth: { host: config.auth.host, port: config.auth.port + portOffset },
  };
}

/** firebase-tools reads its ports from a config file: with an offset, hand it a shifted copy. */
function firebaseConfigArgs(ports) {
  if (!portOffset) return [];
  const config = JSON.parse(readFileSync(join(root, 'firebase.json'), 'utf8'));
  config.firestore.rules = join(root, 'firestore.rules');
  config.firestore.indexes = join(root, 'firestore.indexes.json');
  config.emulators.firestore.port = ports.firestore.port;
  config.emulators.auth.port = ports.auth.port;
  const dir = mkdtempSync(join(tmpdir(), 'cohort-emulators-'));
  const file = join(dir, 'firebase.json');
  writeFileSync(file, JSON.stringify(config));
  return ['--config', file];
}

function javaMajorVersion() {
  const result = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (result.error) return 0;
  const match = /version "(\d+)(?:\.(\d+))?/.exec(result.stderr);
  if (!match) return 0;
  const major = Number(match[1]);
  return major === 1 ? Number(match[2]) : major;
}

function hasGcloudFirestoreEmulator() {
  const result = spawnSync('gcloud', ['emulators', 'firestore', 'start', '--help'], {
    encoding: 'utf8',
    timeout: 30_000,
    env: { ...process.env, CLOUDSDK_CORE_DISABLE_PROMPTS: '1' },
  });
  return !result.error && result.status === 0;
}

/**
 * Which Firestore emulator this machine can run: Google Cloud CLI's (runs on Java 17) first,
 * then firebase-tools' own (needs Java 21+ and downloads its jar once).
 * @returns {{kind: 'gcloud' | 'firebase-tools' | 'none', why: string}}
 */
export function detectFirestoreEmulator() {
  const java = javaMajorVersion();
  if (java === 0) return { kind: 'none', why: 'no Java runtime was found on PATH (install Java 17+)' };
  if (hasGcloudFirestoreEmulator()) return { kind: 'gcloud', why: `Google Cloud CLI emulator on Java ${java}` };
  if (java >= 21) return { kind: 'firebase-tools', why: `firebase-tools emulator on Java ${java}` };
  return {
    kind: 'none',
    why:
      `Java ${java} is installed but neither Google Cloud CLI's Firestore emulator ` +
      '(package google-cloud-cli-firestore-emulator) nor Java 21+ for firebase-tools is available',
  };
}

async function answers(url) {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
    return response.status < 500;
  } catch {
    return false;
  }
}

async function waitUntilAnswering(url, child, name, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} emulator exited early (code ${child.exitCode})`);
    if (await answers(url)) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${name} emulator did not answer at ${url} within ${timeoutMs / 1000}s`);
}

function startProcessGroup(command, args, logPrefix, quiet) {
  // detached: the child leads its own process group, so one signal reaches Java and every helper it forked.
  const child = spawn(command, args, {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      CLOUDSDK_CORE_DISABLE_PROMPTS: '1',
      NO_UPDATE_NOTIFIER: '1',
      FIREBASE_CLI_DISABLE_TELEMETRY: '1',
    },
  });
  const output = [];
  const keep = (chunk) => {
    output.push(chunk.toString());
    if (output.length > 200) output.shift();
    if (!quiet) process.stderr.write(`${logPrefix} ${chunk}`);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  child.recentOutput = () => output.join('');
  return child;
}

async function stopProcessGroup(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return;
  }
  const timedOut = await Promise.race([exited.then(() => false), new Promise((r) => setTimeout(() => r(true), 5000))]);
  if (timedOut) {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
    await exited;
  }
  // The group may outlive its leader (Java forked by a wrapper script): make sure nothing of it is left.
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    /* group is empty */
  }
}

/**
 * Starts both emulators and resolves once each answers.
 * @param {{quiet?: boolean}} [options]
 */
export async function startEmulators({ quiet = true } = {}) {
  const ports = emulatorPorts();
  const firestoreUrl = `http://${ports.firestore.host}:${ports.firestore.port}/`;
  const authUrl = `http://${ports.auth.host}:${ports.auth.port}/`;
  for (const [name, url] of [
    ['Firestore', firestoreUrl],
    ['Auth', authUrl],
  ]) {
    if (await answers(url)) {
      throw new Error(`Port for the ${name} emulator is already in use (${url}). Stop whatever runs there first.`);
    }
  }
  const detected = detectFirestoreEmulator();
  if (detected.kind === 'none') {
    const error = new Error(`No Firestore emulator can be started: ${detected.why}.`);
    error.code = 'NO_FIRESTORE_EMULATOR';
    throw error;
  }
  const firebaseBin = join(root, 'node_modules', '.bin', 'firebase');
  const children = [];
  const stop = async () => {
    await Promise.all(children.map(stopProcessGroup));
  };
  try {
    if (detected.kind === 'gcloud') {
      children.push(
        startProcessGroup(
          'gcloud',
          [
            'emulators',
            'firestore',
            'start',
            `--host-port=${ports.firestore.host}:${ports.firestore.port}`,
            `--rules=${join(root, 'firestore.rules')}`,
          ],
          '[firestore]',
          quiet,
        ),
      );
      children.push(
        startProcessGroup(
          firebaseBin,
          ['emulators:start', '--only', 'auth', '--project', PROJECT_ID, ...firebaseConfigArgs(ports)],
          '[auth]',
          quiet,
        ),
      );
    } else {
      children.push(
        startProcessGroup(
          firebaseBin,
          ['emulators:start', '--only', 'auth,firestore', '--project', PROJECT_ID, ...firebaseConfigArgs(ports)],
          '[emulators]',
          quiet,
        ),
      );
    }
    const [firestoreChild, authChild = firestoreChild] = children;
    await Promise.all([
      waitUntilAnswering(firestoreUrl, firestoreChild, 'Firestore'),
      waitUntilAnswering(authUrl, authChild, 'Auth'),
    ]);
  } catch (error) {
    const logs = children.map((child) => child.recentOutput()).join('\n');
    await stop();
    error.message += `\n--- emulator output ---\n${logs.slice(-4000)}`;
    throw error;
  }
  return {
    kind: detected.kind,
    projectId: PROJECT_ID,
    firestore: ports.firestore,
    auth: ports.auth,
    env: {
      FIRESTORE_EMULATOR_HOST: `${ports.firestore.host}:${ports.firestore.port}`,
      FIREBASE_AUTH_EMULATOR_HOST: `${ports.auth.host}:${ports.auth.port}`,
      GCLOUD_PROJECT: PROJECT_ID,
      COHORT_PROJECT_ID: PROJECT_ID,
      // firebase-admin otherwise probes for a cloud metadata server that no emulator run has.
      METADATA_SERVER_DETECTION: 'none',
    },
    stop,
  };
}

/** Stops the emulators when this process is interrupted, too. */
export function stopOnExit(emulators) {
  let stopping = false;
  const handler = (signal) => {
    if (stopping) return;
    stopping = true;
    emulators.stop().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.once('SIGINT', handler);
  process.once('SIGTERM', handler);
  process.once('SIGHUP', handler);
}

async function main() {
  const [mode, ...rest] = process.argv.slice(2);
  const emulators = await startEmulators({ quiet: mode === 'exec' });
  stopOnExit(emulators);
  console.error(
    `Emulators up (${emulators.kind}): Firestore ${emulators.env.FIRESTORE_EMULATOR_HOST}, Auth ${emulators.env.FIREBASE_AUTH_EMULATOR_HOST}`,
  );
  if (mode !== 'exec') return; // stay up until a signal arrives
  const command = rest[0] === '--' ? rest.slice(1) : rest;
  const child = spawn(command[0], command.slice(1), { stdio: 'inherit', env: { ...process.env, ...emulators.env } });
  const code = await new Promise((resolve) => child.on('exit', (c, s) => resolve(c ?? (s ? 1 : 0))));
  await emulators.stop();
  process.exit(code);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(error.message);
    process.exit(1);
  });
}
