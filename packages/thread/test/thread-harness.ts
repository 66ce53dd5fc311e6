// <cohort-thread> as a learner meets it: the feed, the composer, and the name asked on a first post.
import { WidgetHarness, waitFor } from '@cohort-kit/core/testing';
import type { CohortThread } from '../src/thread.js';

export class ThreadHarness extends WidgetHarness<CohortThread> {
  /** The top-level posts shown, newest first as the feed orders them. */
  articles(): HTMLElement[] {
    return [...this.root.querySelectorAll<HTMLElement>('.feed > article')];
  }

  /** The text of each shown post's body. */
  bodies(): string[] {
    return this.articles().map((article) => article.querySelector('.post__body')?.textContent?.trim() ?? '');
  }

  /** Whether the feed (or its empty state) has loaded. */
  loaded(): boolean {
    return !this.root.querySelector('[aria-busy="true"]') && Boolean(this.root.querySelector('[role="feed"], .empty'));
  }

  /** Types into a text box the way input reaches it from a keyboard. */
  type(box: HTMLTextAreaElement, value: string): void {
    box.value = value;
    box.setSelectionRange(value.length, value.length);
    box.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  }

  /** Posts `body` as a learner does, giving a name if asked; resolves once the post shows in the feed. */
  async post(body: string, displayName = 'Ana Learner'): Promise<void> {
    const box = this.root.querySelector<HTMLTextAreaElement>('#composer-text')!;
    this.type(box, body);
    await this.element.updateComplete;
    this.button('Post').click();
    await waitFor(
      () => Boolean(this.root.querySelector('form.join')) || this.bodies().includes(body),
      'the name form or the post',
    );
    await this.joinIfAsked(displayName);
    await waitFor(() => this.bodies().includes(body), 'the post shows in the feed');
  }
}
