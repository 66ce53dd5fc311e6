#!/usr/bin/env node
// npm test: every check and every suite, against the real emulators, with one summary at the end.
// Exits non-zero if anything failed. Emulators start once and are stopped, process tree and all, at the end.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { startEmulators, stopOnExit } from './emulators.mjs';
import { checkBudget, describeBundle, measureBundle } from './bundle-size.mjs';

const scratch = mkdtempSync(join(tmpdir(), 'cohort-test-'));
const results = [];
const only = process.argv.slice(2); // e.g. `npm test -- rules e2e` runs just those steps

function run(command, args, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

function heading(title) {
  console.log(`\n━━ ${title} ${'━'.repeat(Math.max(0, 70 - title.length))}`);
}

/** A check counts as one test: it passes or it fails. */
async function check(name, command, args, env) {
  if (only.length && !only.includes(name)) return;
  heading(name);
  const since = Date.now();
  const code = await run(command, args, env);
  results.push({ name, passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1, ms: Date.now() - since });
}

/** A suite reports its own counts; a suite that crashed before counting is one failure. */
async function suite(name, command, args, countsFile, readCounts, env) {
  if (only.length && !only.includes(name)) return;
  heading(name);
  const since = Date.now();
  const code = await run(command, args, env);
  let counts = { passed: 0, failed: 0 };
  try {
    if (existsSync(countsFile)) counts = readCounts(readFileSync(countsFile, 'utf8'));
  } catch (error) {
    console.error(`Could not read ${name} results: ${error.message}`);
  }
  if (code !== 0 && counts.failed === 0) counts.failed = 1;
  if (code === 0 && counts.passed === 0) {
    console.error(`${name}: no tests ran`);
    counts.failed += 1;
  }
  results.push({ name, ...counts, ms: Date.now() - since });
}

/** Failed tests, repeated under the summary with the start of their message, so a log's tail says what broke and how. */
const MESSAGE_CHARS = 1500;
const describeFailure = (failure) => {
  if (typeof failure === 'string') return failure;
  // Colour codes and blank lines are noise in a log file.
  const message = (failure.message ?? '')
    // eslint-disable-next-line no-control-regex -- the escape that starts a colour code
    .replace(/\x1b\[[0-9;]*m/g, '')
    .split('\n')
    .filter((line) => line.trim())
    .join('\n');
  if (!message) return failure.test;
  const shown = message.length > MESSAGE_CHARS ? `${message.slice(0, MESSAGE_CHARS)}…` : message;
  return `${failure.test}\n${shown.replace(/^/gm, '      ')}`;
};

const vitestCounts = (text) => {
  const json = JSON.parse(text);
  const failures = [];
  for (const file of json.testResults ?? []) {
    const name = relative(process.cwd(), file.name);
    for (const test of file.assertionResults ?? [])
      if (test.status === 'failed')
        failures.push({ test: `${name} > ${test.fullName}`, message: test.failureMessages?.[0] });
    if (file.status === 'failed' && !file.assertionResults?.length) failures.push(`${name}: ${file.message}`);
  }
  return {
    passed: json.numPassedTests,
    failed: json.numFailedTests + (json.numRuntimeErrorTestSuites ?? 0),
    failures,
  };
};
const tapCounts = (text) => ({
  passed: Number(/^# pass (\d+)/m.exec(text)?.[1] ?? 0),
  failed: Number(/^# fail (\d+)/m.exec(text)?.[1] ?? 0) + Number(/^# cancelled (\d+)/m.exec(text)?.[1] ?? 0),
  failures: [...text.matchAll(/^\s*not ok \d+ - (.*)$/gm)].map((match) => match[1]),
});
const nodeTest = (file, dir) => [
  '--test',
  '--test-reporter=spec',
  '--test-reporter-destination=stdout',
  '--test-reporter=tap',
  `--test-reporter-destination=${file}`,
  dir,
];
const vitest = (project, file, config = []) => [
  'vitest',
  'run',
  ...config,
  ...(project ? ['--project', project] : []),
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${file}`,
];

const started = Date.now();
const LIMIT_SECONDS = 15 * 60;
await check('typecheck', 'npm', ['run', '--silent', 'typecheck']);
await check('lint', 'npm', ['run', '--silent', 'lint']);
// firestore.rules is composed from each package's rules/ fragments; a stale one would deploy and test old rules.
await check('rules-composed', 'node', ['scripts/rules.mjs', '--check']);
await check('build', 'npm', ['run', '--silent', 'build']);
if (!only.length || only.includes('budget')) {
  heading('budget');
  let failures;
  try {
    const measured = measureBundle();
    for (const line of describeBundle(measured)) console.log(line);
    failures = checkBudget(measured);
  } catch (error) {
    failures = [error.message];
  }
  for (const failure of failures) console.error(`over budget: ${failure}`);
  results.push({ name: 'budget', passed: failures.length ? 0 : 1, failed: failures.length ? 1 : 0 });
}

// The emulator script itself: it starts and stops its own emulators on these ports, so it runs before ours.
const scriptsTap = join(scratch, 'scripts.tap');
await suite('scripts', 'node', nodeTest(scriptsTap, 'scripts/test/'), scriptsTap, tapCounts);

let emulators;
try {
  heading('emulators');
  emulators = await startEmulators({ quiet: true });
  stopOnExit(emulators);
  console.log(
    `Firestore ${emulators.env.FIRESTORE_EMULATOR_HOST} (${emulators.kind}), Auth ${emulators.env.FIREBASE_AUTH_EMULATOR_HOST}`,
  );
} catch (error) {
  console.error(error.message);
  results.push({ name: 'emulators', passed: 0, failed: 1 });
}

if (emulators) {
  const env = emulators.env;
  const wtrCounts = join(scratch, 'components.json');
  await suite('components', 'npx', ['wtr'], wtrCounts, (text) => JSON.parse(text), {
    ...env,
    COHORT_COUNTS_FILE: wtrCounts,
  });
  const rules = join(scratch, 'rules.json');
  await suite('rules', 'npx', vitest('rules', rules), rules, vitestCounts, env);
  const cli = join(scratch, 'cli.tap');
  await suite('cli', 'node', nodeTest(cli, 'packages/cli/test/'), cli, tapCounts, env);
  const e2e = join(scratch, 'e2e.json');
  await suite('e2e', 'npx', vitest('e2e', e2e), e2e, vitestCounts, env);
  await emulators.stop();
}

// Stories run in preview mode: no emulator needed.
const stories = join(scratch, 'stories.json');
await suite(
  'stories',
  'npx',
  vitest(undefined, stories, ['--config', '.storybook/vitest.config.ts']),
  stories,
  vitestCounts,
);

heading('summary');
for (const { name, passed, failed, ms } of results) {
  const time = ms === undefined ? '' : `  ${String(Math.round(ms / 1000)).padStart(4)} s`;
  console.log(
    `${failed ? '✗' : '✓'} ${name.padEnd(14)} ${String(passed).padStart(4)} passed ${String(failed).padStart(3)} failed${time}`,
  );
}
for (const result of results)
  for (const failure of result.failures ?? []) console.log(`  ✗ ${result.name}: ${describeFailure(failure)}`);
const passed = results.reduce((sum, r) => sum + r.passed, 0);
const failed = results.reduce((sum, r) => sum + r.failed, 0);
const seconds = Math.round((Date.now() - started) / 1000);
const took = `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
console.log(`(${took})`);
// A target, not a test: a slow or busy machine should not turn a good run red.
if (seconds > LIMIT_SECONDS) {
  console.log(
    `⚠ WARNING: the suite took ${took}, over its ${LIMIT_SECONDS / 60}-minute target. The times above show which step grew.`,
  );
}
console.log(`Total: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
