#!/usr/bin/env node
// npm run build: each package's ES modules and types (tsc), the custom-elements manifests, the script-tag
// bundle in packages/kit/dist (cohort-kit.js with its lazy chunks), and demo-dist for hosting.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function step(title, command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`build failed at: ${title}`);
    process.exit(result.status ?? 1);
  }
}

rmSync(join(root, 'packages', 'kit', 'dist'), { recursive: true, force: true });
step('packages (tsc)', 'node', ['scripts/workspace.mjs', 'tsc']);
step('custom-elements manifests', 'node', ['scripts/manifest.mjs']);
step('script-tag bundle', 'npx', ['vite', 'build', '--logLevel', 'warn', '-c', 'packages/kit/vite.config.ts']);
step('embed pages', 'npx', ['vite', 'build', '--logLevel', 'warn', '-c', 'packages/embed/vite.config.ts']);
const { deploySettings, writeHostingDemo } = await import('./static-demo.mjs');
// The hosted demo has no emulators: it talks to the project named at build time, or runs in preview mode.
const project = deploySettings(process.env);
if (project) {
  writeHostingDemo(join(root, 'demo-dist'), { ...process.env, COHORT_DEMO_DEPLOY: '1' });
  console.log(`built: packages/*/dist, packages/kit/dist/cohort-kit.js, demo-dist/ (for project ${project.projectId})`);
} else {
  writeHostingDemo(join(root, 'demo-dist'), { COHORT_DEMO_PREVIEW: '1' });
  console.log(
    'built: packages/*/dist, packages/kit/dist/cohort-kit.js, demo-dist/ (preview mode: set COHORT_PROJECT_ID ' +
      'and COHORT_API_KEY to build it for a project)',
  );
}
