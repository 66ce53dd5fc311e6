import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../../scripts/chromium.mjs';
import { startStaticDemo } from '../../scripts/static-demo.mjs';
import { createDemoSpace, SPACE } from './support.js';

// Pages as an author pastes them: only the script tag and elements, served with the built kit.
const pages: Record<string, string> = {};
let browser: Browser;
let base: string;
let close: () => Promise<void>;

const poll = (id: string) =>
  `<cohort-poll poll="${id}">Ready?<option>Yes</option><option>Not yet</option></cohort-poll>`;
const page = (scriptAttributes: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title>
  <script type="module" src="/kit/cohort-kit.js" ${scriptAttributes}></script></head><body>${body}</body></html>`;

beforeAll(async () => {
  const emulators =
    `data-project-id="${process.env.COHORT_PROJECT_ID ?? 'demo-cohort-kit'}" ` +
    `data-firestore-emulator="${process.env.FIRESTORE_EMULATOR_HOST}" ` +
    `data-auth-emulator="http://${process.env.FIREBASE_AUTH_EMULATOR_HOST}"`;
  pages['/demo/preview-only.html'] = page(
    '',
    `<cohort-poll space="${SPACE}" poll="preview">Ready?<option>Yes</option><option>No</option></cohort-poll>`,
  );
  pages['/demo/live-only.html'] = page(`${emulators} data-space="${SPACE}"`, poll('live-only'));
  pages['/demo/wrong-setting.html'] = page('data-project-id="My Course!" data-api-key="x"', poll('wrong'));
  const ten =
    [0, 1, 2, 3, 4].map((i) => poll(`ten-${i}`)).join('') +
    [0, 1, 2, 3, 4].map((i) => `<cohort-thread thread="ten-${i}" prompt="Say hello."></cohort-thread>`).join('');
  pages['/demo/ten-elements.html'] = page(`${emulators} data-space="${SPACE}"`, ten);
  await createDemoSpace();
  const server = await startStaticDemo({ port: Number(process.env.COHORT_E2E_PORT ?? 5174) + 1, extraPages: pages });
  base = `http://127.0.0.1:${server.port}`;
  browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs, headless: true });
  close = async () => {
    await browser.close();
    await server.close();
  };
});
afterAll(async () => {
  await close?.();
});

describe('a page with only the script tag and elements', () => {
  it('runs in preview mode with no settings, and says so', async () => {
    const context = await browser.newContext();
    const tab = await context.newPage();
    const firestoreRequests: string[] = [];
    tab.on('request', (request) => {
      if (/firestore|identitytoolkit|googleapis/.test(request.url())) firestoreRequests.push(request.url());
    });
    await tab.goto(`${base}/demo/preview-only.html`);
    await tab.locator('cohort-poll').getByText('Preview — only you can see this').waitFor();
    await tab.locator('cohort-poll').getByRole('radio', { name: 'Yes' }).click();
    await tab.locator('cohort-poll form.join input[name="displayName"]').fill('Author');
    await tab.locator('cohort-poll form.join button[type="submit"]').click();
    await tab.locator('cohort-poll').getByRole('radio', { name: /Yes/, checked: true }).waitFor();
    // The tally comes from the SDK's own view of the write, so the write is in the local cache by now.
    await tab.locator('cohort-poll').getByText('1 peer voted').waitFor();
    // The vote survives a reload: it lives in this browser's cache.
    await tab.reload();
    await tab.locator('cohort-poll').getByRole('radio', { name: /Yes/, checked: true }).waitFor();
    await tab.locator('cohort-poll').getByText('1 peer voted').waitFor();
    expect(firestoreRequests).toEqual([]);
    await context.close();
  });

  it('shows live emulator data with settings, and no preview marker', async () => {
    const context = await browser.newContext();
    const tab = await context.newPage();
    await tab.goto(`${base}/demo/live-only.html`);
    await tab.locator('cohort-poll').getByText('No one has voted yet').waitFor();
    await expect(tab.locator('cohort-poll').getByText('Preview — only you can see this').count()).resolves.toBe(0);
    await context.close();
  });

  it('shows a clear message for a wrong setting', async () => {
    const context = await browser.newContext();
    const tab = await context.newPage();
    const errors: string[] = [];
    tab.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
    await tab.goto(`${base}/demo/wrong-setting.html`);
    await tab
      .locator('cohort-poll')
      .getByRole('alert')
      .getByText('data-project-id="My Course!" is not a Firebase project id')
      .waitFor();
    expect(errors.filter((line) => line.includes('data-project-id'))).toHaveLength(1);
    await context.close();
  });

  it('opens one Firestore connection for ten elements', async () => {
    const context = await browser.newContext();
    const tab = await context.newPage();
    // Each WebChannel stream starts with a request that has no session id yet: count those per stream kind.
    const handshakes = { Listen: 0, Write: 0 };
    tab.on('request', (request) => {
      const match = /Firestore\/(Listen|Write)\/channel\?/.exec(request.url());
      if (match && !/[?&]SID=/.test(request.url())) handshakes[match[1] as 'Listen' | 'Write']++;
    });
    await tab.goto(`${base}/demo/ten-elements.html`);
    await expect
      .poll(() => tab.locator('cohort-poll').getByText('No one has voted yet').count(), { timeout: 60000 })
      .toBe(5);
    await expect
      .poll(() => tab.locator('cohort-thread').getByText('No one has replied yet.').count(), { timeout: 60000 })
      .toBe(5);
    expect(handshakes.Listen).toBe(1);
    expect(handshakes.Write).toBeLessThanOrEqual(1);
    await context.close();
  });
});
