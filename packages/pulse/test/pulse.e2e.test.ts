// The facilitators' page of the demo course, on the built demo over the emulators: the cohort has three weeks of
// history; a facilitator signs in and watches the pulse while a learner, in another browser, votes, posts and sets a
// goal on the week 2 page, and each moves the pulse live. A learner who went quiet is nudged from the pulse and sees
// the post that mentions them in the thread.
import { getAuth } from 'firebase-admin/auth';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { adminDb, answerJoinForm, emailedSignInCode, learner, SPACE, useDemo } from '@cohort-kit/core/testing/e2e.js';
import { learnerDocuments, madeUpCohort } from '../src/made-up-cohort.js';

const demo = useDemo();
const THREAD = 'week-2-goals';

const pulse = (page: Page) => page.locator('cohort-pulse');
/** The number of learners the pulse's subtitle gives ("… · 14 learners · live"). */
async function learners(page: Page): Promise<number> {
  const text = await pulse(page).locator('.hint').first().textContent();
  return Number(/(\d+) learners · live/.exec(text ?? '')?.[1]);
}
/** A metric's value or detail, by the metric's label. */
const metric = (page: Page, label: string) =>
  pulse(page)
    .locator('.metric')
    .filter({ has: page.locator('.metric__label', { hasText: label }) });
/** "12 substantive, 20 one-tap" → [12, 20]. */
async function activity(page: Page): Promise<[number, number]> {
  const text = (await metric(page, 'Substantive to reaction ratio').locator('.metric__detail').textContent()) ?? '';
  const [, substantive, oneTap] = /(\d+) substantive, (\d+) one-tap/.exec(text) ?? [];
  return [Number(substantive), Number(oneTap)];
}
async function until(check: () => Promise<boolean>, what: string) {
  await expect.poll(check, { timeout: 30000, message: what }).toBe(true);
}

beforeAll(async () => {
  // Each run starts the week 2 widgets from nothing, and the cohort from its three weeks of history.
  for (const path of ['polls/goal-approach', 'goalBoards/leadership-goals', `threads/${THREAD}`])
    await adminDb().recursiveDelete(adminDb().doc(`spaces/${SPACE}/${path}`));
  const now = Date.now();
  const history = madeUpCohort(12, 0.25).map((each) => ({
    uid: `history-${each.uid}`,
    ...learnerDocuments(each, now),
  }));
  const seed = './seed.mjs';
  const { commands } = (await import(seed)) as {
    commands: Record<string, (payload: unknown, db: unknown) => Promise<unknown>>;
  };
  await commands['cohort-seed-pulse']!({ space: SPACE, learners: history }, adminDb());
});

/** Fay, granted the role as the command-line tool does, signed in on the facilitators' page by her emailed link. */
async function facilitatorPage(): Promise<Page> {
  const email = `fay-pulse-${Date.now()}@example.org`;
  const account = await getAuth().createUser({ email, emailVerified: true });
  await adminDb().doc(`spaces/${SPACE}/members/${account.uid}`).set({
    displayName: 'Fay',
    role: 'facilitator',
    joinedAt: new Date(),
    normsAcknowledgedAt: new Date(),
  });
  const { page } = await learner(demo.browser, `${demo.url}facilitator.html`);
  // Before signing in she is anyone: the pulse is a note.
  await pulse(page).getByText('For facilitators').waitFor({ timeout: 60000 });
  await pulse(page).getByRole('button', { name: 'Facilitator? Sign in' }).click();
  await pulse(page).getByLabel('Your email').fill(email);
  await pulse(page).getByRole('button', { name: 'Email me a sign-in link' }).click();
  await pulse(page).locator('[part="sign-in-form"]').getByText(`We sent a sign-in link to ${email}.`).waitFor();
  const code = await emailedSignInCode(email);
  await page.goto(`${demo.url}facilitator.html?mode=signIn&oobCode=${code}&apiKey=emulator-api-key&lang=en`);
  await pulse(page).getByRole('heading', { name: 'Cohort pulse' }).waitFor({ timeout: 30000 });
  return page;
}

/** The learner's uid, by the name they joined with. */
async function uidOf(name: string): Promise<string> {
  const found = await adminDb().collection(`spaces/${SPACE}/members`).where('displayName', '==', name).get();
  return found.docs[0]!.id;
}

