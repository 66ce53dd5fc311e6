import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StorybookConfig } from '@storybook/web-components-vite';
import { defaultClientConditions, mergeConfig } from 'vite';
import { writeManifests } from '../scripts/manifest.mjs';
import { widgetPackages } from '../scripts/workspace.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Browser-side TypeScript: the runtime, every widget, the kit, and the stories. */
function browserSources(): string[] {
  const walk = (dir: string): string[] =>
    existsSync(dir)
      ? readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
          entry.isDirectory()
            ? walk(join(dir, entry.name))
            : /\.ts$/.test(entry.name) && !/\.(test|d)\.ts$/.test(entry.name)
              ? [join(dir, entry.name)]
              : [],
        )
      : [];
  const packages = ['core', 'kit', ...widgetPackages()];
  return [
    ...packages.flatMap((name) => ['src', 'stories', 'testing'].map((dir) => join(root, 'packages', name, dir))),
    join(root, 'stories'),
  ].flatMap(walk);
}

/**
 * Every npm module the browser code imports, statically or by dynamic import (Firebase arrives after first paint).
 * Vite pre-bundles these up front; a module it met only mid-run (a widget's new lit directive, say) would make it
 * re-optimise and reload the page under a running test. Reading the sources keeps the list current by itself.
 */
function browserDependencies(): string[] {
  const specifier = /(?:^|[\s;])(?:import|export)\s[^'"]*?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;
  const found = new Set<string>();
  for (const file of browserSources()) {
    for (const match of readFileSync(file, 'utf8').matchAll(specifier)) {
      const id = match[1] ?? match[2];
      if (!id || id.startsWith('.') || id.startsWith('node:') || id.startsWith('@cohort-kit/')) continue;
      if (/^import\s+type\s/.test(match[0].trim())) continue;
      const name = id.startsWith('@') ? id.split('/').slice(0, 2).join('/') : id.split('/')[0]!;
      if (existsSync(join(root, 'node_modules', name))) found.add(id);
    }
  }
  return [...found].sort();
}

const config: StorybookConfig = {
  framework: '@storybook/web-components-vite',
  // Each widget's stories live in its package; stories/ holds those that span widgets.
  stories: ['../stories/**/*.stories.ts', '../packages/*/stories/*.stories.ts'],
  addons: ['@storybook/addon-a11y', '@storybook/addon-vitest'],
  // The machine running this may have no internet at all.
  core: { disableTelemetry: true },
  async viteFinal(viteConfig) {
    // Controls come from the manifest; regenerate it so they never describe last week's attributes.
    writeManifests({ quiet: true });
    return mergeConfig(viteConfig, {
      // `@cohort-kit/*` resolve to their TypeScript sources (package.json exports carry a `source` condition).
      resolve: { conditions: ['source', ...defaultClientConditions] },
      optimizeDeps: {
        // The renderer imports lit/directive-helpers.js; unbundled, it would load a second lit-html.
        include: [...new Set(['lit/directive-helpers.js', ...browserDependencies()])],
      },
    });
  },
};

export default config;
