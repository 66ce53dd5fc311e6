import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { adminDb, answerJoinForm, learner, SPACE, useDemo } from '@cohort-kit/core/testing/e2e.js';

const threadPath = `spaces/${SPACE}/threads/week-2-goals`;
const BIN = fileURLToPath(new URL('../../packages/cli/bin/cohort-kit.mjs', import.meta.url));

const demo = useDemo(threadPath);

/** The command-line tool, as a course team runs it, against the same emulators. */
function cohortKit(...args: string[]) {
  return new Promise<string>((resolve, reject) => {
    execFile(process.execPath, [BIN, ...args], { timeout: 60_000 }, (error, stdout, stderr) =>
      error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout),
    );
  });
}

const thread = (page: Page) => page.locator('cohort-thread');
const composer = (page: Page) => thread(page).locator('#composer-text');
const storedPosts = async () => (await adminDb().collection(`${threadPath}/posts`).get()).size;

afterEach(async () => {
  // The demo space is every end-to-end file's: it never stays closed.
  const space = await adminDb().doc(`spaces/${SPACE}`).get();
  if (space.get('closedAt')) await cohortKit('reopen-round', '--space', SPACE);
});

describe('a round closed while a course page is open', () => {
  it('every element says so and keeps its content; a post written after it gets that message and keeps its text', async () => {
    const ana = await learner(demo.browser, `${demo.url}index.html`);
    await composer(ana.page).fill('Before the end: I will block focus time.');
    await thread(ana.page).getByRole('button', { name: 'Post', exact: true }).click();
    await answerJoinForm(ana.page, 'cohort-thread', 'Ana');
    await expect.poll(storedPosts, { timeout: 30000 }).toBe(1);
    const firstStored = Date.now();

    expect(await cohortKit('close-round', '--space', SPACE)).toMatch(/Closed the round in space/);
    const ended = /This round has ended on \w+ \d{1,2}, \d{4}\./;
    for (const tag of ['cohort-thread', 'cohort-poll']) {
      await expect
        .poll(() => ana.page.locator(tag).locator('[part="round-ended"]').textContent(), { timeout: 30000 })
        .toMatch(ended);
    }
    // The content stays.
    await thread(ana.page).getByText('Before the end: I will block focus time.').waitFor();

    // A post written on the page afterwards: refused before it is sent, said aloud, and the text stays where it was.
    // The thread's own pace (a post every 10 seconds) first, so that the closing is what answers.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, firstStored + 11_000 - Date.now())));
    await expect.poll(() => thread(ana.page).textContent(), { timeout: 30000 }).not.toContain('You can post again');
    const text = 'After the end: this must not be lost.';
    await composer(ana.page).fill(text);
    // Everything the element says aloud from now on (a later message replaces an earlier one in the region).
    await thread(ana.page).evaluate((element) => {
      const region = element.shadowRoot!.querySelector('.frame > [aria-live="polite"]')!;
      const heard: string[] = ((window as unknown as { heard: string[] }).heard = []);
      new MutationObserver(() => heard.push(region.textContent ?? '')).observe(region, {
        childList: true,
        characterData: true,
        subtree: true,
      });
    });
    await thread(ana.page).getByRole('button', { name: 'Post', exact: true }).click();
    await expect
      .poll(() => ana.page.evaluate(() => (window as unknown as { heard: string[] }).heard), { timeout: 30000 })
      .toContainEqual(expect.stringMatching(ended));
    expect(await composer(ana.page).inputValue()).toBe(text);
    expect(await storedPosts()).toBe(1);

    await cohortKit('reopen-round', '--space', SPACE);
    await expect.poll(() => thread(ana.page).locator('[part="round-ended"]').count(), { timeout: 30000 }).toBe(0);
    await ana.context.close();
  });
});
