// The hosting build (demo-dist): a root page that leads to the course page, and demo pages whose script tag
// talks to the project named at build time, or runs in preview mode without one. Run: node --test scripts/test/
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { deploySettings, writeHostingDemo } from '../static-demo.mjs';

const scratch = mkdtempSync(join(tmpdir(), 'cohort-hosting-test-'));
after(() => rmSync(scratch, { recursive: true, force: true }));
const kitDir = join(scratch, 'kit');
mkdirSync(kitDir);
writeFileSync(join(kitDir, 'cohort-kit.js'), 'export {};');

const scriptTag = (html) => /<script\s+type="module"\s+src="[^"]*cohort-kit[^"]*"[^>]*>/.exec(html)?.[0] ?? '';

test('with a project set at build time, every demo page talks to that project, not the emulators', () => {
  const env = {
    COHORT_DEMO_DEPLOY: '1',
    COHORT_PROJECT_ID: 'my-course',
    COHORT_API_KEY: 'AIza-test"key',
    COHORT_APP_ID: '1:234:web:abc',
  };
  const out = writeHostingDemo(join(scratch, 'project'), env, { kitDir });
  for (const page of ['index.html', 'learner.html']) {
    const tag = scriptTag(readFileSync(join(out, 'demo', page), 'utf8'));
    assert.match(tag, /src="\.\.\/kit\/cohort-kit\.js"/, page);
    assert.match(tag, /data-project-id="my-course"/, page);
    assert.match(tag, /data-api-key="AIza-test&quot;key"/, `${page}: the value is escaped`);
    assert.match(tag, /data-auth-domain="my-course\.firebaseapp\.com"/, page);
    assert.match(tag, /data-app-id="1:234:web:abc"/, page);
    assert.match(tag, /data-space="leadership-2026-spring"/, page);
    assert.doesNotMatch(tag, /emulator|data-preview/, page);
  }
  assert.equal(readFileSync(join(out, 'kit', 'cohort-kit.js'), 'utf8'), 'export {};');
});

test('the owner console is at /console/, on the same kit and project as the demo', () => {
  const env = { COHORT_DEMO_DEPLOY: '1', COHORT_PROJECT_ID: 'my-course', COHORT_API_KEY: 'key' };
  const out = writeHostingDemo(join(scratch, 'console'), env, { kitDir });
  const page = readFileSync(join(out, 'console', 'index.html'), 'utf8');
  const tag = scriptTag(page);
  assert.match(tag, /src="\.\.\/kit\/cohort-kit\.js"/);
  assert.match(tag, /data-project-id="my-course"/);
  assert.doesNotMatch(tag, /emulator/);
  assert.match(page, /<cohort-console/);
  assert.match(readFileSync(join(out, 'index.html'), 'utf8'), /<a href="console\/">/);
});

test('the hosting root leads to the course page', () => {
  const out = writeHostingDemo(join(scratch, 'root'), { COHORT_DEMO_PREVIEW: '1' }, { kitDir });
  const index = readFileSync(join(out, 'index.html'), 'utf8');
  assert.match(index, /http-equiv="refresh" content="0; url=demo\/"/);
  assert.match(index, /<a href="demo\/">/);
});

test('without a project the hosted demo runs in preview mode', () => {
  const out = writeHostingDemo(join(scratch, 'preview'), { COHORT_DEMO_PREVIEW: '1' }, { kitDir });
  const tag = scriptTag(readFileSync(join(out, 'demo', 'index.html'), 'utf8'));
  assert.match(tag, /data-preview/);
  assert.doesNotMatch(tag, /emulator/);
});

test('a project needs both its id and its API key', () => {
  assert.equal(deploySettings({ COHORT_PROJECT_ID: 'my-course' }), null);
  assert.equal(deploySettings({ COHORT_API_KEY: 'k' }), null);
  assert.equal(deploySettings({ COHORT_PROJECT_ID: 'p', COHORT_API_KEY: 'k' })?.authDomain, 'p.firebaseapp.com');
});
