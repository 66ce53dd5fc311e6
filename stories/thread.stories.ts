import '@cohort-kit/thread/cohort-thread.js';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, type TemplateResult } from 'lit';
import { expect, fn, waitFor } from 'storybook/test';
import { seedPreviewThread, type PreviewScenario } from '@cohort-kit/thread/preview-seed.js';
import { element, type ElementHandle } from './support/steps.js';

/** Args are the attributes an author writes, as in the manifest's Controls. */
interface ThreadArgs {
  space: string;
  thread: string;
  prompt: string;
  theme: 'light' | 'dark' | 'auto';
  scenario: PreviewScenario;
  dir?: 'ltr' | 'rtl';
  lang?: string;
  onCohortPost: (event: Event) => void;
  onCohortReply: (event: Event) => void;
  onCohortReact: (event: Event) => void;
}

const renderThread = (args: ThreadArgs): TemplateResult =>
  html`<div dir=${args.dir ?? 'ltr'} lang=${args.lang ?? 'en'} style="max-inline-size: 42rem">
    <cohort-thread
      space=${args.space}
      thread=${args.thread}
      prompt=${args.prompt}
      theme=${args.theme}
      @cohort-post=${args.onCohortPost}
      @cohort-reply=${args.onCohortReply}
      @cohort-react=${args.onCohortReact}
    ></cohort-thread>
  </div>`;

/** Waits until the thread shows its data (posts, or the invitation of an empty thread). */
async function shown(canvasElement: HTMLElement): Promise<ElementHandle> {
  const handle = await element(canvasElement, 'cohort-thread');
  await waitFor(() => expect(handle.root.querySelector('[role="feed"][aria-busy="false"], .empty')).not.toBeNull(), {
    timeout: 20000,
  });
  return handle;
}

const meta = {
  title: 'Thread',
  component: 'cohort-thread',
  render: renderThread,
  // Each story seeds its own space in the preview cache (network off: nothing leaves the browser).
  loaders: [async ({ args }) => seedPreviewThread(args.space, args.thread, args.scenario)],
  args: {
    space: 'story-thread-empty',
    thread: 'week-2-goals',
    prompt: 'Share one goal you want to reach by the end of the cohort, and why it matters to you.',
    theme: 'light',
    scenario: 'empty',
    onCohortPost: fn(),
    onCohortReply: fn(),
    onCohortReact: fn(),
  },
  argTypes: {
    theme: { control: 'inline-radio', options: ['light', 'dark', 'auto'] },
    scenario: {
      control: 'select',
      options: ['empty', 'busy', 'pinned', 'reported', 'locked', 'facilitator', 'pending'],
      table: { category: 'preview data' },
    },
  },
  parameters: {
    docs: {
      description: {
        component:
          'A discussion thread. Every story runs in preview mode, seeded with local data: posts stay in this browser.',
      },
    },
  },
} satisfies Meta<ThreadArgs>;

export default meta;
type Story = StoryObj<ThreadArgs>;

export const EmptyWithPrompt: Story = {
  name: 'Empty, with a starter prompt',
  args: { space: 'story-thread-empty', scenario: 'empty' },
  play: async ({ canvasElement }) => {
    const thread = await shown(canvasElement);
    await expect(
      thread.shadow.getByText('Share one goal you want to reach by the end of the cohort, and why it matters to you.'),
    ).toBeVisible();
    await expect(thread.shadow.getByText('No one has replied yet.')).toBeVisible();
    await expect(thread.shadow.getByRole('button', { name: 'Start with one sentence' })).toBeVisible();
  },
};

export const Busy: Story = {
  name: 'Busy: pages, replies, reactions and a mention',
  args: { space: 'story-thread-busy', scenario: 'busy' },
  play: async ({ canvasElement }) => {
    const thread = await shown(canvasElement);
    await waitFor(() => expect(thread.root.querySelectorAll('.feed > article').length).toBeGreaterThan(10));
    await expect(thread.shadow.getByRole('button', { name: 'Load more' })).toBeVisible();
    await expect(thread.shadow.getAllByText('Mentions you')[0]).toBeVisible();
    await expect(thread.shadow.getByText(/peers posted this week/)).toBeVisible();
  },
};

