#!/usr/bin/env node
// Composes the deployable firestore.rules from fragments that live beside the code they guard:
//   packages/core/rules/helpers.rules   functions every widget calls (sign-in, space paths, members, text checks)
//   packages/core/rules/space.rules     the space document and its members
//   packages/<widget>/rules/*.rules     each widget's collections under spaces/{spaceId}, found by discovery
// firestore.rules stays committed (Firebase deploys it, the rules tests load it). `node scripts/rules.mjs` writes
// it; `--check` exits 1 when it is stale, which npm test runs.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PACKAGES = join(ROOT, 'packages');
const OUTPUT = join(ROOT, 'firestore.rules');

const read = (path) => readFileSync(path, 'utf8').replace(/\s+$/, '') + '\n';

/** Every widget package's fragments, in package then file order, so the output does not depend on the disk. */
export function widgetFragments() {
  const fragments = [];
  for (const name of readdirSync(PACKAGES).sort()) {
    if (name === 'core') continue;
    const dir = join(PACKAGES, name, 'rules');
    if (!existsSync(dir)) continue;
    for (const file of readdirSync(dir).sort()) {
      if (file.endsWith('.rules')) fragments.push({ name: `packages/${name}/rules/${file}`, path: join(dir, file) });
    }
  }
  return fragments;
}

/** Indents a fragment written at column 0 to its place in the tree. */
const indent = (text, spaces) =>
  text
    .split('\n')
    .map((line) => (line ? ' '.repeat(spaces) + line : line))
    .join('\n');

/**
 * The ledger's `contributionMade()` asks each widget whether a contribution of its kinds was made: every
 * `<widget>ContributionMade(uid, kind, parts, made)` a fragment defines, joined with ||.
 */
function widgetContributions(fragments) {
  const calls = fragments.flatMap((fragment) =>
    [...read(fragment.path).matchAll(/^function (\w+ContributionMade)\(uid, kind, parts, made\)/gm)].map(
      (match) => `${match[1]}(uid, kind, parts, made)`,
    ),
  );
  return calls.length ? calls.join('\n        || ') : 'false';
}

export function composeRules() {
  const core = join(PACKAGES, 'core', 'rules');
  const fragments = widgetFragments();
  const space = read(join(core, 'space.rules')).replace('WIDGET_CONTRIBUTIONS', widgetContributions(fragments));
  const parts = [
    "rules_version = '2';",
    '',
    "// Cohort Kit security rules: the only real guard, since the page's Firebase config is public.",
    '// Deny by default; every allowed write is validated. See SECURITY.md for the threat model.',
    "// Composed by scripts/rules.mjs from packages/core/rules/ and each widget's rules/ folder: edit those, then",
    '// run `node scripts/rules.mjs` (npm test fails while this file is stale).',
    'service cloud.firestore {',
    '  match /databases/{database}/documents {',
    '',
    indent(read(join(core, 'helpers.rules')), 4),
    '    match /spaces/{spaceId} {',
    indent(space, 6),
  ];
  for (const fragment of fragments) {
    parts.push(`      // ===== ${fragment.name} =====`, indent(read(fragment.path), 6));
  }
  parts.push(
    '    }',
    '',
    '    // Default deny: a path no match above allows is refused. Never add a recursive wildcard match here:',
    '    // allows add up across matches, so one `allow` on /{document=**} would open every collection.',
    '  }',
    '}',
    '',
  );
  return parts.join('\n').replace(/\n{3,}/g, '\n\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const composed = composeRules();
  if (process.argv.includes('--check')) {
    const current = existsSync(OUTPUT) ? readFileSync(OUTPUT, 'utf8') : '';
    if (current !== composed) {
      console.error(
        'firestore.rules is stale: it differs from the fragments in packages/*/rules. Run: node scripts/rules.mjs',
      );
      process.exit(1);
    }
    console.log(`firestore.rules matches its ${2 + widgetFragments().length} fragments`);
  } else {
    writeFileSync(OUTPUT, composed);
    console.log(`wrote firestore.rules from ${2 + widgetFragments().length} fragments`);
  }
}
