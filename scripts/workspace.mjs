// The workspace by discovery: every script that needs "all the widgets" (the manifest, the kit's type check, the
// test seeding, the bench) asks here rather than keeping its own list. A widget package is a folder of packages/
// whose src/ holds a `cohort-<tag>.ts` file that registers an element.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const PACKAGES = join(ROOT, 'packages');
/** The script-tag bundle: it holds a `cohort-kit.ts` entry, which is no element. */
const KIT = 'kit';

const packageDirs = () =>
  readdirSync(PACKAGES, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(PACKAGES, entry.name, 'package.json')))
    .map((entry) => entry.name)
    .sort();

/** A tag file registers an element (core's `cohort-element.ts` is a base class and does not). */
function isRegistration(file) {
  return /\b(defineElement|customElements\.define)\(\s*['"]cohort-/.test(readFileSync(file, 'utf8'));
}

/** Each widget package's registration files, by package: `{ poll: ['cohort-poll.ts'] }`. */
export function registrations() {
  const found = {};
  for (const name of packageDirs()) {
    const src = join(PACKAGES, name, 'src');
    if (name === KIT || !existsSync(src)) continue;
    const files = readdirSync(src).filter(
      (file) => /^cohort-.+\.ts$/.test(file) && !/\.(test|d)\.ts$/.test(file) && isRegistration(join(src, file)),
    );
    if (files.length) found[name] = files.sort();
  }
  return found;
}

/** Widget packages, by folder name. */
export function widgetPackages() {
  return Object.keys(registrations()).sort();
}

/** Every element tag a widget package registers. */
export function widgetTags() {
  return Object.values(registrations())
    .flat()
    .map((file) => file.replace(/\.ts$/, ''))
    .sort();
}

/** The TypeScript projects to build, each a package with its own tsconfig.json (tsc -b orders them by references). */
export function typeScriptProjects() {
  return packageDirs()
    .filter((name) => existsSync(join(PACKAGES, name, 'tsconfig.json')))
    .map((name) => `packages/${name}`);
}

// `node scripts/workspace.mjs tsc`: builds every package's types, in reference order, without a hand-kept list.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1] && process.argv[2] === 'tsc') {
  const { spawnSync } = await import('node:child_process');
  const built = spawnSync('npx', ['tsc', '-b', ...typeScriptProjects()], { cwd: ROOT, stdio: 'inherit' });
  process.exit(built.status ?? 1);
}
