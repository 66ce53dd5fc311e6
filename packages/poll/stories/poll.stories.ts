import '@cohort-kit/poll/cohort-poll.js';
import { CohortPoll } from '@cohort-kit/poll';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { expect, fn, userEvent, waitFor } from 'storybook/test';
import {
  element,
  expectAnnounced,
  expectProblem,
  expectResultsHidden,
  expectResultsVisible,
  joinIfAsked,
  option,
  ready,
  vote,
} from './steps.js';

/** Args are the attributes an author writes (kebab-case, as in the manifest's Controls), plus the markup inside. */
interface PollArgs {
  space: string;
  poll: string;
  theme: 'light' | 'dark' | 'auto';
  results: 'after-vote' | 'always' | 'after-close';
  multiple: boolean;
  'max-choices'?: number;
  anonymous: boolean;
  'allow-suggestions': boolean;
  'closes-at'?: string;
  /** The question, written as the element's text. */
  question: string;
  /** One `<option>` each. */
  options: string[];
  /** The `after-close` slot: the author's follow-up once the poll has closed. */
  'after-close'?: string;
  onCohortVote: (event: Event) => void;
  onCohortError: (event: Event) => void;
}

const renderPoll = (args: PollArgs): TemplateResult =>
  html`<cohort-poll
    space=${args.space}
    poll=${args.poll}
    theme=${args.theme}
    results=${args.results}
    ?multiple=${args.multiple}
    max-choices=${ifDefined(args['max-choices'] || undefined)}
    ?anonymous=${args.anonymous}
    ?allow-suggestions=${args['allow-suggestions']}
    closes-at=${ifDefined(args['closes-at'] || undefined)}
    @cohort-vote=${args.onCohortVote}
    @cohort-error=${args.onCohortError}
  >
    ${args.question} ${args.options.map((label) => html`<option>${label}</option>`)}
    ${args['after-close'] ? html`<p slot="after-close">${args['after-close']}</p>` : nothing}
  </cohort-poll>`;

const WEEK_2 = ['🤝 Find an accountability buddy', '📅 A live Q&A on Thursday', '📝 A written summary of the module'];

/** A moment that has certainly passed, so the poll reads as closed whenever the story is opened. */
const YESTERDAY = new Date(Date.now() - 24 * 60 * 60 * 1000).toISOString();

const meta = {
  title: 'Poll',
  component: 'cohort-poll',
  render: renderPoll,
  args: {
    space: 'story-poll-open',
    poll: 'week-2-check-in',
    theme: 'light',
    results: 'after-vote',
    multiple: false,
    anonymous: false,
    'allow-suggestions': false,
    question: 'What would help you most this week?',
    options: WEEK_2,
    onCohortVote: fn(),
    onCohortError: fn(),
  },
  argTypes: {
    theme: { control: 'inline-radio', options: ['light', 'dark', 'auto'] },
    results: { control: 'inline-radio', options: ['after-vote', 'always', 'after-close'] },
    question: { control: 'text', table: { category: 'content' } },
    options: { control: 'object', table: { category: 'content' } },
  },
  parameters: {
    // The manifest's default slot ('') is the question and options above.
    controls: { exclude: /^$/ },
  },
} satisfies Meta<PollArgs>;

export default meta;
type Story = StoryObj<PollArgs>;

export const Open: Story = {
  name: 'Open, results shown before voting',
  args: { space: 'story-poll-open', results: 'always' },
  play: async ({ canvasElement }) => {
    const poll = await ready(canvasElement);
    await expect(poll.shadow.getByText('What would help you most this week?')).toBeVisible();
    await expect(poll.shadow.getByText('No one has voted yet. Be the first!')).toBeVisible();
    for (const label of WEEK_2) await expect(await option(poll, label)).toHaveAttribute('aria-checked', 'false');
  },
};

export const ResultsHiddenUntilVote: Story = {
  name: 'Results hidden until you vote',
  args: { space: 'story-poll-hidden-results' },
  play: async ({ canvasElement }) => {
    const poll = await ready(canvasElement);
    await expect(poll.shadow.getByText('Tap an option to vote. Then see how your peers voted.')).toBeVisible();
    await expectResultsHidden(poll);
  },
};

