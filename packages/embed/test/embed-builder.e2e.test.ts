import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unzipSync, strFromU8 } from 'fflate';
import type { Page } from 'playwright-core';
import { adminDb, answerJoinForm, learner, SPACE, useDemo } from '@cohort-kit/core/testing/e2e.js';
import { frameFit, frameWith, portAfterDemo, serve } from './support.js';

// The builder's four outputs, each taken from the builder page as an author takes it and used where it goes: a
// course page on another origin, an unzipped web object, and a SCORM package inside scorm-again's LMS API.
const demo = useDemo();
const scratch = mkdtempSync(join(tmpdir(), 'cohort-embed-'));
// scorm-again's browser build (its package exports name no file a page can load).
const scormAgain = fileURLToPath(new URL('../../../node_modules/scorm-again/dist/', import.meta.url));
let host: Awaited<ReturnType<typeof serve>>;
beforeAll(async () => {
  host = await serve(portAfterDemo(3), {}, { '/unzipped/': scratch, '/lms/': scormAgain });
});
afterAll(async () => {
  await host?.close();
  rmSync(scratch, { recursive: true, force: true });
});
// Each test its own poll, so a vote still in flight when one test ends never counts in the next.
const POLLS = ['built-snippet', 'built-iframe', 'built-web', 'built-scorm-1-2', 'built-scorm-2004', 'built-alone'];
beforeEach(async () => {
  for (const id of POLLS) await adminDb().recursiveDelete(adminDb().doc(`spaces/${SPACE}/polls/${id}`));
});

const builderUrl = () => `${new URL(demo.url).origin}/embed/builder/`;
const poll = (page: Pick<Page, 'locator'>) => page.locator('cohort-poll');

/** An author's steps in the builder: a poll with its id and question, the default three options. */
async function buildPoll(page: Page, id: (typeof POLLS)[number]) {
  await page.locator('body[data-ready]').waitFor({ timeout: 30000 });
  await page.getByRole('combobox', { name: /^Element/ }).selectOption('cohort-poll');
  await page.locator('[data-attribute="poll"]').fill(id);
  await page.locator('[data-attribute="question"]').fill('Which approach will you try first?');
  // The live preview follows, in preview mode.
  const preview = await frameWith(page, `poll=${id}&`);
  await poll(preview)
    .getByRole('radio', { name: /accountability buddy/ })
    .waitFor({ timeout: 60000 });
  await poll(preview)
    .getByText(/Preview/)
    .first()
    .waitFor();
}

/** Votes for the buddy option and gives a name when asked (or takes the name offered), and sees the result. */
async function voteBuddy(page: Pick<Page, 'locator'>, name?: string) {
  await poll(page)
    .getByRole('radio', { name: /accountability buddy/ })
    .click({ timeout: 60000 });
  const form = poll(page).locator('form.join');
  await form.waitFor({ timeout: 20000 });
  const offered = await form.locator('input[name="displayName"]').inputValue();
  if (name) await answerJoinForm(page as Page, 'cohort-poll', name);
  else await form.getByRole('button', { name: 'Continue' }).click();
  await poll(page).getByText('1 peer voted').waitFor({ timeout: 30000 });
  await expect(
    poll(page)
      .getByRole('radio', { name: /accountability buddy/ })
      .textContent(),
  ).resolves.toMatch(/1 vote · 100 %/);
  return offered;
}

/** Downloads one of the builder's zips and unpacks it into a folder of its own, served under /unzipped/. */
async function downloadZip(page: Page, button: RegExp, folder: string) {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: button }).click(),
  ]);
  const files = unzipSync(new Uint8Array(readFileSync((await download.path())!)));
  const dir = join(scratch, folder);
  for (const [name, bytes] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), bytes);
  }
  return { files, url: `${host.origin}/unzipped/${folder}/` };
}

