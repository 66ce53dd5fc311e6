#!/usr/bin/env node
// npm start: the emulators, then the demo against them. Where no Firestore emulator can start, the demo
// runs in preview mode and says why. Ctrl-C stops the server and the emulators' whole process trees.
import { startEmulators } from './emulators.mjs';
import { startDemoServer } from './demo-server.mjs';

let emulators;
let env = {};
try {
  emulators = await startEmulators({ quiet: true });
  env = emulators.env;
  console.log(
    `Emulators (${emulators.kind}): Firestore ${env.FIRESTORE_EMULATOR_HOST}, Auth ${env.FIREBASE_AUTH_EMULATOR_HOST}`,
  );
  const { spawnSync } = await import('node:child_process');
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
} catch (error) {
  console.warn(`Serving the demo in PREVIEW mode: ${error.message.split('\n')[0]}`);
  env = { COHORT_DEMO_PREVIEW: '1' };
}

const server = await startDemoServer({ env });
console.log(`\nCohort Kit demo: ${server.url}`);
console.log(`Two learners side by side: ${server.url}two-learners.html\n`);

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await server.close();
  await emulators?.stop();
  process.exit(0);
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
process.on('SIGHUP', stop);
