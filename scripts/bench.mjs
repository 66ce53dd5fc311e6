#!/usr/bin/env node
// npm run bench: measured, never assumed. Sizes come from the built bundle; times and reads come from the
// system Chromium driving the built kit against the real emulators, medians over several fresh visits.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { getApps, initializeApp } from 'firebase-admin/app';
import { getFirestore } from 'firebase-admin/firestore';
import { chromiumArgs, chromiumPath } from './chromium.mjs';
import { kb, measureBundle } from './bundle-size.mjs';
import { startEmulators, stopOnExit } from './emulators.mjs';
import { startStaticDemo } from './static-demo.mjs';
import { PACKAGES, widgetPackages } from './workspace.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const SPACE = 'bench-space';
const rows = [];
const row = (measure, value, note = '') => {
  rows.push({ measure, value, note });
  console.error(`  ${measure}: ${value}`);
};
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const ms = (value) => `${Math.round(value)} ms`;

// Every widget package with a test/bench.mjs: its tag, markup, seeding, live check and own measures.
const widgets = [];
for (const name of widgetPackages()) {
  const file = join(PACKAGES, name, 'test', 'bench.mjs');
  if (existsSync(file)) widgets.push(await import(pathToFileURL(file).href));
}
// Packages without an element (the CLI) add rows too: their test/bench.mjs exports measure() alone.
const tools = [];
for (const name of readdirSync(PACKAGES)
  .filter((each) => !widgetPackages().includes(each))
  .sort()) {
  const file = join(PACKAGES, name, 'test', 'bench.mjs');
  if (existsSync(file)) tools.push(await import(pathToFileURL(file).href));
}

if (!existsSync(join(root, 'packages', 'kit', 'dist', 'cohort-kit.js')) || process.env.BENCH_BUILD) {
  const built = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

// ---- sizes --------------------------------------------------------------------------------------------
const sizes = measureBundle();
for (const [tag, { bytes }] of Object.entries(sizes.widgets))
  row(`<${tag}> bytes before first paint (gzip)`, kb(bytes), 'budget 20 KB');
for (const [tag, { added }] of Object.entries(sizes.widgets))
  row(`<${tag}> adds to the first-paint bundle (gzip)`, kb(added), 'beyond what the script tag loads');
row('Firebase chunk, Firestore + Auth (gzip, lazy)', kb(sizes.firebase.bytes), 'budget 135 KB');

// ---- live measurements --------------------------------------------------------------------------------
const emulators = await startEmulators({ quiet: true });
stopOnExit(emulators);
Object.assign(process.env, emulators.env);
const app = getApps()[0] ?? initializeApp({ projectId: emulators.projectId });
const db = getFirestore(app);
const settings = (extra = '') =>
  `data-project-id="${emulators.projectId}" data-firestore-emulator="${emulators.env.FIRESTORE_EMULATOR_HOST}" ` +
  `data-auth-emulator="http://${emulators.env.FIREBASE_AUTH_EMULATOR_HOST}" data-space="${SPACE}" ${extra}`;

// Records, from inside the page, when every element first painted its shell and when each had live data.
const probe = `<script>
  window.__bench = {};
  const liveChecks = { ${widgets.map((widget) => `'${widget.tag}': ${widget.liveCheck}`).join(', ')} };
  const live = (el) => !!el.shadowRoot && liveChecks[el.localName](el.shadowRoot);
  (function frame() {
    const els = [...document.querySelectorAll(${JSON.stringify(widgets.map((widget) => widget.tag).join(', '))})];
    const now = performance.now();
    if (els.length && !__bench.firstPaint && els.every((el) => el.shadowRoot && el.shadowRoot.querySelector('.frame'))) __bench.firstPaint = now;
    if (els.length && !__bench.live && els.every(live)) __bench.live = now;
    if (!__bench.live) requestAnimationFrame(frame);
  })();
</script>`;
const page = (body, extra = '') => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench</title>
${probe}<script type="module" src="/kit/cohort-kit.js" ${settings(extra)}></script></head><body>${body}</body></html>`;

await db.doc(`spaces/${SPACE}`).set({ name: 'Bench', cohortLabel: '', norms: '', reportThreshold: 3 });

const pages = {};
const server = await startStaticDemo({
  port: Number(process.env.BENCH_PORT ?? 5175),
  env: emulators.env,
  extraPages: pages,
});
const base = `http://127.0.0.1:${server.port}`;
const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs, headless: true });

