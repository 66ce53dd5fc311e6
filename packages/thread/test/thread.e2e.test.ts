import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { adminDb, answerJoinForm, learner, SPACE, useDemo } from '@cohort-kit/core/testing/e2e.js';

const threadPath = `spaces/${SPACE}/threads/week-2-goals`;

const demo = useDemo(threadPath);

const thread = (page: Page) => page.locator('cohort-thread');
const article = (page: Page, text: string) => thread(page).locator('article').filter({ hasText: text }).first();

/** Writes in the composer and posts; the first contribution also answers the name form. */
async function postAs(page: Page, name: string, body: string) {
  await thread(page).locator('#composer-text').fill(body);
  await thread(page).getByRole('button', { name: 'Post', exact: true }).click();
  const joining = thread(page).locator('form.join');
  await Promise.race([joining.waitFor({ timeout: 20000 }), article(page, body).waitFor({ timeout: 20000 })]);
  if (await joining.count()) await answerJoinForm(page, 'cohort-thread', name);
  await article(page, body).waitFor();
}

/** A post from someone else waits behind "1 new post — show" (announced), without moving the first post shown. */
async function seeArriving(page: Page, body: string, firstShown?: string) {
  const banner = thread(page).getByRole('button', { name: '1 new post — show' });
  await banner.waitFor({ timeout: 30000 });
  await expect
    .poll(() => thread(page).locator('[aria-live="polite"]').textContent(), { timeout: 10000 })
    .toContain('1 new post. Use "Show" to read it.');
  expect(await article(page, body).count()).toBe(0);
  if (firstShown) expect(await thread(page).locator('.feed > article').first().textContent()).toContain(firstShown);
  await banner.click();
  await article(page, body).waitFor();
  expect(await thread(page).locator('.feed > article').first().textContent()).toContain(body);
}

describe('the demo course page thread', () => {
  it("two learners in separate browsers see each other's posts, replies and reactions live", async () => {
    const ana = await learner(demo.browser, `${demo.url}index.html`);
    await thread(ana.page).getByText('No one has replied yet.').waitFor({ timeout: 60000 });
    await postAs(ana.page, 'Ana', 'First things first: I will block focus time.');
    const storedPosts = () =>
      adminDb()
        .collection(`${threadPath}/posts`)
        .get()
        .then((result) => result.size);
    await expect.poll(storedPosts, { timeout: 30000 }).toBe(1);
    const ben = await learner(demo.browser, `${demo.url}index.html`);
    await article(ben.page, 'block focus time').waitFor({ timeout: 60000 });

    // A third learner's first post arrives while Ben reads.
    const cara = await learner(demo.browser, `${demo.url}index.html`);
    await article(cara.page, 'block focus time').waitFor({ timeout: 60000 });
    await postAs(cara.page, 'Cara', 'By week 6 I will run my team meeting without notes.');
    await seeArriving(ben.page, 'By week 6 I will run my team meeting without notes.', 'block focus time');

    // Ben replies to Cara's post and reacts to it.
    const caraPostForBen = article(ben.page, 'without notes');
    await caraPostForBen.getByRole('button', { name: 'Reply' }).click();
    await thread(ben.page).locator('#reply-text').fill('Love this, I will ask you how it went!');
    await thread(ben.page).getByRole('button', { name: 'Send reply' }).click();
    await answerJoinForm(ben.page, 'cohort-thread', 'Ben');
    await thread(ben.page).getByText('Love this, I will ask you how it went!').waitFor();
    await caraPostForBen
      .getByRole('button', { name: /^Thumbs up/ })
      .first()
      .click();

    // Cara sees both without reloading.
    const caraPost = article(cara.page, 'without notes');
    await caraPost.getByRole('button', { name: 'Thumbs up: 1' }).waitFor({ timeout: 30000 });
    const showReplies = caraPost.getByRole('button', { name: /Show 1 repl/ });
    const reply = thread(cara.page).getByText('Love this, I will ask you how it went!');
    await Promise.race([showReplies.waitFor({ timeout: 30000 }), reply.waitFor({ timeout: 30000 })]);
    if (await showReplies.count()) await showReplies.click();
    await reply.waitFor();
    await ana.context.close();
    await ben.context.close();
    await cara.context.close();
  });

  it('two posts written while the connection is down stay pending through a reload and are both delivered', async () => {
    const ana = await learner(demo.browser, `${demo.url}index.html`);
    await thread(ana.page).getByText('No one has replied yet.').waitFor({ timeout: 60000 });
    await postAs(ana.page, 'Ana', 'First goal, posted online.');
    // The rules allow one post per 10 seconds from the server's time of the last one: count from its arrival.
    await article(ana.page, 'First goal, posted online.').getByText('Waiting to send').waitFor({ state: 'detached' });
    await ana.page.waitForTimeout(10500);

    // The connection drops for writes: nothing reaches the server.
    const blockWrites = '**/google.firestore.v1.Firestore/Write/**';
    await ana.page.route(blockWrites, (route) => route.abort('internetdisconnected'));
    const offline = ['Second goal, written on the train.', 'Third goal, written in the tunnel.'];
    for (const [index, body] of offline.entries()) {
      if (index > 0) await ana.page.waitForTimeout(10500);
      await thread(ana.page).locator('#composer-text').fill(body);
      await thread(ana.page).getByRole('button', { name: 'Post', exact: true }).click();
      await article(ana.page, body).getByText('Waiting to send').waitFor();
    }

    await ana.page.reload();
    for (const body of offline) await article(ana.page, body).getByText('Waiting to send').waitFor({ timeout: 60000 });
    const stored = () =>
      adminDb()
        .collection(`${threadPath}/posts`)
        .where('body', 'in', offline)
        .get()
        .then((result) => result.size);
    expect(await stored()).toBe(0);

    // The connection returns: both are sent, one after the other, without the learner doing anything.
    await ana.page.unroute(blockWrites);
    await expect.poll(stored, { timeout: 90000 }).toBe(2);
    await expect.poll(() => thread(ana.page).getByText('Waiting to send').count(), { timeout: 30000 }).toBe(0);
    for (const body of offline) await article(ana.page, body).waitFor();
    await ana.context.close();
  }, 180000); // three posts 10 s apart by the rules, a reload and a reconnect: longer than the default
});
