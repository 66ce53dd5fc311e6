// Custom Elements Manifests from the TypeScript sources: one per widget package, a merged one for the kit
// (which Storybook reads for its Controls). Usage: node scripts/manifest.mjs [--quiet]
//
// The analyzer runs through its programmatic `create()` rather than the `cem analyze` CLI: the CLI rewrites the
// package.json of whatever directory it runs in, and it knows neither our `defineElement()` registration nor
// base classes that live in another workspace package.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, posix, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { create, ts } from '@custom-elements-manifest/analyzer';
import { litPlugin } from '@custom-elements-manifest/analyzer/src/features/framework-plugins/lit/lit.js';

import { PACKAGES, ROOT, widgetPackages } from './workspace.mjs';

const KIT = 'kit';
/** Packages analysed for their base classes only (inherited attributes, slots, events); they get no manifest here. */
const BASE_PACKAGES = ['core'];

const toPosix = (path) => path.split('\\').join('/');

/** Every .ts source below `dir`, repo-relative, without tests, declarations or generated translations. */
function sources(dir) {
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'locales' && entry.name !== 'node_modules') found.push(...sources(path));
    } else if (/\.ts$/.test(entry.name) && !/\.(test|d)\.ts$/.test(entry.name)) {
      found.push(toPosix(relative(ROOT, path)));
    }
  }
  return found.sort();
}

function packageName(dir) {
  return JSON.parse(readFileSync(join(PACKAGES, dir, 'package.json'), 'utf8')).name;
}

/** The package folder of a repo-relative path (`packages/poll/src/poll.ts` → `poll`). */
const packageOf = (path) => path.split('/')[1];

/**
 * Teaches the analyzer our registration, `defineElement('cohort-poll', CohortPoll)`, so each tag file exports
 * a `custom-element-definition` like a plain `customElements.define()` would.
 */
function defineElementPlugin() {
  return {
    name: 'cohort-kit:define-element',
    analyzePhase({ ts, node, moduleDoc }) {
      if (!ts.isCallExpression(node) || !ts.isIdentifier(node.expression) || node.expression.text !== 'defineElement')
        return;
      const [tag, klass] = node.arguments;
      if (!tag || !klass || !ts.isStringLiteral(tag) || !ts.isIdentifier(klass)) return;
      let module = moduleDoc.path;
      for (const statement of node.getSourceFile().statements) {
        if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
        const named = statement.importClause?.namedBindings;
        if (named && ts.isNamedImports(named) && named.elements.some((element) => element.name.text === klass.text)) {
          const specifier = statement.moduleSpecifier.text;
          if (specifier.startsWith('.'))
            module = posix.join(posix.dirname(moduleDoc.path), specifier).replace(/\.js$/, '.ts');
        }
      }
      moduleDoc.exports = [
        ...(moduleDoc.exports ?? []),
        { kind: 'custom-element-definition', name: tag.text, declaration: { name: klass.text, module } },
      ];
    },
  };
}

/** Drops what no consumer can reach (`#private`, TS `private`); points inherited items at their package. */
function publicApi(declaration, names) {
  const fix = (item) => {
    const from = item.inheritedFrom;
    if (from?.module?.startsWith('packages/')) {
      const dir = packageOf(from.module);
      item.inheritedFrom = {
        name: from.name,
        package: names.get(dir),
        module: from.module.split('/').slice(2).join('/'),
      };
    }
    return item;
  };
  for (const key of ['members', 'attributes', 'events', 'slots', 'cssParts', 'cssProperties', 'cssStates']) {
    if (!declaration[key]) continue;
    declaration[key] = declaration[key]
      .filter((item) => !item.name?.startsWith('#') && item.privacy !== 'private')
      // Every event is a `cohort-` event; the analyzer reads `dispatchEvent(new CohortErrorEvent(problem))` as an
      // event named "problem", which no listener could hear.
      .filter((item) => key !== 'events' || item.name.startsWith('cohort-'))
      .map(fix);
    if (declaration[key].length === 0) delete declaration[key];
  }
  return declaration;
}

