// <cohort-poll> as a learner meets it: its options, a vote, and the name asked on a first vote.
import { WidgetHarness, waitFor } from '@cohort-kit/core/testing';
import type { CohortPoll } from '../src/poll.js';

export class PollHarness extends WidgetHarness<CohortPoll> {
  /** The option button for `value`, or undefined while it is not shown. */
  option(value: string): HTMLButtonElement | undefined {
    return this.root.querySelector<HTMLButtonElement>(`.option[data-value="${value}"]`) ?? undefined;
  }

  /** Whether the options have loaded and take a vote. */
  loaded(): boolean {
    return this.root.querySelector('.option')?.getAttribute('aria-disabled') === 'false';
  }

  /** Votes for `value` as a learner does, giving a name if asked; resolves once the choice shows. */
  async vote(value: string, displayName = 'Ana Learner'): Promise<void> {
    this.option(value)!.click();
    const chosen = () => this.option(value)?.getAttribute('aria-checked') === 'true';
    await waitFor(() => chosen() || Boolean(this.root.querySelector('form.join')), 'the vote or the name form');
    await this.joinIfAsked(displayName);
    await waitFor(chosen, `the vote for ${value} shows`);
  }
}
