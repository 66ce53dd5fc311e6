// xAPI end to end: a course page whose script tag names a local capture LRS; each social act arrives there as one
// valid xAPI 1.0.3 statement, exactly once, also after the LRS failed, and after a reload while it was unreachable.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../../../scripts/chromium.mjs';
import { startStaticDemo } from '../../../scripts/static-demo.mjs';
import { adminDb, answerJoinForm, createDemoSpace, SPACE } from '@cohort-kit/core/testing/e2e.js';
import { startCaptureLrs, statementProblems, type CaptureLrs } from './capture-lrs.js';

const AUTH = 'Basic Y291cnNlOnNlY3JldA==';
const pages: Record<string, string> = {};
let browser: Browser;
let base: string;
let lrs: CaptureLrs;
let closeServer: () => Promise<void>;
const contexts: BrowserContext[] = [];

const emulators = () =>
  `data-project-id="${process.env.COHORT_PROJECT_ID ?? 'demo-cohort-kit'}" ` +
  `data-firestore-emulator="${process.env.FIRESTORE_EMULATOR_HOST}" ` +
  `data-auth-emulator="http://${process.env.FIREBASE_AUTH_EMULATOR_HOST}" data-space="${SPACE}"`;
const poll = (id: string) =>
  `<cohort-poll poll="${id}">Ready?<option value="yes">Yes</option><option value="no">Not yet</option></cohort-poll>`;
const page = (title: string, scriptAttributes: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>
  <script type="module" src="/kit/cohort-kit.js" ${scriptAttributes}></script></head><body>${body}</body></html>`;

beforeAll(async () => {
  lrs = await startCaptureLrs();
  const xapi = `data-xapi-endpoint="${lrs.endpoint}" data-xapi-auth="${AUTH}"`;
  pages['/demo/xapi-acts.html'] = page(
    'Week 2 · Goal setting',
    `${emulators()} ${xapi}`,
    `${poll('xapi-acts')}<cohort-thread thread="xapi-acts" prompt="Say hello."></cohort-thread>`,
  );
  pages['/demo/xapi-retry.html'] = page('Retry', `${emulators()} ${xapi}`, poll('xapi-retry'));
  pages['/demo/xapi-offline.html'] = page('Offline', `${emulators()} ${xapi}`, poll('xapi-offline'));
  pages['/demo/xapi-tabs.html'] = page('Tabs', `${emulators()} ${xapi}`, poll('xapi-tabs'));
  pages['/demo/xapi-scorm.html'] = page('SCORM', `${emulators()} ${xapi}`, poll('xapi-scorm'));
  pages['/demo/xapi-configure.html'] = page(
    'Configured',
    '',
    `<script type="module">
      import { configure } from '/kit/cohort-kit.js';
      window.cohortKitLearner = { id: 'token-7', source: 'host' };
      configure({ projectId: '${process.env.COHORT_PROJECT_ID ?? 'demo-cohort-kit'}',
        firestoreEmulator: '${process.env.FIRESTORE_EMULATOR_HOST}',
        authEmulator: 'http://${process.env.FIREBASE_AUTH_EMULATOR_HOST}', space: '${SPACE}',
        xapi: { endpoint: '${lrs.endpoint}' } });
    </script>${poll('xapi-configure')}`,
  );
  pages['/demo/xapi-none.html'] = page('None', emulators(), poll('xapi-none'));
  await createDemoSpace();
  const server = await startStaticDemo({ port: Number(process.env.COHORT_E2E_PORT ?? 5174) + 3, extraPages: pages });
  base = `http://127.0.0.1:${server.port}`;
  browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs, headless: true });
  closeServer = server.close;
});

afterAll(async () => {
  await browser?.close();
  await closeServer?.();
  await lrs?.close();
});

beforeEach(async () => {
  for (const context of contexts.splice(0)) await context.close();
});

async function open(path: string): Promise<Page> {
  const context = await browser.newContext();
  contexts.push(context);
  const tab = await context.newPage();
  tab.on('pageerror', (error) => console.error(`[page error] ${error.message}`));
  await tab.goto(`${base}${path}`);
  return tab;
}

async function vote(tab: Page, pollId: string, first = true) {
  await adminDb()
    .recursiveDelete(adminDb().doc(`spaces/${SPACE}/polls/${pollId}`))
    .catch(() => undefined);
  await tab.locator('cohort-poll').getByRole('radio', { name: /Yes/ }).click({ timeout: 60000 });
  if (first) await answerJoinForm(tab, 'cohort-poll', 'Ana');
  await tab.locator('cohort-poll').getByRole('radio', { name: /Yes/, checked: true }).waitFor({ timeout: 60000 });
}

