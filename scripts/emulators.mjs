#!/usr/bin/env node
// Starts the Firestore and Auth emulators on the ports in firebase.json, waits until both answer,
// and stops them with their whole process tree. Used by `npm start`, `npm test` and `npm run bench`.
//
//   node scripts/emulators.mjs                 start both and keep them up until Ctrl-C
//   node scripts/emulators.mjs exec -- CMD...  start both, run CMD with the emulator variables set, stop both
//   node scripts/emulators.mjs cleanup         stop emulators a crashed run left behind; fail if the ports are taken
//   node scripts/emulators.mjs detect          say which Firestore emulator this machine would use, and why
import { spawn, spawnSync } from 'node:child_process';
import {
  accessSync,
  constants,
  existsSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
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
  // firebase-tools also opens a hub and a logging port (4400, 4500 by default): shifted too, or a second
  // checkout's emulators would find them taken and its Auth emulator would not answer.
  config.emulators.hub = { host: '127.0.0.1', port: 4400 + portOffset };
  config.emulators.logging = { host: '127.0.0.1', port: 4500 + portOffset };
  const dir = mkdtempSync(join(tmpdir(), 'cohort-emulators-'));
  const file = join(dir, 'firebase.json');
  writeFileSync(file, JSON.stringify(config));
  return ['--config', file];
}

/** The major version of `java` on PATH, or 0 when there is none. */
export function javaMajorVersion(env = process.env) {
  const result = spawnSync('java', ['-version'], { encoding: 'utf8', env });
  if (result.error) return 0;
  const match = /version "(\d+)(?:\.(\d+))?/.exec(result.stderr);
  if (!match) return 0;
  const major = Number(match[1]);
  return major === 1 ? Number(match[2]) : major;
}

function findOnPath(command, env = process.env) {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const file = join(dir, command);
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      /* not here */
    }
  }
  return null;
}

/**
 * Google Cloud CLI's Firestore emulator is its own component (Debian package google-cloud-cli-firestore-emulator):
 * `gcloud emulators firestore start --help` succeeds without it, so look for the component's jar instead.
 * The SDK root is found from where `gcloud` lives (instant); `gcloud info` (half a second) only when that fails.
 * @returns {string | null} the emulator's jar, or null
 */
export function findGcloudFirestoreEmulator(env = process.env) {
  const gcloud = findOnPath('gcloud', env);
  if (!gcloud) return null;
  const roots = [];
  try {
    roots.push(dirname(dirname(realpathSync(gcloud)))); // <sdk>/bin/gcloud
  } catch {
    /* dangling link */
  }
  const jarIn = (root) => join(root, 'platform', 'cloud-firestore-emulator', 'cloud-firestore-emulator.jar');
  if (!roots.some((root) => existsSync(join(root, 'platform')))) {
    const info = spawnSync(gcloud, ['info', '--format=value(installation.sdk_root)'], {
      encoding: 'utf8',
      timeout: 30_000,
      env: { ...env, CLOUDSDK_CORE_DISABLE_PROMPTS: '1' },
    });
    if (info.status === 0 && info.stdout.trim()) roots.push(info.stdout.trim());
  }
  return roots.map(jarIn).find((jar) => existsSync(jar)) ?? null;
}

/**
 * Which Firestore emulators this machine can run, best first: Google Cloud CLI's (Java 17+, offline), then
 * firebase-tools' own (Java 21+, downloads its jar once). Starting falls back to the next if one exits early.
 * @param {{java?: number, gcloudEmulator?: string | null}} [machine] measured when not given
 * @returns {{kind: 'gcloud' | 'firebase-tools' | 'none', candidates: Array<'gcloud' | 'firebase-tools'>, java: number, why: string}}
 */
export function detectFirestoreEmulator({
  java = javaMajorVersion(),
  gcloudEmulator = java >= 17 ? findGcloudFirestoreEmulator() : null,
} = {}) {
  if (java === 0) {
    return { kind: 'none', candidates: [], java, why: 'no Java runtime was found on PATH (install Java 17+)' };
  }
  /** @type {Array<'gcloud' | 'firebase-tools'>} */
  const candidates = [];
  if (java >= 17 && gcloudEmulator) candidates.push('gcloud');
  if (java >= 21) candidates.push('firebase-tools');
  if (candidates.length === 0) {
    const gcloudPart = gcloudEmulator
      ? `Google Cloud CLI's Firestore emulator needs Java 17+`
      : "Google Cloud CLI's Firestore emulator (package google-cloud-cli-firestore-emulator) is not installed";
    return {
      kind: 'none',
      candidates,
      java,
      why: `Java ${java} is installed, but ${gcloudPart} and firebase-tools' emulator needs Java 21+`,
    };
  }
  const describe = { gcloud: 'Google Cloud CLI emulator', 'firebase-tools': 'firebase-tools emulator' };
  return { kind: candidates[0], candidates, java, why: `${describe[candidates[0]]} on Java ${java}` };
}