export const Voted: Story = {
  name: 'Voted: your choice and the results',
  args: { space: 'story-poll-voted' },
  play: async ({ canvasElement, args, step }) => {
    const poll = await ready(canvasElement);
    await step('Vote for the live Q&A, giving a name on this first contribution', async () => {
      if (await vote(poll, '📅 A live Q&A on Thursday', 'Ada')) {
        await expectAnnounced(poll, 'Vote saved: 📅 A live Q&A on Thursday');
        await expect(args.onCohortVote).toHaveBeenCalled();
      }
    });
    await expect(await option(poll, '📅 A live Q&A on Thursday')).toHaveAttribute('aria-checked', 'true');
    await expect(await option(poll, '🤝 Find an accountability buddy')).toHaveAttribute('aria-checked', 'false');
    await expect(poll.shadow.getByText('You can change your vote until the poll closes.')).toBeVisible();
    await expectResultsVisible(poll);
    // The tally arrives from the counters a moment after the choice itself.
    await waitFor(() =>
      expect(poll.root.querySelector('[part="participation"]')).toHaveTextContent('1 peer voted — recently Ada'),
    );
    await expect(await option(poll, '📅 A live Q&A on Thursday')).toHaveTextContent('1 vote · 100 %');
  },
};

export const Closed: Story = {
  name: 'Closed, with a follow-up',
  args: {
    space: 'story-poll-closed',
    'closes-at': YESTERDAY,
    'after-close': 'Thanks for voting! The live Q&A is on Thursday at 17:00 — the link is in the course calendar.',
  },
  play: async ({ canvasElement, step }) => {
    const poll = await ready(canvasElement);
    const closesAt = poll.host.getAttribute('closes-at')!;
    if (!poll.root.querySelector('[aria-checked="true"]')) {
      // A closed poll takes no votes: open it for a moment to cast the vote its final results show.
      await step('Before it closed: a learner voted', async () => {
        poll.host.removeAttribute('closes-at');
        await waitFor(() => expect(poll.shadow.getByText(/^Tap an option/)).toBeVisible());
        await vote(poll, '📅 A live Q&A on Thursday', 'Ada');
        poll.host.setAttribute('closes-at', closesAt);
      });
    }
    await expect(await poll.shadow.findByText('Poll closed. Final results:')).toBeVisible();
    await expectResultsVisible(poll);
    for (const button of poll.root.querySelectorAll('[role="radio"]')) {
      await expect(button).toHaveAttribute('aria-disabled', 'true');
    }
    const followUp = canvasElement.querySelector<HTMLElement>('[slot="after-close"]')!;
    // Slotted means shown: the poll renders its after-close slot only once closed.
    await waitFor(() => expect(followUp.assignedSlot).not.toBeNull());
    await expect(followUp).toBeVisible();
  },
};

export const Anonymous: Story = {
  name: 'Anonymous',
  args: {
    space: 'story-poll-anonymous',
    anonymous: true,
    question: 'How confident do you feel about the exam?',
    options: ['😟 Not yet', '😐 Getting there', '🙂 Fairly confident', '😎 Ready'],
  },
  play: async ({ canvasElement }) => {
    const poll = await ready(canvasElement);
    await expect(
      poll.shadow.getByText('Anonymous poll: other learners and facilitators cannot see who voted what.'),
    ).toBeVisible();
    // One tap, no name asked: an anonymous vote does not join the learner to the space.
    await vote(poll, '😐 Getting there', 'Ada');
    await expect(poll.root.querySelector('form.join')).toBeNull();
    await expectResultsVisible(poll);
    // Counts only: no "recently Ada" after the number of voters.
    const participation = poll.root.querySelector('[part="participation"]')!;
    await waitFor(() => expect(participation).toHaveTextContent('1 peer voted'));
    await expect(participation).not.toHaveTextContent('Ada');
  },
};

export const Suggestions: Story = {
  name: 'Learners can suggest options',
  args: {
    space: 'story-poll-suggestions',
    'allow-suggestions': true,
    question: 'Which topic should the next live session cover?',
    options: ['Recursion', 'Big-O notation'],
  },
  play: async ({ canvasElement, step }) => {
    const poll = await ready(canvasElement);
    const label = 'Dynamic programming';
    if (!poll.root.querySelector(`[data-value="dynamic-programming"]`)) {
      await step(`Suggest "${label}"`, async () => {
        const field = await poll.shadow.findByRole('textbox', { name: 'Suggest an option' });
        await userEvent.type(field, label);
        await userEvent.click(poll.shadow.getByRole('button', { name: 'Add' }));
        await joinIfAsked(poll, 'Grace', () => poll.root.querySelector('[data-value="dynamic-programming"]') !== null);
        await expectAnnounced(poll, `Option added: ${label}`);
      });
    }
    const suggested = await option(poll, label);
    await expect(suggested).toHaveTextContent('suggested');
    await expect(poll.shadow.getByRole('textbox', { name: 'Suggest an option' })).toHaveValue('');
  },
};

