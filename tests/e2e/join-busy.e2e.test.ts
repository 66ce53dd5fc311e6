// A class joining at once from one network: Firebase Auth refuses new anonymous accounts for a while. The learner's
// first vote waits on the device, the element says why, and it reaches the server once Auth lets the account in.
import { describe, expect, it } from 'vitest';
import { adminDb, answerJoinForm, learner, SPACE, useDemo } from '@cohort-kit/core/testing/e2e.js';

const pollPath = `spaces/${SPACE}/polls/goal-approach`;
const demo = useDemo(pollPath);

describe('many learners joining from one network', () => {
  it('a first vote waits while Auth refuses new accounts, then is stored exactly once', async () => {
    const { context, page } = await learner(demo.browser, `${demo.url}index.html`);
    const poll = page.locator('cohort-poll');
    await poll.getByText('No one has voted yet').waitFor({ timeout: 60000 });

    // What Auth answers a busy network: HTTP 400 with QUOTA_EXCEEDED, then TOO_MANY_ATTEMPTS_TRY_LATER.
    const refusals = ['QUOTA_EXCEEDED', 'TOO_MANY_ATTEMPTS_TRY_LATER'];
    const refusedAt: number[] = [];
    let accepted = 0;
    await page.route('**/accounts:signUp*', async (route) => {
      const refusal = refusals[refusedAt.length];
      if (!refusal) {
        accepted++;
        return route.continue();
      }
      refusedAt.push(Date.now());
      await route.fulfill({
        status: 400,
        contentType: 'application/json',
        body: JSON.stringify({ error: { code: 400, message: refusal, errors: [{ message: refusal }] } }),
      });
    });

    await poll.getByRole('radio', { name: /accountability buddy/ }).click();
    await answerJoinForm(page, 'cohort-poll', 'Ana');
    await poll
      .getByText('Many people are joining from your network: your vote will be sent in a moment.')
      .waitFor({ timeout: 20000 });
    await poll.getByRole('radio', { name: /accountability buddy/, checked: true }).waitFor({ timeout: 30000 });
    // The notice goes once the vote is on its way (the live region may still hold the last announcement).
    await expect.poll(() => poll.locator('[part="join-busy"]').count()).toBe(0);

    expect(refusedAt).toHaveLength(2);
    expect(accepted).toBe(1);
    // The second attempt came after the first wait (2 s), not at once.
    expect(refusedAt[1]! - refusedAt[0]!).toBeGreaterThanOrEqual(1900);
    // The notice going says the vote left the device, not that the server holds it: wait for the server.
    const storedVotes = () => adminDb().collection(`${pollPath}/votes`).get();
    await expect.poll(async () => (await storedVotes()).size, { timeout: 20000 }).toBeGreaterThan(0);
    const votes = await storedVotes();
    expect(votes.size).toBe(1);
    expect(votes.docs[0]!.data().choices).toEqual(['buddy']);
    await context.close();
  });
});
