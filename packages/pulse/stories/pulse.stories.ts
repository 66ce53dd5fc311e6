import '@cohort-kit/pulse/cohort-pulse.js';
import { seedPreviewPulse, type PreviewScenario } from '@cohort-kit/pulse/preview-seed.js';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { expect, fn, userEvent, waitFor } from 'storybook/test';
import { DATA_TIMEOUT, expectAnnounced, ready, textBox } from '@cohort-kit/core/testing/stories.js';

/** Args are the attributes an author writes (kebab-case, as in the manifest's Controls), plus the preview data. */
interface PulseArgs {
  space: string;
  threads: string;
  badges: string;
  'hidden-for-learners': boolean;
  theme: 'light' | 'dark' | 'auto';
  dir?: 'ltr' | 'rtl';
  scenario: PreviewScenario;
  onCohortNudge: (event: Event) => void;
}

const renderPulse = (args: PulseArgs): TemplateResult =>
  html`<div dir=${ifDefined(args.dir)} lang=${args.dir === 'rtl' ? 'ar' : 'en'}>
    <cohort-pulse
      space=${args.space}
      threads=${args.threads}
      badges=${args.badges}
      ?hidden-for-learners=${args['hidden-for-learners']}
      theme=${args.theme}
      @cohort-nudge=${args.onCohortNudge}
    ></cohort-pulse>
  </div>`;

/** The pulse once its data shows: the facilitators' view, with its title. */
async function shown(canvasElement: HTMLElement) {
  const pulse = await ready(canvasElement, 'cohort-pulse');
  await waitFor(() => expect(pulse.root.querySelector('.pulse__title')).not.toBeNull(), { timeout: DATA_TIMEOUT });
  return pulse;
}

const meta = {
  title: 'Pulse',
  component: 'cohort-pulse',
  render: renderPulse,
  // Each story seeds its own space in the preview cache (network off: nothing leaves the browser).
  loaders: [async ({ args }) => seedPreviewPulse(args.space, args.scenario)],
  args: {
    space: 'story-pulse-healthy',
    threads: 'week-3-practice week-2-goals',
    badges: 'founding-voices',
    'hidden-for-learners': false,
    theme: 'light',
    scenario: 'healthy',
    onCohortNudge: fn(),
  },
  argTypes: {
    theme: { control: 'inline-radio', options: ['light', 'dark', 'auto'] },
    scenario: {
      control: 'select',
      options: ['empty', 'healthy', 'quiet', 'many', 'learner', 'rtl', 'closed'],
      table: { category: 'preview data' },
    },
  },
  parameters: {
    docs: {
      description: {
        component:
          "The facilitators' live view of a cohort. Every story runs in preview mode, seeded with a made-up three-week history in this browser.",
      },
    },
  },
} satisfies Meta<PulseArgs>;

export default meta;
type Story = StoryObj<PulseArgs>;

export const Empty: Story = {
  name: 'Empty cohort',
  args: { space: 'story-pulse-empty', scenario: 'empty' },
  play: async ({ canvasElement }) => {
    const pulse = await shown(canvasElement);
    await expect(pulse.shadow.getByText('No learners have joined yet. The numbers fill in as they do.')).toBeVisible();
    await expect(pulse.shadow.getByText(/Nobody is quiet/)).toBeVisible();
  },
};

export const Healthy: Story = {
  name: 'Healthy cohort',
  args: { space: 'story-pulse-healthy', scenario: 'healthy' },
  play: async ({ canvasElement }) => {
    const pulse = await shown(canvasElement);
    await expect(pulse.shadow.getByText(/14 learners · live/)).toBeVisible();
    await expect(pulse.shadow.getByRole('heading', { name: 'Quiet learners (2)' })).toBeVisible();
    // A metric's definition is one click away.
    await userEvent.click(pulse.root.querySelector<HTMLElement>('[data-metric="repeat"] summary')!);
    await expect(
      pulse.shadow.getByText('The share of learners who contributed on 2 or more different days.'),
    ).toBeVisible();
    // Each chart has its table.
    await expect(pulse.shadow.getAllByRole('table')).toHaveLength(2);
    // The page names one badge: its copies claimed, in the singular.
    await expect(pulse.shadow.getByText('1 badge', { exact: true })).toBeVisible();
  },
};

