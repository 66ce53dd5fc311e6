// The goal board across the demo course's weeks, on the built demo over the emulators: a learner sets a goal in
// week 2, checks in on it in week 4 and reflects in week 6; a peer in another browser sets his own, becomes her
// accountability buddy, sees each step live ("Your buddy Ana checked in") and cheers the goal and the check-in.
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { adminDb, answerJoinForm, learner, SPACE, useDemo } from '@cohort-kit/core/testing/e2e.js';

const demo = useDemo(`spaces/${SPACE}/goalBoards/leadership-goals`);
const GOAL = 'Run a weekly one-to-one with each person on my team';
const BEN_GOAL = 'Delegate one decision a week';

const board = (page: Page) => page.locator('cohort-goals');
const card = (page: Page) => board(page).locator('article').filter({ hasText: GOAL }).first();

/** Waits for a board's buddy panel to show `text`; a wait that times out says what each learner's board showed. */
async function panelShows(board: Locator, text: string, boards: Record<string, Locator>) {
  try {
    await board.locator('.buddy').getByText(text).waitFor({ timeout: 30000 });
  } catch (error) {
    const shown = await Promise.all(
      Object.entries(boards).map(async ([name, each]) => {
        const seen = await each
          .evaluate((element) => element.shadowRoot?.textContent ?? '', null, { timeout: 2000 })
          .catch(() => '(not shown)');
        return `${name}'s board: ${seen.replace(/\s+/g, ' ').slice(0, 1500)}`;
      }),
    );
    throw new Error([(error as Error).message, ...shown].join('\n'));
  }
}

describe('the demo course goal board', () => {
  it('a goal set in week 2 is checked in on in week 4 and reflected on in week 6; the buddy sees each step live', async () => {
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
    await card(ben.page).getByRole('button', { name: 'Cheer 👏' }).click();
    await answerJoinForm(ben.page, 'cohort-goals', 'Ben');
    await card(ben.page).getByRole('button', { name: 'Cheered' }).waitFor({ timeout: 30000 });
    await card(ana.page).getByText('1 cheer').waitFor({ timeout: 30000 });

    // Ben sets his own goal; both look for an accountability buddy and find each other.
    await board(ben.page).getByLabel('Your goal').fill(BEN_GOAL);
    await board(ben.page).getByRole('button', { name: 'Set goal' }).click();
    await board(ana.page).locator('article').filter({ hasText: BEN_GOAL }).waitFor({ timeout: 30000 });
    await board(ana.page).getByRole('button', { name: 'Find me a buddy' }).click();
    await board(ana.page).locator('.buddy').getByText('Looking for a buddy').waitFor({ timeout: 30000 });
    await board(ben.page).getByRole('button', { name: 'Find me a buddy' }).click();
    const boards = { Ana: board(ana.page), Ben: board(ben.page) };
    await panelShows(board(ben.page), 'Your buddy: Ana.', boards);
    await panelShows(board(ana.page), 'Your buddy: Ben.', boards);

    // Week 4: the page asks Ana how it is going, first thing.
    await ana.page.goto(`${demo.url}week-4.html`);
    await board(ana.page).getByRole('radio', { name: 'Behind' }).check({ timeout: 60000 });
    await board(ana.page).getByLabel('A short note (optional)').fill('Two of three booked.');
    await board(ana.page).getByRole('button', { name: 'Save check-in' }).click();
    await card(ben.page).getByText('Two of three booked.').waitFor({ timeout: 30000 });
    // Ana is Ben's buddy: his page says so as it happens, and he cheers that check-in.
    await board(ben.page).locator('.buddy').getByText('Your buddy Ana checked in: Behind').waitFor({ timeout: 30000 });
    await card(ben.page).getByRole('button', { name: 'Cheer this check-in' }).click();
    await card(ben.page).getByRole('button', { name: 'Check-in cheered' }).waitFor({ timeout: 30000 });

    // Week 6: she reflects, and Ben reads it on her card.
    await ana.page.goto(`${demo.url}week-6.html`);
    const reflection = board(ana.page).getByLabel('What helped you most? What would you do differently?');
    await reflection.fill('Booking the slots on Monday made it happen.', { timeout: 60000 });
    await board(ana.page).getByRole('button', { name: 'Save reflection' }).click();
    await card(ben.page).getByText('Booking the slots on Monday made it happen.').waitFor({ timeout: 30000 });

    const goals = await adminDb().collection(`spaces/${SPACE}/goalBoards/leadership-goals/goals`).get();
    const anas = goals.docs.find((goal) => goal.get('text') === GOAL)!;
    expect([anas.get('cheers'), anas.get('checkIns'), anas.get('lastCheckIn').cheers]).toEqual([1, 1, 1]);
    const pairs = await adminDb().collection(`spaces/${SPACE}/goalBoards/leadership-goals/pairs`).get();
    expect(pairs.docs.map((pair) => pair.get('members').length)).toEqual([2]);
    await ana.context.close();
    await ben.context.close();
  });

  it("the two-learners page's goal board: two learners pair as buddies and a check-in reaches the other live", async () => {
    const { context, page } = await learner(demo.browser, `${demo.url}two-learners.html?page=goals`);
    const frameA = page.frameLocator('#frame-a').locator('cohort-goals');
    const frameB = page.frameLocator('#frame-b').locator('cohort-goals');
    const join = async (frame: typeof frameA, name: string) => {
      await frame.locator('form.join input[name="displayName"]').fill(name);
      await frame.locator('form.join button[type="submit"]').click();
    };
    const buddyPanelShows = (frame: Locator, text: string) => panelShows(frame, text, { Ana: frameA, Ben: frameB });
    // A late joiner on a check-in page is offered to set a goal first.
    await frameA.getByLabel('Your goal').fill('Speak up once in every meeting', { timeout: 60000 });
    await frameA.getByRole('button', { name: 'Set goal' }).click();
    await join(frameA, 'Ana');
    await frameA.getByRole('button', { name: 'Find me a buddy' }).click();
    await buddyPanelShows(frameA, 'Looking for a buddy');
    await frameB.getByRole('button', { name: 'Find me a buddy' }).click({ timeout: 60000 });
    await join(frameB, 'Ben');
    await buddyPanelShows(frameB, 'Your buddy: Ana.');
    await buddyPanelShows(frameA, 'Your buddy: Ben.');
    // Ana's page asks how her goal is going; her answer reaches Ben's frame as it happens.
    await frameA.getByRole('radio', { name: 'On track' }).check();
    await frameA.getByRole('button', { name: 'Save check-in' }).click();
    await buddyPanelShows(frameB, 'Your buddy Ana checked in: On track');
    await context.close();
  });
});
