// Measures the script-tag bundle from the build manifest: what a page loads before a widget's first
// paint (the entry, the widget's chunk and everything they import statically) and the lazily loaded
// Firebase chunks. Used by the budget check in npm test and by npm run bench.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const distDir = join(root, 'packages', 'kit', 'dist');

export const BUDGET = {
  firstPaintBytes: 20 * 1024,
  firebaseBytes: 135 * 1024,
};

const gzipped = (file) => gzipSync(readFileSync(join(distDir, file)), { level: 9 }).length;

function staticClosure(manifest, keys) {
  const seen = new Set();
  const visit = (key) => {
    if (seen.has(key)) return;
    seen.add(key);
    for (const next of manifest[key]?.imports ?? []) visit(next);
  };
  keys.forEach(visit);
  return [...seen].map((key) => manifest[key].file);
}

export function measureBundle() {
  const manifest = JSON.parse(readFileSync(join(distDir, '.vite', 'manifest.json'), 'utf8'));
  const entryKey = Object.keys(manifest).find((key) => manifest[key].isEntry);
  const entry = manifest[entryKey];
  if (entry.file !== 'cohort-kit.js') throw new Error(`unexpected entry file ${entry.file}`);
  // The kit loads each element by dynamic import when its tag appears: one row per element.
  const widgets = {};
  for (const key of entry.dynamicImports ?? []) {
    const tag = /\/(cohort-[a-z]+)\.ts$/.exec(key)?.[1];
    if (!tag) continue;
    const files = staticClosure(manifest, [entryKey, key]);
    widgets[tag] = {
      files,
      bytes: files.reduce((sum, file) => sum + gzipped(file), 0),
      // What this element adds on top of what every element shares (the entry, Lit, the core).
      own: gzipped(manifest[key].file),
    };
  }
  const firebaseFiles = Object.values(manifest)
    .map((chunk) => chunk.file)
    .filter((file) => /chunks\/firebase(-auth)?-[\w-]+\.js$/.test(file));
  const firebase = { files: firebaseFiles, bytes: firebaseFiles.reduce((sum, file) => sum + gzipped(file), 0) };
  const entryBytes = gzipped(entry.file);
  return { entryBytes, widgets, firebase };
}

export const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

/** Returns the list of budget failures (empty when within budget). */
export function checkBudget(measured = measureBundle()) {
  const failures = [];
  for (const [tag, { bytes }] of Object.entries(measured.widgets)) {
    if (bytes > BUDGET.firstPaintBytes) {
      failures.push(`<${tag}> first paint needs ${kb(bytes)} gzipped (budget ${kb(BUDGET.firstPaintBytes)})`);
    }
  }
  if (measured.firebase.bytes > BUDGET.firebaseBytes) {
    failures.push(`Firebase chunk is ${kb(measured.firebase.bytes)} gzipped (budget ${kb(BUDGET.firebaseBytes)})`);
  }
  if (Object.keys(measured.widgets).length === 0) failures.push('no element chunks found in the build');
  return failures;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const measured = measureBundle();
  for (const [tag, { bytes, files }] of Object.entries(measured.widgets)) {
    console.log(`<${tag}> before first paint: ${kb(bytes)} gzipped (${files.join(', ')})`);
  }
  console.log(`Firebase (Firestore + Auth), lazy: ${kb(measured.firebase.bytes)} gzipped`);
  const failures = checkBudget(measured);
  for (const failure of failures) console.error(`over budget: ${failure}`);
  process.exit(failures.length ? 1 : 0);
}
