// Shared by the <cohort-thread> component tests: what other learners did, seeded through the test runner's
// server (firebase-admin, scripts/wtr-seed-plugin.mjs) in the shape the element writes, and small steps that
// read and drive the element the way a person does.
import { aTimeout, fixture } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { connect } from '@cohort-kit/core';
import { readDocument, uniqueId, waitFor } from '../../core/test/emulators.js';
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
export const text = (el: CohortThread) => root(el).textContent!.replace(/\s+/g, ' ');
export const liveRegion = (el: CohortThread) => root(el).querySelector('[aria-live="polite"]')!.textContent ?? '';
export const articles = (el: CohortThread) => [...root(el).querySelectorAll<HTMLElement>('.feed > article')];
export const bodies = (el: CohortThread) =>
  articles(el).map((article) => article.querySelector('.post__body')?.textContent?.trim() ?? '');
export const articleWith = (el: CohortThread, body: string) =>
  articles(el).find((article) => article.querySelector('.post__body')?.textContent?.trim() === body);

/** A thread element for `space`, once its feed (or its empty state) has loaded. */
export async function mountThread(space: string, thread: string): Promise<CohortThread> {
  const wrapper = await fixture<HTMLDivElement>(
    `<div><cohort-thread space="${space}" thread="${thread}" prompt="What will you try this week?"></cohort-thread></div>`,
  );
  const el = wrapper.querySelector('cohort-thread') as CohortThread;
  await waitFor(
    () => !root(el).querySelector('[aria-busy="true"]') && Boolean(root(el).querySelector('[role="feed"], .empty')),
    'thread loaded',
  );
  return el;
}

/** The button a person would find by its text or accessible name, or undefined when there is none. */
export function findButton(scope: ParentNode, label: string): HTMLButtonElement | undefined {
  return [...scope.querySelectorAll<HTMLButtonElement>('button')].find(
    (b) => b.textContent!.trim() === label || b.getAttribute('aria-label')?.startsWith(label),
  );
}

export function button(scope: ParentNode, label: string): HTMLButtonElement {
  const found = findButton(scope, label);
  if (!found) throw new Error(`no button "${label}"`);
  return found;
}
