import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { html, LitElement, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import {
  baseStyles,
  cohortLocale,
  CohortErrorEvent,
  ID_PATTERN,
  invalidIdMessage,
  LiveAnnouncer,
  readScriptTagConfig,
  setCohortLocale,
  tokenStyles,
} from '@cohort-kit/core';
import type { ConsoleController, ConsoleHost } from './console-controller.js';
import { consoleStyles } from './console.styles.js';
import { dispatch } from './events.js';

export type { CohortSpaceCreatedDetail, CohortSpaceCreatedEvent } from './events.js';

interface Loaded {
  controller: ConsoleController;
  view: typeof import('./views/console-view.js');
}

/**
 * The owner console: a course owner signs in by email link, creates spaces and manages them: settings, the
 * course team's invitations, members and the snippet for course pages.
 *
 * Unlike the widgets it is not one space's element (it opens many, and creates them), so it extends LitElement
 * with core's tokens, frame and announcer rather than CohortElement, whose lifecycle starts from one existing space.
 *
 * @summary Owner console: create spaces, set them up, invite the course team, manage members.
 * @tag cohort-console
 *
 * @event cohort-space-created - The owner created a space. `detail: { space }`.
 * @event cohort-error - The console cannot work; `detail.message` says what to fix.
 *
 * @csspart base - The frame around the console.
 * @csspart preview-marker - The "Preview — only you can see this" badge.
 * @csspart problem - What stops the console from working, shown in place of its content.
 */
export class CohortConsole extends LitElement {
  static override styles = [tokenStyles, baseStyles, consoleStyles];

  /** A space to open at once (its owner only), for a link from elsewhere. */
  @property({ reflect: true }) space = '';
  /** `light` (default), `dark`, or `auto` to follow the device. */
  @property({ reflect: true }) theme: 'light' | 'dark' | 'auto' = 'light';

  @state() private problem = '';
  @state() private loaded?: Loaded;

  readonly #announcer = new LiveAnnouncer(this);
  #loading?: Promise<void>;

  readonly #host: ConsoleHost = ((element: CohortConsole): ConsoleHost => ({
    element,
    get initialSpace() {
      return element.space;
    },
    addController: (controller) => element.addController(controller),
    removeController: (controller) => element.removeController(controller),
    requestUpdate: () => element.requestUpdate(),
    get updateComplete() {
      return element.updateComplete;
    },
    announce: (message) => element.#announcer.announce(message),
    fail: (message) => element.#fail(message),
  }))(this);

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.space && !ID_PATTERN.test(this.space)) {
      this.#fail(invalidIdMessage('space', this.space));
      return;
    }
    this.problem = '';
    // After first paint: the controller, the views and, through them, Firebase.
    if (!this.#loading) this.#loading = this.#load();
  }

  async #load() {
    const locale = readScriptTagConfig().locale || document.documentElement.lang;
    await setCohortLocale(locale).catch((error: unknown) => console.warn('[cohort-kit]', error));
    await this.updateComplete;
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
    try {
      const [{ ConsoleController }, view] = await Promise.all([
        import('./console-controller.js'),
        import('./views/console-view.js'),
      ]);
      // The controller connects as it is added (the element is connected), and again after a move.
      this.loaded = { controller: new ConsoleController(this.#host), view };
    } catch (error) {
      this.#loading = undefined; // the next connection tries again
      this.#fail((error as Error).message || String(error));
    }
  }

  #fail(message: string) {
    this.problem = message;
    console.error(`[cohort-kit] <cohort-console>: ${message}`);
    dispatch(this, new CohortErrorEvent({ kind: 'config', message }));
  }

  protected override render(): TemplateResult {
    const controller = this.loaded?.controller;
    const preview = controller?.source?.mode === 'preview';
    const busy = !this.problem && (!controller || controller.phase === 'loading');
    return html`<div class="frame" part="base" aria-busy=${busy ? 'true' : 'false'}>
      ${preview ? html`<span class="preview-marker" part="preview-marker"><span aria-hidden="true">◐</span>${msg('Preview — only you can see this', { id: 'core.preview' })}</span>` : nothing}
      ${
        this.problem
          ? html`<div class="notice notice--error" role="alert" part="problem">
              <p class="notice__title">${msg('This element cannot be shown', { id: 'core.problem' })}</p>
              <p>${this.problem}</p>
            </div>`
          : controller
            ? this.loaded!.view.renderConsole(controller, cohortLocale())
            : html`<p class="muted" role="status">${msg('Loading…', { id: 'core.loading' })}</p>
                <span class="skeleton" style="block-size: 8rem" aria-hidden="true"></span>`
      }
      <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${this.#announcer.message}</div>
    </div>`;
  }
}
