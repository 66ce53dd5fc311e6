import '@cohort-kit/badge/cohort-badge.js';
import { seedPreviewBadge, type PreviewScenario } from '@cohort-kit/badge/preview-seed.js';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { expect, fn, userEvent, waitFor } from 'storybook/test';
import { DATA_TIMEOUT, element, expectAnnounced } from '@cohort-kit/core/testing/stories.js';

/** Args are the attributes an author writes (in preview mode, name, criteria and edition define the badge). */
interface BadgeArgs {
  space: string;
  badge: string;
  name: string;
  criteria: string;
  edition: number;
  theme: 'light' | 'dark' | 'auto';
  dir?: 'ltr' | 'rtl';
  scenario: PreviewScenario;
  onCohortBadgeClaimed: (event: Event) => void;
}

const renderBadge = (args: BadgeArgs): TemplateResult =>
  html`<div dir=${ifDefined(args.dir)} lang=${args.dir === 'rtl' ? 'ar' : 'en'}>
    <cohort-badge
      space=${args.space}
      badge=${args.badge}
      name=${args.name}
      criteria=${args.criteria}
      edition=${args.edition}
      theme=${args.theme}
      @cohort-badge-claimed=${args.onCohortBadgeClaimed}
    ></cohort-badge>
  </div>`;

/** The badge once its data shows. */
async function shown(canvasElement: HTMLElement) {
  const badge = await element(canvasElement, 'cohort-badge');
  await waitFor(() => expect(badge.root.querySelector('.badge-root')).not.toBeNull(), { timeout: DATA_TIMEOUT });
  return badge;
}

const meta = {
  title: 'Badge',
  component: 'cohort-badge',
  render: renderBadge,
  // Each story seeds its own space in the preview cache (network off: nothing leaves the browser).
  loaders: [async ({ args }) => seedPreviewBadge(args.space, args.badge, args.scenario)],
  args: {
    space: 'story-badge-locked',
    badge: 'founding-voices',
    name: 'Founding Voices',
    criteria: 'posts>=2, replies>=2, feedback-given>=2, goals>=1',
    edition: 20,
    theme: 'light',
    scenario: 'locked',
    onCohortBadgeClaimed: fn(),
  },
  argTypes: {
    theme: { control: 'inline-radio', options: ['light', 'dark', 'auto'] },
    scenario: {
      control: 'select',
      options: ['locked', 'claimable', 'claimed', 'all-claimed', 'retired', 'image', 'hidden-name', 'rtl'],
      table: { category: 'preview data' },
    },
  },
  parameters: {
    docs: {
      description: {
        component:
          'A limited-edition cohort badge. Every story runs in preview mode: the name, criteria and edition attributes define the badge, and the rest is seeded locally.',
      },
    },
  },
} satisfies Meta<BadgeArgs>;

export default meta;
type Story = StoryObj<BadgeArgs>;

export const Locked: Story = {
  name: 'Locked, with progress',
  args: { space: 'story-badge-locked', scenario: 'locked' },
  play: async ({ canvasElement }) => {
    const badge = await shown(canvasElement);
    await expect(badge.shadow.getByText(/Replies: 1 of 2/)).toBeVisible();
    await expect(badge.shadow.getByText('Reply to a peer in the week 2 thread')).toBeVisible();
    await expect(badge.shadow.getByText('7 of 20 left')).toBeVisible();
    const claim = badge.shadow.getByRole('button', { name: 'Claim #14 of 20' });
    await expect(claim).toHaveAttribute('aria-disabled', 'true');
    await userEvent.click(claim);
    await expectAnnounced(badge, 'Not yet: every criterion above must hold first.');
  },
};

