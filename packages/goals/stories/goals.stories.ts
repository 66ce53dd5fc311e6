import '@cohort-kit/goals/cohort-goals.js';
import { seedPreviewGoals, type PreviewScenario } from '@cohort-kit/goals/preview-seed.js';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { expect, fn, waitFor } from 'storybook/test';
import { DATA_TIMEOUT, element, textBox } from '@cohort-kit/core/testing/stories.js';

/** Args are the attributes an author writes (kebab-case, as in the manifest's Controls), plus the preview data. */
interface GoalsArgs {
  space: string;
  board: string;
  mode: 'set' | 'check-in' | 'reflect';
  prompt?: string;
  'check-in-every'?: string;
  theme: 'light' | 'dark' | 'auto';
  dir?: 'ltr' | 'rtl';
  scenario: PreviewScenario;
  onCohortGoal: (event: Event) => void;
  onCohortCheckIn: (event: Event) => void;
  onCohortCheer: (event: Event) => void;
}

const renderGoals = (args: GoalsArgs): TemplateResult =>
  html`<div dir=${ifDefined(args.dir)} lang=${args.dir === 'rtl' ? 'ar' : 'en'}>
    <cohort-goals
      space=${args.space}
      board=${args.board}
      mode=${args.mode}
      prompt=${ifDefined(args.prompt)}
      check-in-every=${ifDefined(args['check-in-every'])}
      theme=${args.theme}
      @cohort-goal=${args.onCohortGoal}
      @cohort-check-in=${args.onCohortCheckIn}
      @cohort-cheer=${args.onCohortCheer}
    ></cohort-goals>
  </div>`;

/** The board once its data is shown. */
async function shown(canvasElement: HTMLElement) {
  const goals = await element(canvasElement, 'cohort-goals');
  await waitFor(() => expect(goals.root.querySelector('.goals__title')).not.toBeNull(), { timeout: DATA_TIMEOUT });
  return goals;
}

/** The card whose goal contains `text`, once it shows. */
async function card(canvasElement: HTMLElement, text: string) {
  const goals = await shown(canvasElement);
  let found: HTMLElement | undefined;
  await waitFor(
    () => {
      found = [...goals.root.querySelectorAll<HTMLElement>('.goals__list article')].find((each) =>
        each.querySelector('.card__goal')?.textContent?.includes(text),
      );
      return expect(found).toBeDefined();
    },
    { timeout: DATA_TIMEOUT },
  );
  return found!;
}

const MINE = 'Give one piece of specific, kind feedback every day';

const meta = {
  title: 'Goals',
  component: 'cohort-goals',
  render: renderGoals,
  // Each story seeds its own space in the preview cache (network off: nothing leaves the browser).
  loaders: [async ({ args }) => seedPreviewGoals(args.space, args.board, args.scenario)],
  args: {
    space: 'story-goals-empty',
    board: 'leadership-goals',
    mode: 'set',
    prompt: 'What will you be able to do by the end of the cohort, and why does it matter to you?',
    theme: 'light',
    scenario: 'empty',
    onCohortGoal: fn(),
    onCohortCheckIn: fn(),
    onCohortCheer: fn(),
  },
  argTypes: {
    mode: { control: 'inline-radio', options: ['set', 'check-in', 'reflect'] },
    theme: { control: 'inline-radio', options: ['light', 'dark', 'auto'] },
    scenario: {
      control: 'select',
      options: [
        'empty',
        'board',
        'set',
        'private',
        'check-in-due',
        'behind',
        'done',
        'paused',
        'reflect',
        'cheered',
        'many',
        'long',
        'rtl',
      ],
      table: { category: 'preview data' },
    },
  },
  parameters: {
    docs: {
      description: {
        component:
          'A goal board. Every story runs in preview mode, seeded with local data: goals stay in this browser.',
      },
    },
  },
} satisfies Meta<GoalsArgs>;

export default meta;
type Story = StoryObj<GoalsArgs>;

export const Empty: Story = {
  name: 'Empty board, asking for a goal',
  args: { space: 'story-goals-empty', scenario: 'empty' },
  play: async ({ canvasElement }) => {
    const goals = await shown(canvasElement);
    await expect(goals.shadow.getByText('No goals yet. Be the first to set one!')).toBeVisible();
    await expect(goals.shadow.getByRole('button', { name: 'Set goal' })).toBeVisible();
  },
};

export const Set: Story = {
  name: 'Goal set, on a board of peers',
  args: { space: 'story-goals-set', scenario: 'set' },
  play: async ({ canvasElement }) => {
    const mine = await card(canvasElement, MINE);
    await expect(mine).toHaveTextContent('Your goal');
    await expect(mine).toHaveTextContent('When I close my laptop at five');
    await card(canvasElement, 'Delegate the monthly report by March');
  },
};

export const Private: Story = {
  args: { space: 'story-goals-private', scenario: 'private' },
  play: async ({ canvasElement }) => {
    const mine = await card(canvasElement, 'Prepare for the promotion panel');
    await expect(mine).toHaveTextContent('Private');
  },
};

export const CheckInDue: Story = {
  name: 'Check-in due',
  args: { space: 'story-goals-due', scenario: 'check-in-due', mode: 'check-in', 'check-in-every': 'P7D' },
  play: async ({ canvasElement }) => {
    const mine = await card(canvasElement, MINE);
    await expect(mine).toHaveTextContent('It has been 9 days since you set this goal: how is it going?');
    const goals = await shown(canvasElement);
    await expect(goals.shadow.getByRole('button', { name: 'Save check-in' })).toBeVisible();
  },
};

