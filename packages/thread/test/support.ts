// Shared by the <cohort-thread> component tests: what other learners did, seeded through the test runner's
// server (firebase-admin, scripts/wtr-seed-plugin.mjs) in the shape the element writes, and small steps that
// read and drive the element the way a person does.
import { aTimeout, fixture } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { connect } from '@cohort-kit/core';
import { readDocument, uniqueId, waitFor } from '@cohort-kit/core/testing';
import { ThreadHarness } from './thread-harness.js';

export { button, findButton } from '@cohort-kit/core/testing';
import type { CohortThread } from '../src/thread.js';
import '../src/cohort-thread.js';

export interface OtherLearner {
  uid: string;
  displayName: string;
}

export interface SeedPost {
  author: OtherLearner;
  body: string;
  /** How long ago it was posted. */
  minutesAgo: number;
  mentions?: string[];
  reactions?: { by: OtherLearner; key: 'thumbs' | 'heart' | 'idea' | 'party' | 'thinking' }[];
}

/** Another learner of the cohort: only the server writes as them here. */
export const otherLearner = (displayName: string): OtherLearner => ({
  uid: uniqueId(displayName.split(' ')[0]!.toLowerCase()),
  displayName,
});

/** Writes posts as other learners (with their members, authors, rate and reactions documents); returns their ids. */
export async function seedPosts(space: string, thread: string, posts: SeedPost[]): Promise<string[]> {
  const answer = (await executeServerCommand('cohort-seed-posts', {
    space,
    thread,
    posts: posts.map((post) => ({
      authorId: post.author.uid,
      authorName: post.author.displayName,
      body: post.body,
      minutesAgo: post.minutesAgo,
      mentions: post.mentions ?? [],
      reactions: (post.reactions ?? []).map(({ by, key }) => ({ uid: by.uid, displayName: by.displayName, key })),
    })),
  })) as { ids: string[] };
  return answer.ids;
}

/** Other learners report a post, as each of their report batches would. */
export async function seedReports(
  space: string,
  thread: string,
  postId: string,
  reporters: (OtherLearner & { reason: string })[],
): Promise<void> {
  await executeServerCommand('cohort-seed-reports', { space, thread, postId, reporters });
}

/** The thread document a facilitator's lock button writes. */
export async function seedThread(space: string, thread: string, locked: boolean): Promise<void> {
  await executeServerCommand('cohort-seed-thread', { space, thread, locked });
}

/** The document once the server has it in the expected state (the element does not wait for its writes). */
export async function storedWhen(path: string, ready: (data: Record<string, unknown>) => boolean) {
  let data: Record<string, unknown> | null = null;
  for (let attempt = 0; attempt < 100; attempt++) {
    data = await readDocument(path);
    if (data && ready(data)) return data;
    await aTimeout(100);
  }
  return data;
}

/** The learner in this browser: every test in a file shares them. */
export async function readerUid(): Promise<string> {
  const runtime = await connect();
  return (await runtime.identity.ensureSignedIn()).uid;
}

export const root = (el: CohortThread) => el.shadowRoot!;
const harness = (el: CohortThread) => new ThreadHarness(el);
export const text = (el: CohortThread) => harness(el).text();
export const liveRegion = (el: CohortThread) => harness(el).announcement();
export const articles = (el: CohortThread) => harness(el).articles();
export const bodies = (el: CohortThread) => harness(el).bodies();
export const articleWith = (el: CohortThread, body: string) =>
  articles(el).find((article) => article.querySelector('.post__body')?.textContent?.trim() === body);

/** A thread element for `space`, once its feed (or its empty state) has loaded. */
export async function mountThread(space: string, thread: string): Promise<CohortThread> {
  const wrapper = await fixture<HTMLDivElement>(
    `<div><cohort-thread space="${space}" thread="${thread}" prompt="What will you try this week?"></cohort-thread></div>`,
  );
  const el = wrapper.querySelector('cohort-thread') as CohortThread;
  await waitFor(() => harness(el).loaded(), 'thread loaded');
  return el;
}
