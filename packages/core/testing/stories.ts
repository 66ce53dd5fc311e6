// What a learner does with any Cohort Kit element, for play functions: find it, wait for its data, join, hear
// announcements, read a problem. Every step is safe to repeat: the preview cache lives in IndexedDB, so a reloaded
// story still has what an earlier visit wrote. Widget-specific steps live beside the widget's stories.
import { expect, userEvent, waitFor, within } from 'storybook/test';

/** Data comes from the local cache; the first story of a page also waits for Firestore to open it. */
export const DATA_TIMEOUT = 20000;

export interface ElementHandle {
  host: HTMLElement;
  root: ShadowRoot;
  /** Testing Library queries scoped to the element's shadow root. */
  shadow: ReturnType<typeof within>;
}

/** The first `selector` in the story, with queries into its shadow root. */
export async function element(canvasElement: HTMLElement, selector: string): Promise<ElementHandle> {
  const host = canvasElement.querySelector<HTMLElement & { updateComplete?: Promise<unknown> }>(selector);
  await host?.updateComplete;
  const frame = host?.shadowRoot?.querySelector<HTMLElement>('[part="base"]');
  if (!host?.shadowRoot || !frame) throw new Error(`No rendered <${selector}> in this story.`);
  // Testing Library wants an element to search (and to print when a query fails): the frame holds everything.
  return { host, root: host.shadowRoot, shadow: within(frame) };
}

/** How long the learner's own data (a vote, a reaction) may trail the widget's (both come from the local cache). */
const OWN_DATA_MS = 250;

/**
 * Waits until the element has its data: nothing is busy any more, and a moment later the learner's own earlier
 * contribution (on a reload of the story) has landed too. A poll does not wait for that before taking a click, and
 * a vote cast in between is counted twice; the pause keeps a reloaded story from doing that.
 */
export async function ready(canvasElement: HTMLElement, selector: string): Promise<ElementHandle> {
  const handle = await element(canvasElement, selector);
  await waitFor(() => expect(handle.root.querySelector('[aria-busy="false"]')).not.toBeNull(), {
    timeout: DATA_TIMEOUT,
  });
  await new Promise((resolve) => setTimeout(resolve, OWN_DATA_MS));
  return handle;
}

/**
 * Fills the "Before your first contribution" form if the element asks for it. Returns whether it did: in a space
 * the learner already joined (an earlier visit to the story) the element does not ask again.
 */
export async function joinIfAsked(handle: ElementHandle, displayName: string, done: () => boolean): Promise<boolean> {
  const form = () => handle.root.querySelector<HTMLFormElement>('form.join');
  await waitFor(() => expect(form() !== null || done()).toBe(true), { timeout: DATA_TIMEOUT });
  if (!form()) return false;
  const name = (await handle.shadow.findByRole('textbox', {
    name: 'Your name, as peers will see it',
  })) as HTMLInputElement;
  // Replace whatever name is suggested (userEvent.clear cannot tell that focus went into a shadow root).
  await userEvent.type(name, displayName, { initialSelectionStart: 0, initialSelectionEnd: name.value.length });
  await userEvent.click(handle.shadow.getByRole('button', { name: 'Continue' }));
  await waitFor(() => expect(form()).toBeNull(), { timeout: DATA_TIMEOUT });
  return true;
}

/** The polite announcement a screen reader speaks (the visually hidden status region). */
export async function expectAnnounced(handle: ElementHandle, text: string | RegExp): Promise<void> {
  await waitFor(() => expect(handle.root.querySelector('.frame > [role="status"][aria-live]')).toHaveTextContent(text));
}

/** The clear message an element shows in place of its content when it cannot work. */
export async function expectProblem(canvasElement: HTMLElement, message: string, selector: string) {
  const handle = await element(canvasElement, selector);
  const alert = await handle.shadow.findByRole('alert', {}, { timeout: DATA_TIMEOUT });
  await expect(alert).toHaveTextContent('This element cannot be shown');
  await expect(alert).toHaveTextContent(message);
  return handle;
}

export { textBox } from './text-box.js';
