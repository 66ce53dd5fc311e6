import '@cohort-kit/sign-in/cohort-sign-in.js';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, type TemplateResult } from 'lit';
import { expect, userEvent } from 'storybook/test';
import { DATA_TIMEOUT, ready } from '@cohort-kit/core/testing/stories.js';

// In preview mode no email goes out: the stories show the form, its checks and the preview's own answer.
interface SignInArgs {
  theme: 'light' | 'dark' | 'auto';
  dir: 'ltr' | 'rtl';
}

const renderSignIn = (args: SignInArgs): TemplateResult =>
  html`<div dir=${args.dir}><cohort-sign-in space="story-course-team" theme=${args.theme}></cohort-sign-in></div>`;

const meta = {
  title: 'Sign-in (course team)',
  component: 'cohort-sign-in',
  render: renderSignIn,
  args: { theme: 'light', dir: 'ltr' },
  argTypes: {
    theme: { control: 'inline-radio', options: ['light', 'dark', 'auto'] },
    dir: { control: 'inline-radio', options: ['ltr', 'rtl'] },
  },
} satisfies Meta<SignInArgs>;

export default meta;
type Story = StoryObj<SignInArgs>;

export const Form: Story = {
  name: 'The email form',
  play: async ({ canvasElement }) => {
    const signIn = await ready(canvasElement, 'cohort-sign-in');
    await expect(
      await signIn.shadow.findByRole('textbox', { name: 'Your email' }, { timeout: DATA_TIMEOUT }),
    ).toBeVisible();
    await expect(signIn.shadow.getByRole('button', { name: 'Email me a sign-in link' })).toBeVisible();
  },
};

export const Dark: Story = { name: 'The email form, dark theme', args: { theme: 'dark' }, play: Form.play };

export const RightToLeft: Story = { name: 'The email form, right to left', args: { dir: 'rtl' }, play: Form.play };

export const NotAnEmail: Story = {
  name: 'An address that is not one',
  play: async ({ canvasElement }) => {
    const signIn = await ready(canvasElement, 'cohort-sign-in');
    const email = await signIn.shadow.findByRole('textbox', { name: 'Your email' }, { timeout: DATA_TIMEOUT });
    await userEvent.type(email, 'fay.example.org');
    await userEvent.click(signIn.shadow.getByRole('button', { name: 'Email me a sign-in link' }));
    await expect(await signIn.shadow.findByText('That email address does not look right.')).toBeVisible();
  },
};

export const Preview: Story = {
  name: 'Asking for a link in preview',
  play: async ({ canvasElement }) => {
    const signIn = await ready(canvasElement, 'cohort-sign-in');
    const email = await signIn.shadow.findByRole('textbox', { name: 'Your email' }, { timeout: DATA_TIMEOUT });
    await userEvent.type(email, 'fay@example.org');
    await userEvent.click(signIn.shadow.getByRole('button', { name: 'Email me a sign-in link' }));
    await expect(await signIn.shadow.findByText(/Preview: no email is sent here/)).toBeVisible();
  },
};
