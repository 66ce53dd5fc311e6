#!/usr/bin/env node
// npm run build: each package's ES modules and types (tsc), the custom-elements manifests, the script-tag
// bundle in packages/kit/dist (cohort-kit.js with its lazy chunks), and demo-dist for hosting.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
step('React and Vue typings', 'node', ['packages/kit/scripts/framework-types.mjs']);
step('script-tag bundle', 'npx', ['vite', 'build', '--logLevel', 'warn', '-c', 'packages/kit/vite.config.ts']);
step('embed pages', 'npx', ['vite', 'build', '--logLevel', 'warn', '-c', 'packages/embed/vite.config.ts']);

// The CDN folder: the bundle under its version, so a course page pins one release and its integrity hash holds.
// Chunks are imported by relative URLs, so the folder works wherever it is hosted.
const kitDist = join(root, 'packages', 'kit', 'dist');
const { version } = JSON.parse(readFileSync(join(root, 'packages', 'kit', 'package.json'), 'utf8'));
const versioned = `cohort-kit@${version}`;
// The bundle, its chunks and source maps; not the build manifest, the typings or an older copy.
for (const name of readdirSync(kitDist).filter((each) => !/^(\.vite|types|frameworks|cohort-kit@.*)$/.test(each))) {
  cpSync(join(kitDist, name), join(kitDist, versioned, name), { recursive: true });
}
const integrity = `sha384-${createHash('sha384')
  .update(readFileSync(join(kitDist, versioned, 'cohort-kit.js')))
  .digest('base64')}`;
writeFileSync(
  join(kitDist, versioned, 'integrity.json'),
  `${JSON.stringify({ 'cohort-kit.js': integrity }, null, 2)}\n`,
);
console.log(`CDN folder: packages/kit/dist/${versioned}/ — cohort-kit.js integrity="${integrity}"`);
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
