// Measures the script-tag bundle from the build manifest: what a page loads before a widget's first
// paint (the entry, the widget's chunk and everything they import statically) and the lazily loaded
// Firebase chunks. Used by the budget check in npm test and by npm run bench.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { widgetTags } from './workspace.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const distDir = join(root, 'packages', 'kit', 'dist');

/** Features a page opts into, by the sources their chunks come from: none may weigh on a first paint. */
const OPTIONAL = { xAPI: /^src\/xapi\// };

export const BUDGET = {
  firstPaintBytes: 20 * 1024,
  firebaseBytes: 135 * 1024,
  resizerBytes: 1024,
};
/** resizer.js, the one script a host page includes to size the embed frames (built with the embed pages). */
const resizerFile = join(root, 'packages', 'embed', 'dist', 'web', 'resizer.js');

const gzipped = (file) => gzipSync(readFileSync(join(distDir, file)), { level: 9 }).length;

/** The files a page loads for these chunks: each one and everything it imports statically. */
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

const sumGzipped = (files) => files.reduce((sum, file) => sum + gzipped(file), 0);

export function measureBundle() {
  const manifest = JSON.parse(readFileSync(join(distDir, '.vite', 'manifest.json'), 'utf8'));
  const entryKey = Object.keys(manifest).find((key) => manifest[key].isEntry);
  const entry = manifest[entryKey];
  if (entry.file !== 'cohort-kit.js') throw new Error(`unexpected entry file ${entry.file}`);
  const entryFiles = staticClosure(manifest, [entryKey]);
  // The kit loads each element by dynamic import when its tag appears: one row per element.
  const widgets = {};
  for (const key of entry.dynamicImports ?? []) {
    const tag = /\/(cohort-[a-z-]+)\.ts$/.exec(key)?.[1];
    if (!tag) continue;
    const files = staticClosure(manifest, [entryKey, key]);
    // What this element adds to a page's first paint beyond the script tag: its chunk and every shared chunk
    // (Lit, the core) it pulls in that the entry does not already load.
    const addedFiles = files.filter((file) => !entryFiles.includes(file));
    const added = sumGzipped(addedFiles);
    widgets[tag] = { files, bytes: sumGzipped(files), addedFiles, added, own: added };
  }
  const firebaseFiles = Object.values(manifest)
    .map((chunk) => chunk.file)
    .filter((file) => /chunks\/firebase(-auth)?-[\w-]+\.js$/.test(file));
  const firebase = { files: firebaseFiles, bytes: sumGzipped(firebaseFiles) };
  // Code only some pages use (xAPI), loaded only when configured: the chunks made from its sources.
  const optional = {};
  for (const [name, pattern] of Object.entries(OPTIONAL)) {
    const keys = Object.keys(manifest).filter((key) => pattern.test(key));
    const files = [...new Set(keys.map((key) => manifest[key].file))];
    optional[name] = { files, bytes: sumGzipped(files) };
  }
  // The script tag itself (and anything it imports statically): what every page pays before any element.
  const entryBytes = sumGzipped(entryFiles);
  const resizerBytes = gzipSync(readFileSync(resizerFile), { level: 9 }).length;
  return { entryBytes, entryFileBytes: gzipped(entry.file), entryFiles, widgets, firebase, optional, resizerBytes };
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
  // SCORM code loads with <cohort-scorm> alone: a page that holds no SCORM package never paints with it.
  for (const [tag, { files }] of Object.entries(measured.widgets)) {
    const scorm = files.filter((file) => /(^|\/)(cohort-)?scorm[-.]/.test(file));
    if (tag !== 'cohort-scorm' && scorm.length)
      failures.push(`<${tag}> first paint loads SCORM code (${scorm.join(', ')})`);
  }
  if (measured.resizerBytes > BUDGET.resizerBytes) {
    failures.push(`resizer.js is ${kb(measured.resizerBytes)} gzipped (budget ${kb(BUDGET.resizerBytes)})`);
  }
  for (const [name, { files }] of Object.entries(measured.optional ?? {})) {
    if (!files.length) failures.push(`no ${name} chunk in the build: is it still loaded lazily?`);
    const firstPaint = new Set([measured.entryFiles, ...Object.values(measured.widgets).map((w) => w.files)].flat());
    const early = files.filter((file) => firstPaint.has(file));
    if (early.length) failures.push(`${name} is in a first paint (${early.join(', ')}); load it only when configured`);
  }
  // The kit finds widgets by their registration files; one the build missed would never load on a page.
  const missing = widgetTags().filter((tag) => !measured.widgets[tag]);
  if (missing.length) failures.push(`no chunk in the build for ${missing.map((tag) => `<${tag}>`).join(', ')}`);
  return failures;
}

/** The lines the budget step and this script print. */
export function describeBundle(measured) {
  const imports = measured.entryFiles.slice(1);
  const lines = [
    `Script tag: cohort-kit.js ${kb(measured.entryFileBytes)} gzipped; with what it imports statically ` +
      `(${imports.join(', ') || 'nothing'}) ${kb(measured.entryBytes)}`,
  ];
  for (const [tag, { bytes, added, addedFiles }] of Object.entries(measured.widgets)) {
    lines.push(
      `<${tag}> before first paint: ${kb(bytes)} gzipped (budget ${kb(BUDGET.firstPaintBytes)}); ` +
        `adds ${kb(added)} beyond the script tag (${addedFiles.join(', ')})`,
    );
  }
  for (const [name, { files, bytes }] of Object.entries(measured.optional ?? {})) {
    lines.push(`${name}, lazy, only when configured: ${kb(bytes)} gzipped (${files.join(', ')}), in no first paint`);
  }
  lines.push(
    `Firebase chunk (Firestore + Auth), lazy: ${kb(measured.firebase.bytes)} gzipped (budget ${kb(BUDGET.firebaseBytes)})`,
    `resizer.js (embed hosts): ${measured.resizerBytes} bytes gzipped (budget ${BUDGET.resizerBytes})`,
  );
  return lines;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const measured = measureBundle();
  for (const line of describeBundle(measured)) console.log(line);
  const failures = checkBudget(measured);
  for (const failure of failures) console.error(`over budget: ${failure}`);
  process.exit(failures.length ? 1 : 0);
}
