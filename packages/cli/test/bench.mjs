// The command-line tool's part of npm run bench (scripts/bench.mjs runs the measure of every package without an
// element that has a test/bench.mjs): how long `cohort-kit export` takes for a large round.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportSpace } from '../src/export.mjs';
import { seedRound } from './round-seed.mjs';

const MEMBERS = 200;
const POSTS = 5000;

/** @param {{db: import('firebase-admin/firestore').Firestore, row: (measure: string, value: string, note?: string) => void, median: (values: number[]) => number, ms: (value: number) => string, runs: number}} context */
export async function measure({ db, row, median, ms, runs }) {
  const spaceId = 'bench-export';
  await db.recursiveDelete(db.doc(`spaces/${spaceId}`));
  const { counts } = await seedRound(db, spaceId, { members: MEMBERS, posts: POSTS });
  const times = [];
  let documents = 0;
  for (let run = 0; run < Math.min(runs, 3); run++) {
    const out = await mkdtemp(join(tmpdir(), 'cohort-export-'));
    const started = performance.now();
    ({ documents } = await exportSpace(db, { spaceId, out }));
    times.push(performance.now() - started);
    await rm(out, { recursive: true, force: true });
  }
  row(
    `cohort-kit export, ${counts.members} members and ${counts.posts.toLocaleString('en')} posts (median)`,
    ms(median(times)),
    `${documents.toLocaleString('en')} documents; JSON, CSV and archive.html; ${times.length} runs`,
  );
}
