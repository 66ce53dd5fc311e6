// The course team's path, end to end on the built demo over the emulators: an owner signs in to the console by
// email link, creates a space and invites a facilitator; a learner posts on a page of that space at once; the
// facilitator signs in from that page's thread and moderates; the owner removes the learner, whose page says so.
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { adminDb, emailedSignInCode, learner, useDemo } from '@cohort-kit/core/testing/e2e.js';

const demo = useDemo();

/** Opens the link the Auth emulator "sent" to `email`, on `url`, as the owner or facilitator would from their inbox. */
async function openEmailedLink(page: Page, url: string, email: string) {
  const code = await emailedSignInCode(email);
  const back = new URL(url);
  back.search = new URLSearchParams({
    ...Object.fromEntries(back.searchParams),
    mode: 'signIn',
    oobCode: code,
    apiKey: 'emulator-api-key',
    lang: 'en',
  }).toString();
  await page.goto(back.toString());
}

const article = (thread: Locator, text: string) => thread.locator('article').filter({ hasText: text }).first();

describe("the course team's path", () => {
  it('an owner makes a space in the console, a learner uses it at once, an invited facilitator moderates and the owner removes the learner', async () => {
    const stamp = Date.now();
    const ownerEmail = `olga-${stamp}@example.org`;
    const facilitatorEmail = `fay-${stamp}@example.org`;
    const space = `team-${stamp}`;
    // The one step the console cannot do: `cohort-kit add-owner --email` makes Olga an owner.
    await adminDb().doc(`owners/${ownerEmail}`).set({ addedAt: new Date() });

    // Olga signs in to the console with the link from her email.
    const consoleUrl = new URL('../console/', demo.url).toString();
    const owner = await learner(demo.browser, consoleUrl);
    const ownerConsole = owner.page.locator('cohort-console');
    await ownerConsole.getByLabel('Your email').fill(ownerEmail);
    await ownerConsole.getByRole('button', { name: 'Send sign-in link' }).click();
    await ownerConsole.getByText(`We sent a sign-in link to ${ownerEmail}.`).waitFor({ timeout: 20000 });
    await openEmailedLink(owner.page, consoleUrl, ownerEmail);

    // She creates the space and invites Fay as a facilitator.
    await ownerConsole.getByLabel('Space id').fill(space);
    await ownerConsole.getByLabel('Name', { exact: true }).fill('Leading with Purpose');
    await ownerConsole.getByLabel('Norms (optional)').fill('Be kind. Stay on topic.');
    await ownerConsole.getByLabel('Your name in this space').fill('Olga');
    await ownerConsole.getByRole('button', { name: 'Create space' }).click();
    await ownerConsole.getByRole('heading', { name: 'Course team' }).waitFor({ timeout: 30000 });
    await ownerConsole.getByLabel('Email', { exact: true }).fill(facilitatorEmail);
    await ownerConsole.getByLabel('Role').selectOption('facilitator');
    await ownerConsole.getByRole('button', { name: 'Invite', exact: true }).click();
    await ownerConsole.getByRole('list', { name: 'Invitations' }).getByText(facilitatorEmail).waitFor();
    // The list shows it at once, from this browser; the server has it a moment later.
    await expect
      .poll(async () => (await adminDb().doc(`spaces/${space}/invites/${facilitatorEmail}`).get()).get('role'))
      .toBe('facilitator');

    // Leo, a learner on a course page of the new space, posts at once.
    const spacePage = `${demo.url}space.html?space=${space}`;
    const leo = await learner(demo.browser, spacePage);
    const leoThread = leo.page.locator('cohort-thread');
    await leoThread.getByText('No one has replied yet.').waitFor({ timeout: 60000 });
    await leoThread.locator('#composer-text').fill('Buy cheap followers here');
    await leoThread.getByRole('button', { name: 'Post', exact: true }).click();
    // The space's norms, set in the console, are in the form he answers before his first post.
    const join = leoThread.locator('form.join');
    await join.getByText('Be kind. Stay on topic.').waitFor({ timeout: 20000 });
    await join.locator('input[name="displayName"]').fill('Leo');
    await join.getByLabel('I have read the group norms and will follow them').check();
    await join.getByRole('button', { name: 'Continue' }).click();
    await article(leoThread, 'Buy cheap followers').waitFor();
    await expect
      .poll(async () => (await adminDb().collection(`spaces/${space}/threads/try-it/posts`).count().get()).data().count)
      .toBe(1);

    // Fay signs in from that page's thread with the link, which claims her invitation, and hides Leo's post.
    const fay = await learner(demo.browser, spacePage);
    const fayThread = fay.page.locator('cohort-thread');
    await fayThread.getByRole('button', { name: 'Facilitator? Sign in' }).click({ timeout: 60000 });
    await fayThread.getByLabel('Your email').fill(facilitatorEmail);
    await fayThread.getByRole('button', { name: 'Email me a sign-in link' }).click();
    await fayThread
      .locator('[part="sign-in-form"]')
      .getByText(`We sent a sign-in link to ${facilitatorEmail}.`)
      .waitFor({ timeout: 20000 });
    await openEmailedLink(fay.page, spacePage, facilitatorEmail);
    await fayThread
      .locator('[part="signed-in"]')
      .getByText(/· Facilitator/)
      .waitFor({ timeout: 30000 });
    await article(fayThread, 'Buy cheap followers').getByRole('button', { name: 'Hide' }).click();
    const posts = adminDb().collection(`spaces/${space}/threads/try-it/posts`);
    await expect.poll(async () => (await posts.get()).docs.map((post) => post.get('hidden'))).toEqual([true]);
    // The console shows that she accepted.
    await ownerConsole
      .getByRole('list', { name: 'Members' })
      .getByText(/Facilitator/)
      .waitFor({ timeout: 30000 });

    // Olga removes Leo in the console; his page says so and offers him nothing to post with.
    await ownerConsole.getByRole('button', { name: 'Remove Leo' }).click();
    await ownerConsole.getByRole('button', { name: 'Yes, remove Leo' }).click();
    await leoThread.getByText('You were removed from this cohort').waitFor({ timeout: 30000 });
    await expect(leoThread.locator('#composer-text').count()).resolves.toBe(0);
    const leoMember = (await adminDb().collection(`spaces/${space}/members`).where('displayName', '==', 'Leo').get())
      .docs[0]!;
    expect(leoMember.get('role')).toBe('removed');

    // Fay locks the thread.
    await fayThread.getByRole('button', { name: 'Lock thread' }).click();
    await expect
      .poll(async () => (await adminDb().doc(`spaces/${space}/threads/try-it`).get()).get('locked'))
      .toBe(true);

    for (const context of [owner.context, leo.context, fay.context]) await context.close();
  });
});