/** Rewrites repo-relative paths in a module: `packages/poll/src/x.ts` → `src/x.ts` (own) or `<prefix>src/x.ts`. */
function relocate(module, prefixFor) {
  const move = (path) =>
    path?.startsWith('packages/') ? prefixFor(packageOf(path)) + path.split('/').slice(2).join('/') : path;
  // Re-exports come out as written (`./poll.js`); name the source module instead, like every other reference.
  const resolve = (path) =>
    path?.startsWith('.') ? posix.join(posix.dirname(module.path), path).replace(/\.js$/, '.ts') : path;
  const copy = structuredClone(module);
  copy.path = move(copy.path);
  for (const item of copy.exports ?? []) {
    if (item.declaration?.module) item.declaration.module = move(resolve(item.declaration.module));
  }
  return copy;
}

function writeIfChanged(file, manifest) {
  const text = `${JSON.stringify(manifest, null, 2)}\n`;
  if (existsSync(file) && readFileSync(file, 'utf8') === text) return false;
  writeFileSync(file, text);
  return true;
}

const manifestOf = (modules) => ({ schemaVersion: '1.0.0', readme: '', modules });

/**
 * Analyses every widget package (with the base packages, so inherited API comes through) and writes
 * packages/<widget>/custom-elements.json and the merged packages/kit/custom-elements.json.
 */
export function writeManifests({ quiet = false } = {}) {
  const started = performance.now();
  const widgets = widgetPackages();
  const names = new Map([...widgets, ...BASE_PACKAGES, KIT].map((dir) => [dir, packageName(dir)]));
  const files = [...BASE_PACKAGES, ...widgets].flatMap((dir) => sources(join(PACKAGES, dir, 'src')));
  const modules = files.map((file) =>
    ts.createSourceFile(file, readFileSync(join(ROOT, file), 'utf8'), ts.ScriptTarget.ES2022, true),
  );
  const analysed = create({ modules, plugins: [...litPlugin(), defineElementPlugin()], context: { dev: false } });

  const byPackage = new Map(widgets.map((dir) => [dir, []]));
  for (const module of analysed.modules) {
    module.declarations = (module.declarations ?? []).map((declaration) =>
      declaration.kind === 'class' ? publicApi(declaration, names) : declaration,
    );
    byPackage.get(packageOf(module.path))?.push(module);
  }

  const written = [];
  const elements = [];
  for (const [dir, own] of byPackage) {
    const file = join(PACKAGES, dir, 'custom-elements.json');
    const manifest = manifestOf(
      own.map((module) => relocate(module, (pkg) => (pkg === dir ? '' : `${names.get(pkg)}/`))),
    );
    if (writeIfChanged(file, manifest)) written.push(toPosix(relative(ROOT, file)));
    for (const module of own) {
      for (const declaration of module.declarations) if (declaration.tagName) elements.push(declaration.tagName);
    }
  }
  // The kit ships every widget, so its manifest names each module by its package: `@cohort-kit/poll/src/poll.ts`.
  const merged = manifestOf(
    [...byPackage.values()].flat().map((module) => relocate(module, (pkg) => `${names.get(pkg)}/`)),
  );
  const kitFile = join(PACKAGES, KIT, 'custom-elements.json');
  if (writeIfChanged(kitFile, merged)) written.push(toPosix(relative(ROOT, kitFile)));

  const ms = Math.round(performance.now() - started);
  if (!quiet) {
    console.log(
      `manifest: ${elements.length} element(s) <${elements.join('>, <')}> from ${widgets.length} package(s) (${widgets.join(', ')}) + kit; ` +
        `${written.length ? `wrote ${written.join(', ')}` : 'all up to date'} in ${ms} ms`,
    );
  }
  return { widgets, elements, written, manifest: merged };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  writeManifests({ quiet: process.argv.includes('--quiet') });
}