const TWELVE = [
  'Monday 08:00',
  'Monday 18:00',
  'Tuesday 08:00',
  'Tuesday 18:00',
  'Wednesday 08:00',
  'Wednesday 18:00',
  'Thursday 08:00',
  'Thursday 18:00',
  'Friday 08:00',
  'Friday 18:00',
  'Saturday 10:00',
  'Sunday 10:00',
];

export const ManyOptions: Story = {
  name: 'Twelve options (the most a poll takes)',
  args: {
    space: 'story-poll-many',
    question: 'When could you join a weekly study hour? (times in your own time zone)',
    options: TWELVE,
    multiple: true,
    'max-choices': 3,
  },
  play: async ({ canvasElement }) => {
    const poll = await ready(canvasElement);
    await expect(poll.shadow.getAllByRole('checkbox')).toHaveLength(12);
    await expect(poll.shadow.getByRole('group')).toHaveAccessibleName(/^When could you join/);
  },
};

export const LongLabels: Story = {
  name: 'Long question and labels',
  args: {
    space: 'story-poll-long',
    question:
      'Thinking about the group project you handed in last week, which part of the collaboration process do you think would most improve the next project if the course team changed it?',
    options: [
      'Forming the groups: more time to get to know each other before we had to agree on a topic and split the work',
      'Agreeing on deadlines inside the group, with a shared calendar that everyone actually checks',
      'Reviewing each other’s drafts before submission, with a checklist so feedback is concrete and kind',
      'https://example.edu/courses/intro-to-data-science/week-5/group-project/peer-review-guidelines-v2',
    ],
  },
  play: async ({ canvasElement }) => {
    const poll = await ready(canvasElement);
    // Nothing may stick out of the frame, however long the words.
    const frame = poll.root.querySelector<HTMLElement>('[part="base"]')!;
    await expect(frame.scrollWidth).toBeLessThanOrEqual(frame.clientWidth);
  },
};

export const Narrow: Story = {
  name: 'Narrow phone (320 px wide)',
  args: {
    space: 'story-poll-narrow',
    'allow-suggestions': true,
    question: 'Which goal-setting approach will you try first?',
    options: [
      '🤓 Use the SMART goals framework',
      '🤝 Find an accountability buddy',
      '👾 Gamify your process with points, streaks and rewards',
    ],
  },
  render: (args) => html`<div style="inline-size: 320px; max-inline-size: 100%">${renderPoll(args)}</div>`,
  play: async ({ canvasElement }) => {
    const poll = await ready(canvasElement);
    await vote(poll, '🤝 Find an accountability buddy', 'Ada');
    await expectResultsVisible(poll);
    const frame = poll.root.querySelector<HTMLElement>('[part="base"]')!;
    await expect(poll.host.getBoundingClientRect().width).toBeLessThanOrEqual(320);
    // Nothing sticks out sideways: no horizontal scrolling in the frame or in any option.
    await expect(frame.scrollWidth).toBeLessThanOrEqual(frame.clientWidth);
    const right = frame.getBoundingClientRect().right;
    for (const button of poll.root.querySelectorAll<HTMLElement>('[part="option"]')) {
      await expect(button.scrollWidth).toBeLessThanOrEqual(button.clientWidth);
      await expect(button.getBoundingClientRect().right).toBeLessThanOrEqual(right);
      // Readable: full-size text, labels wrapped rather than cut, counts inside the option.
      const label = button.querySelector<HTMLElement>('.option__label')!;
      await expect(parseFloat(getComputedStyle(label).fontSize)).toBeGreaterThanOrEqual(16);
      await expect(label.scrollWidth).toBeLessThanOrEqual(label.clientWidth);
      await expect(label.getBoundingClientRect().width).toBeGreaterThan(150);
      const count = button.querySelector<HTMLElement>('[part="count"]')!;
      await expect(count.getBoundingClientRect().right).toBeLessThanOrEqual(button.getBoundingClientRect().right);
    }
    const field = poll.shadow.getByRole('textbox', { name: 'Suggest an option' });
    await expect(field.getBoundingClientRect().right).toBeLessThanOrEqual(right);
  },
};

