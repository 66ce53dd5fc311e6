#!/usr/bin/env node
// npm run bench: measured, never assumed. Sizes come from the built bundle; times and reads come from the
// system Chromium driving the built kit against the real emulators, medians over several fresh visits.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { getApps, initializeApp } from 'firebase-admin/app';
import { FieldValue, getFirestore, Timestamp } from 'firebase-admin/firestore';
import { chromiumArgs, chromiumPath } from './chromium.mjs';
import { kb, measureBundle } from './bundle-size.mjs';
import { startEmulators, stopOnExit } from './emulators.mjs';
import { startStaticDemo } from './static-demo.mjs';

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

const OPTIONS = [
  ['smart', '🤓 Use the SMART goals framework'],
  ['buddy', '🤝 Find an accountability buddy'],
  ['game', '👾 Gamify your process'],
];
const pollMarkup = (poll, attributes = '') => `<cohort-poll poll="${poll}" ${attributes}>
  Which goal-setting approach will you try first?
  ${OPTIONS.map(([value, label]) => `<option value="${value}">${label}</option>`).join('\n')}
</cohort-poll>`;
const threadMarkup = (thread) =>
  `<cohort-thread thread="${thread}" prompt="Share one goal for the cohort."></cohort-thread>`;

// Records, from inside the page, when every element first painted its shell and when each had live data.
const probe = `<script>
  window.__bench = {};
  const live = (el) => {
    const root = el.shadowRoot;
    if (!root) return false;
    if (el.localName === 'cohort-poll') return !!root.querySelector('[aria-busy="false"][role="radiogroup"], [aria-busy="false"][role="group"]');
    if (el.localName === 'cohort-thread') return !!root.querySelector('[role="feed"][aria-busy="false"], .empty[part="feed"]');
    return true;
  };
  (function frame() {
    const els = [...document.querySelectorAll('cohort-poll, cohort-thread')];
    const now = performance.now();
    if (els.length && !__bench.firstPaint && els.every((el) => el.shadowRoot && el.shadowRoot.querySelector('.frame'))) __bench.firstPaint = now;
    if (els.length && !__bench.live && els.every(live)) __bench.live = now;
    if (!__bench.live) requestAnimationFrame(frame);
  })();
</script>`;
const page = (body, extra = '') => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench</title>
${probe}<script type="module" src="/kit/cohort-kit.js" ${settings(extra)}></script></head><body>${body}</body></html>`;

await db.doc(`spaces/${SPACE}`).set({ name: 'Bench', cohortLabel: '', norms: '', reportThreshold: 3 });

async function seedPoll(poll, votes) {
  const base = db.doc(`spaces/${SPACE}/polls/${poll}`);
  await db.recursiveDelete(base);
  await base.set({
    question: 'Which goal-setting approach will you try first?',
    optionValues: OPTIONS.map(([value]) => value),
    optionLabels: OPTIONS.map(([, label]) => label),
    multiple: false,
    maxChoices: 1,
    anonymous: false,
    allowSuggestions: false,
    closesAt: null,
    closed: false,
    createdBy: 'bench',
    createdAt: FieldValue.serverTimestamp(),
  });
  const shards = Array.from({ length: 8 }, () => ({ counts: {}, voters: 0 }));
  let batch = db.batch();
  for (let i = 0; i < votes; i++) {
    const value = OPTIONS[i % 3][0];
    const shard = shards[i % 8];
    shard.counts[value] = (shard.counts[value] ?? 0) + 1;
    shard.voters++;
    batch.set(base.collection('votes').doc(`voter-${i}`), {
      choices: [value],
      added: value,
      removed: '',
      shard: i % 8,
      votedAt: Timestamp.fromMillis(Date.now() - i * 1000),
      updatedAt: Timestamp.now(),
    });
    if ((i + 1) % 200 === 0) {
      await batch.commit();
      batch = db.batch();
    }
  }
  shards.forEach((shard, i) => batch.set(base.collection('shards').doc(String(i)), shard));
  // As first votes in a poll that is not anonymous leave it: a few names in three slots, apart from any choice.
  const names = Object.fromEntries(
    Array.from({ length: Math.min(votes, 3) }, (_, slot) => [String(slot), `Learner ${slot}`]),
  );
  batch.set(base.collection('recent').doc('voters'), { names });
  await batch.commit();
}

async function seedThread(thread, posts) {
  const base = db.doc(`spaces/${SPACE}/threads/${thread}`);
  await db.recursiveDelete(base);
  let batch = db.batch();
  for (let i = 0; i < posts; i++) {
    batch.set(base.collection('posts').doc(`post-${String(i).padStart(5, '0')}`), {
      authorId: `learner-${i % 40}`,
      authorName: `Learner ${i % 40}`,
      authorRole: 'learner',
      body: `Goal number ${i}: practise one **specific** habit each week and report back.`,
      parentId: null,
      createdAt: Timestamp.fromMillis(Date.now() - (posts - i) * 60000),
      editedAt: null,
      deleted: false,
      hidden: false,
      pinned: false,
      reactionCounts: {},
      reactionTotal: 0,
      replyCount: 0,
      reportCount: 0,
      lastReplyId: null,
      mentions: [],
      linkCount: 0,
    });
    if ((i + 1) % 200 === 0) {
      await batch.commit();
      batch = db.batch();
    }
  }
  await batch.commit();
}

const pages = {};
const server = await startStaticDemo({
  port: Number(process.env.BENCH_PORT ?? 5175),
  env: emulators.env,
  extraPages: pages,
});
const base = `http://127.0.0.1:${server.port}`;
const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs, headless: true });