export const Claimable: Story = {
  args: { space: 'story-badge-claimable', scenario: 'claimable' },
  play: async ({ canvasElement, args }) => {
    const badge = await shown(canvasElement);
    const claim = badge.shadow.getByRole('button', { name: 'Claim #7 of 20' });
    await waitFor(() => expect(claim).toHaveAttribute('aria-disabled', 'false'), { timeout: DATA_TIMEOUT });
    await userEvent.click(claim);
    await waitFor(() => expect(badge.shadow.getByText('You hold copy #7 of 20.')).toBeVisible(), {
      timeout: DATA_TIMEOUT,
    });
    await expectAnnounced(badge, 'You claimed copy #7 of 20.');
    await expect(args.onCohortBadgeClaimed).toHaveBeenCalled();
  },
};

export const Claimed: Story = {
  args: { space: 'story-badge-claimed', scenario: 'claimed' },
  play: async ({ canvasElement }) => {
    const badge = await shown(canvasElement);
    await expect(badge.shadow.getByText('You hold copy #7 of 20.')).toBeVisible();
    await expect(badge.shadow.getByRole('img', { name: /copy #7 of 20/ })).toBeVisible();
    await expect(badge.shadow.getByRole('button', { name: 'Download credential' })).toBeVisible();
    await expect(badge.root.querySelector('.wall__holder--mine')).toHaveTextContent('#7 You');
  },
};

export const AllClaimed: Story = {
  name: 'All copies claimed',
  args: { space: 'story-badge-all-claimed', scenario: 'all-claimed' },
  play: async ({ canvasElement }) => {
    const badge = await shown(canvasElement);
    await expect(badge.shadow.getByText('All 20 copies were claimed.')).toBeVisible();
    await expect(badge.shadow.getByText(/Every copy went to someone who helped shape this cohort/)).toBeVisible();
    await expect(badge.shadow.queryByRole('button', { name: /Claim/ })).toBeNull();
  },
};

export const Retired: Story = {
  name: 'Retired after the round',
  args: { space: 'story-badge-retired', scenario: 'retired' },
  play: async ({ canvasElement }) => {
    const badge = await shown(canvasElement);
    await expect(badge.shadow.getByText('Retired: 18 of 20 were issued.')).toBeVisible();
    await expect(badge.shadow.getByText('#18')).toBeVisible();
  },
};

export const CustomImage: Story = {
  name: 'Custom image',
  args: { space: 'story-badge-image', scenario: 'image' },
  play: async ({ canvasElement }) => {
    const badge = await shown(canvasElement);
    await expect(badge.shadow.getByRole('img', { name: /Founding Voices badge, an edition of 20/ })).toBeVisible();
    await expect(badge.root.querySelector('img[part="art"]')).not.toBeNull();
  },
};

export const HiddenName: Story = {
  name: 'Hidden name on the wall',
  args: { space: 'story-badge-hidden', scenario: 'hidden-name' },
  play: async ({ canvasElement }) => {
    const badge = await shown(canvasElement);
    await expect(badge.shadow.getAllByText('A cohort member')).toHaveLength(2);
    await expect(badge.shadow.getByText('Bo Chen')).toBeVisible();
    await expect(badge.shadow.queryByText('Ada Lovelace')).toBeNull();
  },
};

export const RightToLeft: Story = {
  name: 'Right to left',
  args: { space: 'story-badge-rtl', scenario: 'rtl', dir: 'rtl', name: 'الأصوات المؤسسة' },
  play: async ({ canvasElement }) => {
    const badge = await shown(canvasElement);
    await expect(getComputedStyle(badge.root.querySelector('[part="base"]')!).direction).toBe('rtl');
    await expect(badge.shadow.getByText('الأصوات المؤسسة', { selector: 'h2' })).toBeVisible();
  },
};

export const Dark: Story = {
  args: { space: 'story-badge-dark', scenario: 'claimable', theme: 'dark' },
  play: async ({ canvasElement }) => {
    const badge = await shown(canvasElement);
    await expect(getComputedStyle(badge.root.querySelector('[part="base"]')!).colorScheme).toContain('dark');
    await expect(badge.shadow.getByRole('button', { name: 'Claim #7 of 20' })).toBeVisible();
  },
};
