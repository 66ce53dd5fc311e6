import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Frame, Locator, Page } from 'playwright-core';
import { adminDb, answerJoinForm, learner, SPACE, useDemo } from '@cohort-kit/core/testing/e2e.js';
import { frameFit, frameWith, portAfterDemo, serve } from './support.js';

// The iframe page on the demo's origin, held by course pages on another origin (another port), as an LMS or a
// site builder holds it.
const demo = useDemo();
let host: Awaited<ReturnType<typeof serve>>;
beforeAll(async () => {
  host = await serve(portAfterDemo(2));
});
afterAll(async () => {
  await host?.close();
});
beforeEach(async () => {
  const paths = [
    ...['embed-poll', 'dark', 'grows', 'week-1', 'week-2'].map((id) => `spaces/${SPACE}/polls/${id}`),
    ...['grows', 'scrolls'].map((id) => `spaces/${SPACE}/threads/${id}`),
  ];
  for (const path of paths) await adminDb().recursiveDelete(adminDb().doc(path));
});

const embedOrigin = () => new URL(demo.url).origin;
/** A poll of its own for each test, like the threads below. */
const pollParams = (id: 'dark' | 'grows' | 'week-1' | 'week-2') =>
  new URLSearchParams([
    ['element', 'cohort-poll'],
    ['space', SPACE],
    ['poll', id],
    ['question', 'Which goal-setting approach will you try first?'],
    ['option', 'smart:🤓 Use the SMART goals framework'],
    ['option', 'buddy:🤝 Find an accountability buddy'],
  ]);
/** A thread of its own for each test, so a post still in flight when one test ends never shows in the next. */
const threadParams = (id: 'grows' | 'scrolls') =>
  new URLSearchParams([
    ['element', 'cohort-thread'],
    ['space', SPACE],
    ['thread', id],
    ['prompt', 'Share one goal you want to reach by the end of the cohort.'],
  ]);

