// A peer-feedback round on the demo course's week 3 page, built and served over the emulators, in two browsers:
// Ana shares her goal plan, Ben reviews it, Ana sees the review arrive live and rates it, and Ben reads the rating.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { adminDb, answerJoinForm, learner, SPACE, useDemo } from '@cohort-kit/core/testing/e2e.js';

const ROUND = 'goal-plan-draft';
const demo = useDemo(`spaces/${SPACE}/feedbackRounds/${ROUND}`);
const PLAN =
  'Goal: a weekly one-to-one with each person on my team. Steps: book the slots on Monday, open with "what is in your way?", write one follow-up. It worked if problems reach me before they are on fire.';
const ANSWERS = [
  'In step two, "what is in your way?" is a good opener, but the plan does not say how long each slot is.',
  'I learned that writing one follow-up after each talk turns a chat into a commitment on both sides.',
  'I suggest you name the first three dates now and put a 30-minute limit on each one-to-one.',
];

const round = (page: Page) => page.locator('cohort-feedback');

describe('the demo course feedback round', () => {
  it('a plan shared in one browser is reviewed in another, and the review reaches its author live to be rated', async () => {
    const ana = await learner(demo.browser, `${demo.url}feedback.html`);
    const ben = await learner(demo.browser, `${demo.url}feedback.html`);
    try {
      // Ana shares her plan, naming herself the first time.
      await round(ana.page).getByLabel('Your work').fill(PLAN, { timeout: 60000 });
      await round(ana.page).getByRole('button', { name: 'Share my work' }).click();
      await answerJoinForm(ana.page, 'cohort-feedback', 'Ana');
      await round(ana.page).getByText('0 of 2 reviews received').waitFor({ timeout: 30000 });

      // Ben asks for a peer to review and gets Ana's plan.
      await round(ben.page).getByRole('button', { name: 'Review a peer' }).click({ timeout: 60000 });
      await answerJoinForm(ben.page, 'cohort-feedback', 'Ben');
      await round(ben.page).locator('.work--peer').getByText(PLAN).waitFor({ timeout: 30000 });
      await round(ben.page).getByLabel('I noticed…').fill(ANSWERS[0]!);
      await round(ben.page).getByLabel('I learned…').fill(ANSWERS[1]!);
      await round(ben.page).getByLabel('I suggest…').fill(ANSWERS[2]!);
      await round(ben.page).getByRole('button', { name: 'Send review' }).click();
      await round(ben.page).getByText('You have given 1 of 2 reviews.').waitFor({ timeout: 30000 });

      // Ana's page shows it without a reload, unsigned, and asks her to rate it.
      const review = round(ana.page).locator('article[part="review"]');
      await review.getByText(ANSWERS[2]!).waitFor({ timeout: 30000 });
      await round(ana.page).getByText('1 of 2 reviews received').waitFor();
      expect(await round(ana.page).textContent()).not.toContain('Ben');
      await review.getByRole('radio', { name: '4' }).check();
      await review.getByLabel('A thank-you to the reviewer (optional)').fill('The 30-minute limit is just right.');
      await review.getByRole('button', { name: 'Send rating' }).click();
      await review.getByText('Rated 4 of 5 for helpfulness.').waitFor({ timeout: 30000 });

      // Ben, on his next visit, reads how helpful his review was and the thanks.
      await ben.page.reload();
      await round(ben.page)
        .getByText("Your reviews' average helpfulness: 4.0 of 5 (1 rated).")
        .waitFor({ timeout: 60000 });
      await round(ben.page).getByText('The 30-minute limit is just right.').waitFor();

      // Stored as shown: one shared plan, its one review rated 4, nothing in it naming Ben.
      const base = `spaces/${SPACE}/feedbackRounds/${ROUND}/submissions`;
      const shared = await adminDb().collection(base).get();
      expect(shared.docs.map((each) => each.get('text'))).toEqual([PLAN]);
      const stored = await adminDb().collection(`${base}/${shared.docs[0]!.id}/reviews`).get();
      expect(stored.docs.map((each) => [each.get('rating'), each.get('reviewerId'), each.get('reviewerName')])).toEqual(
        [[4, '', '']],
      );
    } finally {
      await ana.context.close();
      await ben.context.close();
    }
  });
  it("the two-learners page's feedback round: a review written in one frame reaches its author in the other live", async () => {
    const { context, page } = await learner(demo.browser, `${demo.url}two-learners.html?page=feedback`);
    try {
      const frameA = page.frameLocator('#frame-a').locator('cohort-feedback');
      const frameB = page.frameLocator('#frame-b').locator('cohort-feedback');
      const join = async (frame: typeof frameA, name: string) => {
        await frame.locator('form.join input[name="displayName"]').fill(name);
        await frame.locator('form.join button[type="submit"]').click();
      };
      await frameA.getByLabel('Your work').fill(PLAN, { timeout: 60000 });
      await frameA.getByRole('button', { name: 'Share my work' }).click();
      await join(frameA, 'Ana');
      await frameA.getByText('0 of 2 reviews received').waitFor({ timeout: 30000 });
      await frameB.getByRole('button', { name: 'Review a peer' }).click({ timeout: 60000 });
      await join(frameB, 'Ben');
      await frameB.locator('.work--peer').getByText(PLAN).waitFor({ timeout: 30000 });
      await frameB.getByLabel('I noticed…').fill(ANSWERS[0]!);
      await frameB.getByLabel('I learned…').fill(ANSWERS[1]!);
      await frameB.getByLabel('I suggest…').fill(ANSWERS[2]!);
      await frameB.getByRole('button', { name: 'Send review' }).click();
      await frameA.locator('article[part="review"]').getByText(ANSWERS[2]!).waitFor({ timeout: 30000 });
      await frameA.getByText('1 of 2 reviews received').waitFor();
    } finally {
      await context.close();
    }
  });
});
