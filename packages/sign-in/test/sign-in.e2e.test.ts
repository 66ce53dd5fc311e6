// The course team signs in where they work: "Facilitator? Sign in" at the end of the demo page's thread, the link
// from the Auth emulator's outbox, and the role's actions in the element. On the built demo over the emulators.
import { getAuth } from 'firebase-admin/auth';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { adminDb, emailedSignInCode, learner, SPACE, useDemo } from '@cohort-kit/core/testing/e2e.js';

const THREAD = 'week-2-goals';
const threadPath = `spaces/${SPACE}/threads/${THREAD}`;
const demo = useDemo(threadPath);

/** Asks for the link from the thread's "Facilitator? Sign in", then opens it on the same page. */
async function signInFromThread(page: Page, email: string) {
  const thread = page.locator('cohort-thread');
  await thread.getByRole('button', { name: 'Facilitator? Sign in' }).click({ timeout: 60000 });
  await thread.getByLabel('Your email').fill(email);
  await thread.getByRole('button', { name: 'Email me a sign-in link' }).click();
  await thread
    .locator('[part="sign-in-form"]')
    .getByText(`We sent a sign-in link to ${email}.`)
    .waitFor({ timeout: 20000 });
  const code = await emailedSignInCode(email);
  await page.goto(`${demo.url}index.html?mode=signIn&oobCode=${code}&apiKey=emulator-api-key&lang=en`);
  return thread;
}

/** A learner's post, written by the thread's own server-side seeding (firebase-admin, in the element's shape). */
async function seedPost() {
  const seed = '../../thread/test/seed.mjs';
  const { commands } = (await import(seed)) as {
    commands: Record<string, (payload: unknown, db: unknown) => Promise<unknown>>;
  };
  const { ids } = (await commands['cohort-seed-posts']!(
    {
      space: SPACE,
      thread: THREAD,
      posts: [{ authorId: 'leo-learner', authorName: 'Leo', body: 'Off-topic advert', minutesAgo: 5 }],
    },
    adminDb(),
  )) as { ids: string[] };
  return ids[0]!;
}

/**
 * Fay, granted server-side as the command-line tool does: her account, and her member document with the role.
 * Returns her address, new for each test.
 */
async function grantedFacilitator(): Promise<string> {
  const email = `fay-${Date.now()}@example.org`;
  const account = await getAuth().createUser({ email, emailVerified: true });
  await adminDb().doc(`spaces/${SPACE}/members/${account.uid}`).set({
    displayName: 'Fay',
    role: 'facilitator',
    joinedAt: new Date(),
    normsAcknowledgedAt: null,
  });
  return email;
}

