// <cohort-badge>'s part of npm run bench (scripts/bench.mjs finds this file): its markup, a badge with holders, and
// the measures a badge answers for: reads per view as holders grow, and the burst (many learners claiming an
// edition at once) in claims per second and the worst wait.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { Timestamp } from 'firebase-admin/firestore';

export const tag = 'cohort-badge';
/** The name its reads are metered under (documentReads('badge')). */
export const reads = 'badge';
/** How many holders it has on the page with every widget. */
export const typicalSize = 12;

export const markup = (badge) => `<cohort-badge badge="${badge}"></cohort-badge>`;

/** In the page: whether this element shows live data (its badge, not the skeleton). */
export const liveCheck = `(root) => !!root.querySelector('.badge-root[aria-busy="false"]')`;

const EDITION = 1000;

/** A badge with `holders` holders, as claims leave it (every third hides their name). */
export async function seed(db, SPACE, badge, holders, edition = EDITION) {
  const base = db.doc(`spaces/${SPACE}/badges/${badge}`);
  await db.recursiveDelete(base);
  await base.set({
    name: 'Founding Voices',
    description: "Shaped the spring 2026 cohort's conversation.",
    criteria: { posts: 2, replies: 2, feedbackGiven: 2, goals: 1 },
    hints: {},
    edition,
    closesAt: null,
    image: '',
    retired: false,
    retiredAt: null,
    issued: holders,
    createdAt: Timestamp.now(),
    updatedAt: Timestamp.now(),
  });
  let batch = db.batch();
  for (let number = 1; number <= holders; number++) {
    batch.set(base.collection('holders').doc(`holder-${number}`), {
      number,
      name: number % 3 === 0 ? '' : `Learner ${number}`,
      claimedAt: Timestamp.fromMillis(Date.now() - (holders - number) * 1000),
    });
    if (number % 400 === 0) {
      await batch.commit();
      batch = db.batch();
    }
  }
  await batch.commit();
}

/**
 * The burst module (test/burst.ts, which claims through the badge's own data module) built for Node: the badge's
 * core imports are the core sources the rules tests use, as in the browser build.
 */
export async function loadBurst() {
  const root = fileURLToPath(new URL('../../..', import.meta.url));
  const out = join(root, 'node_modules', '.cache', 'cohort-badge-bench', 'burst.mjs');
  mkdirSync(join(out, '..'), { recursive: true });
  const shim = join(root, 'node_modules', '.cache', 'cohort-badge-bench', 'core-data.mjs');
  await build({
    stdin: {
      contents: `export * from '${join(root, 'packages/core/src/ledger.ts')}';
        export * from '${join(root, 'packages/core/src/rate-document.ts')}';`,
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile: shim,
    packages: 'external',
    logLevel: 'error',
  });
  await build({
    entryPoints: [join(root, 'packages/badge/test/burst.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile: out,
    external: ['firebase', 'firebase/*', 'firebase-admin', 'firebase-admin/*', '@cohort-kit/core/data.js'],
    plugins: [
      {
        name: 'core-data-sources',
        setup(builder) {
          builder.onResolve({ filter: /^@cohort-kit\/core\/data\.js$/ }, () => ({ path: shim, external: true }));
        },
      },
    ],
    logLevel: 'error',
  });
  return import(pathToFileURL(out).href);
}

export async function measure({ db, space, page, pages, visit, row, median, ms }) {
  console.error('Badge reads at 5 and 200 holders…');
  for (const holders of [5, 200]) {
    await seed(db, space, `reads-${holders}`, holders);
    pages[`/demo/bench-badge-${holders}.html`] = page(markup(`reads-${holders}`));
    const visits = [];
    for (let i = 0; i < 3; i++) visits.push(await visit(`/demo/bench-badge-${holders}.html`, { reads: 'badge' }));
    row(`Documents read per badge view, ${holders} holders`, String(median(visits.map((r) => r.reads.badge))));
  }
  console.error('The burst: 30 learners claiming an edition of 20 at once…');
  const { burst } = await loadBurst();
  await seed(db, space, 'burst', 0, 20);
  const result = await burst(db, space, 'burst', 30, { posts: 2, replies: 2, feedbackGiven: 2, goals: 1 });
  const claimed = result.outcomes.filter((each) => typeof each === 'number').length;
  row('Burst: copies claimed of 20, by 30 learners at once', String(claimed), `${30 - claimed} told all were claimed`);
  row('Burst: claims per second', (claimed / (result.totalMs / 1000)).toFixed(1), `${ms(result.totalMs)} in all`);
  row('Burst: worst wait for an answer', ms(Math.max(...result.waits)), `median ${ms(median(result.waits))}`);
}
