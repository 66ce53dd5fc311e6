import type { Decorator, Preview } from '@storybook/web-components-vite';
import { setCustomElementsManifest } from '@storybook/web-components-vite';
import { html } from 'lit';
import generated from '../packages/kit/custom-elements.json';
import './preview.css';

// Controls describe what an author writes in HTML (attributes, slots, events, parts, tokens). The class members
// would repeat every attribute under its camelCase name and add protected internals no author can use.
interface Manifest {
  modules: { path: string; declarations?: { kind: string; customElement?: boolean; members?: unknown[] }[] }[];
}
const manifest: Manifest = generated;

setCustomElementsManifest({
  ...manifest,
  modules: manifest.modules.map((module) => ({
    ...module,
    declarations: module.declarations?.map((declaration) =>
      declaration.customElement ? { ...declaration, members: [] } : declaration,
    ),
  })),
});

/**
 * Wraps each story in a page column. The theme toolbar overrides each story's `theme` arg rather than touching the
 * elements, so a story that sets its own theme keeps it while the toolbar is on light.
 */
const withPage: Decorator = (story, context) => {
  const { theme, direction } = context.globals as { theme?: string; direction?: string };
  const dark = theme === 'dark';
  const args = dark && 'theme' in context.args ? { ...context.args, theme: 'dark' } : context.args;
  return html`<div class="story-page" data-theme=${dark ? 'dark' : 'light'} dir=${direction === 'rtl' ? 'rtl' : 'ltr'}>
    <div class="story-page__column">${story({ args })}</div>
  </div>`;
};

const preview: Preview = {
  decorators: [withPage],
  globalTypes: {
    theme: {
      description: 'Colour theme of the elements and the page',
      toolbar: {
        title: 'Theme',
        icon: 'mirror',
        items: [
          { value: 'light', title: 'Light' },
          { value: 'dark', title: 'Dark' },
        ],
        dynamicTitle: true,
      },
    },
    direction: {
      description: 'Text direction of the page',
      toolbar: {
        title: 'Direction',
        icon: 'transfer',
        items: [
          { value: 'ltr', title: 'Left to right' },
          { value: 'rtl', title: 'Right to left' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { theme: 'light', direction: 'ltr' },
  parameters: {
    layout: 'fullscreen',
    // Any axe violation fails the story's test.
    a11y: { test: 'error' },
    controls: { expanded: true, sort: 'requiredFirst' },
    options: { storySort: { order: ['Poll', 'Shared states'] } },
  },
};

export default preview;