describe("the demo course's facilitator page", () => {
  it('a vote, a post and a goal on the week 2 page move the pulse live', async () => {
    const fay = await facilitatorPage();
    const before = await learners(fay);
    const [substantive, oneTap] = await activity(fay);
    expect(before).toBeGreaterThanOrEqual(12);

    const ana = await learner(demo.browser, `${demo.url}index.html`);
    const poll = ana.page.locator('cohort-poll');
    await poll.getByRole('radio', { name: /Use the SMART goals framework/ }).click({ timeout: 60000 });
    await answerJoinForm(ana.page, 'cohort-poll', 'Ana Pulse');
    await until(async () => (await learners(fay)) === before + 1, 'Ana counts as a learner');
    await until(async () => (await activity(fay))[1] === oneTap + 1, 'her vote counts as one-tap');

    const thread = ana.page.locator('cohort-thread');
    await thread.locator('#composer-text').fill('My goal: a weekly one-to-one with each of my reports.');
    await thread.getByRole('button', { name: 'Post', exact: true }).click();
    await until(async () => (await activity(fay))[0] === substantive + 1, 'her post counts as substantive');

    const goalsBefore = (await metric(fay, 'Goals set').locator('.metric__value').textContent()) ?? '';
    const goals = ana.page.locator('cohort-goals');
    await goals.getByLabel('Your goal').fill('Run a weekly one-to-one with each of my reports');
    await goals.getByRole('button', { name: 'Set goal' }).click();
    const [count] = goalsBefore.split(' of ').map(Number);
    await until(
      async () =>
        ((await metric(fay, 'Goals set').locator('.metric__value').textContent()) ?? '').startsWith(`${count! + 1} of`),
      'her goal counts',
    );
    await ana.context.close();
    await fay.context().close();
  });

  it('a learner who went quiet is nudged in the thread, and sees the post that mentions them', async () => {
    const ben = await learner(demo.browser, `${demo.url}index.html`);
    await ben.page
      .locator('cohort-poll')
      .getByRole('radio', { name: /Find an accountability buddy/ })
      .click({ timeout: 60000 });
    await answerJoinForm(ben.page, 'cohort-poll', 'Aaron Quiet');
    await expect.poll(() => uidOf('Aaron Quiet').catch(() => ''), { timeout: 30000 }).not.toBe('');
    const benUid = await uidOf('Aaron Quiet');
    await until(async () => (await adminDb().doc(`spaces/${SPACE}/ledger/${benUid}`).get()).exists, 'his vote counts');
    // Ten days pass: he joined ten days ago and voted on his first day, then nothing.
    const day = Math.floor(Date.now() / 86_400_000);
    await adminDb()
      .doc(`spaces/${SPACE}/members/${benUid}`)
      .update({ joinedAt: new Date(Date.now() - 10 * 86_400_000) });
    await adminDb()
      .doc(`spaces/${SPACE}/ledger/${benUid}`)
      .update({ days: [day - 10], lastDays: { votes: day - 10 }, lastAt: new Date(Date.now() - 10 * 86_400_000) });

    const fay = await facilitatorPage();
    const quiet = pulse(fay).locator('[part="quiet"]');
    await quiet.getByText('Aaron Quiet').waitFor({ timeout: 30000 });
    // Only Aaron: the others chosen by default are unchecked.
    const boxes: Locator = quiet.getByRole('checkbox');
    for (let i = 0; i < (await boxes.count()); i++) await boxes.nth(i).uncheck();
    await quiet.getByRole('checkbox', { name: 'Aaron Quiet' }).check();
    const text = quiet.getByLabel('Your message');
    await expect.poll(() => text.inputValue()).toMatch(/^Hi @Aaron Quiet! /);
    await text.fill('Hi @Aaron Quiet! We miss you in the thread. What is one thing you tried this week?');
    await quiet.getByRole('button', { name: 'Nudge 1 in the thread' }).click();
    await pulse(fay).getByText('Nudge posted in week-2-goals, mentioning 1 learners.').waitFor({ timeout: 30000 });

    // His open page offers the new post, as the thread does with any post that arrives while one reads.
    await ben.page
      .locator('cohort-thread')
      .getByRole('button', { name: /^1 new post — show/ })
      .click({ timeout: 30000 });
    const post = ben.page.locator('cohort-thread .post').filter({ hasText: 'We miss you in the thread.' });
    await post.getByText('Mentions you').waitFor({ timeout: 30000 });
    const stored = await adminDb().collection(`spaces/${SPACE}/threads/${THREAD}/posts`).get();
    expect(stored.docs.map((each) => each.get('mentions'))).toContainEqual([benUid]);
    await ben.context.close();
    await fay.context().close();
  });
});
