// <cohort-badge> as a learner meets it: the art by its text alternative, the checklist and the wall by their
// text, and the buttons by their names.
import { WidgetHarness, waitFor } from '@cohort-kit/core/testing';
import type { CohortBadge } from '../src/badge.js';

const textOf = (element: Element) => (element.textContent ?? '').replace(/\s+/g, ' ').trim();

export class BadgeHarness extends WidgetHarness<CohortBadge> {
  /** Whether the badge shows its data (not a skeleton, not a problem). */
  loaded(): boolean {
    return Boolean(this.root.querySelector('.badge-root'));
  }

  /** The art's text alternative (the SVG's label, or the image's alt). */
  artLabel(): string {
    const art = this.root.querySelector('[part="art"]');
    return art?.getAttribute('aria-label') ?? art?.getAttribute('alt') ?? '';
  }

  /** Each criterion as read: "Replies: 1 of 2 Reply to a peer…" */
  criteria(): string[] {
    return [...this.root.querySelectorAll('.criterion')].map(textOf);
  }

  /** The holders' wall, in order: "#1 Ada". */
  wall(): string[] {
    return [...this.root.querySelectorAll('.wall__holder')].map(textOf);
  }

  /** The claim button ("Claim #7 of 20"), if claiming is open. */
  claimButton(): HTMLButtonElement | undefined {
    return [...this.root.querySelectorAll<HTMLButtonElement>('button')].find((each) =>
      textOf(each).startsWith('Claim #'),
    );
  }

  /** Whether the claim button may be used now (every criterion holds). */
  claimable(): boolean {
    return this.claimButton()?.getAttribute('aria-disabled') === 'false';
  }

  /** Presses the claim, gives a name if asked, and waits for the learner's copy (or for `done`). */
  async claim(name = 'Ana Learner', done = () => this.text().includes('You hold copy #')) {
    this.claimButton()!.click();
    await waitFor(() => done() || Boolean(this.root.querySelector('form.join')), 'the copy or the name form');
    await this.joinIfAsked(name);
    await waitFor(done, 'the claim is done');
  }
}