describe('the embed builder', () => {
  it('gives a script tag that works on a course page on another origin', async () => {
    const { context, page } = await learner(demo.browser, builderUrl());
    await buildPoll(page, 'built-snippet');
    const snippet = await page.locator('#script-snippet').inputValue();
    expect(snippet).toContain(`data-space="${SPACE}"`);
    expect(snippet).toContain('<option value="find-an-accountability-buddy">🤝 Find an accountability buddy</option>');
    host.pages['/snippet.html'] =
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Course</title></head><body>${snippet}</body></html>`;
    await page.goto(`${host.origin}/snippet.html`);
    await voteBuddy(page, 'Ana');
    await expect(poll(page).getByText('Preview').count()).resolves.toBe(0);
    await context.close();
  });

  it('gives an iframe that sizes itself on a course page on another origin', async () => {
    const { context, page } = await learner(demo.browser, builderUrl());
    await buildPoll(page, 'built-iframe');
    const snippet = await page.locator('#iframe-snippet').inputValue();
    expect(snippet).toMatch(/<iframe src="[^"]+\/embed\/\?element=cohort-poll&amp;/);
    expect(snippet).toContain('height="480"');
    expect(snippet).toContain('/embed/resizer.js');
    host.pages['/iframe.html'] =
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Course</title></head><body><h1>Week 2</h1>${snippet}</body></html>`;
    await page.goto(`${host.origin}/iframe.html`);
    const frame = await frameWith(page, 'element=cohort-poll');
    const fitted = async () => {
      const fit = await frameFit(page, frame, 'iframe');
      return Math.abs(fit.frameHeight - fit.content) <= 1 && fit.overflow <= 0 && fit.frameHeight !== 480;
    };
    await poll(frame)
      .getByRole('radio', { name: /accountability buddy/ })
      .waitFor({ timeout: 60000 });
    await expect.poll(fitted, { timeout: 15000 }).toBe(true);
    await voteBuddy(frame, 'Ben');
    await expect.poll(fitted, { timeout: 15000 }).toBe(true);
    await context.close();
  });

  it('gives a web-object zip whose folder, served as it is, works', async () => {
    const { context, page } = await learner(demo.browser, builderUrl());
    await buildPoll(page, 'built-web');
    const { files, url } = await downloadZip(page, /web object/, 'web-object');
    expect(Object.keys(files)).toEqual(expect.arrayContaining(['index.html', 'kit/cohort-kit.js']));
    expect(Object.keys(files).some((name) => name.endsWith('.map') || name === 'imsmanifest.xml')).toBe(false);
    expect(strFromU8(files['index.html']!)).toContain('src="kit/cohort-kit.js"');
    await page.goto(`${url}index.html`);
    await voteBuddy(page, 'Cara');
    await context.close();
  });

  for (const version of ['1.2', '2004'] as const) {
    it(`gives a SCORM ${version} package that reports to scorm-again as its LMS`, async () => {
      const { context, page } = await learner(demo.browser, builderUrl());
      await buildPoll(page, version === '1.2' ? 'built-scorm-1-2' : 'built-scorm-2004');
      const folder = `scorm-${version}`;
      const { files } = await downloadZip(page, new RegExp(`SCORM ${version} package`), folder);

      // The manifest: well-formed XML of the version's schema, one SCO at index.html that lists every file.
      const manifest = strFromU8(files['imsmanifest.xml']!);
      const checked = await page.evaluate(
        ({ xml }) => {
          const doc = new DOMParser().parseFromString(xml, 'application/xml');
          const resource = doc.getElementsByTagName('resource')[0];
          return {
            error: doc.getElementsByTagName('parsererror').length,
            root: doc.documentElement.localName,
            namespace: doc.documentElement.namespaceURI,
            schema: doc.getElementsByTagName('schema')[0]?.textContent,
            version: doc.getElementsByTagName('schemaversion')[0]?.textContent,
            item: doc.getElementsByTagName('item')[0]?.getAttribute('identifierref'),
            resourceId: resource?.getAttribute('identifier'),
            href: resource?.getAttribute('href'),
            scormType:
              resource?.getAttributeNS('http://www.adlnet.org/xsd/adlcp_rootv1p2', 'scormtype') ??
              resource?.getAttributeNS('http://www.adlnet.org/xsd/adlcp_v1p3', 'scormType'),
            files: [...doc.getElementsByTagName('file')].map((file) => file.getAttribute('href')),
          };
        },
        { xml: manifest },
      );
      expect(checked).toMatchObject({
        error: 0,
        root: 'manifest',
        namespace:
          version === '1.2'
            ? 'http://www.imsproject.org/xsd/imscp_rootv1p1p2'
            : 'http://www.imsglobal.org/xsd/imscp_v1p1',
        schema: 'ADL SCORM',
        version: version === '1.2' ? '1.2' : '2004 4th Edition',
        item: checked.resourceId,
        href: 'index.html',
        scormType: 'sco',
      });
      expect(checked.files.sort()).toEqual(
        Object.keys(files)
          .filter((name) => name !== 'imsmanifest.xml')
          .sort(),
      );

      // The LMS: scorm-again's API in the parent page, the package in a same-origin frame.
      const api = version === '1.2' ? 'API' : 'API_1484_11';
      const learnerData =
        version === '1.2'
          ? { core: { student_id: 'learner-7', student_name: 'Lovelace, Ada' } }
          : { learner_id: 'learner-7', learner_name: 'Lovelace, Ada' };
      host.pages[`/lms-${version}.html`] =
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>LMS</title>
<script src="/lms/scorm-again.js"></script>
<script>
  window.${api} = new ${version === '1.2' ? 'Scorm12API' : 'Scorm2004API'}({ autocommit: false, logLevel: 5 });
  window.${api}.loadFromJSON(${JSON.stringify(learnerData)}, '');
  window.finished = 0;
  window.${api}.on('${version === '1.2' ? 'LMSFinish' : 'Terminate'}', () => { window.finished += 1; });
</script></head><body><iframe id="sco" title="Course" src="/unzipped/${folder}/index.html" style="width: 100%; height: 600px"></iframe></body></html>`;
      await page.goto(`${host.origin}/lms-${version}.html`);
      const frame = await frameWith(page, `/unzipped/${folder}/`);
      // The learner the LMS names, for the page (and xAPI's actor).
      await expect
        .poll(() => frame.evaluate(() => window.cohortKitLearner), { timeout: 30000 })
        .toEqual({ id: 'learner-7', name: 'Ada Lovelace', source: 'scorm' });
      const offered = await voteBuddy(frame);
      expect(offered).toBe('Ada Lovelace');
      await poll(frame)
        .getByText(/recently Ada Lovelace/)
        .waitFor({ timeout: 30000 });
      const status = version === '1.2' ? 'cmi.core.lesson_status' : 'cmi.completion_status';
      const get = version === '1.2' ? 'LMSGetValue' : 'GetValue';
      await expect
        .poll(() => page.evaluate(({ api, get, status }) => (window as any)[api][get](status), { api, get, status }), {
          timeout: 15000,
        })
        .toBe('completed');
      // Leaving the lesson commits and finishes, once.
      await page.locator('#sco').evaluate((iframe) => ((iframe as HTMLIFrameElement).src = 'about:blank'));
      await expect.poll(() => page.evaluate(() => (window as any).finished), { timeout: 15000 }).toBe(1);
      await context.close();
    });
  }

  it('gives a SCORM package that, opened with no LMS, still works and says so once', async () => {
    const { context, page } = await learner(demo.browser, builderUrl());
    await buildPoll(page, 'built-alone');
    const { url } = await downloadZip(page, /SCORM 1\.2 package/, 'scorm-alone');
    const said: string[] = [];
    page.on('console', (message) => {
      if (message.text().includes('No SCORM LMS found')) said.push(message.text());
    });
    await page.goto(`${url}index.html`);
    await voteBuddy(page, 'Dee');
    await page.waitForTimeout(500);
    expect(said).toHaveLength(1);
    await expect(page.evaluate(() => window.cohortKitLearner)).resolves.toBeUndefined();
    await context.close();
  });
});
