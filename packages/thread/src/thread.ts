import { msg } from '@lit/localize';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import {
  CohortElement,
  ID_PATTERN,
  invalidIdMessage,
  registerTranslations,
  type FirebaseRuntime,
  type Problem,
} from '@cohort-kit/core';
import { threadStyles } from './thread.styles.js';
import { feedSkeleton } from './views/skeleton.js';
import type { ThreadController } from './thread-controller.js';

type Views = typeof import('./views/thread-view.js');

registerTranslations(() => import('./locales/es.js'));

type DataModule = typeof import('@cohort-kit/core/data.js');

/**
 * A discussion thread that gets a cohort talking and keeps it safe: a starter prompt, posts and one level of
 * replies, light formatting, reactions, @-mentions, live arrivals that never move what you are reading, and
 * moderation (reports, hiding, pinning, locking) enforced by the security rules.
 * The frame, problem, name form and the `--cohort-*` tokens are every element's (see CohortElement).
 *
 * @summary Safe, live discussion thread with replies, reactions, mentions and moderation.
 * @tag cohort-thread
 *
 * @slot - Not used; the prompt comes from the `prompt` attribute.
 *
 * @event cohort-post - A learner posted. `detail: { space, thread, postId }`.
 * @event cohort-reply - A learner replied. `detail: { space, thread, postId, parentId }`.
 * @event cohort-react - A learner added or removed a reaction. `detail: { space, thread, postId, reaction, active }`.
 *
 * @csspart prompt - The starter prompt.
 * @csspart composer - The form for a new post.
 * @csspart feed - The list of posts.
 * @csspart post - Each post.
 * @csspart reaction - Each reaction button.
 * @csspart new-posts - The "3 new posts — show" button.
 */
export class CohortThread extends CohortElement {
  static override styles = [...CohortElement.styles, threadStyles];

  /** Identifies the thread within the space (letters, digits, "-" or "_"). */
  @property({ reflect: true }) thread = '';
  /** The starter prompt shown at the top of the thread. */
  @property() prompt = '';

  protected readonly widget = 'thread';

  /** The feed, composer and moderation: loaded after first paint, kept across restarts like the drafts it holds. */
  #controller?: ThreadController;
  #views?: Views;

  // ---------- lifecycle ----------

  protected override validate(): Problem | undefined {
    if (!this.thread) {
      return {
        kind: 'config',
        message: msg('The thread attribute is missing: name this discussion, e.g. thread="week-2-goals".', {
          id: 'thread.thread-required',
        }),
      };
    }
    if (!ID_PATTERN.test(this.thread)) return { kind: 'config', message: invalidIdMessage('thread', this.thread) };
    return undefined;
  }

  protected async startData(runtime: FirebaseRuntime, data: DataModule): Promise<() => void> {
    const [{ ThreadController }, views, store] = await Promise.all([
      import('./thread-controller.js'),
      import('./views/thread-view.js'),
      import('./thread-data.js'),
    ]);
    this.#views = views;
    this.#controller ??= new ThreadController(this.widgetHost, () => this.thread);
    return this.#controller.start(runtime, data, store);
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (changed.has('thread') && changed.get('thread') !== undefined && this.isConnected) {
      this.restart();
    }
  }

  // ---------- rendering ----------

  /** The prompt at once; until the view arrives, a skeleton the size of the composer and a few posts. */
  protected renderContent(): TemplateResult {
    return html`
      ${
        this.prompt
          ? html`<div class="prompt" part="prompt">
              <p class="prompt__label">${msg('Discussion prompt', { id: 'thread.prompt' })}</p>
              <p class="prompt__text">${this.prompt}</p>
            </div>`
          : nothing
      }
      ${
        this.#controller && this.#views
          ? this.#views.renderThread(this.#controller)
          : html`<div class="skeleton composer-skeleton"></div>
              <div class="skeleton toolbar-skeleton"></div>
              ${feedSkeleton()}`
      }
    `;
  }
}
