import { describe, expect, it } from 'vitest';

import { adminDb, answerJoinForm, learner, SPACE, useDemo } from '@cohort-kit/core/testing/e2e.js';

const pollPath = `spaces/${SPACE}/polls/goal-approach`;

const demo = useDemo(pollPath);

import type { Page } from 'playwright-core';

/** What a learner's poll says, all its text on one line (for a failure to report). */
const pollText = (page: Page) =>
  page.locator('cohort-poll').evaluate((el) => el.shadowRoot!.textContent!.replace(/\s+/g, ' '));

/** An option of the page's poll, found the way a screen reader user would: by role and name. */
const option = (page: Page, name: RegExp) => page.locator('cohort-poll').getByRole('radio', { name });

describe('the demo course page poll', () => {
  it("two learners in separate browsers see each other's votes live", async () => {
    const ana = await learner(demo.browser, `${demo.url}index.html`);
    const ben = await learner(demo.browser, `${demo.url}index.html`);
    const anaPoll = ana.page.locator('cohort-poll');
    const benPoll = ben.page.locator('cohort-poll');
    await benPoll.getByText('No one has voted yet').waitFor();

    await option(ana.page, /accountability buddy/).click();
    await answerJoinForm(ana.page, 'cohort-poll', 'Ana');
    await anaPoll.getByRole('radio', { name: /accountability buddy/, checked: true }).waitFor();
    // Ben has not voted, so he sees participation, not counts, until he votes.
    await benPoll.getByText('1 peer voted').waitFor();
    for (const name of [/SMART goals/, /accountability buddy/, /Gamify/]) {
      const count = option(ben.page, name).locator('[part="count"]');
      await expect(count.isVisible()).resolves.toBe(false);
      await expect(count.getAttribute('aria-hidden')).resolves.toBe('true');
    }

    await option(ben.page, /SMART goals/).click();
    await answerJoinForm(ben.page, 'cohort-poll', 'Ben');
    await benPoll.getByText('2 peers voted').waitFor();
    await anaPoll.getByText('2 peers voted').waitFor();
    await expect(
      option(ben.page, /accountability buddy/)
        .locator('[part="count"]')
        .isVisible(),
    ).resolves.toBe(true);
    await expect(option(ana.page, /SMART goals/).textContent()).resolves.toMatch(/1 vote · 50 %/);
    await expect(option(ana.page, /accountability buddy/).getAttribute('aria-checked')).resolves.toBe('true');
    await anaPoll.getByText(/recently (Ben and Ana|Ana and Ben)/).waitFor();

    await ana.context.close();
    await ben.context.close();
  });

  it("the two-learners page shows one learner's vote reaching the other, even in a storage-less iframe", async () => {
    // Frame B comes from another site than the page, so the demo.browser denies it storage: the way an LMS
    // often embeds a course. The kit must still work there, with its cache in memory.
    const { context, page } = await learner(demo.browser, `${demo.url}two-learners.html`);
    const frameA = page.frameLocator('#frame-a').locator('cohort-poll');
    const frameB = page.frameLocator('#frame-b').locator('cohort-poll');
    await frameB.getByText('No one has voted yet').waitFor({ timeout: 60000 });
    await frameA.getByRole('radio', { name: /Gamify/ }).click({ timeout: 60000 });
    await frameA.locator('form.join input[name="displayName"]').fill('Ana');
    await frameA.locator('form.join button[type="submit"]').click();
    await frameB.getByText('1 peer voted').waitFor({ timeout: 30000 });
    await frameB.getByRole('radio', { name: /Gamify/ }).click();
    await frameB.locator('form.join input[name="displayName"]').fill('Ben');
    await frameB.locator('form.join button[type="submit"]').click();
    await frameA.getByText('2 peers voted').waitFor({ timeout: 30000 });
    await expect(frameA.getByRole('radio', { name: /Gamify/ }).textContent()).resolves.toMatch(/2 votes · 100 %/);
    await context.close();
  });

  it('counts every vote of a 20-learner burst exactly', { timeout: 480000 }, async () => {
    // Twenty browsers' worth of pages on a small machine: a pool opens six at a time, each starting as soon as
    // another is ready, then all vote at once.
    const learners: { context: Awaited<ReturnType<typeof learner>>['context']; page: Page; i: number }[] = [];
    let next = 0;
    const open = async () => {
      while (next < 20) {
        const i = next++;
        const { context, page } = await learner(demo.browser, `${demo.url}learner.html`);
        await page.locator('cohort-poll').getByText('Tap an option to vote').waitFor({ timeout: 90000 });
        learners.push({ context, page, i });
      }
    };
    await Promise.all(Array.from({ length: 6 }, open));
    const choices = [/SMART goals/, /accountability buddy/, /Gamify/];
    // Each learner taps and writes their name; then all twenty press Continue together, which casts the votes.
    await Promise.all(
      learners.map(async ({ page, i }) => {
        await option(page, choices[i % 3]!).click();
        const form = page.locator('cohort-poll form.join');
        await form.waitFor({ timeout: 20000 });
        await form.locator('input[name="displayName"]').fill(`Learner ${i + 1}`);
      }),
    );
    await Promise.all(
      learners.map(({ page }) =>
        page.locator('cohort-poll form.join').getByRole('button', { name: 'Continue' }).click(),
      ),
    );
    const shown = await Promise.allSettled(
      learners.map(({ page, i }) =>
        page
          .locator('cohort-poll')
          .getByRole('radio', { name: choices[i % 3], checked: true })
          .waitFor({ timeout: 120000 }),
      ),
    );
    // A learner whose choice never showed: say what their poll says instead.
    const stuck: string[] = [];
    for (const [k, result] of shown.entries()) {
      if (result.status === 'fulfilled') continue;
      const { page, i } = learners[k]!;
      stuck.push(`Learner ${i + 1}: ${await pollText(page)}`);
    }
    expect(stuck).toEqual([]);
    // Each page shows its choice as soon as it is made; the tallies below are what the server committed. Twenty
    // browsers on two cores take a while to send them all (about 40 s here): the bound is for liveness, not speed.
    // Who has no vote on the server yet, by the name they joined with (a learner who never joined counts too).
    const unsent = async () => {
      const [members, votes] = await Promise.all([
        adminDb().collection(`spaces/${SPACE}/members`).get(),
        adminDb().collection(`${pollPath}/votes`).get(),
      ]);
      const names = new Map(members.docs.map((member) => [member.id, member.get('displayName') as string]));
      const voted = new Set(votes.docs.map((vote) => names.get(vote.id)));
      return learners.filter(({ i }) => !voted.has(`Learner ${i + 1}`));
    };
    let waiting = await unsent();
    for (const until = Date.now() + 90000; waiting.length && Date.now() < until; waiting = await unsent())
      await new Promise((resolve) => setTimeout(resolve, 1000));
    // A vote that never reached the server: say what that learner's poll says.
    const lost = await Promise.all(waiting.map(async ({ page, i }) => `Learner ${i + 1}: ${await pollText(page)}`));
    expect(lost).toEqual([]);

    const shards = await adminDb().collection(`${pollPath}/shards`).get();
    const totals: Record<string, number> = {};
    let voters = 0;
    for (const shard of shards.docs) {
      voters += shard.get('voters');
      for (const [value, count] of Object.entries(shard.get('counts') as Record<string, number>)) {
        totals[value] = (totals[value] ?? 0) + count;
      }
    }
    expect(voters).toBe(20);
    expect(totals).toEqual({ smart: 7, buddy: 7, game: 6 });
    await learners[0]!.page.locator('cohort-poll').getByText('20 peers voted').waitFor({ timeout: 20000 });
    await Promise.all(learners.map(({ context }) => context.close()));
  });
});
