import '@cohort-kit/poll/cohort-poll.js';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { expect, waitFor } from 'storybook/test';
import { setCohortLocale } from '@cohort-kit/core';
import { element, expectProblem, ready } from '../packages/poll/stories/steps.js';

// States every Cohort Kit element shares, shown on a poll (the base class draws them, not the widget).
interface SharedArgs {
  space?: string;
  poll?: string;
  theme: 'light' | 'dark' | 'auto';
}

const meta = {
  title: 'Shared states',
  component: 'cohort-poll',
  args: { theme: 'light' },
  render: (args) =>
    html`<cohort-poll space=${ifDefined(args.space)} poll=${ifDefined(args.poll)} theme=${args.theme}>
      Did the worked example make sense?
      <option>👍 Yes</option>
      <option>🤔 Partly</option>
      <option>👎 Not yet</option>
    </cohort-poll>`,
} satisfies Meta<SharedArgs>;

export default meta;
type Story = StoryObj<SharedArgs>;

export const PreviewMarker: Story = {
  name: 'Preview marker (no Firebase settings on the page)',
  args: { space: 'story-core-preview', poll: 'worked-example' },
  play: async ({ canvasElement }) => {
    const poll = await ready(canvasElement);
    await expect(poll.shadow.getByText('Preview — only you can see this')).toBeVisible();
  },
};

export const InvalidSpace: Story = {
  name: 'Wrong setting: a space id with a space in it',
  args: { space: 'week 2', poll: 'worked-example' },
  play: async ({ canvasElement }) => {
    await expectProblem(
      canvasElement,
      'space="week 2" is not a valid id: use 1–100 letters, digits, "-" or "_", starting with a letter or digit.',
    );
    // Still marked as a preview, so the author knows nobody else sees this message.
    await expect((await element(canvasElement)).shadow.getByText('Preview — only you can see this')).toBeVisible();
  },
};

export const MissingSpace: Story = {
  name: 'Wrong setting: no space at all',
  args: { poll: 'worked-example' },
  play: async ({ canvasElement }) => {
    await expectProblem(
      canvasElement,
      'The space attribute is missing: name the course or cohort this element belongs to.',
    );
  },
};

export const MissingPoll: Story = {
  name: 'Missing poll attribute',
  args: { space: 'story-core-missing-poll' },
  play: async ({ canvasElement }) => {
    await expectProblem(
      canvasElement,
      'The poll attribute is missing: give this poll an id, for example poll="group-name".',
    );
  },
};

export const Spanish: Story = {
  name: 'In Spanish (lang="es" on the page)',
  args: { space: 'story-core-es', poll: 'worked-example' },
  // The kit follows the page's language; the story sets it for itself and puts it back afterwards.
  beforeEach: async () => {
    const before = document.documentElement.lang;
    document.documentElement.lang = 'es';
    await setCohortLocale('es');
    return async () => {
      document.documentElement.lang = before;
      await setCohortLocale(before);
    };
  },
  render: (args) =>
    html`${meta.render(args)}
      <cohort-poll space="semana 2" poll="ejemplo" theme=${args.theme}>
        ¿Te resultó claro el ejemplo?
        <option>👍 Sí</option>
        <option>👎 Todavía no</option>
      </cohort-poll>`,
  play: async ({ canvasElement }) => {
    const poll = await ready(canvasElement);
    await expect(poll.shadow.getByText('Vista previa: solo tú puedes ver esto')).toBeVisible();
    const wrong = canvasElement.querySelectorAll('cohort-poll')[1]!;
    const problem = await waitFor(() => {
      const text = wrong.shadowRoot?.querySelector('[part="problem"]')?.textContent ?? '';
      if (!text.includes('no es un identificador válido')) throw new Error('no Spanish problem yet');
      return text;
    });
    await expect(problem).toContain('Este elemento no puede mostrarse');
  },
};
