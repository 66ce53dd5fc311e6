// React 19 and Vue 3 apps, built with Vite here (React's .jsx by Vite's own transform, Vue with render functions:
// no framework plugin), each using every element: it renders, takes the app's properties, and the app hears its
// cohort-* events. The kit comes from its script tag in preview mode, as on an author's page. The shipped React
// and Vue typings are checked by compiling a typed use of them.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type Rolldown } from 'vite';
import { chromium, type Browser, type Page } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../../../scripts/chromium.mjs';
import { startStaticDemo } from '../../../scripts/static-demo.mjs';

const fixtures = join(import.meta.dirname, 'fixtures');
const SPACE = 'framework-fixtures';
const TAGS = ['cohort-poll', 'cohort-thread', 'cohort-goals', 'cohort-feedback', 'cohort-badge', 'cohort-sign-in'];
let browser: Browser;
let base: string;
let closeServer: () => Promise<void>;

/** The app's one module, built for production; React and Vue are bundled in, the kit is not. */
async function bundle(entry: string): Promise<string> {
  const result = await build({
    configFile: false,
    root: fixtures,
    logLevel: 'warn',
    mode: 'production',
    build: { write: false, minify: false, target: 'es2022', modulePreload: false, rolldownOptions: { input: entry } },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
  const chunk = outputs[0]!.output.find((each) => each.type === 'chunk' && each.isEntry) as Rolldown.OutputChunk;
  return chunk.code;
}

const page = (code: string) =>
  `<!doctype html><html lang="en" data-space="${SPACE}"><head><meta charset="utf-8"><title>app</title>
  <script type="module" src="/kit/cohort-kit.js" data-preview data-space="${SPACE}"></script></head>
  <body><div id="app"></div><script type="module">${code.replace(/<\/script/gi, '<\\/script')}</script></body></html>`;

beforeAll(async () => {
  const [react, vue] = await Promise.all([bundle('react-app.jsx'), bundle('vue-app.js')]);
  const server = await startStaticDemo({
    port: Number(process.env.COHORT_E2E_PORT ?? 5174) + 4,
    extraPages: { '/demo/react.html': page(react), '/demo/vue.html': page(vue) },
  });
  base = `http://127.0.0.1:${server.port}`;
  closeServer = server.close;
  browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs, headless: true });
}, 120000);

afterAll(async () => {
  await browser?.close();
  await closeServer?.();
});

async function open(path: string): Promise<Page> {
  const tab = await (await browser.newContext()).newPage();
  const errors: string[] = [];
  tab.on('pageerror', (error) => errors.push(error.message));
  await tab.goto(`${base}${path}`);
  return tab;
}

describe.each([
  ['React 19', '/demo/react.html', 'react-poll'],
  ['Vue 3', '/demo/vue.html', 'vue-poll'],
])('a %s app', (_, path, pollId) => {
  it('renders every element, passes its properties, and hears its cohort-* events', async () => {
    const tab = await open(path);
    for (const tag of TAGS) {
      await expect
        .poll(() => tab.evaluate((t) => document.querySelector(t)?.shadowRoot?.childElementCount ?? 0, tag), {
          timeout: 30000,
        })
        .toBeGreaterThan(0);
    }
    const poll = tab.locator('cohort-poll');
    const read = () =>
      poll.evaluate((el: any) => ({
        space: el.space,
        poll: el.poll,
        theme: el.theme,
        defined: !!customElements.get(el.localName),
      }));
    await expect(read()).resolves.toEqual({ space: SPACE, poll: pollId, theme: 'light', defined: true });
    await expect(tab.locator('cohort-badge').evaluate((el: any) => [el.badge, el.edition])).resolves.toEqual([
      path.includes('react') ? 'react-badge' : 'vue-badge',
      20,
    ]);
    // A property the app changes reaches the element.
    await tab.locator('#dark').click();
    await expect.poll(async () => (await read()).theme).toBe('dark');
    await expect(tab.locator('cohort-thread').evaluate((el: any) => el.theme)).resolves.toBe('dark');
    // The app's handler hears the vote.
    await poll.getByRole('radio', { name: /Yes/ }).click({ timeout: 30000 });
    await tab.locator('cohort-poll form.join input[name="displayName"]').fill('Ana');
    await tab.locator('cohort-poll form.join button[type="submit"]').click();
    await expect.poll(() => tab.locator('#votes').textContent(), { timeout: 30000 }).toBe('yes');
    await tab.context().close();
  });
});

describe('the React and Vue typings', () => {
  it('type-check a typed use of every element, and refuse a wrong one', async () => {
    const run = promisify(execFile);
    const tsc = join(import.meta.dirname, '../../../node_modules/typescript/bin/tsc');
    await expect(run(process.execPath, [tsc, '-p', join(fixtures, 'tsconfig.json')])).resolves.toBeTruthy();
  }, 60000);
});
