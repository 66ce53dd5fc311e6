import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getApps } from 'firebase-admin/app';
import { getAuth } from 'firebase-admin/auth';
import { FieldValue } from 'firebase-admin/firestore';
import type { Frame } from 'playwright-core';
import { adminDb, learner, SPACE, useDemo } from '@cohort-kit/core/testing/e2e.js';
import { frameWith, portAfterDemo, serve } from './support.js';

// A host that mints Firebase custom tokens hands one to the embed frame by postMessage. The frame takes it only
// from a parent origin on the space's embedOrigins (set by cohort-kit set-embed-origins); any other origin's
// learners stay anonymous.
const demo = useDemo();
let allowed: Awaited<ReturnType<typeof serve>>;
let refused: Awaited<ReturnType<typeof serve>>;
const POLLS = ['token-allowed', 'token-refused'] as const;

beforeAll(async () => {
  allowed = await serve(portAfterDemo(4));
  refused = await serve(portAfterDemo(5));
  await adminDb()
    .doc(`spaces/${SPACE}`)
    .update({ embedOrigins: [allowed.origin] });
});
afterAll(async () => {
  await Promise.all([allowed?.close(), refused?.close()]);
  await adminDb().doc(`spaces/${SPACE}`).update({ embedOrigins: FieldValue.delete() });
});
beforeEach(async () => {
  for (const id of POLLS) await adminDb().recursiveDelete(adminDb().doc(`spaces/${SPACE}/polls/${id}`));
});

/** A course page on `host` whose back end minted a token for `uid` and hands it to the frame as it loads. */
async function hostWithToken(host: typeof allowed, poll: string, uid: string) {
  adminDb(); // the admin app, for its Auth
  const token = await getAuth(getApps()[0]).createCustomToken(uid);
  const params = new URLSearchParams([
    ['element', 'cohort-poll'],
    ['space', SPACE],
    ['poll', poll],
    ['question', 'Ready for week 2?'],
    ['option', 'yes:Yes'],
    ['option', 'soon:Almost'],
  ]);
  const embed = `${new URL(demo.url).origin}/embed/?${params}`;
  host.pages['/course.html'] = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>A course page</title>
<script>window.messages = []; addEventListener('message', (event) => messages.push(event.data));</script>
</head><body><iframe id="poll" title="Poll" src="${embed}" style="width: 100%; border: 0" height="480"
  onload="this.contentWindow.postMessage({ context: 'cohort-kit', action: 'token', token: ${JSON.stringify(token).replace(/"/g, '&quot;')} }, '*')"></iframe>
</body></html>`;
  return `${host.origin}/course.html`;
}

async function vote(frame: Frame, name: string) {
  const poll = frame.locator('cohort-poll');
  await poll.getByRole('radio', { name: /Yes/ }).click({ timeout: 60000 });
  const form = poll.locator('form.join');
  await form.waitFor({ timeout: 20000 });
  await form.locator('input[name="displayName"]').fill(name);
  await form.getByRole('button', { name: 'Continue' }).click();
  await poll.getByText('1 peer voted').waitFor({ timeout: 60000 });
}

const voters = async (poll: string) =>
  (await adminDb().collection(`spaces/${SPACE}/polls/${poll}/votes`).get()).docs.map((doc) => doc.id);

describe("a host's custom token in the embed frame", () => {
  it("is taken from an origin on the space's embed origins: the learner votes as the host's account", async () => {
    const { context, page } = await learner(demo.browser, await hostWithToken(allowed, 'token-allowed', 'lms-ana'));
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { messages: { action?: string }[] }).messages), {
        timeout: 30000,
      })
      .toContainEqual({ context: 'cohort-kit', action: 'token-accepted' });
    await vote(await frameWith(page, 'poll=token-allowed'), 'Ana');
    await expect.poll(() => voters('token-allowed'), { timeout: 30000 }).toEqual(['lms-ana']);
    await context.close();
  });

  it('is refused from any other origin: the learner stays anonymous, and the frame says why in the console', async () => {
    const { context, page } = await learner(demo.browser, 'about:blank');
    const warned: string[] = [];
    page.on('console', (message) => {
      if (message.text().includes('refused a sign-in token')) warned.push(message.text());
    });
    await page.goto(await hostWithToken(refused, 'token-refused', 'lms-eve'));
    const frame = await frameWith(page, 'poll=token-refused');
    await expect.poll(() => warned.length, { timeout: 30000 }).toBe(1);
    expect(warned[0]).toContain(refused.origin);
    await vote(frame, 'Eve');
    await expect.poll(() => voters('token-refused'), { timeout: 30000 }).toHaveLength(1);
    expect(await voters('token-refused')).not.toContain('lms-eve');
    const messages = await page.evaluate(() => (window as unknown as { messages: { action?: string }[] }).messages);
    expect(messages.some((message) => message.action === 'token-accepted')).toBe(false);
    await context.close();
  });
});
