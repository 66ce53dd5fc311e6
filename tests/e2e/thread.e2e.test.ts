import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { adminDb, answerJoinForm, createDemoSpace, launch, learner, SPACE } from './support.js';

let browser: Browser;
let demoUrl: string;
let close: () => Promise<void>;
const threadPath = `spaces/${SPACE}/threads/week-2-goals`;

beforeAll(async () => {
  ({ browser, demoUrl, close } = await launch());
  await createDemoSpace();
});
afterAll(async () => {
  await close?.();
});
beforeEach(async () => {
  await adminDb().recursiveDelete(adminDb().doc(threadPath));
});

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

/** A post from someone else appears live, or waits behind "N new posts — show" so reading isn't disturbed. */
async function seeArriving(page: Page, body: string) {
  const banner = thread(page).getByRole('button', { name: /new posts? — show/ });
  await Promise.race([banner.waitFor({ timeout: 30000 }), article(page, body).waitFor({ timeout: 30000 })]);
  if (await banner.count()) await banner.click();
  await article(page, body).waitFor();
}

describe('the demo course page thread', () => {
  it("two learners in separate browsers see each other's posts, replies and reactions live", async () => {
    const ana = await learner(browser, `${demoUrl}index.html`);
    const ben = await learner(browser, `${demoUrl}index.html`);
    await thread(ben.page).getByText('No one has replied yet.').waitFor({ timeout: 60000 });

    await postAs(ana.page, 'Ana', 'By week 6 I will run my team meeting without notes.');
    await seeArriving(ben.page, 'By week 6 I will run my team meeting without notes.');

    // Ben replies to Ana's post and reacts to it.
    const anaPostForBen = article(ben.page, 'without notes');
    await anaPostForBen.getByRole('button', { name: 'Reply' }).click();
    await thread(ben.page).locator('#reply-text').fill('Love this, I will ask you how it went!');
    await thread(ben.page).getByRole('button', { name: 'Send reply' }).click();
    await answerJoinForm(ben.page, 'cohort-thread', 'Ben');
    await thread(ben.page).getByText('Love this, I will ask you how it went!').waitFor();
    await anaPostForBen
      .getByRole('button', { name: /^Thumbs up/ })
      .first()
      .click();

    // Ana sees both without reloading.
    const anaPost = article(ana.page, 'without notes');
    await anaPost.getByRole('button', { name: 'Thumbs up: 1' }).waitFor({ timeout: 30000 });
    const showReplies = anaPost.getByRole('button', { name: /Show 1 repl/ });
    const reply = thread(ana.page).getByText('Love this, I will ask you how it went!');
    await Promise.race([showReplies.waitFor({ timeout: 30000 }), reply.waitFor({ timeout: 30000 })]);
    if (await showReplies.count()) await showReplies.click();
    await reply.waitFor();
    await ana.context.close();
    await ben.context.close();
  });

  it('a post written while the connection is down shows as pending, survives a reload and is delivered', async () => {
    const ana = await learner(browser, `${demoUrl}index.html`);
    await thread(ana.page).getByText('No one has replied yet.').waitFor({ timeout: 60000 });
    await postAs(ana.page, 'Ana', 'First goal, posted online.');
    // The rules allow one post per 10 seconds.
    await ana.page.waitForTimeout(10500);

    // The connection drops for writes: nothing reaches the server.
    const blockWrites = '**/google.firestore.v1.Firestore/Write/**';
    await ana.page.route(blockWrites, (route) => route.abort('internetdisconnected'));
    await thread(ana.page).locator('#composer-text').fill('Second goal, written on the train.');
    await thread(ana.page).getByRole('button', { name: 'Post', exact: true }).click();
    const offlinePost = article(ana.page, 'written on the train');
    await offlinePost.getByText('Waiting to send').waitFor();

    await ana.page.reload();
    await offlinePost.getByText('Waiting to send').waitFor({ timeout: 60000 });
    const stored = () =>
      adminDb()
        .collection(`${threadPath}/posts`)
        .where('body', '==', 'Second goal, written on the train.')
        .get()
        .then((result) => result.size);
    expect(await stored()).toBe(0);

    // The connection returns: the post is sent without the learner doing anything.
    await ana.page.unroute(blockWrites);
    await expect.poll(stored, { timeout: 90000 }).toBe(1);
    await expect.poll(() => offlinePost.getByText('Waiting to send').count(), { timeout: 30000 }).toBe(0);
    await ana.context.close();
  });
});
