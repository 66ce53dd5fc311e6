import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { adminDb, createDemoSpace, emailedSignInCode, launch, learner, SPACE } from '@cohort-kit/core/testing/e2e.js';

let browser: Browser;
let demoUrl: string;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ browser, demoUrl, close } = await launch());
  await createDemoSpace();
  await adminDb().recursiveDelete(adminDb().doc(`spaces/${SPACE}/polls/goal-approach`));
});
afterAll(async () => {
  await close?.();
});

describe('a facilitator', () => {
  it('signs in with an email link and finds their role in the widgets', async () => {
    const email = `fay-${Date.now()}@example.org`;
    const { context, page } = await learner(browser, `${demoUrl}index.html`);
    await page.locator('cohort-poll').getByText('No one has voted yet').waitFor({ timeout: 60000 });
    // The page asks for the link the way a facilitator's "sign in" button would.
    await page.evaluate(
      `import('../kit/cohort-kit.js').then((kit) => kit.sendFacilitatorSignInLink(${JSON.stringify(email)}, location.href))`,
    );
    const code = await emailedSignInCode(email);

    // The course team grants the role with the command-line tool, by email.
    const granted = spawnSync(
      process.execPath,
      [
        'packages/cli/bin/cohort-kit.mjs',
        'grant',
        '--space',
        SPACE,
        '--email',
        email,
        '--role',
        'facilitator',
        '--name',
        'Fay',
      ],
      { env: process.env, encoding: 'utf8' },
    );
    expect(granted.status, granted.stderr).toBe(0);

    // Opening the emailed link on the course page signs her in; facilitator actions appear.
    await page.goto(`${demoUrl}index.html?mode=signIn&oobCode=${code}&apiKey=emulator-api-key&lang=en`);
    await page.locator('cohort-poll').getByRole('button', { name: 'Close poll' }).waitFor({ timeout: 30000 });
    // The page says how it went, and the one-time code is gone from the address, so a reload works.
    await page.locator('cohort-poll [part="sign-in-notice"]').getByText(`Signed in as ${email}.`).waitFor();
    expect(new URL(page.url()).search).toBe('');
    await page.reload();
    await page.locator('cohort-poll').getByRole('button', { name: 'Close poll' }).waitFor({ timeout: 30000 });
    await expect(page.locator('cohort-poll [part="sign-in-notice"]').count()).resolves.toBe(0);
    await context.close();
  });

  it('opening a used or broken link shows why, in the element, and cleans the address', async () => {
    const email = `fay-used-${Date.now()}@example.org`;
    const { context, page } = await learner(browser, `${demoUrl}index.html`);
    await page.locator('cohort-poll').getByText('No one has voted yet').waitFor({ timeout: 60000 });
    await page.evaluate(
      `import('../kit/cohort-kit.js').then((kit) => kit.sendFacilitatorSignInLink(${JSON.stringify(email)}, location.href))`,
    );
    await page.goto(`${demoUrl}index.html?mode=signIn&oobCode=not-a-real-code&apiKey=emulator-api-key&lang=en`);
    // Every element shows it; one of them (the first to listen) is the alert, so it is announced once.
    const alert = page
      .getByRole('alert')
      .filter({ hasText: 'The sign-in link could not be used. This sign-in link has expired or was already used.' });
    await alert.waitFor({ timeout: 30000 });
    await expect(alert.count()).resolves.toBe(1);
    await page
      .locator('cohort-poll [part="sign-in-notice"]')
      .getByText('The sign-in link could not be used.')
      .waitFor();
    expect(new URL(page.url()).search).toBe('');
    await context.close();
  });
});