export const Behind: Story = {
  args: { space: 'story-goals-behind', scenario: 'behind', mode: 'check-in' },
  play: async ({ canvasElement }) => {
    const mine = await card(canvasElement, MINE);
    await expect(mine).toHaveTextContent('Behind');
    await expect(mine).toHaveTextContent('Only three days out of seven.');
  },
};

export const Done: Story = {
  args: { space: 'story-goals-done', scenario: 'done' },
  play: async ({ canvasElement }) => {
    const mine = await card(canvasElement, MINE);
    await expect(mine).toHaveTextContent('Done 🎉');
    await expect(mine).toHaveTextContent('4 cheers');
  },
};

export const Paused: Story = {
  args: { space: 'story-goals-paused', scenario: 'paused' },
  play: async ({ canvasElement }) => {
    const mine = await card(canvasElement, MINE);
    await expect(mine).toHaveTextContent('Paused');
    await expect(mine).not.toHaveTextContent('failed');
  },
};

export const Reflect: Story = {
  args: {
    space: 'story-goals-reflect',
    scenario: 'reflect',
    mode: 'reflect',
    prompt: 'What helped you most? What would you do differently?',
  },
  play: async ({ canvasElement }) => {
    const mine = await card(canvasElement, MINE);
    await expect(mine).toHaveTextContent('Writing it down at five made it a habit.');
    const goals = await shown(canvasElement);
    await expect(goals.shadow.getByLabelText('What helped you most? What would you do differently?')).toBeVisible();
  },
};

export const Cheered: Story = {
  args: { space: 'story-goals-cheered', scenario: 'cheered' },
  play: async ({ canvasElement }) => {
    await expect(await card(canvasElement, MINE)).toHaveTextContent('3 cheers');
    const peer = await card(canvasElement, 'Delegate the monthly report by March');
    await waitFor(() => expect(peer).toHaveTextContent('Cheered'), { timeout: DATA_TIMEOUT });
  },
};

export const BuddyWaiting: Story = {
  name: 'Buddy: waiting',
  args: { space: 'story-goals-buddy-waiting', scenario: 'buddy-waiting' },
  play: async ({ canvasElement }) => {
    const goals = await shown(canvasElement);
    await waitFor(() => expect(goals.shadow.getByText(/Looking for a buddy…/)).toBeVisible(), {
      timeout: DATA_TIMEOUT,
    });
    await expect(goals.shadow.getByRole('button', { name: 'Stop looking' })).toBeVisible();
  },
};

export const BuddyPaired: Story = {
  name: 'Buddy: paired',
  args: { space: 'story-goals-buddy-paired', scenario: 'buddy-paired' },
  play: async ({ canvasElement }) => {
    const goals = await shown(canvasElement);
    // The name sits in its own <bdi>, so the sentence is read from the paragraph's whole text.
    await waitFor(
      () =>
        expect(goals.root.querySelector('.buddy p')).toHaveTextContent(
          'Your buddy: Bruno Díaz. Their goal comes first on the board.',
        ),
      { timeout: DATA_TIMEOUT },
    );
    await expect(goals.root.querySelector('.buddy p')).toBeVisible();
    // The buddy's goal comes first on the board, marked as theirs.
    const first = goals.root.querySelector('.goals__list article')!;
    await expect(first).toHaveTextContent('Delegate the monthly report by March');
    await expect(first).toHaveTextContent('Your buddy');
    await expect(goals.shadow.getByRole('button', { name: 'Leave the pairing' })).toBeVisible();
  },
};

export const TwoHundredGoals: Story = {
  name: '200 goals, a page at a time',
  args: { space: 'story-goals-many', scenario: 'many' },
  play: async ({ canvasElement }) => {
    const goals = await shown(canvasElement);
    await waitFor(() => expect(goals.root.querySelectorAll('.goals__list article').length).toBe(20), {
      timeout: DATA_TIMEOUT,
    });
    await expect(goals.shadow.getByRole('button', { name: 'Load more' })).toBeVisible();
  },
};

export const LongText: Story = {
  name: 'Long text',
  args: { space: 'story-goals-long', scenario: 'long' },
  play: async ({ canvasElement }) => {
    const mine = await card(canvasElement, 'Lead Lead');
    await expect(mine.scrollWidth).toBeLessThanOrEqual(mine.clientWidth);
    const peer = await card(canvasElement, 'Antidisestablishmentarianism');
    await expect(peer.scrollWidth).toBeLessThanOrEqual(peer.clientWidth);
  },
};

export const RightToLeft: Story = {
  name: 'Right to left',
  args: { space: 'story-goals-rtl', scenario: 'rtl', dir: 'rtl' },
  play: async ({ canvasElement }) => {
    const peer = await card(canvasElement, 'أن أعقد اجتماعًا');
    await expect(getComputedStyle(peer).direction).toBe('rtl');
    // "ليلى حسن's goal": the English reads on from the Arabic name, not before it.
    const heading = peer.querySelector('h3')!;
    await expect(textBox(heading, 's goal').left).toBeGreaterThanOrEqual(textBox(heading, 'ليلى حسن').right - 1);
  },
};

export const Dark: Story = {
  args: { space: 'story-goals-dark', scenario: 'board', theme: 'dark' },
  play: async ({ canvasElement }) => {
    const goals = await shown(canvasElement);
    await expect(getComputedStyle(goals.root.querySelector('[part="base"]')!).colorScheme).toContain('dark');
    await card(canvasElement, 'Run a weekly one-to-one');
  },
};