describe('a facilitator signing in from the page', () => {
  it('granted by the course team, signs in from the thread, hides a post, locks the thread and signs out', async () => {
    const email = await grantedFacilitator();
    const postId = await seedPost();
    const { context, page } = await learner(demo.browser, `${demo.url}index.html`);
    const thread = await signInFromThread(page, email);

    await thread.locator('[part="signed-in"]').getByText('Signed in as Fay · Facilitator').waitFor({ timeout: 30000 });
    await expect(thread.getByRole('button', { name: 'Facilitator? Sign in' }).count()).resolves.toBe(0);

    await thread.getByRole('button', { name: 'Hide' }).first().click();
    await expect
      .poll(async () => (await adminDb().doc(`${threadPath}/posts/${postId}`).get()).get('hidden'))
      .toBe(true);
    await thread.getByRole('button', { name: 'Lock thread' }).click();
    await expect.poll(async () => (await adminDb().doc(threadPath).get()).get('locked')).toBe(true);

    // Signed out, the page is a reader's again: the sign-in entry is back and the moderation is gone.
    await thread.getByRole('button', { name: 'Sign out' }).click();
    await thread.getByRole('button', { name: 'Facilitator? Sign in' }).waitFor();
    await expect(thread.getByRole('button', { name: 'Unlock thread' }).count()).resolves.toBe(0);
    await context.close();
  });

  it.each([
    [
      'UNAUTHORIZED_DOMAIN',
      "This page's domain (127.0.0.1) is not authorised for sign-in links: add it in Firebase Authentication → Settings → Authorized domains.",
    ],
    [
      'QUOTA_EXCEEDED',
      "Today's sign-in emails are used up for this project. Try again tomorrow, or ask the course owner.",
    ],
  ])('when Auth answers %s, says what to do and keeps the address typed', async (code, message) => {
    const { context, page } = await learner(demo.browser, `${demo.url}index.html`);
    // Auth's answer for a project without this domain, or past its daily emails, as its REST API gives it.
    await page.route('**/accounts:sendOobCode**', (route) =>
      route.fulfill({
        status: 400,
        contentType: 'application/json',
        headers: { 'access-control-allow-origin': '*' },
        body: JSON.stringify({ error: { code: 400, message: code, errors: [{ message: code }] } }),
      }),
    );
    const thread = page.locator('cohort-thread');
    await thread.getByRole('button', { name: 'Facilitator? Sign in' }).click({ timeout: 60000 });
    await thread.getByLabel('Your email').fill('fay@example.org');
    await thread.getByRole('button', { name: 'Email me a sign-in link' }).click();
    await thread.getByText(message).waitFor({ timeout: 20000 });
    await expect(thread.getByLabel('Your email').inputValue()).resolves.toBe('fay@example.org');
    await context.close();
  });

  it('a link opened in another browser asks for the address, then signs in', async () => {
    const email = await grantedFacilitator();
    const asked = await learner(demo.browser, `${demo.url}index.html`);
    const askedThread = asked.page.locator('cohort-thread');
    await askedThread.getByRole('button', { name: 'Facilitator? Sign in' }).click({ timeout: 60000 });
    await askedThread.getByLabel('Your email').fill(email);
    await askedThread.getByRole('button', { name: 'Email me a sign-in link' }).click();
    // The form's status, not the polite announcement that says the same.
    await askedThread
      .locator('[part="sign-in-form"]')
      .getByText(`We sent a sign-in link to ${email}.`)
      .waitFor({ timeout: 20000 });
    // The email is opened on a phone: a browser that never saw the address.
    const code = await emailedSignInCode(email);
    const phone = await learner(
      demo.browser,
      `${demo.url}index.html?mode=signIn&oobCode=${code}&apiKey=emulator-api-key&lang=en`,
    );
    const phoneThread = phone.page.locator('cohort-thread');
    await phoneThread.getByText('Confirm your email to finish signing in').waitFor({ timeout: 30000 });
    await phoneThread.getByLabel('The email the link was sent to').fill(email);
    await phoneThread.getByRole('button', { name: 'Finish signing in' }).click();
    await phoneThread
      .locator('[part="signed-in"]')
      .getByText('Signed in as Fay · Facilitator')
      .waitFor({ timeout: 30000 });
    await asked.context.close();
    await phone.context.close();
  });

  it('with an email that has no role in the space, says to ask the course owner', async () => {
    const email = `nobody-${Date.now()}@example.org`;
    const { context, page } = await learner(demo.browser, `${demo.url}index.html`);
    const thread = await signInFromThread(page, email);
    await thread
      .getByText('This email has no facilitator role in this space: ask the course owner.')
      .waitFor({ timeout: 30000 });
    await expect(thread.getByRole('button', { name: 'Lock thread' }).count()).resolves.toBe(0);
    await context.close();
  });

  it('invited by an owner, claims the invitation on sign-in and moderates', async () => {
    const email = `ivy-${Date.now()}@example.org`;
    await adminDb().doc(`spaces/${SPACE}/invites/${email}`).set({
      role: 'facilitator',
      invitedBy: 'owner-uid',
      invitedAt: new Date(),
      claimedBy: null,
      claimedAt: null,
    });
    const { context, page } = await learner(demo.browser, `${demo.url}index.html`);
    const thread = await signInFromThread(page, email);
    await thread
      .locator('[part="signed-in"]')
      .getByText(/· Facilitator/)
      .waitFor({ timeout: 30000 });
    // The role shows from the batch as soon as it is written here; the server has it a moment later.
    const inviteRef = adminDb().doc(`spaces/${SPACE}/invites/${email}`);
    await expect
      .poll(async () => (await inviteRef.get()).get('claimedBy'), { timeout: 10000 })
      .toEqual(expect.any(String));
    const invite = (await inviteRef.get()).data()!;
    expect(invite.claimedAt).toBeTruthy();
    const member = (
      await adminDb()
        .doc(`spaces/${SPACE}/members/${invite.claimedBy as string}`)
        .get()
    ).data()!;
    expect(member.role).toBe('facilitator');
    await thread.getByRole('button', { name: 'Lock thread' }).click();
    await expect.poll(async () => (await adminDb().doc(threadPath).get()).get('locked')).toBe(true);
    await context.close();
  });
});
