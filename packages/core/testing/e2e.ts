// End-to-end support: the system Chromium through playwright-core, the demo served by Vite against the
// emulators that npm test started, and firebase-admin for setting up and checking data as the CLI would.
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { getApps, initializeApp } from 'firebase-admin/app';
import { getFirestore } from 'firebase-admin/firestore';
import { chromiumArgs, chromiumPath } from '../../../scripts/chromium.mjs';
import { startStaticDemo } from '../../../scripts/static-demo.mjs';

export const SPACE = 'leadership-2026-spring';

export function adminDb() {
  if (!process.env.FIRESTORE_EMULATOR_HOST)
    throw new Error('End-to-end tests need the emulators: run them with npm test.');
  const app = getApps()[0] ?? initializeApp({ projectId: process.env.COHORT_PROJECT_ID ?? 'demo-cohort-kit' });
  return getFirestore(app);
}

export async function createDemoSpace() {
  await adminDb().doc(`spaces/${SPACE}`).set({
    name: 'Leading with Purpose · Spring 2026',
    cohortLabel: 'Spring 2026 cohort',
    norms: '',
    reportThreshold: 3,
  });
}

export async function launch(): Promise<{ browser: Browser; demoUrl: string; close: () => Promise<void> }> {
  const server = await startStaticDemo({ port: Number(process.env.COHORT_E2E_PORT ?? 5174) });
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs, headless: true });
  return {
    browser,
    demoUrl: server.url,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}

/** A learner: their own browser context, so their own storage and anonymous account. */
export async function learner(browser: Browser, url: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1024, height: 900 } });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`[page error] ${error.message}`));
  await page.goto(url);
  return { context, page };
}

/** Gives the learner's name the first time the element asks for it. */
export async function answerJoinForm(page: Page, host: string, name: string) {
  const form = page.locator(`${host} form.join`);
  await form.waitFor({ timeout: 20000 });
  await form.locator('input[name="displayName"]').fill(name);
  await form.getByRole('button', { name: 'Continue' }).click();
}

/**
 * The demo served over the emulators for this file's tests: launched once, the demo space created, and `clearPath`
 * (the widget's own data, e.g. a poll's document) deleted before each test so each starts from nothing.
 */
export function useDemo(clearPath?: string): { readonly browser: Browser; readonly url: string } {
  let launched: Awaited<ReturnType<typeof launch>> | undefined;
  beforeAll(async () => {
    launched = await launch();
    await createDemoSpace();
  });
  afterAll(async () => {
    await launched?.close();
  });
  if (clearPath) {
    beforeEach(async () => {
      await adminDb().recursiveDelete(adminDb().doc(clearPath));
    });
  }
  return {
    get browser() {
      return launched!.browser;
    },
    get url() {
      return launched!.demoUrl;
    },
  };
}

/** The sign-in code the Auth emulator "emailed" to this address, read from its outbox (newest first). */
export async function emailedSignInCode(email: string): Promise<string> {
  const project = process.env.COHORT_PROJECT_ID ?? 'demo-cohort-kit';
  const response = await fetch(
    `http://${process.env.FIREBASE_AUTH_EMULATOR_HOST}/emulator/v1/projects/${project}/oobCodes`,
  );
  const { oobCodes } = (await response.json()) as {
    oobCodes: { email: string; requestType: string; oobCode: string }[];
  };
  const code = oobCodes.reverse().find((entry) => entry.email === email && entry.requestType === 'EMAIL_SIGNIN');
  if (!code) throw new Error(`no sign-in email for ${email}`);
  return code.oobCode;
}
