// The CDN bundle on another origin: a course page on one port loads the kit's versioned folder from another, with
// its subresource-integrity hash, as a course author pastes it. Every chunk comes by a relative URL from the CDN,
// over CORS, and the element works against the emulators. A wrong hash is refused by the browser.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../../../scripts/chromium.mjs';
import { startStaticDemo } from '../../../scripts/static-demo.mjs';
import { adminDb, answerJoinForm, createDemoSpace, SPACE } from '@cohort-kit/core/testing/e2e.js';

const kit = join(import.meta.dirname, '..');
const { version } = JSON.parse(readFileSync(join(kit, 'package.json'), 'utf8')) as { version: string };
const folder = `cohort-kit@${version}`;
const port = Number(process.env.COHORT_E2E_PORT ?? 5174);
let browser: Browser;
let cdn: string;
let course: string;
const servers: { close: () => Promise<unknown> }[] = [];

const page = (src: string, integrity: string, pollId: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Week 2</title>
  <script type="module" src="${src}" integrity="${integrity}" crossorigin="anonymous"
    data-project-id="${process.env.COHORT_PROJECT_ID ?? 'demo-cohort-kit'}"
    data-firestore-emulator="${process.env.FIRESTORE_EMULATOR_HOST}"
    data-auth-emulator="http://${process.env.FIREBASE_AUTH_EMULATOR_HOST}" data-space="${SPACE}"></script></head>
  <body><cohort-poll poll="${pollId}">Ready?<option>Yes</option><option>Not yet</option></cohort-poll></body></html>`;

beforeAll(async () => {
  const integrity = (
    JSON.parse(readFileSync(join(kit, 'dist', folder, 'integrity.json'), 'utf8')) as Record<string, string>
  )['cohort-kit.js']!;
  const cdnServer = await startStaticDemo({ port: port + 5 });
  cdn = `http://127.0.0.1:${cdnServer.port}`;
  const src = `${cdn}/kit/${folder}/cohort-kit.js`;
  const courseServer = await startStaticDemo({
    port: port + 6,
    extraPages: {
      '/lms/week-2.html': page(src, integrity, 'cdn-page'),
      '/lms/tampered.html': page(src, `sha384-${Buffer.alloc(48).toString('base64')}`, 'cdn-tampered'),
    },
  });
  course = `http://127.0.0.1:${courseServer.port}`;
  servers.push(cdnServer, courseServer);
  await createDemoSpace();
  await adminDb().recursiveDelete(adminDb().doc(`spaces/${SPACE}/polls/cdn-page`));
  browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs, headless: true });
});

afterAll(async () => {
  await browser?.close();
  for (const server of servers) await server.close();
});

describe('the CDN bundle from another origin', () => {
  it('loads the versioned folder with its integrity hash, every chunk relative to it over CORS, and works', async () => {
    const context = await browser.newContext();
    const tab = await context.newPage();
    const scripts: { url: string; cors: string | undefined }[] = [];
    tab.on('response', (response) => {
      if (response.request().resourceType() === 'script')
        scripts.push({ url: response.url(), cors: response.headers()['access-control-allow-origin'] });
    });
    await tab.goto(`${course}/lms/week-2.html`);
    const poll = tab.locator('cohort-poll');
    await poll.getByText('No one has voted yet').waitFor({ timeout: 60000 });
    await poll.getByRole('radio', { name: 'Yes' }).click();
    await answerJoinForm(tab, 'cohort-poll', 'Ana');
    await poll.getByText('1 peer voted').waitFor({ timeout: 30000 });
    expect(scripts.length).toBeGreaterThan(3);
    for (const script of scripts) {
      expect(script.url.startsWith(`${cdn}/kit/${folder}/`), script.url).toBe(true);
      expect(script.cors, script.url).toBe('*');
    }
    expect(scripts.some((script) => script.url.includes(`/${folder}/chunks/firebase-`))).toBe(true);
    await context.close();
  });

  it('is refused by the browser when the integrity hash does not match', async () => {
    const context = await browser.newContext();
    const tab = await context.newPage();
    const messages: string[] = [];
    tab.on('console', (message) => messages.push(message.text()));
    await tab.goto(`${course}/lms/tampered.html`);
    await expect.poll(() => messages.some((text) => /integrity/i.test(text)), { timeout: 15000 }).toBe(true);
    await expect(tab.evaluate(() => Boolean(customElements.get('cohort-poll')))).resolves.toBe(false);
    await context.close();
  });
});
