import '@cohort-kit/thread/cohort-thread.js';
import { CohortThread } from '@cohort-kit/thread';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { expect, fn, userEvent, waitFor } from 'storybook/test';
import { seedPreviewThread, type PreviewScenario } from '@cohort-kit/thread/preview-seed.js';
import { element, expectProblem, type ElementHandle } from '@cohort-kit/core/testing/stories.js';

/** Args are the attributes an author writes, as in the manifest's Controls. */
interface ThreadArgs {
  space: string;
  thread?: string;
  prompt: string;
  theme: 'light' | 'dark' | 'auto';
  scenario: PreviewScenario;
  dir?: 'ltr' | 'rtl';
  lang?: string;
  onCohortPost: (event: Event) => void;
  onCohortReply: (event: Event) => void;
  onCohortReact: (event: Event) => void;
  onCohortError: (event: Event) => void;
}

const renderThread = (args: ThreadArgs): TemplateResult =>
  // No dir or lang of its own unless the story sets one: the Direction toolbar's page direction applies.
  html`<div dir=${ifDefined(args.dir)} lang=${ifDefined(args.lang)} style="max-inline-size: 42rem">
    <cohort-thread
      space=${args.space}
      thread=${ifDefined(args.thread)}
      prompt=${args.prompt}
      theme=${args.theme}
      @cohort-post=${args.onCohortPost}
      @cohort-reply=${args.onCohortReply}
      @cohort-react=${args.onCohortReact}
      @cohort-error=${args.onCohortError}
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

/**
 * Nothing sticks out sideways: the frame does not scroll, and every box in the thread stays between the frame's
 * edges (long words and addresses wrap, rows of buttons wrap).
 */
async function expectNoSidewaysOverflow(thread: ElementHandle): Promise<void> {
  const frame = thread.root.querySelector<HTMLElement>('[part="base"]')!;
  await expect(frame.scrollWidth).toBeLessThanOrEqual(frame.clientWidth);
  const { left, right } = frame.getBoundingClientRect();
  const outside = [...thread.root.querySelectorAll<HTMLElement>('*')]
    // The screen-reader-only hints are 1 px boxes clipped to nothing.
    .filter((node) => !node.closest('.visually-hidden') && node.getClientRects().length > 0)
    .filter((node) => {
      const box = node.getBoundingClientRect();
      return box.left < left - 0.5 || box.right > right + 0.5;
    })
    .map((node) => `<${node.localName} class="${node.className}">`);
  await expect(outside).toEqual([]);
  for (const scroller of thread.root.querySelectorAll<HTMLElement>('article, .post__body, textarea')) {
    await expect(scroller.scrollWidth).toBeLessThanOrEqual(scroller.clientWidth);
  }
}

const meta = {
  title: 'Thread',
  component: 'cohort-thread',
  render: renderThread,
  // Each story seeds its own space in the preview cache (network off: nothing leaves the browser).
  loaders: [async ({ args }) => (args.thread ? seedPreviewThread(args.space, args.thread, args.scenario) : undefined)],
  args: {
    space: 'story-thread-empty',
    thread: 'week-2-goals',
    prompt: 'Share one goal you want to reach by the end of the cohort, and why it matters to you.',
    theme: 'light',
    scenario: 'empty',
    onCohortPost: fn(),
    onCohortReply: fn(),
    onCohortReact: fn(),
    onCohortError: fn(),
  },
  argTypes: {
    theme: { control: 'inline-radio', options: ['light', 'dark', 'auto'] },
    scenario: {
      control: 'select',
      options: ['empty', 'busy', 'pinned', 'reported', 'under-review', 'locked', 'facilitator', 'pending', 'rtl'],
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

export const UnderReview: Story = {
  name: 'Your post under review (author view)',
  args: { space: 'story-thread-under-review', scenario: 'under-review' },
  play: async ({ canvasElement }) => {
    const thread = await shown(canvasElement);
    const note = 'Under review by a facilitator: you can edit or delete it once they have looked at it.';
    // Reported once: still visible to everyone, but its author cannot rewrite or erase what was reported.
    const reported = await waitFor(() => {
      const found = thread.root.querySelector<HTMLElement>('.feed [data-post-id="mine-reported"]');
      expect(found).not.toBeNull();
      return found!;
    });
    await expect(reported).toHaveTextContent(note);
    const labels = (post: HTMLElement) => [...post.querySelectorAll('button')].map((b) => b.textContent?.trim());
    await expect(labels(reported)).not.toContain('Edit');
    await expect(labels(reported)).not.toContain('Delete');
    await expect(labels(reported)).toContain('Reply');
    // Hidden: only its author sees it, with no way to change it, answer it or react to it.
    const hidden = await waitFor(() => {
      const found = thread.root.querySelector<HTMLElement>('.my-hidden [data-post-id="mine-hidden"]');
      expect(found).not.toBeNull();
      return found!;
    });
    await expect(hidden).toHaveTextContent(note);
    await expect(labels(hidden).filter((label) => ['Edit', 'Delete', 'Reply'].includes(label ?? ''))).toEqual([]);
    await expect(hidden.querySelector('.reactions')).toBeNull();
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

export const Narrow: Story = {
  name: 'Narrow phone (320 px wide)',
  args: { space: 'story-thread-narrow', scenario: 'busy' },
  render: (args) => html`<div style="inline-size: 320px; max-inline-size: 100%">${renderThread(args)}</div>`,
  play: async ({ canvasElement, step }) => {
    const thread = await shown(canvasElement);
    await waitFor(() => expect(thread.root.querySelectorAll('.feed > article').length).toBeGreaterThan(10));
    await expect(thread.host.getBoundingClientRect().width).toBeLessThanOrEqual(320);
    await step('Open the replies and the reply box under the first post with replies', async () => {
      await userEvent.click(thread.shadow.getByRole('button', { name: 'Show 2 replies' }));
      const parent = thread.root.querySelector<HTMLElement>('[data-post-id="seed-0"]')!;
      await userEvent.click([...parent.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Reply')!);
      await waitFor(() => expect(thread.root.querySelector('#reply-text')).not.toBeNull());
    });
    await waitFor(() => expect(thread.root.querySelectorAll('.replies article')).toHaveLength(2));
    // The long address wraps inside its post instead of pushing the thread sideways.
    await expect(thread.shadow.getByText(/^https:\/\/example\.com\/cohorts\//)).toBeVisible();
    await expectNoSidewaysOverflow(thread);
  },
};

export const RightToLeft: Story = {
  name: 'Right to left (Arabic and Hebrew)',
  args: {
    space: 'story-thread-rtl',
    scenario: 'rtl',
    dir: 'rtl',
    lang: 'ar',
    prompt: 'شارك هدفًا واحدًا تريد تحقيقه بنهاية الدورة، ولماذا هو مهم لك.',
  },
  play: async ({ canvasElement, step }) => {
    const thread = await shown(canvasElement);
    await expect(getComputedStyle(thread.host).direction).toBe('rtl');
    await expect(thread.shadow.getByText('شارك هدفًا واحدًا تريد تحقيقه بنهاية الدورة، ولماذا هو مهم لك.')).toBeVisible();
    await waitFor(() => expect(thread.root.querySelector('.pinned article')).toHaveTextContent('دانة كوهين'));
    // Names are isolated with <bdi>, so a Hebrew name in an Arabic sentence keeps its own order.
    const names = [...thread.root.querySelectorAll('.post__author bdi')].map((name) => name.textContent);
    await expect(names).toContain('נועה לוי');
    // Post bodies take their direction from their own text (dir="auto"): Arabic and Hebrew read right to left.
    const hebrew = thread.shadow.getByText(/^לסיים את מפת/).closest('.post__body') as HTMLElement;
    await expect(hebrew.getAttribute('dir')).toBe('auto');
    await expect(hebrew.matches(':dir(rtl)')).toBe(true);
    const arabic = thread.shadow.getByText(/^أن أتعلم رفض الاجتماعات/).closest('.post__body') as HTMLElement;
    await expect(arabic.matches(':dir(rtl)')).toBe(true);
    await expect(arabic.querySelector('code')).toHaveTextContent('decline');
    await step('Open the Arabic replies', async () => {
      await userEvent.click(thread.shadow.getByRole('button', { name: 'Show 2 replies' }));
      await waitFor(() => expect(thread.root.querySelectorAll('.replies article')).toHaveLength(2));
    });
    await expect(thread.shadow.getByText('رائع! ماذا ستسأل في الاجتماع الأول؟')).toBeVisible();
    await expectNoSidewaysOverflow(thread);
  },
};

export const Dark: Story = {
  name: 'Dark theme',
  args: { space: 'story-thread-dark', scenario: 'busy', theme: 'dark' },
  // The page behind it goes dark too (the Theme toolbar's dark page).
  globals: { theme: 'dark' },
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

/** The tokens <cohort-thread> documents, set by a course site on any ancestor. */
const BRAND = {
  '--cohort-color-accent': '#7a1f5c',
  '--cohort-color-accent-soft': '#f7e6f0',
  '--cohort-color-surface': '#fffdf8',
  '--cohort-color-text': '#2b2118',
  '--cohort-radius': '1.25rem',
  '--cohort-font-family': "Georgia, 'Times New Roman', serif",
};

export const BrandTokens: Story = {
  name: 'Custom brand colours, shape and font',
  args: { space: 'story-thread-brand', scenario: 'busy' },
  render: (args) =>
    html`<div
      style=${Object.entries(BRAND)
        .map(([name, value]) => `${name}: ${value}`)
        .join('; ')}
    >
      ${renderThread(args)}
    </div>`,
  play: async ({ canvasElement }) => {
    const thread = await shown(canvasElement);
    await waitFor(() => expect(thread.root.querySelector('.post--mentioned')).not.toBeNull());
    const frame = thread.root.querySelector<HTMLElement>('[part="base"]')!;
    const post = thread.root.querySelector<HTMLElement>('.feed > article')!;
    // Each token shows where the documentation says it does, instead of the kit's own value.
    await expect(getComputedStyle(frame).backgroundColor).toBe('rgb(255, 253, 248)');
    await expect(getComputedStyle(frame).color).toBe('rgb(43, 33, 24)');
    await expect(getComputedStyle(frame).fontFamily).toMatch(/^Georgia/);
    await expect(getComputedStyle(post).borderRadius).toBe('20px');
    await expect(getComputedStyle(thread.root.querySelector('.post--mentioned')!).backgroundColor).toBe(
      'rgb(247, 230, 240)',
    );
    await expect(getComputedStyle(thread.shadow.getByRole('button', { name: 'Post' })).backgroundColor).toBe(
      'rgb(122, 31, 92)',
    );
    await expect(getComputedStyle(thread.root.querySelector('.post__body a')!).color).toBe('rgb(122, 31, 92)');
  },
};

export const InvalidThread: Story = {
  name: 'Wrong setting: a thread id with a space in it',
  args: { space: 'story-thread-error', thread: 'week 2 goals' },
  play: async ({ canvasElement, args }) => {
    await expectProblem(
      canvasElement,
      'thread="week 2 goals" is not a valid id: use 1–100 letters, digits, "-" or "_", starting with a letter or digit.',
      'cohort-thread',
    );
    await expect(args.onCohortError).toHaveBeenCalled();
  },
};

export const MissingThread: Story = {
  name: 'Wrong setting: no thread attribute',
  args: { space: 'story-thread-error', thread: undefined },
  play: async ({ canvasElement, args }) => {
    await expectProblem(
      canvasElement,
      'The thread attribute is missing: name this discussion, e.g. thread="week-2-goals".',
      'cohort-thread',
    );
    await expect(args.onCohortError).toHaveBeenCalled();
  },
};

/** A thread whose data never arrives, so its first paint (the skeleton) stays on screen for inspection. */
class FirstPaintThread extends CohortThread {
  protected override startData(): Promise<() => void> {
    return new Promise(() => {});
  }
}
if (!customElements.get('story-first-paint-thread'))
  customElements.define('story-first-paint-thread', FirstPaintThread);

/** Heights of the parts of a thread a skeleton stands in for. */
function heights(root: ShadowRoot, composer: string, toolbar: string, post: string) {
  const height = (node: Element | null) => node?.getBoundingClientRect().height ?? 0;
  return {
    composer: height(root.querySelector(composer)),
    toolbar: height(root.querySelector(toolbar)),
    posts: [...root.querySelectorAll(post)].slice(0, 3).map(height),
  };
}

export const Loading: Story = {
  name: 'Loading (first paint, before data arrives)',
  args: { space: 'story-thread-loading', scenario: 'busy' },
  render: (args) =>
    html`<div>
      <story-first-paint-thread
        space=${args.space}
        thread=${ifDefined(args.thread)}
        prompt=${args.prompt}
        theme=${args.theme}
      ></story-first-paint-thread>
    </div>`,
  play: async ({ canvasElement, args, step }) => {
    const skeleton = await element(canvasElement, 'story-first-paint-thread');
    // The prompt paints at once; the composer, sort control and posts are placeholders, and the feed says it is busy.
    await expect(skeleton.shadow.getByText(args.prompt)).toBeVisible();
    await expect(skeleton.shadow.getByRole('feed')).toHaveAttribute('aria-busy', 'true');
    await expect(skeleton.root.querySelectorAll('.feed .post-skeleton')).toHaveLength(3);
    await expect(skeleton.root.querySelector('textarea, button')).toBeNull();
    const placeholders = heights(skeleton.root, '.composer-skeleton', '.toolbar-skeleton', '.post-skeleton');
    await step('Sized like the content: the same thread, loaded, at the same width', async () => {
      const holder = document.createElement('div');
      holder.style.visibility = 'hidden';
      holder.innerHTML = `<cohort-thread space="${args.space}" thread="${args.thread}"></cohort-thread>`;
      skeleton.host.after(holder);
      try {
        const loaded = await shown(holder);
        await waitFor(() => expect(loaded.root.querySelectorAll('.feed > article').length).toBeGreaterThan(2));
        const real = heights(loaded.root, '[part="composer"]', '.toolbar', '.feed > article');
        const near = (placeholder: number, actual: number, tolerance: number) =>
          expect(Math.abs(placeholder - actual) / actual).toBeLessThanOrEqual(tolerance);
        await near(placeholders.composer, real.composer, 0.2);
        await near(placeholders.toolbar, real.toolbar, 0.2);
        const typical = real.posts.reduce((sum, height) => sum + height, 0) / real.posts.length;
        for (const placeholder of placeholders.posts) await near(placeholder, typical, 0.3);
      } finally {
        holder.remove();
      }
    });
  },
};