export const RightToLeft: Story = {
  name: 'Right to left (Arabic)',
  args: {
    space: 'story-poll-rtl',
    question: 'ما الذي سيساعدك أكثر هذا الأسبوع؟',
    options: ['🤝 زميل للمتابعة والتشجيع', '📅 جلسة أسئلة مباشرة يوم الخميس', '📝 ملخص مكتوب للوحدة'],
  },
  render: (args) => html`<div dir="rtl" lang="ar">${renderPoll(args)}</div>`,
  play: async ({ canvasElement }) => {
    const poll = await ready(canvasElement);
    await expect(getComputedStyle(poll.host).direction).toBe('rtl');
    await vote(poll, '📅 جلسة أسئلة مباشرة يوم الخميس', 'ليلى');
    await expectResultsVisible(poll);
  },
};

export const Dark: Story = {
  name: 'Dark theme',
  args: { space: 'story-poll-dark', theme: 'dark' },
  // The page behind it goes dark too (the Theme toolbar's dark page).
  globals: { theme: 'dark' },
  play: async ({ canvasElement }) => {
    const poll = await ready(canvasElement);
    await vote(poll, '🤝 Find an accountability buddy', 'Ada');
    await expectResultsVisible(poll);
  },
};

export const BrandTokens: Story = {
  name: 'Custom brand colours and shape',
  args: { space: 'story-poll-brand' },
  render: (args) =>
    html`<div
      style="
      --cohort-color-accent: #7a1f5c;
      --cohort-color-accent-soft: #f7e6f0;
      --cohort-color-focus: #7a1f5c;
      --cohort-color-surface: #fffdf8;
      --cohort-color-surface-raised: #f4efe6;
      --cohort-color-border: #8c7f6a;
      --cohort-radius: 1.25rem;
      --cohort-font-family: Georgia, 'Times New Roman', serif;
    "
    >
      ${renderPoll(args)}
    </div>`,
  play: async ({ canvasElement }) => {
    const poll = await ready(canvasElement);
    await vote(poll, '📝 A written summary of the module', 'Ada');
    const chosen = await option(poll, '📝 A written summary of the module');
    // The brand accent, not the kit's blue, marks the choice.
    await expect(getComputedStyle(chosen).borderColor).toBe('rgb(122, 31, 92)');
  },
};

export const OneOption: Story = {
  name: 'Error: only one option',
  args: { space: 'story-poll-error', options: ['🤝 Find an accountability buddy'] },
  play: async ({ canvasElement, args }) => {
    await expectProblem(canvasElement, 'A poll needs 2 to 12 <option> elements; this one has 1.');
    await expect(args.onCohortError).toHaveBeenCalled();
  },
};

/** A poll whose data never arrives, so its first paint stays on screen for inspection. */
class FirstPaintPoll extends CohortPoll {
  protected override startData(): Promise<() => void> {
    return new Promise(() => {});
  }
}
if (!customElements.get('story-first-paint-poll')) customElements.define('story-first-paint-poll', FirstPaintPoll);

export const Loading: Story = {
  name: 'Loading (first paint, before data arrives)',
  args: { space: 'story-poll-loading' },
  render: (args) =>
    html`<story-first-paint-poll space=${args.space} poll=${args.poll} theme=${args.theme}>
      ${args.question} ${args.options.map((label) => html`<option>${label}</option>`)}
    </story-first-paint-poll>`,
  play: async ({ canvasElement }) => {
    const poll = await element(canvasElement, 'story-first-paint-poll');
    await waitFor(() => expect(poll.shadow.getByText('Loading…')).toBeVisible());
    // The question and options paint at once; voting waits for the data.
    await expect(poll.shadow.getByText('What would help you most this week?')).toBeVisible();
    const group = poll.shadow.getByRole('radiogroup');
    await expect(group).toHaveAttribute('aria-busy', 'true');
    for (const button of poll.shadow.getAllByRole('radio'))
      await expect(button).toHaveAttribute('aria-disabled', 'true');
  },
};