/**
 * One fresh visitor: empty cache, no account (or, with `member(tab)`, a learner who has joined as the widget asks).
 * `act` runs after the first page is live, e.g. "Load more", and counts the `reads` it makes. Returns the page's
 * timings and reads per widget.
 */
async function visit(path, { settle = 1500, member, act, reads = 'thread' } = {}) {
  const context = await browser.newContext();
  const tab = await context.newPage();
  await tab.goto(`${base}${path}`);
  await tab.waitForFunction(() => window.__bench?.live, null, { timeout: 60000 });
  if (member) {
    // Join the way the widget's learners do, then count a fresh view of this signed-in member.
    await member(tab);
    await tab.reload();
    await tab.waitForFunction(() => window.__bench?.live, null, { timeout: 60000 });
  }
  await tab.waitForTimeout(settle); // let late snapshots land before counting reads
  if (act) {
    const count = () => tab.evaluate(async (name) => (await import('/kit/cohort-kit.js')).documentReads(name), reads);
    const before = await count();
    await act(tab);
    await tab.waitForTimeout(settle);
    const after = await count();
    await context.close();
    return { actReads: after - before };
  }
  const result = await tab.evaluate(
    async (names) => {
      const kit = await import('/kit/cohort-kit.js');
      const entry = performance.getEntriesByName(new URL('/kit/cohort-kit.js', location.href).href)[0];
      // Without the script's resource-timing entry the times would silently count from navigation: refuse.
      if (!entry) throw new Error('No resource-timing entry for /kit/cohort-kit.js: cannot time from script load.');
      const start = entry.startTime;
      return {
        firstPaint: window.__bench.firstPaint - start,
        live: window.__bench.live - start,
        reads: Object.fromEntries(names.map((name) => [name, kit.documentReads(name)])),
      };
    },
    ['space', ...widgets.map((widget) => widget.reads)],
  );
  await context.close();
  return result;
}

/** Two learners, each in their own context, on one page with live data; and how to close both. */
async function twoLearners(path) {
  const contexts = [await browser.newContext(), await browser.newContext()];
  const tabs = await Promise.all(contexts.map((context) => context.newPage()));
  for (const tab of tabs) await tab.goto(`${base}${path}`);
  await Promise.all(tabs.map((tab) => tab.waitForFunction(() => window.__bench?.live, null, { timeout: 60000 })));
  return [...tabs, () => Promise.all(contexts.map((context) => context.close()))];
}

try {
  console.error('Every widget on one page…');
  for (const widget of widgets) await widget.seed(db, SPACE, 'every-widget', widget.typicalSize);
  pages['/demo/bench-all.html'] = page(widgets.map((widget) => widget.markup('every-widget')).join('\n'));
  const all = [];
  for (let i = 0; i < RUNS; i++) all.push(await visit('/demo/bench-all.html'));
  row(
    'Script load → first paint, every widget (median)',
    ms(median(all.map((r) => r.firstPaint))),
    `${RUNS} fresh visits`,
  );
  row('Script load → live data, every widget (median)', ms(median(all.map((r) => r.live))), `${RUNS} fresh visits`);
  row(
    'Space + membership reads per page view',
    String(median(all.map((r) => r.reads.space))),
    'shared by every element',
  );

  // Then each widget's own measures, from packages/<name>/test/bench.mjs.
  const context = { db, space: SPACE, page, pages, visit, twoLearners, row, median, ms, runs: RUNS };
  // BENCH_ONLY=feedback,badge measures only those widgets' own rows (the shared rows above always run).
  const only = process.env.BENCH_ONLY?.split(',').map((name) => `cohort-${name.trim()}`);
  for (const widget of widgets) {
    if (only && !only.includes(widget.tag)) continue;
    console.error(`<${widget.tag}>…`);
    await widget.measure(context);
  }
  for (const tool of tools) await tool.measure(context);
} finally {
  await browser.close();
  await server.close();
  await emulators.stop();
}

const width = Math.max(...rows.map((r) => r.measure.length));
console.log(
  `\nCohort Kit benchmark (${new Date().toISOString().slice(0, 10)}, Chromium headless, ${emulators.kind} emulator)\n`,
);
console.log(`${'Measure'.padEnd(width)}  Value       Note`);
console.log(`${'-'.repeat(width)}  ----------  ----`);
for (const { measure, value, note } of rows) console.log(`${measure.padEnd(width)}  ${value.padEnd(10)}  ${note}`);