export const Pinned: Story = {
  name: 'Pinned exemplar',
  args: { space: 'story-thread-pinned', scenario: 'pinned' },
  play: async ({ canvasElement }) => {
    const thread = await shown(canvasElement);
    await waitFor(() => expect(thread.shadow.getByText('Pinned by a facilitator')).toBeVisible());
    await expect(thread.root.querySelector('.pinned article')).toHaveTextContent('Dana Cohen');
  },
};

export const ReportedAndHidden: Story = {
  name: 'Reported and hidden (learner view)',
  args: { space: 'story-thread-reported', scenario: 'reported' },
  play: async ({ canvasElement }) => {
    const thread = await shown(canvasElement);
    // A hidden post is not even read for a learner who did not write it (the rules refuse it): no text, no trace.
    await waitFor(() => expect(thread.root.querySelectorAll('.feed > article').length).toBeGreaterThan(0));
    await expect(thread.shadow.queryByText(/pointless/)).toBeNull();
    await expect(thread.shadow.queryByText('This post is hidden while a facilitator reviews it.')).toBeNull();
  },
};

export const Locked: Story = {
  name: 'Locked',
  args: { space: 'story-thread-locked', scenario: 'locked' },
  play: async ({ canvasElement }) => {
    const thread = await shown(canvasElement);
    await waitFor(() => expect(thread.shadow.getByText('This thread is locked. You can still read it.')).toBeVisible());
    await expect(thread.root.querySelector('#composer-text')).toBeNull();
  },
};

export const FacilitatorView: Story = {
  name: 'Facilitator view',
  args: { space: 'story-thread-facilitator', scenario: 'facilitator' },
  play: async ({ canvasElement }) => {
    const thread = await shown(canvasElement);
    await waitFor(() => expect(thread.shadow.getByRole('button', { name: 'Lock thread' })).toBeVisible());
    await expect(thread.shadow.getByText(/Hidden — 3 reports/)).toBeVisible();
    await expect(thread.shadow.getAllByRole('button', { name: 'Restore' }).length).toBeGreaterThan(0);
  },
};

export const OfflinePending: Story = {
  name: 'Written offline, waiting to send',
  args: { space: 'story-thread-pending', scenario: 'pending' },
  play: async ({ canvasElement }) => {
    const thread = await shown(canvasElement);
    await waitFor(() => expect(thread.shadow.getByText('Waiting to send')).toBeVisible());
  },
};

export const RightToLeft: Story = {
  name: 'Right-to-left',
  args: { space: 'story-thread-rtl', scenario: 'pinned', dir: 'rtl', lang: 'ar' },
  play: async ({ canvasElement }) => {
    const thread = await shown(canvasElement);
    await expect(getComputedStyle(thread.host).direction).toBe('rtl');
    // Post bodies take their direction from their own text (dir="auto"), names are isolated with <bdi>.
    const body = thread.root.querySelector('.post__body')!;
    await expect(body.getAttribute('dir')).toBe('auto');
    await expect(thread.root.querySelector('.post__author bdi')).not.toBeNull();
  },
};

export const Dark: Story = {
  name: 'Dark theme',
  args: { space: 'story-thread-dark', scenario: 'busy', theme: 'dark' },
  parameters: { backgrounds: { default: 'dark' } },
  play: async ({ canvasElement }) => {
    const thread = await shown(canvasElement);
    await expect(thread.host).toHaveAttribute('theme', 'dark');
    // The posts really are dark: a dark surface under light text.
    const post = thread.root.querySelector<HTMLElement>('.feed > article')!;
    const luminance = (colour: string) => {
      const [r, g, b] = (colour.match(/[\d.]+/g) ?? []).map(Number);
      return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
    };
    await expect(luminance(getComputedStyle(post).backgroundColor)).toBeLessThan(80);
    await expect(luminance(getComputedStyle(post).color)).toBeGreaterThan(170);
  },
};
