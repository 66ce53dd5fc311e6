import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { adminDb, answerJoinForm, learner, SPACE, useDemo } from '@cohort-kit/core/testing/e2e.js';

const POLL = 'twelve-options';
const pollPath = `spaces/${SPACE}/polls/${POLL}`;

const demo = useDemo(pollPath);

/**
 * The demo course page with its poll swapped for one of `count` options, as an author would write it: the
 * element the page loads, in the page's own space.
 */
async function openPoll(count: number, attributes = '') {
  const { context, page } = await learner(demo.browser, `${demo.url}index.html`);
  await page.locator('cohort-poll').getByText('Which goal-setting approach').waitFor({ timeout: 60000 });
  await page.evaluate(
    ({ poll, count, attributes }) => {
      const options = Array.from({ length: count }, (_, i) => `<option value="topic-${i + 1}">Topic ${i + 1}</option>`);
      const host = document.createElement('div');
      host.innerHTML = `<cohort-poll space="leadership-2026-spring" poll="${poll}" results="always" ${attributes}>
        Which topic should the next session cover? ${options.join('')}</cohort-poll>`;
      document.querySelector('cohort-poll')!.replaceWith(host.firstElementChild!);
    },
    { poll: POLL, count, attributes },
  );
  const poll = page.locator('cohort-poll');
  // Loaded: the options take votes.
  await poll.locator('[role="radiogroup"][aria-busy="false"]').waitFor({ timeout: 30000 });
  return { context, page, poll };
}

const topic = (page: Page, n: number, checked?: boolean) =>
  page.locator('cohort-poll').getByRole('radio', { name: new RegExp(`^Topic ${n}\\b`), checked });

/** Totals from the shards, as every page sums them. */
async function storedCounts() {
  const counts = new Map<string, number>();
  for (const shard of (await adminDb().collection(`${pollPath}/shards`).get()).docs) {
    for (const [value, count] of Object.entries(shard.get('counts') as Record<string, number>))
      counts.set(value, (counts.get(value) ?? 0) + count);
  }
  return Object.fromEntries(counts);
}

describe('a poll with twelve options on the emulator', () => {
  it('is created by a first vote, voted on, then renamed and closed by a facilitator', async () => {
    const ana = await openPoll(12);
    await topic(ana.page, 12).click();
    await answerJoinForm(ana.page, 'cohort-poll', 'Ana');
    await topic(ana.page, 12, true).waitFor({ timeout: 30000 });
    await topic(ana.page, 7).click();
    await topic(ana.page, 7, true).waitFor({ timeout: 30000 });
    await ana.poll.getByText(/recently Ana/).waitFor();

    // A name of her own: other tests leave facilitators named Fay in the demo space.
    const fayName = `Fay ${Date.now().toString(36)}`;
    const fay = await openPoll(12);
    await topic(fay.page, 1).click();
    await answerJoinForm(fay.page, 'cohort-poll', fayName);
    await topic(fay.page, 1, true).waitFor({ timeout: 30000 });
    await ana.poll.getByText('2 peers voted').waitFor({ timeout: 30000 });
    await expect.poll(storedCounts, { timeout: 20000 }).toEqual({ 'topic-12': 0, 'topic-7': 1, 'topic-1': 1 });
    const stored = await adminDb().doc(pollPath).get();
    expect(stored.get('optionValues')).toHaveLength(12);
    expect(stored.get('optionLabels')).toEqual(Array.from({ length: 12 }, (_, i) => `Topic ${i + 1}`));

    // The course team makes Fay a facilitator, as the command-line tool does.
    const members = await adminDb().collection(`spaces/${SPACE}/members`).where('displayName', '==', fayName).get();
    expect(members.size).toBe(1);
    await members.docs[0]!.ref.update({ role: 'facilitator' });
    const closeButton = fay.poll.getByRole('button', { name: 'Close poll' });
    await closeButton.waitFor({ timeout: 30000 });
    // The author reworded the question and an option on the page; Fay brings the stored poll in line.
    await fay.page.evaluate(() => {
      const poll = document.querySelector('cohort-poll')!;
      poll.firstChild!.textContent = 'Which topic should the last session cover? ';
      poll.querySelector('option[value="topic-12"]')!.textContent = 'Topic 12, renamed';
    });
    await fay.poll.getByRole('button', { name: 'Update the stored poll' }).click();
    await expect
      .poll(async () => (await adminDb().doc(pollPath).get()).get('question'), { timeout: 20000 })
      .toBe('Which topic should the last session cover?');
    expect((await adminDb().doc(pollPath).get()).get('optionLabels')[11]).toBe('Topic 12, renamed');
    await closeButton.click();
    await fay.poll.getByText('Poll closed. Final results:').waitFor({ timeout: 30000 });
    await ana.poll.getByText('Poll closed. Final results:').waitFor({ timeout: 30000 });
    expect((await adminDb().doc(pollPath).get()).get('closed')).toBe(true);
    await expect(topic(ana.page, 3).getAttribute('aria-disabled')).resolves.toBe('true');
    await ana.context.close();
    await fay.context.close();
  });

  it('learners suggest into an eleven-option poll until it shows twelve, and vote for the suggestion', async () => {
    const ana = await openPoll(11, 'allow-suggestions');
    await topic(ana.page, 11).click();
    await answerJoinForm(ana.page, 'cohort-poll', 'Ana');
    await topic(ana.page, 11, true).waitFor({ timeout: 30000 });

    const ben = await openPoll(11, 'allow-suggestions');
    await ben.poll.getByLabel('Suggest an option').fill('A session on feedback');
    await ben.poll.getByRole('button', { name: 'Add' }).click();
    await answerJoinForm(ben.page, 'cohort-poll', 'Ben');
    const suggestion = (page: Page) =>
      page.locator('cohort-poll').getByRole('radio', { name: /A session on feedback/ });
    await suggestion(ana.page).waitFor({ timeout: 30000 });
    await suggestion(ben.page).click();
    await ben.poll.getByRole('radio', { name: /A session on feedback/, checked: true }).waitFor({ timeout: 30000 });
    await expect.poll(() => suggestion(ana.page).textContent(), { timeout: 20000 }).toMatch(/1 vote · 50 %/);
    // Twelve options on screen: no room for another suggestion, so none is offered.
    await expect(ana.poll.getByLabel('Suggest an option').count()).resolves.toBe(0);
    expect(await storedCounts()).toEqual({ 'topic-11': 1, 'a-session-on-feedback': 1 });
    await ana.context.close();
    await ben.context.close();
  });
});
