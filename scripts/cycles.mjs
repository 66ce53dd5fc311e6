#!/usr/bin/env node
// Fails when the packages' sources import each other in a cycle. A cycle makes module order decide which value is
// still undefined at first use, and ties lazily loaded code to first paint. Type-only imports and dynamic
// import() calls are not evaluation edges and are left out. Usage: node scripts/cycles.mjs (npm run lint runs it).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { PACKAGES, ROOT } from './workspace.mjs';

/** Every non-test .ts source under packages/*\/src. */
function sources() {
  const walk = (dir) =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return walk(path);
      return /\.ts$/.test(entry.name) && !/\.(test|d|stories)\.ts$/.test(entry.name) ? [path] : [];
    });
  return readdirSync(PACKAGES)
    .map((name) => join(PACKAGES, name, 'src'))
    .filter((dir) => existsSync(dir))
    .flatMap(walk);
}

/** `@cohort-kit/core/data.js` → packages/core/src/data.ts, through the package's `source` export condition. */
function resolveWorkspace(specifier) {
  const [, name, subpath] = /^@cohort-kit\/([^/]+)(?:\/(.+))?$/.exec(specifier) ?? [];
  if (!name) return undefined;
  const manifest = JSON.parse(readFileSync(join(PACKAGES, name, 'package.json'), 'utf8'));
  const target = manifest.exports?.[subpath ? `./${subpath}` : '.'];
  const source = typeof target === 'string' ? target : target?.source;
  return source ? join(PACKAGES, name, source) : undefined;
}

function resolveImport(from, specifier) {
  if (specifier.startsWith('.')) {
    const path = resolve(dirname(from), specifier).replace(/\.js$/, '.ts');
    return existsSync(path) ? path : undefined;
  }
  return resolveWorkspace(specifier);
}

/** The modules a file evaluates before itself: static imports and re-exports that carry values. */
function staticImports(file) {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, false);
  const found = [];
  for (const statement of source.statements) {
    const isImport = ts.isImportDeclaration(statement) && !statement.importClause?.isTypeOnly;
    const isExport = ts.isExportDeclaration(statement) && !statement.isTypeOnly && statement.moduleSpecifier;
    if (!isImport && !isExport) continue;
    const bindings = statement.importClause?.namedBindings;
    // `import { type A, type B } from` carries no value either.
    if (bindings && ts.isNamedImports(bindings) && bindings.elements.length && !statement.importClause.name) {
      if (bindings.elements.every((element) => element.isTypeOnly)) continue;
    }
    const target = resolveImport(file, statement.moduleSpecifier.text);
    if (target) found.push(target);
  }
  return found;
}

/** Strongly connected components of more than one module (or a module importing itself): the cycles. */
export function findCycles(files = sources()) {
  const graph = new Map(files.map((file) => [file, staticImports(file)]));
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const cycles = [];
  let counter = 0;
  const visit = (node) => {
    index.set(node, counter);
    low.set(node, counter++);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!graph.has(next)) continue;
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node), low.get(next)));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node), index.get(next)));
    }
    if (low.get(node) === index.get(node)) {
      const component = [];
      let member;
      do {
        member = stack.pop();
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || graph.get(node).includes(node)) cycles.push(component.reverse());
    }
  };
  for (const file of graph.keys()) if (!index.has(file)) visit(file);
  return cycles.map((component) => component.map((file) => relative(ROOT, file)));
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) {
  const cycles = findCycles();
  for (const cycle of cycles) console.error(`import cycle: ${cycle.join(' → ')} → ${cycle[0]}`);
  if (cycles.length) process.exit(1);
  console.log(`no import cycles in ${sources().length} modules`);
}