/**
 * One fresh visitor: empty cache, no account (or, with `member`, a learner who has joined and posted once).
 * `act` runs after the first page is live, e.g. "Load more". Returns the page's timings and reads per widget.
 */
async function visit(path, { settle = 1500, member = false, act } = {}) {
  const context = await browser.newContext();
  const tab = await context.newPage();
  await tab.goto(`${base}${path}`);
  await tab.waitForFunction(() => window.__bench?.live, null, { timeout: 60000 });
  if (member) {
    // Join by posting once, then count a fresh view of this signed-in member.
    await tab.locator('cohort-thread #composer-text').fill('Joining the bench thread.');
    await tab.locator('cohort-thread').getByRole('button', { name: 'Post', exact: true }).click();
    await tab.locator('cohort-thread form.join input[name="displayName"]').fill('Bench member');
    await tab.locator('cohort-thread form.join button[type="submit"]').click();
    await tab
      .locator('cohort-thread article')
      .filter({ hasText: 'Joining the bench thread.' })
      .filter({ hasNotText: 'Waiting to send' })
      .first()
      .waitFor({ timeout: 30000 });
    await tab.reload();
    await tab.waitForFunction(() => window.__bench?.live, null, { timeout: 60000 });
  }
  await tab.waitForTimeout(settle); // let late snapshots land before counting reads
  if (act) {
    const before = await tab.evaluate(async () => (await import('/kit/cohort-kit.js')).documentReads('thread'));
    await act(tab);
    await tab.waitForTimeout(settle);
    const after = await tab.evaluate(async () => (await import('/kit/cohort-kit.js')).documentReads('thread'));
    await context.close();
    return { actReads: after - before };
  }
  const result = await tab.evaluate(async () => {
    const kit = await import('/kit/cohort-kit.js');
    const entry = performance.getEntriesByName(new URL('/kit/cohort-kit.js', location.href).href)[0];
    // Without the script's resource-timing entry the times would silently count from navigation: refuse.
    if (!entry) throw new Error('No resource-timing entry for /kit/cohort-kit.js: cannot time from script load.');
    const start = entry.startTime;
    return {
      firstPaint: window.__bench.firstPaint - start,
      live: window.__bench.live - start,
      reads: {
        poll: kit.documentReads('poll'),
        thread: kit.documentReads('thread'),
        space: kit.documentReads('space'),
      },
    };
  });
  await context.close();
  return result;
}

