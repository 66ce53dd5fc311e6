// The goal board across the demo course's weeks, on the built demo over the emulators: a learner sets a goal in
// week 2, checks in on it in week 4 and reflects in week 6; a peer in another browser sees each step live and
// cheers, and the cheer reaches the goal's owner.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { adminDb, answerJoinForm, learner, SPACE, useDemo } from '@cohort-kit/core/testing/e2e.js';

const demo = useDemo(`spaces/${SPACE}/goalBoards/leadership-goals`);
const GOAL = 'Run a weekly one-to-one with each person on my team';

const board = (page: Page) => page.locator('cohort-goals');
const card = (page: Page) => board(page).locator('article').filter({ hasText: GOAL }).first();

describe('the demo course goal board', () => {
  it('a goal set in week 2 is checked in on in week 4 and reflected on in week 6, and a peer sees each step live', async () => {
    const ana = await learner(demo.browser, `${demo.url}index.html`);
    const ben = await learner(demo.browser, `${demo.url}index.html`);
    await board(ben.page).getByText('No goals yet').waitFor({ timeout: 60000 });

    // Week 2: Ana sets her goal, naming herself the first time.
    await board(ana.page).getByLabel('Your goal').fill(GOAL);
    await board(ana.page).getByLabel('Your first step (optional)').fill('When I plan my Monday, I will book three.');
    await board(ana.page).getByRole('button', { name: 'Set goal' }).click();
    await answerJoinForm(ana.page, 'cohort-goals', 'Ana');
    await card(ana.page).waitFor({ timeout: 30000 });
    await card(ben.page).waitFor({ timeout: 30000 });

    // Ben cheers; Ana's card counts it live.
    await card(ben.page).getByRole('button', { name: /Cheer/ }).click();
    await answerJoinForm(ben.page, 'cohort-goals', 'Ben');
    await card(ben.page).getByRole('button', { name: 'Cheered' }).waitFor({ timeout: 30000 });
    await card(ana.page).getByText('1 cheer').waitFor({ timeout: 30000 });

    // Week 4: the page asks Ana how it is going, first thing.
    await ana.page.goto(`${demo.url}week-4.html`);
    await board(ana.page).getByRole('radio', { name: 'Behind' }).check({ timeout: 60000 });
    await board(ana.page).getByLabel('A short note (optional)').fill('Two of three booked.');
    await board(ana.page).getByRole('button', { name: 'Save check-in' }).click();
    await card(ben.page).getByText('Two of three booked.').waitFor({ timeout: 30000 });

    // Week 6: she reflects, and Ben reads it on her card.
    await ana.page.goto(`${demo.url}week-6.html`);
    const reflection = board(ana.page).getByLabel('What helped you most? What would you do differently?');
    await reflection.fill('Booking the slots on Monday made it happen.', { timeout: 60000 });
    await board(ana.page).getByRole('button', { name: 'Save reflection' }).click();
    await card(ben.page).getByText('Booking the slots on Monday made it happen.').waitFor({ timeout: 30000 });

    const goals = await adminDb().collection(`spaces/${SPACE}/goalBoards/leadership-goals/goals`).get();
    expect(goals.docs.map((goal) => [goal.get('text'), goal.get('cheers'), goal.get('checkIns')])).toEqual([
      [GOAL, 1, 1],
    ]);
    await ana.context.close();
    await ben.context.close();
  });
});
