#!/usr/bin/env node
// npm start: the emulators, then the demo against them. Where no Firestore emulator can start, the demo
// runs in preview mode and says why. Ctrl-C stops the server and the emulators' whole process trees.
import { spawnSync } from 'node:child_process';
import { startEmulators } from './emulators.mjs';
import { startDemoServer } from './demo-server.mjs';

let emulators;
let server;
let stopping = false;
/** Stops whatever has started so far; safe to call at any point of the startup. */
async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  await server?.close().catch(() => {});
  await emulators?.stop();
  process.exit(code);
}
// Registered before anything starts, so Ctrl-C during startup stops what is already running.
process.on('SIGINT', () => stop(130));
process.on('SIGTERM', () => stop(143));
process.on('SIGHUP', () => stop(129));

let env = {};

/**
 * Three weeks of a made-up cohort (members and activity ledgers, some gone quiet) for the facilitators' page's
 * pulse, as packages/pulse's end-to-end test seeds it. Its learners are `history-…`, so a rerun writes over them.
 */
async function seedCohortHistory(emulatorEnv) {
  Object.assign(process.env, emulatorEnv);
  const { initializeApp } = await import('firebase-admin/app');
  const { getFirestore } = await import('firebase-admin/firestore');
  const { madeUpCohort, learnerDocuments } = await import('../packages/pulse/dist/made-up-cohort.js');
  const { commands } = await import('../packages/pulse/test/seed.mjs');
  const app = initializeApp({ projectId: emulatorEnv.GCLOUD_PROJECT ?? 'demo-cohort-kit' }, 'demo-history');
  const now = Date.now();
  const learners = madeUpCohort(12, 0.25).map((each) => ({
    uid: `history-${each.uid}`,
    ...learnerDocuments(each, now),
  }));
  await commands['cohort-seed-pulse']({ space: 'leadership-2026-spring', learners }, getFirestore(app));
}
try {
  emulators = await startEmulators({ quiet: true });
  env = emulators.env;
  console.log(
    `Emulators (${emulators.kind}): Firestore ${env.FIRESTORE_EMULATOR_HOST}, Auth ${env.FIREBASE_AUTH_EMULATOR_HOST}`,
  );
  // The demo's space, created the way a course team would, with the command-line tool.
  const cli = [
    'packages/cli/bin/cohort-kit.mjs',
    'create-space',
    '--space',
    'leadership-2026-spring',
    '--name',
    'Leading with Purpose · Spring 2026',
    '--cohort-label',
    'Spring 2026 cohort',
    '--norms',
    'Be kind and specific. Assume good intent. What is shared here stays in the cohort.',
    '--update',
  ];
  const seeded = spawnSync(process.execPath, cli, { env: { ...process.env, ...env }, encoding: 'utf8' });
  if (seeded.status !== 0) console.warn(`Could not create the demo space: ${seeded.stderr || seeded.stdout}`);
  await seedCohortHistory(env).catch((error) =>
    console.warn(
      `No cohort history for the facilitators' pulse (${error.message.split('\n')[0]}): run npm run build once, ` +
        'then npm start again.',
    ),
  );
} catch (error) {
  if (stopping) process.exit(130);
  console.warn(`Serving the demo in PREVIEW mode: ${error.message.split('\n')[0]}`);
  env = { COHORT_DEMO_PREVIEW: '1' };
}

try {
  server = await startDemoServer({ env });
} catch (error) {
  console.error(`Could not serve the demo: ${error.message} (set COHORT_DEMO_PORT to use another port).`);
  await stop(1);
}
console.log(`\nCohort Kit demo: ${server.url}`);
console.log(`Two learners side by side: ${server.url}two-learners.html\n`);
