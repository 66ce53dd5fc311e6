import '@cohort-kit/console/cohort-console.js';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, type TemplateResult } from 'lit';
import { expect, fn, userEvent, waitFor } from 'storybook/test';
import { DATA_TIMEOUT, element, ready, type ElementHandle } from '@cohort-kit/core/testing/stories.js';

// In preview mode the console is an owner account with one sample space, kept in memory: each story starts afresh.
interface ConsoleArgs {
  space: string;
  theme: 'light' | 'dark' | 'auto';
  onCohortSpaceCreated: (event: Event) => void;
  onCohortError: (event: Event) => void;
}

const renderConsole = (args: ConsoleArgs): TemplateResult =>
  html`<cohort-console
    space=${args.space}
    theme=${args.theme}
    @cohort-space-created=${args.onCohortSpaceCreated}
    @cohort-error=${args.onCohortError}
  ></cohort-console>`;

const meta = {
  title: 'Owner console',
  component: 'cohort-console',
  render: renderConsole,
  args: { space: '', theme: 'light', onCohortSpaceCreated: fn(), onCohortError: fn() },
  argTypes: { theme: { control: 'inline-radio', options: ['light', 'dark', 'auto'] } },
} satisfies Meta<ConsoleArgs>;

export default meta;
type Story = StoryObj<ConsoleArgs>;

async function opened(canvasElement: HTMLElement): Promise<ElementHandle> {
  const console = await ready(canvasElement, 'cohort-console');
  await console.shadow.findByRole('heading', { name: 'Course team' }, { timeout: DATA_TIMEOUT });
  return console;
}

export const Space: Story = {
  name: 'A space: settings, course team, members, snippet',
  play: async ({ canvasElement }) => {
    const console = await opened(canvasElement);
    await expect(console.shadow.getByText('4 of 5 acknowledged the norms')).toBeVisible();
    await expect(console.shadow.getByText(/Accepted/)).toBeVisible();
    await expect(console.shadow.getByText(/Pending, invited/)).toBeVisible();
    const snippet = console.shadow.getByRole('textbox', { name: /Paste it into a course page/ }) as HTMLTextAreaElement;
    await expect(snippet.value).toContain('data-space="leadership-2026-spring"');
  },
};

export const Dark: Story = { name: 'A space, dark theme', args: { theme: 'dark' }, play: Space.play };

export const Invited: Story = {
  name: 'Inviting a mentor: pending',
  play: async ({ canvasElement }) => {
    const console = await opened(canvasElement);
    await userEvent.type(console.shadow.getByRole('textbox', { name: 'Email' }), 'new.mentor@example.com');
    await userEvent.selectOptions(console.shadow.getByRole('combobox', { name: 'Role' }), 'mentor');
    await userEvent.click(console.shadow.getByRole('button', { name: 'Invite' }));
    await expect(await console.shadow.findByText('new.mentor@example.com')).toBeVisible();
  },
};

export const ConfirmRemoval: Story = {
  name: 'Removing a member asks first',
  play: async ({ canvasElement }) => {
    const console = await opened(canvasElement);
    await userEvent.click(console.shadow.getByRole('button', { name: 'Remove Ben Learner' }));
    await expect(console.shadow.getByText(/Remove Ben Learner from this space\?/)).toBeVisible();
    await expect(console.shadow.getByRole('button', { name: 'Yes, remove Ben Learner' })).toBeVisible();
  },
};

export const Removed: Story = {
  name: 'A member removed',
  play: async ({ canvasElement }) => {
    const console = await opened(canvasElement);
    await userEvent.click(console.shadow.getByRole('button', { name: 'Remove Ben Learner' }));
    await userEvent.click(console.shadow.getByRole('button', { name: 'Yes, remove Ben Learner' }));
    await waitFor(() => expect(console.shadow.getByText('4 of 4 acknowledged the norms')).toBeVisible());
  },
};

export const Spaces: Story = {
  name: 'Your spaces, open and create',
  play: async ({ canvasElement }) => {
    const console = await opened(canvasElement);
    await userEvent.click(console.shadow.getByRole('button', { name: 'All spaces' }));
    await expect(await console.shadow.findByRole('heading', { name: 'Create a space' })).toBeVisible();
    await expect(console.shadow.getByRole('button', { name: 'Open Leading with Purpose' })).toBeVisible();
  },
};

export const Created: Story = {
  name: 'A space created',
  play: async ({ canvasElement, args }) => {
    const console = await opened(canvasElement);
    await userEvent.click(console.shadow.getByRole('button', { name: 'All spaces' }));
    await userEvent.type(await console.shadow.findByRole('textbox', { name: /^Space id/ }), 'design-2026-autumn');
    await userEvent.type(console.shadow.getByRole('textbox', { name: /^Name/ }), 'Design Thinking');
    await userEvent.type(console.shadow.getByRole('textbox', { name: 'Your name in this space' }), 'Olu Owner');
    await userEvent.click(console.shadow.getByRole('button', { name: 'Create space' }));
    await expect(await console.shadow.findByText('design-2026-autumn')).toBeVisible();
    await expect(args.onCohortSpaceCreated).toHaveBeenCalled();
    await expect(console.shadow.getByText('0 of 1 acknowledged the norms')).toBeVisible();
  },
};

export const Invalid: Story = {
  name: 'Settings that the rules would refuse',
  play: async ({ canvasElement }) => {
    const console = await opened(canvasElement);
    const name = console.shadow.getByRole('textbox', { name: /^Name/ }) as HTMLInputElement;
    // Select the name and delete it (userEvent.clear cannot tell that focus went into a shadow root).
    await userEvent.type(name, '{Backspace}', { initialSelectionStart: 0, initialSelectionEnd: name.value.length });
    await userEvent.click(console.shadow.getByRole('button', { name: 'Save settings' }));
    await expect(await console.shadow.findByText('Give the space a name.')).toBeVisible();
    await expect(name).toHaveAttribute('aria-invalid', 'true');
  },
};

export const WrongId: Story = {
  name: 'A wrong space id',
  args: { space: 'spring 2026' },
  play: async ({ canvasElement, args }) => {
    const console = await element(canvasElement, 'cohort-console');
    await expect(await console.shadow.findByText(/space="spring 2026" is not a valid id/)).toBeVisible();
    await expect(args.onCohortError).toHaveBeenCalled();
  },
};