try {
  console.error('Every widget on one page…');
  await seedPoll('every-widget', 10);
  await seedThread('every-widget', 20);
  pages['/demo/bench-all.html'] = page(pollMarkup('every-widget', 'results="always"') + threadMarkup('every-widget'));
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

  console.error('Poll reads at 10 and 1,000 votes…');
  for (const votes of [10, 1000]) {
    await seedPoll(`reads-${votes}`, votes);
    pages[`/demo/bench-poll-${votes}.html`] = page(pollMarkup(`reads-${votes}`, 'results="always"'));
    const visits = [];
    for (let i = 0; i < 3; i++) visits.push(await visit(`/demo/bench-poll-${votes}.html`));
    row(`Documents read per poll view, ${votes} votes`, String(median(visits.map((r) => r.reads.poll))));
  }

  console.error('Thread reads and first page at 20 and 1,000 posts…');
  for (const posts of [20, 1000]) {
    await seedThread(`reads-${posts}`, posts);
    pages[`/demo/bench-thread-${posts}.html`] = page(threadMarkup(`reads-${posts}`));
    const visits = [];
    for (let i = 0; i < 3; i++) visits.push(await visit(`/demo/bench-thread-${posts}.html`));
    row(`Documents read per thread view, ${posts} posts`, String(median(visits.map((r) => r.reads.thread))));
    if (posts === 1000)
      row('Thread of 1,000 posts: script load → first page shown (median)', ms(median(visits.map((r) => r.live))));
  }

  console.error('Thread reads for a signed-in member, and for "Load more", at 1,000 posts…');
  {
    const members = [];
    for (let i = 0; i < 3; i++) members.push(await visit('/demo/bench-thread-1000.html', { member: true }));
    row(
      'Documents read per thread view, 1,000 posts, signed-in member',
      String(median(members.map((r) => r.reads.thread))),
      'page of 20 + constant (reactions, rate, hidden, arrivals…); the peers count() is one more',
    );
    const more = [];
    for (let i = 0; i < 3; i++)
      more.push(
        await visit('/demo/bench-thread-1000.html', {
          act: async (tab) => {
            await tab.locator('cohort-thread').getByRole('button', { name: 'Load more' }).click();
            await tab.waitForFunction(
              () => document.querySelector('cohort-thread').shadowRoot.querySelectorAll('.feed > article').length >= 40,
              null,
              { timeout: 30000 },
            );
          },
        }),
      );
    row('Documents read by "Load more", 1,000 posts', String(median(more.map((r) => r.actReads))), 'the next 20 only');
  }

  console.error('Vote in one browser → count in another…');
  await seedPoll('latency', 0);
  pages['/demo/bench-latency.html'] = page(pollMarkup('latency', 'results="always"') + threadMarkup('latency'));
  await seedThread('latency', 0);
  const voterContext = await browser.newContext();
  const watcherContext = await browser.newContext();
  const voter = await voterContext.newPage();
  const watcher = await watcherContext.newPage();
  await voter.goto(`${base}/demo/bench-latency.html`);
  await watcher.goto(`${base}/demo/bench-latency.html`);
  await Promise.all(
    [voter, watcher].map((tab) => tab.waitForFunction(() => window.__bench?.live, null, { timeout: 60000 })),
  );
  const radio = (tab, value) => tab.locator(`cohort-poll [data-value="${value}"]`);
  await radio(voter, 'smart').click();
  await voter.locator('cohort-poll form.join input[name="displayName"]').fill('Voter');
  await voter.locator('cohort-poll form.join button[type="submit"]').click();
  await radio(watcher, 'smart').filter({ hasText: '1 vote' }).waitFor({ timeout: 30000 });
  const voteTimes = [];
  for (let i = 0; i < RUNS; i++) {
    const target = i % 2 === 0 ? 'buddy' : 'smart';
    const started = performance.now();
    await radio(voter, target).click();
    await radio(watcher, target)
      .filter({ hasText: /1 vote · 100 %/ })
      .waitFor({ timeout: 30000 });
    voteTimes.push(performance.now() - started);
  }
  row('Vote in one context → count updated in another (median)', ms(median(voteTimes)), `${RUNS} votes`);

  console.error('Post in one browser → arrives in another (10 s apart: the rate limit)…');
  const composer = (tab) => tab.locator('cohort-thread #composer-text');
  const postTimes = [];
  for (let i = 0; i < 3; i++) {
    if (i > 0) await voter.waitForTimeout(10500);
    await composer(voter).fill(`Benchmark post ${i}`);
    const started = performance.now();
    await voter.locator('cohort-thread').getByRole('button', { name: 'Post', exact: true }).click();
    await watcher
      .locator('cohort-thread')
      .getByText(`Benchmark post ${i}`)
      .or(watcher.locator('cohort-thread').getByText(/new posts? — show/))
      .first()
      .waitFor({ timeout: 30000 });
    postTimes.push(performance.now() - started);
    const show = watcher.locator('cohort-thread').getByText(/new posts? — show/);
    if (await show.count()) await show.first().click();
  }
  row('Post in one context → reaches another open thread (median)', ms(median(postTimes)), '3 posts');
  await voterContext.close();
  await watcherContext.close();
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
