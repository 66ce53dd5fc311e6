import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { getApps, initializeApp } from 'firebase-admin/app';
import { getAuth } from 'firebase-admin/auth';
import { chromiumArgs, chromiumPath } from '../../scripts/chromium.mjs';
import { startStaticDemo } from '../../scripts/static-demo.mjs';
import { adminDb, answerJoinForm, createDemoSpace, SPACE } from '@cohort-kit/core/testing/e2e.js';

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
  pages['/demo/one-emulator.html'] = page(
    `data-project-id="demo-cohort-kit" data-firestore-emulator="${process.env.FIRESTORE_EMULATOR_HOST}" data-space="${SPACE}"`,
    poll('one-emulator'),
  );
  // Nothing listens on port 9: the emulators the page names are down.
  pages['/demo/emulators-down.html'] = page(
    'data-project-id="demo-cohort-kit" data-firestore-emulator="127.0.0.1:9" data-auth-emulator="http://127.0.0.1:9" ' +
      `data-space="${SPACE}"`,
    poll('down'),
  );
  // Another vendor's script tag, earlier on the page, with data- names the kit also uses.
  pages['/demo/vendor-tag.html'] = page(`${emulators} data-space="${SPACE}"`, poll('vendor-tag')).replace(
    '<script type="module"',
    '<script src="data:text/javascript," data-project-id="vendor-chat" data-space="lobby" data-api-key="v"></script>$&',
  );
  pages['/demo/live-vote.html'] = page(`${emulators} data-space="${SPACE}"`, poll('live-vote'));
  pages['/demo/reload-named.html'] = page(`${emulators} data-space="${SPACE}"`, poll('reload-named'));
  pages['/demo/reload-anonymous.html'] = page(
    `${emulators} data-space="${SPACE}"`,
    poll('reload-anonymous').replace('<cohort-poll', '<cohort-poll anonymous'),
  );
  pages['/demo/custom-token.html'] = page(
    `${emulators} data-space="${SPACE}"`,
    `<script type="module">
      import { useCustomTokens } from '/kit/cohort-kit.js';
      useCustomTokens(async () => window.__lmsToken);
    </script>${poll('custom-token')}`,
  );
  // The element inside another component's shadow root, the way an authoring tool's block may hold it.
  pages['/demo/shadow-host.html'] = page(
    '',
    `<course-block></course-block>
    <script type="module">
      import { loadAllElements } from '/kit/cohort-kit.js';
      window.__events = [];
      for (const name of ['cohort-vote', 'cohort-error'])
        document.addEventListener(name, (event) => window.__events.push({ type: event.type, detail: event.detail }));
      customElements.define('course-block', class extends HTMLElement {
        connectedCallback() {
          this.attachShadow({ mode: 'open' }).innerHTML =
            '<cohort-poll space="${SPACE}" poll="shadow">Ready?<option>Yes</option><option>Not yet</option></cohort-poll>' +
            '<cohort-poll poll="no-space">Ready?<option>Yes</option><option>No</option></cohort-poll>';
        }
      });
      await loadAllElements();
    </script>`,
  );
  // A course page that embeds the preview page in a sandbox with no storage at all (no allow-same-origin,
  // so the frame's origin is opaque and both localStorage and IndexedDB throw).
  pages['/demo/sandboxed.html'] = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title></head>
    <body><iframe id="course" sandbox="allow-scripts allow-forms" src="/demo/preview-only.html" style="width:600px;height:600px"></iframe></body></html>`;
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

async function fresh(): Promise<{ context: BrowserContext; tab: Page }> {
  const context = await browser.newContext();
  const tab = await context.newPage();
  tab.on('pageerror', (error) => console.error(`[page error] ${error.message}`));
  return { context, tab };
}

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
    await tab.locator('cohort-poll').getByRole('radio', { name: /Yes/, checked: true }).waitFor({ timeout: 60000 });
    // The tally comes from the SDK's own view of the write, so the write is in the local cache by now.
    await tab.locator('cohort-poll').getByText('1 peer voted').waitFor();
    // The vote survives a reload: it lives in this browser's cache.
    await tab.reload();
    await tab.locator('cohort-poll').getByRole('radio', { name: /Yes/, checked: true }).waitFor({ timeout: 60000 });
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

describe('settings that look right but are not', () => {
  it('one emulator without the other is refused with a message saying to set both', async () => {
    const { context, tab } = await fresh();
    const errors: string[] = [];
    tab.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
    const authRequests: string[] = [];
    tab.on(
      'request',
      (request) => /identitytoolkit|securetoken/.test(request.url()) && authRequests.push(request.url()),
    );
    await tab.goto(`${base}/demo/one-emulator.html`);
    await tab
      .locator('cohort-poll')
      .getByRole('alert')
      .getByText('data-firestore-emulator and data-auth-emulator go together')
      .waitFor();
    expect(errors.filter((line) => line.includes('go together'))).toHaveLength(1);
    expect(authRequests).toEqual([]);
    await context.close();
  });

  it('emulators that are down give a clear "can\'t reach" message naming the address', async () => {
    const { context, tab } = await fresh();
    const errors: string[] = [];
    tab.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
    await tab.goto(`${base}/demo/emulators-down.html`);
    await tab
      .locator('cohort-poll')
      .getByText("Can't reach the Firestore emulator at 127.0.0.1:9. Is it running (npm run emulators)?")
      .waitFor({ timeout: 30000 });
    await expect.poll(() => errors.filter((line) => line.includes('127.0.0.1:9')).length).toBe(1);
    await context.close();
  });

  it("reads its settings from its own script tag, not another vendor's earlier one", async () => {
    const { context, tab } = await fresh();
    await tab.goto(`${base}/demo/vendor-tag.html`);
    await tab.locator('cohort-poll').getByText('No one has voted yet').waitFor();
    await expect(tab.locator('cohort-poll').getByRole('alert').count()).resolves.toBe(0);
    await context.close();
  });
});

describe('readers and writers', () => {
  it('a reader does not download Auth; a contributor does, and is still known after a reload', async () => {
    await adminDb().recursiveDelete(adminDb().doc(`spaces/${SPACE}/polls/live-vote`));
    const { context, tab } = await fresh();
    const authCode: string[] = [];
    tab.on('request', (request) => {
      if (/firebase-auth|identitytoolkit|securetoken/.test(request.url())) authCode.push(request.url());
    });
    await tab.goto(`${base}/demo/live-vote.html`);
    const pollEl = tab.locator('cohort-poll');
    await pollEl.getByText('No one has voted yet').waitFor();
    expect(authCode).toEqual([]);

    await pollEl.getByRole('radio', { name: 'Yes' }).click();
    await answerJoinForm(tab, 'cohort-poll', 'Rita');
    await pollEl.getByRole('radio', { name: /Yes/, checked: true }).waitFor({ timeout: 60000 });
    expect(authCode.some((url) => url.includes('firebase-auth'))).toBe(true);
    // She comes back later, once her vote has reached the server.
    const votes = adminDb().collection(`spaces/${SPACE}/polls/live-vote/votes`);
    await expect.poll(async () => (await votes.get()).size, { timeout: 60000 }).toBe(1);

    await tab.reload();
    // The session flag brings Auth back at once: her vote and her name are there without touching anything.
    await pollEl.getByRole('radio', { name: /Yes/, checked: true }).waitFor({ timeout: 60000 });
    await pollEl.getByText('Posting as Rita').waitFor();
    await context.close();
  });

  // The worst moment for a first contribution: she has just signed in, her vote has just appeared, and the
  // server has not got it yet. Whatever the page shows as her vote must already be kept on this device.
  it.each([
    ['a named', 'reload-named'],
    ['an anonymous', 'reload-anonymous'],
  ])('a learner who reloads the moment her first vote shows in %s poll keeps it, counted once', async (_, pollId) => {
    await adminDb().recursiveDelete(adminDb().doc(`spaces/${SPACE}/polls/${pollId}`));
    const { context, tab } = await fresh();
    await tab.goto(`${base}/demo/${pollId}.html`);
    const pollEl = tab.locator('cohort-poll');
    await pollEl.getByText('No one has voted yet').waitFor();
    // Nothing she writes reaches the server before the reload.
    let connected = false;
    await context.route(/Firestore\/Write\/channel/, (route) =>
      connected ? route.continue() : route.abort('internetdisconnected'),
    );
    // She reloads as soon as her vote is on screen: in the same moment it is first drawn.
    await tab.evaluate(() => {
      const root = document.querySelector('cohort-poll')!.shadowRoot!;
      const observer = new MutationObserver(() => {
        if (!root.querySelector('[role="radio"][aria-checked="true"]')) return;
        observer.disconnect();
        location.reload();
      });
      observer.observe(root, { subtree: true, childList: true, attributes: true });
    });
    const reloaded = tab.waitForEvent('framenavigated', { timeout: 60000 });
    await pollEl.getByRole('radio', { name: 'Yes' }).click();
    if (pollId === 'reload-named') await answerJoinForm(tab, 'cohort-poll', 'Rita');
    await reloaded;
    const votes = adminDb().collection(`spaces/${SPACE}/polls/${pollId}/votes`);
    expect((await votes.get()).size).toBe(0);
    connected = true;

    await pollEl.getByRole('radio', { name: /Yes/, checked: true }).waitFor({ timeout: 60000 });
    if (pollId === 'reload-named') await pollEl.getByText('Posting as Rita').waitFor();
    // It reaches the server once: one vote, one voter, one count for Yes.
    await expect.poll(async () => (await votes.get()).size, { timeout: 60000 }).toBe(1);
    const shards = await adminDb().collection(`spaces/${SPACE}/polls/${pollId}/shards`).get();
    const total = (field: string) => shards.docs.reduce((sum, shard) => sum + Number(shard.get(field) ?? 0), 0);
    expect([total('voters'), total('counts.yes')]).toEqual([1, 1]);
    await pollEl.getByText('1 peer voted').waitFor();
    await context.close();
  });

  it('offline, a vote is saved on the device, the poll is not stuck, and it is sent when back online', async () => {
    await adminDb().recursiveDelete(adminDb().doc(`spaces/${SPACE}/polls/live-vote`));
    const { context, tab } = await fresh();
    await tab.goto(`${base}/demo/live-vote.html`);
    const pollEl = tab.locator('cohort-poll');
    await pollEl.getByText('No one has voted yet').waitFor();
    await pollEl.getByRole('radio', { name: 'Yes' }).click();
    await answerJoinForm(tab, 'cohort-poll', 'Omar');
    await pollEl.getByRole('radio', { name: /Yes/, checked: true }).waitFor({ timeout: 60000 });
    const votes = adminDb().collection(`spaces/${SPACE}/polls/live-vote/votes`);
    // The vote shows as soon as it is on the device; the server has it a moment later (over a second on a busy machine).
    await expect.poll(async () => (await votes.get()).size, { timeout: 20000 }).toBe(1);
    const uid = (await votes.get()).docs[0]!.id;

    await context.setOffline(true);
    await pollEl.getByRole('radio', { name: 'Not yet' }).click();
    await pollEl.getByText("Saved on this device — will send when you're back online.").waitFor();
    await pollEl.getByRole('radio', { name: /Not yet/, checked: true }).waitFor();
    // Not busy: the learner can still change their mind while offline.
    await expect(pollEl.locator('[aria-busy="true"]').count()).resolves.toBe(0);

    await context.setOffline(false);
    await pollEl
      .getByText("Saved on this device — will send when you're back online.")
      .waitFor({ state: 'detached', timeout: 60000 });
    // Sent: the server has the changed vote.
    await expect.poll(async () => (await votes.doc(uid).get()).get('choices')).toEqual(['not-yet']);
    await context.close();
  });

  it('a learner whose first vote is still on its way when the network drops can change it: the change shows, and each reaches the server once', async () => {
    await adminDb().recursiveDelete(adminDb().doc(`spaces/${SPACE}/polls/live-vote`));
    const { context, tab } = await fresh();
    await tab.goto(`${base}/demo/live-vote.html`);
    const pollEl = tab.locator('cohort-poll');
    await pollEl.getByText('No one has voted yet').waitFor();
    // Her writes leave the device no further (signing in still works), then the network drops altogether.
    const writes = /google\.firestore\.v1\.Firestore\/Write\//;
    await tab.route(writes, (route) => route.abort());
    await pollEl.getByRole('radio', { name: 'Yes' }).click();
    await answerJoinForm(tab, 'cohort-poll', 'Nia');
    await pollEl.getByRole('radio', { name: /Yes/, checked: true }).waitFor({ timeout: 30000 });
    await context.setOffline(true);
    await tab.unroute(writes);
    // She changes her mind while her first vote is still on the device: the change shows at once.
    await pollEl.getByRole('radio', { name: 'Not yet' }).click();
    await pollEl.getByRole('radio', { name: /Not yet/, checked: true }).waitFor({ timeout: 10000 });
    await pollEl.getByText("Saved on this device — will send when you're back online.").waitFor();

    await context.setOffline(false);
    await pollEl
      .getByText("Saved on this device — will send when you're back online.")
      .waitFor({ state: 'detached', timeout: 60000 });
    const votes = adminDb().collection(`spaces/${SPACE}/polls/live-vote/votes`);
    await expect
      .poll(async () => (await votes.get()).docs.map((vote) => vote.get('choices')), { timeout: 20000 })
      .toEqual([['not-yet']]);
    const shards = await adminDb().collection(`spaces/${SPACE}/polls/live-vote/shards`).get();
    const total = (field: string) => shards.docs.reduce((sum, shard) => sum + Number(shard.get(field) ?? 0), 0);
    expect([total('voters'), total('counts.yes'), total('counts.not-yet')]).toEqual([1, 0, 1]);
    await pollEl.getByText('1 peer voted').waitFor();
    await context.close();
  });

  it("signs learners in with the host's custom token (minted with firebase-admin)", async () => {
    await adminDb().recursiveDelete(adminDb().doc(`spaces/${SPACE}/polls/custom-token`));
    const app = getApps()[0] ?? initializeApp({ projectId: process.env.COHORT_PROJECT_ID ?? 'demo-cohort-kit' });
    const uid = `lms-${Date.now().toString(36)}`;
    const token = await getAuth(app).createCustomToken(uid);
    const { context, tab } = await fresh();
    await tab.addInitScript(`window.__lmsToken = ${JSON.stringify(token)};`);
    await tab.goto(`${base}/demo/custom-token.html`);
    const pollEl = tab.locator('cohort-poll');
    await pollEl.getByText('No one has voted yet').waitFor();
    await pollEl.getByRole('radio', { name: 'Yes' }).click();
    await answerJoinForm(tab, 'cohort-poll', 'Lena');
    await pollEl.getByRole('radio', { name: /Yes/, checked: true }).waitFor({ timeout: 60000 });
    await expect
      .poll(async () => (await adminDb().doc(`spaces/${SPACE}/members/${uid}`).get()).get('displayName'))
      .toBe('Lena');
    await expect
      .poll(async () => (await adminDb().doc(`spaces/${SPACE}/polls/custom-token/votes/${uid}`).get()).exists)
      .toBe(true);
    await context.close();
  });
});

describe('where a course page puts the kit', () => {
  it('events cross shadow roots: a page listening on document hears a vote and an error', async () => {
    const { context, tab } = await fresh();
    await tab.goto(`${base}/demo/shadow-host.html`);
    const inner = tab.locator('course-block cohort-poll').first();
    await inner.getByRole('radio', { name: 'Yes' }).click();
    await answerJoinForm(tab, 'course-block cohort-poll', 'Sam');
    await expect
      .poll(() =>
        tab.evaluate(() => (window as unknown as { __events: { type: string }[] }).__events.map((e) => e.type)),
      )
      .toEqual(expect.arrayContaining(['cohort-vote', 'cohort-error']));
    const events = await tab.evaluate(() => (window as unknown as { __events: unknown[] }).__events);
    expect(events).toContainEqual({ type: 'cohort-vote', detail: { space: SPACE, poll: 'shadow', choices: ['yes'] } });
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'cohort-error', detail: expect.objectContaining({ kind: 'config' }) }),
    );
    await context.close();
  });

  it('works in a sandboxed iframe with no storage at all, keeping its cache in memory', async () => {
    const { context, tab } = await fresh();
    // The kit is served the way a CDN serves it, to any origin: the sandboxed frame's origin is opaque.
    await context.route('**/kit/**', async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, headers: { ...response.headers(), 'access-control-allow-origin': '*' } });
    });
    await tab.goto(`${base}/demo/sandboxed.html`);
    const frame = tab.frameLocator('#course');
    const pollEl = frame.locator('cohort-poll');
    await pollEl.getByText('Preview — only you can see this').waitFor();
    const course = tab.frames().find((each) => each.url().endsWith('/demo/preview-only.html'))!;
    // Storage really is blocked there: both stores throw.
    await expect(
      course.evaluate(() => {
        const blocked = (use: () => unknown) => {
          try {
            use();
            return false;
          } catch {
            return true;
          }
        };
        return [blocked(() => localStorage.length), blocked(() => indexedDB.open('probe'))];
      }),
    ).resolves.toEqual([true, true]);
    await pollEl.getByRole('radio', { name: 'Yes' }).click();
    await frame.locator('cohort-poll form.join input[name="displayName"]').fill('Iris');
    await frame.locator('cohort-poll form.join button[type="submit"]').click();
    await pollEl.getByRole('radio', { name: /Yes/, checked: true }).waitFor({ timeout: 60000 });
    await pollEl.getByText('1 peer voted').waitFor();
    await context.close();
  });

  it('in preview mode, a vote in one tab reaches another tab of the same browser', async () => {
    const context = await browser.newContext();
    const first = await context.newPage();
    const second = await context.newPage();
    await first.goto(`${base}/demo/preview-only.html`);
    await second.goto(`${base}/demo/preview-only.html`);
    await first.locator('cohort-poll').getByText('Preview — only you can see this').waitFor();
    await second.locator('cohort-poll').getByText('No one has voted yet').waitFor();
    await first.locator('cohort-poll').getByRole('radio', { name: 'Yes' }).click();
    await answerJoinForm(first, 'cohort-poll', 'Author');
    await first.locator('cohort-poll').getByRole('radio', { name: /Yes/, checked: true }).waitFor({ timeout: 60000 });
    await second.locator('cohort-poll').getByText('1 peer voted').waitFor({ timeout: 30000 });
    await context.close();
  });
});