async function answers(url) {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
    return response.status < 500;
  } catch {
    return false;
  }
}

/** Whether something accepts TCP connections on host:port (any protocol). */
export function portInUse(host, port) {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (used) => {
      socket.destroy();
      resolve(used);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** Every live process (zombies left out): pid, process group and command line. */
export function processTable() {
  const result = spawnSync('ps', ['-eo', 'pid=,pgid=,stat=,args='], { encoding: 'utf8' });
  if (result.status !== 0) return [];
  return result.stdout
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(\d+)\s+(\S+)\s+(.*)$/.exec(line))
    .filter((match) => match && !match[3].startsWith('Z'))
    .map(([, pid, pgid, , args]) => ({ pid: Number(pid), pgid: Number(pgid), args }));
}

/** "pid 123: java -jar …" for whatever listens on the port, when the system tells us. */
export function describePortHolder(port) {
  let pids = [];
  const ss = spawnSync('ss', ['-ltnpH', `sport = :${port}`], { encoding: 'utf8' });
  if (ss.status === 0) pids = [...ss.stdout.matchAll(/pid=(\d+)/g)].map((m) => Number(m[1]));
  if (!pids.length) {
    const lsof = spawnSync('lsof', ['-nP', `-iTCP:${port}`, '-sTCP:LISTEN', '-t'], { encoding: 'utf8' });
    if (lsof.status === 0) pids = lsof.stdout.split('\n').filter(Boolean).map(Number);
  }
  if (!pids.length) return 'a process this user cannot see';
  const table = processTable();
  return [...new Set(pids)]
    .map((pid) => {
      const args = table.find((p) => p.pid === pid)?.args ?? '?';
      return `pid ${pid} (${args.length > 120 ? `${args.slice(0, 117)}…` : args})`;
    })
    .join(', ');
}

// Generous: on a loaded 2-core machine the Java emulator can take minutes to answer.
async function waitUntilAnswering(url, child, name, timeoutMs = 180_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null || child.spawnError) {
      const code = child.exitCode ?? child.signalCode ?? child.spawnError.code;
      const error = new Error(`${name} emulator exited early (${code})`);
      error.code = 'EMULATOR_EXITED';
      error.child = child;
      throw error;
    }
    if (await answers(url)) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${name} emulator did not answer at ${url} within ${timeoutMs / 1000}s`);
}

// ---- process groups: stopped on exit, on signals, and after a crash on the next run ---------------------

/** Emulator process groups this process started and has not stopped yet (group id = leader pid). */
const liveGroups = new Set();
const everStarted = [];
/** Every process group this process has started, stopped or not (for tests that check nothing is left). */
export const startedGroups = () => [...everStarted];
/** Recorded per port offset so the next run can stop what a crashed (or SIGKILLed) run left behind. */
export const pidFile = join(tmpdir(), `cohort-kit-emulators-offset-${portOffset}.json`);
// Command lines that mark a process as one of our emulators (the gcloud wrapper, its Java, firebase-tools).
const EMULATOR_SIGNATURE = /cloud[-_]firestore[-_]emulator|emulators firestore start|emulators:start/;

function readPidFile() {
  try {
    const records = JSON.parse(readFileSync(pidFile, 'utf8'));
    return Array.isArray(records) ? records : [];
  } catch {
    return [];
  }
}

function writePidFile(records) {
  try {
    if (records.length) writeFileSync(pidFile, JSON.stringify(records, null, 2));
    else rmSync(pidFile, { force: true });
  } catch {
    /* best effort: a read-only tmp must not stop the emulators */
  }
}

function recordGroup(child, command) {
  writePidFile([
    ...readPidFile().filter((r) => r.pgid !== child.pid),
    { pgid: child.pid, owner: process.pid, command, startedAt: new Date().toISOString() },
  ]);
}

function forgetGroup(pgid) {
  writePidFile(readPidFile().filter((r) => r.pgid !== pgid));
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

function killGroup(pgid, signal) {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false;
  }
}

/**
 * Stops emulator process groups that an earlier run at this port offset recorded and did not stop (it crashed or
 * was killed). Only groups whose owner is gone and which still hold one of our emulators are touched.
 * @returns {Promise<number[]>} the process groups stopped
 */
export async function stopLeftovers({ log = (line) => console.error(line) } = {}) {
  const records = readPidFile();
  if (!records.length) return [];
  const table = processTable();
  const stopped = [];
  const keep = [];
  for (const record of records) {
    const members = table.filter((p) => p.pgid === record.pgid);
    if (!members.length) continue; // gone: drop the record
    if (record.owner !== process.pid && alive(record.owner)) {
      keep.push(record); // a run that is still going
      continue;
    }
    if (!members.some((p) => EMULATOR_SIGNATURE.test(p.args))) continue; // the id was reused by something else
    log(`Stopping emulator process group ${record.pgid} left over from an earlier run (${record.command}).`);
    killGroup(record.pgid, 'SIGTERM');
    stopped.push(record.pgid);
  }
  const deadline = Date.now() + 5000;
  while (stopped.some((pgid) => processTable().some((p) => p.pgid === pgid)) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  for (const pgid of stopped) killGroup(pgid, 'SIGKILL');
  writePidFile(keep);
  return stopped;
}

/** Kills every group still running, synchronously: the last word when this process exits for any reason. */
function killLiveGroupsNow() {
  for (const pgid of liveGroups) {
    killGroup(pgid, 'SIGKILL');
    forgetGroup(pgid);
  }
  liveGroups.clear();
}

const SIGNAL_CODES = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 };
let exitHandlersInstalled = false;

/**
 * Once per process. 'exit' also fires after an uncaught exception or an unhandled rejection, so those are covered
 * without changing how the process reports them. A signal kills the groups too, and ends the process unless its
 * caller listens for that signal itself (then the caller decides when to exit, and 'exit' still cleans up).
 */
function installExitHandlers() {
  if (exitHandlersInstalled) return;
  exitHandlersInstalled = true;
  process.on('exit', killLiveGroupsNow);
  for (const signal of Object.keys(SIGNAL_CODES)) {
    process.on(signal, () => {
      if (process.listenerCount(signal) > 1) return;
      Promise.all([...liveGroups].map((pgid) => stopGroup(pgid))).finally(() => process.exit(SIGNAL_CODES[signal]));
    });
  }
}

function startProcessGroup(command, args, logPrefix, quiet) {
  installExitHandlers();
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
  child.on('error', (error) => {
    child.spawnError = error; // e.g. the command is missing
    keep(`${error.message}\n`);
  });
  if (child.pid) {
    liveGroups.add(child.pid);
    everStarted.push(child.pid);
    recordGroup(child, [command, ...args].join(' '));
  }
  return child;
}

/** SIGTERM the group, SIGKILL it after 5 s, then make sure nothing of it is left. */
async function stopGroup(pgid, child) {
  if (!killGroup(pgid, 'SIGTERM')) {
    liveGroups.delete(pgid);
    forgetGroup(pgid);
    return;
  }
  const leaderGone = child
    ? child.exitCode !== null || child.signalCode !== null
      ? Promise.resolve()
      : new Promise((resolve) => child.once('exit', resolve))
    : Promise.resolve();
  const deadline = Date.now() + 5000;
  await Promise.race([leaderGone, new Promise((r) => setTimeout(r, 5000))]);
  // The group may outlive its leader (Java forked by a wrapper script): wait for it, then kill what remains.
  while (processTable().some((p) => p.pgid === pgid) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  killGroup(pgid, 'SIGKILL');
  liveGroups.delete(pgid);
  forgetGroup(pgid);
}

async function stopProcessGroup(child) {
  if (!child?.pid || !liveGroups.has(child.pid)) return;
  await stopGroup(child.pid, child);
}

function launch(kind, ports, quiet) {
  const firebaseBin = join(root, 'node_modules', '.bin', 'firebase');
  const project = ['--project', PROJECT_ID, ...firebaseConfigArgs(ports)];
  if (kind === 'firebase-tools') {
    const both = startProcessGroup(
      firebaseBin,
      ['emulators:start', '--only', 'auth,firestore', ...project],
      '[emulators]',
      quiet,
    );
    return { firestore: both, auth: both, all: [both] };
  }
  const firestore = startProcessGroup(
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
  );
  const auth = startProcessGroup(firebaseBin, ['emulators:start', '--only', 'auth', ...project], '[auth]', quiet);
  return { firestore, auth, all: [firestore, auth] };
}

/**
 * Starts both emulators and resolves once each answers. Stops what an earlier crashed run left on these ports
 * first, and stops its own process groups however this process ends.
 * @param {{quiet?: boolean}} [options]
 */
export async function startEmulators({ quiet = true } = {}) {
  const ports = emulatorPorts();
  const firestoreUrl = `http://${ports.firestore.host}:${ports.firestore.port}/`;
  const authUrl = `http://${ports.auth.host}:${ports.auth.port}/`;
  await stopLeftovers();
  for (const [name, { host, port }] of [
    ['Firestore', ports.firestore],
    ['Auth', ports.auth],
  ]) {
    if (await portInUse(host, port)) {
      throw new Error(
        `Port ${port} for the ${name} emulator is already in use, by ${describePortHolder(port)}. ` +
          'Stop it first, or set COHORT_PORT_OFFSET to use other ports.',
      );
    }
  }
  const detected = detectFirestoreEmulator();
  if (detected.kind === 'none') {
    const error = new Error(`No Firestore emulator can be started: ${detected.why}.`);
    error.code = 'NO_FIRESTORE_EMULATOR';
    throw error;
  }
  let children = [];
  const stop = async () => {
    await Promise.all(children.map(stopProcessGroup));
  };
  const failures = [];
  for (const [index, kind] of detected.candidates.entries()) {
    const started = launch(kind, ports, quiet);
    children = started.all;
    try {
      await Promise.all([
        waitUntilAnswering(firestoreUrl, started.firestore, 'Firestore'),
        waitUntilAnswering(authUrl, started.auth, 'Auth'),
      ]);
      return {
        kind,
        projectId: PROJECT_ID,
        firestore: ports.firestore,
        auth: ports.auth,
        fallbackFrom: failures.map((f) => f.kind),
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
    } catch (error) {
      const logs = children.map((child) => child.recentOutput()).join('\n');
      await stop();
      const next = detected.candidates[index + 1];
      // Only the Firestore emulator dying early is a reason to try the other one.
      if (next && error.code === 'EMULATOR_EXITED' && error.child === started.firestore) {
        console.error(`The ${kind} Firestore emulator exited early; trying the ${next} one.`);
        failures.push({ kind, logs });
        continue;
      }
      error.message += `\n--- emulator output ---\n${logs.slice(-4000)}`;
      throw error;
    }
  }
  throw new Error('unreachable');
}

/** Stops the emulators when this process is interrupted, then exits. */
export function stopOnExit(emulators) {
  let stopping = false;
  const handler = (signal) => {
    if (stopping) return;
    stopping = true;
    emulators.stop().finally(() => process.exit(SIGNAL_CODES[signal] ?? 1));
  };
  process.once('SIGINT', handler);
  process.once('SIGTERM', handler);
  process.once('SIGHUP', handler);
}

/** For .ci/run: stop leftovers, then fail with the name of whatever still holds an emulator port. */
async function cleanup() {
  const stopped = await stopLeftovers();
  const ports = emulatorPorts();
  const busy = [];
  for (const [name, { host, port }] of Object.entries(ports)) {
    if (await portInUse(host, port)) busy.push(`${name} port ${port} is held by ${describePortHolder(port)}`);
  }
  if (busy.length) {
    console.error(`Emulator ports are in use: ${busy.join('; ')}.`);
    process.exit(1);
  }
  console.error(
    `Emulator ports ${ports.firestore.port} and ${ports.auth.port} are free` +
      (stopped.length ? ` (stopped ${stopped.length} leftover process group(s)).` : '.'),
  );
}

async function main() {
  const [mode, ...rest] = process.argv.slice(2);
  if (mode === 'cleanup') return cleanup();
  if (mode === 'detect') {
    const detected = detectFirestoreEmulator();
    console.log(`${detected.kind}: ${detected.why}`);
    return;
  }
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