export const GoingQuiet: Story = {
  name: 'Cohort going quiet',
  args: { space: 'story-pulse-quiet', scenario: 'quiet' },
  play: async ({ canvasElement, args }) => {
    const pulse = await shown(canvasElement);
    await expect(pulse.shadow.getByRole('heading', { name: 'Quiet learners (10)' })).toBeVisible();
    await expect(pulse.shadow.getAllByText('No contribution yet').length).toBeGreaterThan(0);
    const text = pulse.shadow.getByLabelText('Your message') as HTMLTextAreaElement;
    await expect(text.value).toMatch(/^Hi @Gabriel Souza, @Hana Sato/);
    await userEvent.click(pulse.shadow.getByRole('button', { name: 'Nudge 10 in the thread' }));
    await expectAnnounced(pulse, 'Nudge posted in week-3-practice, mentioning 10 learners.');
    await expect(args.onCohortNudge).toHaveBeenCalled();
  },
};

export const TwoHundredMembers: Story = {
  name: '200 members',
  args: { space: 'story-pulse-200', scenario: 'many' },
  play: async ({ canvasElement }) => {
    const pulse = await shown(canvasElement);
    await waitFor(() => expect(pulse.shadow.getByText(/200 learners · live/)).toBeVisible(), { timeout: DATA_TIMEOUT });
    await expect(pulse.shadow.getByRole('heading', { name: 'Quiet learners (50)' })).toBeVisible();
    // A nudge mentions ten at most: the first ten are chosen, the rest wait.
    await expect(pulse.shadow.getByRole('button', { name: 'Nudge 10 in the thread' })).toBeVisible();
  },
};

export const ClosedRound: Story = {
  name: 'Closed round',
  args: { space: 'story-pulse-closed', scenario: 'closed' },
  play: async ({ canvasElement }) => {
    const pulse = await shown(canvasElement);
    // The round's end is said above a record that stays: the metrics, the charts and who went quiet.
    await expect(pulse.shadow.getByText(/^This round has ended on /)).toBeVisible();
    await expect(pulse.shadow.getByText(/14 learners · live/)).toBeVisible();
    await expect(pulse.shadow.getByRole('heading', { name: 'Quiet learners (2)' })).toBeVisible();
    await expect(pulse.shadow.getAllByRole('table')).toHaveLength(2);
    // Nobody can be nudged in a round that has ended: the list stays, without choices or a form.
    await expect(pulse.shadow.getByText('This round has ended, so nudges are off.')).toBeVisible();
    await expect(pulse.shadow.queryAllByRole('checkbox')).toHaveLength(0);
    await expect(pulse.shadow.queryByRole('button', { name: /^Nudge/ })).toBeNull();
  },
};

export const LearnerView: Story = {
  name: 'Learner view',
  args: { space: 'story-pulse-learner', scenario: 'learner' },
  play: async ({ canvasElement }) => {
    const pulse = await ready(canvasElement, 'cohort-pulse');
    await expect(pulse.shadow.getByText('For facilitators')).toBeVisible();
    await expect(pulse.root.querySelector('.pulse__title')).toBeNull();
    await expect(pulse.root.textContent).not.toContain('Quiet');
  },
};

export const RightToLeft: Story = {
  name: 'Right to left',
  args: { space: 'story-pulse-rtl', scenario: 'rtl', dir: 'rtl' },
  play: async ({ canvasElement }) => {
    const pulse = await shown(canvasElement);
    const frame = pulse.root.querySelector<HTMLElement>('[part="base"]')!;
    await expect(getComputedStyle(frame).direction).toBe('rtl');
    await expect(pulse.shadow.getByText('يوسف علي')).toBeVisible();
    // "دفعة القيادة — ربيع 2026 · 5 learners · live": the cohort's Arabic name stays whole, and the English after it
    // reads on from it, left to right.
    const subtitle = [...pulse.root.querySelectorAll('.hint')].find((hint) => hint.textContent!.includes('· live'))!;
    await expect(textBox(subtitle, 'learners').left).toBeGreaterThan(textBox(subtitle, 'دفعة القيادة').right);
    // The kit's English keeps its own word order, and still lines up on the page's side: its last line ends at the
    // paragraph's right edge, as the Arabic around it does.
    const hint = pulse.shadow.getByText(/^Joined at least 7 days ago/);
    const lines = document.createRange();
    lines.selectNodeContents(hint);
    const lastLine = [...lines.getClientRects()].at(-1)!;
    await expect(Math.abs(lastLine.right - hint.getBoundingClientRect().right)).toBeLessThan(2);
    await expect(lastLine.left - hint.getBoundingClientRect().left).toBeGreaterThan(8);
  },
};

export const Dark: Story = {
  args: { space: 'story-pulse-dark', scenario: 'quiet', theme: 'dark' },
  play: async ({ canvasElement }) => {
    const pulse = await shown(canvasElement);
    const frame = pulse.root.querySelector<HTMLElement>('[part="base"]')!;
    await expect(getComputedStyle(frame).colorScheme).toContain('dark');
  },
};