/** A course page on the host origin with these frames, 480 px high as the iframe snippet makes them. */
function hostPage(name: string, frames: Record<string, URLSearchParams>, { resizer }: { resizer: boolean }) {
  const iframes = Object.entries(frames)
    .map(
      ([id, params]) =>
        `<iframe id="${id}" title="${id}" src="${embedOrigin()}/embed/?${params}" style="width: 100%; border: 0" height="480"></iframe>`,
    )
    .join('\n');
  host.pages[`/${name}`] = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>A course page</title>
<script>window.messages = []; addEventListener('message', (event) => messages.push(event.data));</script>
${resizer ? `<script src="${embedOrigin()}/embed/resizer.js"></script>` : ''}
</head><body><h1>Week 2 on another site</h1>${iframes}</body></html>`;
  return `${host.origin}/${name}`;
}

/** Waits until the frame shows all its content at its own height: nothing cut off, nothing scrolling inside. */
async function expectFitted(page: Page, frame: Frame, selector: string) {
  await expect
    .poll(
      async () => {
        const fit = await frameFit(page, frame, selector);
        return Math.abs(fit.frameHeight - fit.content) <= 1 && fit.overflow <= 0;
      },
      { timeout: 15000 },
    )
    .toBe(true);
  return (await frameFit(page, frame, selector)).frameHeight;
}

/** Posts in the frame's thread, answering the name form if this learner has not joined the space yet. */
async function post(frame: Frame, name: string, body: string) {
  const thread = frame.locator('cohort-thread');
  await thread.locator('#composer-text').fill(body);
  await thread.getByRole('button', { name: 'Post', exact: true }).click();
  const joining = thread.locator('form.join');
  const posted = thread.locator('article').filter({ hasText: 'Paragraph 8' });
  await Promise.race([joining.waitFor({ timeout: 30000 }), posted.waitFor({ timeout: 30000 })]);
  if (await joining.count()) await answerJoinForm(frame as unknown as Page, 'cohort-thread', name);
  await posted.waitFor({ timeout: 30000 });
  // A sent post shows under "Your posts on this device" until the thread's feed has it, then moves there: wait for
  // the move, so the post found is the one that stays.
  await thread.locator('section.queued').waitFor({ state: 'detached', timeout: 30000 });
  return posted;
}

const LONG_POST = Array.from(
  { length: 8 },
  (_, i) => `Paragraph ${i + 1}: I will block an hour of focus time every morning and tell my buddy how it went.`,
).join('\n\n');

describe('the iframe page', () => {
  it('says in the frame what is wrong with an unknown element or attribute', async () => {
    const { context, page } = await learner(demo.browser, `${embedOrigin()}/embed/?element=cohort-pol&space=${SPACE}`);
    await page.getByRole('alert').getByText('Cohort Kit has no element "cohort-pol" to embed').waitFor();
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/Use one of: .*cohort-poll.*cohort-thread/);
    await page.goto(`${embedOrigin()}/embed/?element=cohort-poll&space=${SPACE}&poll=p&colour=red`);
    await page.getByRole('alert').getByText('<cohort-poll> has no attribute "colour"').waitFor();
    await page.goto(`${embedOrigin()}/embed/?element=cohort-poll&space=${SPACE}&poll=p&theme=purple`);
    await page
      .getByRole('alert')
      .getByText('<cohort-poll> takes theme "light", "dark", "auto", not "purple"')
      .waitFor();
    await context.close();
  });

  it('renders one element on a transparent background, in the theme asked for', async () => {
    const { context, page } = await learner(demo.browser, `${embedOrigin()}/embed/?${pollParams('dark')}&theme=dark`);
    const poll = page.locator('main > cohort-poll');
    await poll.getByRole('radio', { name: /SMART goals/ }).waitFor({ timeout: 60000 });
    await expect(page.locator('main > *').count()).resolves.toBe(1);
    await expect(poll.getAttribute('theme')).resolves.toBe('dark');
    await expect(page.evaluate(() => getComputedStyle(document.body).backgroundColor)).resolves.toBe(
      'rgba(0, 0, 0, 0)',
    );
    await expect(page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor)).resolves.toBe(
      'rgba(0, 0, 0, 0)',
    );
    await context.close();
  });

  it('with resizer.js, each frame on another origin takes its own height, and a vote makes the poll grow', async () => {
    // Two frames, so the resizer must tell them apart: the poll, and a frame that only says what is wrong.
    const problem = new URLSearchParams({ element: 'cohort-nope' });
    const url = hostPage('poll-resizer.html', { poll: pollParams('grows'), problem }, { resizer: true });
    const { context, page } = await learner(demo.browser, url);
    const pollFrame = await frameWith(page, 'element=cohort-poll');
    const problemFrame = await frameWith(page, 'element=cohort-nope');
    const poll = pollFrame.locator('cohort-poll');
    await poll.getByRole('radio', { name: /SMART goals/ }).waitFor({ timeout: 60000 });
    await problemFrame.getByRole('alert').waitFor();
    const pollBefore = await expectFitted(page, pollFrame, '#poll');
    const problemHeight = await expectFitted(page, problemFrame, '#problem');
    expect(pollBefore).not.toBe(480);
    expect(problemHeight).toBeLessThan(pollBefore);

    // A vote: the name form, then the results.
    await poll.getByRole('radio', { name: /SMART goals/ }).click();
    await poll.locator('form.join').waitFor({ timeout: 20000 });
    const withForm = await expectFitted(page, pollFrame, '#poll');
    expect(withForm).toBeGreaterThan(pollBefore);
    await poll.locator('form.join input[name="displayName"]').fill('Ana');
    await poll.locator('form.join').getByRole('button', { name: 'Continue' }).click();
    await poll
      .getByText('1 peer voted')
      .waitFor({ timeout: 60000 })
      .catch(async (error: Error) => {
        // Say what the poll shows instead.
        const says = await poll.evaluate((el) => el.shadowRoot!.textContent);
        throw new Error(`${error.message}\nThe poll says: ${says?.replace(/\s+/g, ' ')}`);
      });
    await expect(poll.getByRole('radio', { name: /SMART goals/ }).textContent()).resolves.toMatch(/1 vote · 100 %/);
    await expectFitted(page, pollFrame, '#poll');
    expect(await expectFitted(page, problemFrame, '#problem')).toBe(problemHeight);
    await context.close();
  });

  /** Waits for the poll to count the learner's vote, or says what it shows instead. */
  const votedIn = (poll: Locator) =>
    poll
      .getByText('1 peer voted')
      .waitFor({ timeout: 30000 })
      .catch(async (error: Error) => {
        const says = await poll.evaluate((el) => el.shadowRoot!.textContent);
        throw new Error(`${error.message}\nThe poll says: ${says?.replace(/\s+/g, ' ')}`);
      });

  it('two poll frames of the same origin on one course page share one learner: a vote in each counts once', async () => {
    const url = hostPage(
      'two-polls.html',
      { first: pollParams('week-1'), second: pollParams('week-2') },
      { resizer: true },
    );
    const { context, page } = await learner(demo.browser, url);
    const frames = [await frameWith(page, 'poll=week-1'), await frameWith(page, 'poll=week-2')];
    const polls = frames.map((frame) => frame.locator('cohort-poll'));
    for (const poll of polls) await poll.getByRole('radio', { name: /SMART goals/ }).waitFor({ timeout: 60000 });
    await polls[0]!.getByRole('radio', { name: /SMART goals/ }).click();
    await answerJoinForm(frames[0] as unknown as Page, 'cohort-poll', 'Ana');
    await votedIn(polls[0]!);
    // The second frame knows the learner who joined in the first: no name form, and the vote counts.
    await polls[1]!.getByRole('radio', { name: /accountability buddy/ }).click();
    await votedIn(polls[1]!);
    expect(await polls[1]!.locator('form.join').count()).toBe(0);
    const votes = async (poll: string) =>
      (await adminDb().collection(`spaces/${SPACE}/polls/${poll}/votes`).get()).size;
    // On the server a moment later, and the second frame's tally settles on it: in one clean-clone run it still read
    // "0 votes" just after the server held both, so this waits for what the learner sees to settle.
    await expect.poll(async () => [await votes('week-1'), await votes('week-2')], { timeout: 20000 }).toEqual([1, 1]);
    const buddy = polls[1]!.getByRole('radio', { name: /accountability buddy/ });
    await expect.poll(() => buddy.textContent(), { timeout: 20000 }).toMatch(/1 vote · 100 %/);
    await context.close();
  });

  it('with resizer.js, a thread frame on another origin grows with a long post, past the 480 px', async () => {
    const url = hostPage('thread-resizer.html', { thread: threadParams('grows') }, { resizer: true });
    const { context, page } = await learner(demo.browser, url);
    const threadFrame = await frameWith(page, 'element=cohort-thread');
    await threadFrame.locator('cohort-thread').getByText('No one has replied yet.').waitFor({ timeout: 60000 });
    const threadBefore = await expectFitted(page, threadFrame, '#thread');
    await post(threadFrame, 'Ana', LONG_POST);
    const threadAfter = await expectFitted(page, threadFrame, '#thread');
    expect(threadAfter).toBeGreaterThan(Math.max(threadBefore, 480));
    await context.close();
  });

  it('without resizer.js, the frame keeps its 480 px and the content scrolls inside it', async () => {
    const url = hostPage('without-resizer.html', { thread: threadParams('scrolls') }, { resizer: false });
    const { context, page } = await learner(demo.browser, url);
    const threadFrame = await frameWith(page, 'element=cohort-thread');
    await threadFrame.locator('cohort-thread').getByText('No one has replied yet.').waitFor({ timeout: 60000 });
    const posted = await post(threadFrame, 'Ben', LONG_POST);

    // The frame said its height both ways; with no one listening, the frame stays as the snippet made it.
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { messages: { height?: number }[] }).messages), {
        timeout: 10000,
      })
      .toEqual(
        expect.arrayContaining([
          expect.objectContaining({ context: 'cohort-kit', action: 'resize', height: expect.any(Number) }),
          expect.objectContaining({ subject: 'lti.frameResize', height: expect.any(Number) }),
        ]),
      );
    const fit = await frameFit(page, threadFrame, '#thread');
    expect(fit.frameHeight).toBe(480);
    expect(fit.overflow).toBeGreaterThan(0);
    // The last height said is the content's: the frame's observer posts a moment after the post settles.
    const lastSaid = () =>
      page.evaluate(
        () =>
          (window as unknown as { messages: { subject?: string; height: number }[] }).messages
            .filter((m) => m.subject === 'lti.frameResize')
            .at(-1)!.height,
      );
    await expect
      .poll(async () => (await lastSaid()) - (await frameFit(page, threadFrame, '#thread')).content, { timeout: 5000 })
      .toBe(0);

    // Scrolling inside the frame reaches the end of the post.
    await posted.getByText('Paragraph 8').scrollIntoViewIfNeeded();
    await expect(threadFrame.evaluate(() => scrollY)).resolves.toBeGreaterThan(0);
    await context.close();
  });
});
