// What a learner does with a Cohort Kit element, for play functions: find it, wait for its data, vote, join.
// Every step is safe to repeat: the preview cache lives in IndexedDB, so a reloaded story still has its votes.
import { expect, userEvent, waitFor, within } from 'storybook/test';

/** Data comes from the local cache; the first story of a page also waits for Firestore to open it. */
const DATA_TIMEOUT = 20000;

export interface ElementHandle {
  host: HTMLElement;
  root: ShadowRoot;
  /** Testing Library queries scoped to the element's shadow root. */
  shadow: ReturnType<typeof within>;
}

/** The first `selector` in the story, with queries into its shadow root. */
export async function element(canvasElement: HTMLElement, selector = 'cohort-poll'): Promise<ElementHandle> {
  const host = canvasElement.querySelector<HTMLElement & { updateComplete?: Promise<unknown> }>(selector);
  await host?.updateComplete;
  const frame = host?.shadowRoot?.querySelector<HTMLElement>('[part="base"]');
  if (!host?.shadowRoot || !frame) throw new Error(`No rendered <${selector}> in this story.`);
  // Testing Library wants an element to search (and to print when a query fails): the frame holds everything.
  return { host, root: host.shadowRoot, shadow: within(frame) };
}

/** How long the learner's own vote may trail the poll it belongs to (both come from the local cache). */
const OWN_DATA_MS = 250;

/**
 * Waits until the element has its data: the options stop being busy, and a moment later the learner's own earlier
 * vote (on a reload of the story) has landed too. The poll does not wait for that before taking a click, and a vote
 * cast in between is counted twice; the pause keeps a reloaded story from doing that.
 */
export async function ready(canvasElement: HTMLElement, selector = 'cohort-poll'): Promise<ElementHandle> {
  const handle = await element(canvasElement, selector);
  await waitFor(() => expect(handle.root.querySelector('[aria-busy="false"]')).not.toBeNull(), {
    timeout: DATA_TIMEOUT,
  });
  await new Promise((resolve) => setTimeout(resolve, OWN_DATA_MS));
  return handle;
}

/** An option's accessible name starts with its label (the count follows once results show). */
export const labelled = (label: string) => (name: string) => name.startsWith(label);

/** The option button a learner sees for `label`: a radio, or a checkbox when several choices are allowed. */
export function option(handle: ElementHandle, label: string): Promise<HTMLElement> {
  return waitFor(() => {
    const name = labelled(label);
    const [found] = [
      ...handle.shadow.queryAllByRole('radio', { name }),
      ...handle.shadow.queryAllByRole('checkbox', { name }),
    ];
    if (!found) throw new Error(`No option "${label}".`);
    return found;
  });
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

/**
 * Votes for `label` the way a learner does: a click, then the name form on a first contribution.
 * Returns false without clicking when that option is already the learner's choice.
 */
export async function vote(handle: ElementHandle, label: string, displayName = 'Ada'): Promise<boolean> {
  const button = await option(handle, label);
  if (button.getAttribute('aria-checked') === 'true') return false;
  await userEvent.click(button);
  const chosen = () => button.getAttribute('aria-checked') === 'true';
  await joinIfAsked(handle, displayName, chosen);
  // The choice shows at once, but the first vote in a poll also creates it, and that write's snapshot can briefly
  // clear the mark again. Settled means the tally has counted the vote and the mark is (still) there.
  const participation = handle.root.querySelector('[part="participation"]');
  await waitFor(
    () => {
      expect(participation).not.toHaveTextContent('No one has voted yet');
      expect(button).toHaveAttribute('aria-checked', 'true');
    },
    { timeout: DATA_TIMEOUT },
  );
  return true;
}

/** The polite announcement a screen reader speaks (the visually hidden status region). */
export async function expectAnnounced(handle: ElementHandle, text: string | RegExp): Promise<void> {
  await waitFor(() => expect(handle.root.querySelector('.frame > [role="status"][aria-live]')).toHaveTextContent(text));
}

/** Results show: every option has a visible count. */
export async function expectResultsVisible(handle: ElementHandle): Promise<void> {
  const counts = [...handle.root.querySelectorAll<HTMLElement>('[part="count"]')];
  await expect(counts.length).toBeGreaterThan(0);
  for (const count of counts) {
    await expect(count).toBeVisible();
    await expect(count).toHaveTextContent(/\d+ votes? · \d+ %/);
  }
}

/** Results are hidden: every option is there, and its count is invisible to the eye and to screen readers. */
export async function expectResultsHidden(handle: ElementHandle): Promise<void> {
  const options = handle.root.querySelectorAll('[part="option"]');
  const counts = handle.root.querySelectorAll<HTMLElement>('[part="count"]');
  await expect(options.length).toBeGreaterThan(0);
  // One count per option: hidden, not missing (a count that is not there would pass for a hidden one).
  await expect(counts.length).toBe(options.length);
  for (const count of counts) {
    await expect(count).not.toBeVisible();
    await expect(count).toHaveAttribute('aria-hidden', 'true');
  }
}

/** The clear message an element shows in place of its content when it cannot work. */
export async function expectProblem(canvasElement: HTMLElement, message: string, selector = 'cohort-poll') {
  const handle = await element(canvasElement, selector);
  const alert = await handle.shadow.findByRole('alert', {}, { timeout: DATA_TIMEOUT });
  await expect(alert).toHaveTextContent('This element cannot be shown');
  await expect(alert).toHaveTextContent(message);
  return handle;
}