/** The statements stored for this page's objects, once the LRS has them all. */
async function storedFor(objectPart: string, count: number) {
  await expect
    .poll(() => [...lrs.stored.values()].filter((s) => s.object.id.includes(objectPart)).length, { timeout: 30000 })
    .toBe(count);
  return [...lrs.stored.values()].filter((s) => s.object.id.includes(objectPart));
}

/** The ids of the statements waiting in the page's queue (IndexedDB, shared by the site's tabs). */
const queue = (tab: Page) =>
  tab.evaluate(async () => {
    const info = (await indexedDB.databases()).find((db) => db.name?.startsWith('cohort-kit-xapi:'));
    if (!info) return [];
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(info.name!);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const all = await new Promise<{ id: string }[]>((resolve, reject) => {
      const request = db.transaction('queue').objectStore('queue').getAll();
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    db.close();
    return all.map((statement) => statement.id);
  });

/** The id of the one statement waiting in the page's queue, once it is there. */
async function queuedId(tab: Page): Promise<string> {
  await expect.poll(() => queue(tab), { timeout: 30000 }).toHaveLength(1);
  return (await queue(tab))[0]!;
}

const requestsFor = (id: string) => lrs.requests.filter((request) => request.statementId === id);

describe('xAPI statements', () => {
  it('a vote and a post each arrive once, valid xAPI 1.0.3, with actor, space and course page', async () => {
    await adminDb().recursiveDelete(adminDb().doc(`spaces/${SPACE}/threads/xapi-acts`));
    const tab = await open('/demo/xapi-acts.html');
    await vote(tab, 'xapi-acts');
    const thread = tab.locator('cohort-thread');
    // The composer is ready once the thread has loaded.
    await thread.getByText('No one has replied yet.').waitFor({ timeout: 60000 });
    await thread.locator('#composer-text').fill('Hello, cohort!');
    await thread.getByRole('button', { name: 'Post', exact: true }).click();
    const posted = thread.locator('article').filter({ hasText: 'Hello, cohort!' }).first();
    const joining = thread.locator('form.join');
    await Promise.race([joining.waitFor({ timeout: 30000 }), posted.waitFor({ timeout: 30000 })]);
    if (await joining.count()) await answerJoinForm(tab, 'cohort-thread', 'Ana');
    await posted.waitFor({ timeout: 30000 });

    const [answered] = await storedFor('/polls/xapi-acts', 1);
    const [commented] = await storedFor('/threads/xapi-acts', 1);
    for (const statement of [answered!, commented!]) {
      const requests = requestsFor(statement.id);
      expect(requests).toHaveLength(1);
      expect(statementProblems(requests[0]!)).toEqual([]);
      expect(requests[0]!.headers.authorization).toBe(AUTH);
      expect(statement.context.contextActivities.parent[0].id).toBe(`${base}/demo/xapi-acts.html`);
      expect(statement.context.contextActivities.parent[0].definition.name['en-US']).toBe('Week 2 · Goal setting');
      expect(statement.context.contextActivities.grouping[0].id).toBe(`${base}/cohort-kit/spaces/${SPACE}`);
      expect(statement.actor.account.homePage).toBe(base);
    }
    expect(answered!.verb).toEqual({ id: 'http://adlnet.gov/expapi/verbs/answered', display: { 'en-US': 'answered' } });
    expect(answered!.object.definition.interactionType).toBe('choice');
    expect(answered!.result.response).toBe('yes');
    expect(commented!.verb.id).toBe('http://adlnet.gov/expapi/verbs/commented');
    // The actor is the anonymous account that voted: the vote document is stored under its uid.
    const uid = answered!.actor.account.name;
    expect(commented!.actor.account.name).toBe(uid);
    // (The event fires once the vote shows; the server may take a moment longer to hold it.)
    const voteDoc = adminDb().doc(`spaces/${SPACE}/polls/xapi-acts/votes/${uid}`);
    await expect.poll(async () => (await voteDoc.get()).exists, { timeout: 30000 }).toBe(true);
  });

  it('retries after the LRS answers 503, with the same statement id, and stores it once', async () => {
    const tab = await open('/demo/xapi-retry.html');
    await tab
      .locator('cohort-poll')
      .getByText(/No one has voted yet|Tap an option/)
      .first()
      .waitFor({ timeout: 60000 });
    lrs.failNext(1);
    await vote(tab, 'xapi-retry');
    const [statement] = await storedFor('/polls/xapi-retry', 1);
    const requests = requestsFor(statement!.id);
    expect(requests.map((request) => request.status)).toEqual([503, 204]);
    expect(requests[0]!.body).toEqual(requests[1]!.body);
    expect(statementProblems(requests[1]!)).toEqual([]);
    // Nothing is left waiting once the LRS has it.
    await expect.poll(() => queue(tab)).toEqual([]);
  });

  it('keeps a statement made while the LRS is unreachable across a reload, then sends it once', async () => {
    const tab = await open('/demo/xapi-offline.html');
    await tab.route(`${lrs.endpoint}**`, (route) => route.abort('internetdisconnected'));
    await vote(tab, 'xapi-offline');
    const id = await queuedId(tab);
    await tab.reload();
    await tab.locator('cohort-poll').getByRole('radio', { name: /Yes/, checked: true }).waitFor({ timeout: 60000 });
    expect(lrs.stored.has(id)).toBe(false);
    await tab.unroute(`${lrs.endpoint}**`);
    const [statement] = await storedFor('/polls/xapi-offline', 1);
    expect(statement!.id).toBe(id);
    expect(requestsFor(id).filter((request) => request.status === 204)).toHaveLength(1);
  });

  it('sends a queued statement once when three tabs of the course all try at once', async () => {
    const tab = await open('/demo/xapi-tabs.html');
    const context = tab.context();
    await context.route(`${lrs.endpoint}**`, (route) => route.abort('internetdisconnected'));
    await vote(tab, 'xapi-tabs');
    const id = await queuedId(tab);
    // Two more tabs of the same course: each finds the statement in the shared queue and tries to send it.
    const others = await Promise.all([context.newPage(), context.newPage()]);
    await Promise.all(others.map((other) => other.goto(`${base}/demo/xapi-tabs.html`)));
    for (const other of others) await queuedId(other);
    await context.unroute(`${lrs.endpoint}**`);
    await others[0]!.evaluate(() => dispatchEvent(new Event('online')));
    await others[1]!.evaluate(() => dispatchEvent(new Event('online')));
    await tab.evaluate(() => dispatchEvent(new Event('online')));
    await storedFor('/polls/xapi-tabs', 1);
    // Every tab's retry timer has fired by now too.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(requestsFor(id).map((request) => request.status)).toEqual([204]);
  });

  it("uses the learner id the SCORM runtime announces as the actor's account", async () => {
    const tab = await open('/demo/xapi-scorm.html');
    // As the SCORM runtime does once the LMS has answered (its window.cohortKitLearner is tested below).
    await tab.waitForFunction(() =>
      performance.getEntriesByType('resource').some((entry) => entry.name.includes('/chunks/recorder-')),
    );
    await tab.locator('cohort-poll').getByRole('radio', { name: /Yes/ }).waitFor({ timeout: 60000 });
    await tab.evaluate(() =>
      document.dispatchEvent(
        new CustomEvent('cohort-learner-identified', {
          detail: { id: 'lms-42', name: 'Ada Lovelace', source: 'scorm' },
        }),
      ),
    );
    await vote(tab, 'xapi-scorm');
    const [statement] = await storedFor('/polls/xapi-scorm', 1);
    expect(statement!.actor).toEqual({
      objectType: 'Agent',
      name: 'Ada Lovelace',
      account: { homePage: base, name: 'lms-42' },
    });
  });

  it('takes the LRS from configure({ xapi }) and the learner from window.cohortKitLearner', async () => {
    const tab = await open('/demo/xapi-configure.html');
    await vote(tab, 'xapi-configure');
    const [statement] = await storedFor('/polls/xapi-configure', 1);
    expect(statement!.actor.account.name).toBe('token-7');
    expect(statementProblems(requestsFor(statement!.id)[0]!)).toEqual([]);
  });

  it('a page without an LRS never downloads the xAPI code', async () => {
    const context = await browser.newContext();
    contexts.push(context);
    const tab = await context.newPage();
    const scripts: string[] = [];
    tab.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(request.url());
    });
    await tab.goto(`${base}/demo/xapi-none.html`);
    await vote(tab, 'xapi-none');
    expect(scripts.some((url) => url.includes('/chunks/'))).toBe(true);
    expect(scripts.filter((url) => /recorder/.test(url))).toEqual([]);
  });
});
