// The poll's own steps for play functions: its options, a vote, and whether results show.
import { expect, userEvent, waitFor } from 'storybook/test';
import {
  DATA_TIMEOUT,
  element as anyElement,
  expectProblem as anyProblem,
  joinIfAsked,
  ready as anyReady,
  type ElementHandle,
} from '@cohort-kit/core/testing/stories.js';

export { expectAnnounced, joinIfAsked, type ElementHandle } from '@cohort-kit/core/testing/stories.js';

export const element = (canvasElement: HTMLElement, selector = 'cohort-poll') => anyElement(canvasElement, selector);
export const ready = (canvasElement: HTMLElement, selector = 'cohort-poll') => anyReady(canvasElement, selector);
export const expectProblem = (canvasElement: HTMLElement, message: string, selector = 'cohort-poll') =>
  anyProblem(canvasElement, message, selector);

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
