import { msg, str } from '@lit/localize';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import {
  CohortElement,
  ID_PATTERN,
  invalidIdMessage,
  registerTranslations,
  relativeTime,
  type FirebaseRuntime,
  type Problem,
} from '@cohort-kit/core';
import { pollStyles } from './poll.styles.js';
import type { PollController, PollPage } from './poll-controller.js';
import type { PollDefinition } from './poll-data.js';
import { MAX_OPTIONS, MIN_OPTIONS, optionsFromMarkup, questionFromMarkup, type PollOption } from './poll-markup.js';
import { queuedMessage, renderOptions, type DisplayedOption } from './views/options.js';
import { renderSuggestForm } from './views/suggest.js';

export type { PollOption };
export type { CohortVoteDetail, CohortVoteEvent } from './events.js';

registerTranslations(() => import('./locales/es.js'));

/** What the element loads after first paint: the controller and the views that show the data. */
interface Loaded {
  controller: PollController;
  results: typeof import('./views/results.js');
  facilitator: typeof import('./views/facilitator.js');
}

/**
 * A one-tap emoji poll with live results: the simpler request that restarts a quiet cohort.
 * The frame, problem, name form and the `--cohort-*` tokens are every element's (see CohortElement).
 *
 * @summary One-tap poll with live results, participation and an optional follow-up after it closes.
 * @tag cohort-poll
 *
 * @slot - The question as text, and the options as `<option>` elements (2 to 12; `value` optional).
 * @slot after-close - Shown once the poll has closed: the author's follow-up.
 *
 * @event cohort-vote - A learner voted or changed their vote. `detail: { space, poll, choices }`.
 *
 * @csspart question - The question.
 * @csspart option - Each option button.
 * @csspart count - The vote count and percentage of an option.
 * @csspart bar - The results bar of an option.
 * @csspart participation - "12 peers voted" and recent voters.
 */
export class CohortPoll extends CohortElement {
  static override styles = [...CohortElement.styles, pollStyles];

  /** Identifies the poll within the space. */
  @property({ reflect: true }) poll = '';
  /** The question, when it is not written as the element's text. */
  @property() question = '';
  /** Allows several choices (up to `max-choices`). */
  @property({ type: Boolean, reflect: true }) multiple = false;
  /** With `multiple`, how many options a learner may choose. */
  @property({ type: Number, attribute: 'max-choices' }) maxChoices = 0;
  /** Other learners and facilitators cannot see who voted what; learners vote without giving a name. */
  @property({ type: Boolean, reflect: true }) anonymous = false;
  /** When results show: `after-vote` (default), `always` or `after-close`. */
  @property() results: 'after-vote' | 'always' | 'after-close' = 'after-vote';
  /** Lets learners add an option (facilitators can remove suggestions). */
  @property({ type: Boolean, attribute: 'allow-suggestions' }) allowSuggestions = false;
  /** ISO date-time after which no one can vote. */
  @property({ attribute: 'closes-at' }) closesAt = '';
  /**
   * The cohort names itself: once the poll closes, facilitators get "Use as cohort name", which makes the leading
   * option the space's cohort label (the badge art and the archive show it).
   */
  @property({ type: Boolean, reflect: true, attribute: 'names-cohort' }) namesCohort = false;

  protected readonly widget = 'poll';

  @state() private markupOptions: PollOption[] = [];
  @state() private markupQuestion = '';
  /** An option tapped before the controller had loaded: handed to it once it has. */
  @state() private early = '';

  #observer?: MutationObserver;
  #loaded?: Loaded;
  #loading?: Promise<Loaded>;

  /** The poll as this page writes it: all the controller reads from the element. */
  readonly #page: PollPage = ((element: CohortPoll): PollPage => ({
    get poll() {
      return element.poll;
    },
    get results() {
      return element.results;
    },
    get namesCohort() {
      return element.namesCohort;
    },
    get definition() {
      return element.#definition();
    },
  }))(this);

  override connectedCallback(): void {
    this.#readMarkup();
    // The author's markup is the source of the question and options: follow edits to it.
    this.#observer = new MutationObserver(() => this.#readMarkup());
    this.#observer.observe(this, { childList: true, subtree: true, characterData: true, attributes: true });
    super.connectedCallback();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#observer?.disconnect();
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (changed.has('poll') && changed.get('poll') !== undefined) this.restart();
  }

  #readMarkup() {
    this.markupQuestion = questionFromMarkup(this);
    this.markupOptions = optionsFromMarkup(this);
  }

  get #questionText(): string {
    return this.question.trim() || this.markupQuestion;
  }

  get #closesAtDate(): Date | null {
    if (!this.closesAt) return null;
    const date = new Date(this.closesAt);
    return Number.isNaN(date.getTime()) ? null : date;
  }

  get #maxChoices(): number {
    if (!this.multiple) return 1;
    const limit = this.maxChoices > 0 ? this.maxChoices : this.markupOptions.length;
    return Math.max(1, Math.min(limit, this.markupOptions.length, MAX_OPTIONS));
  }

  #definition(): PollDefinition {
    return {
      question: this.#questionText,
      options: this.markupOptions.map(({ value, label }) => ({ value, label })),
      multiple: this.multiple,
      maxChoices: this.#maxChoices,
      anonymous: this.anonymous,
      allowSuggestions: this.allowSuggestions,
      closesAt: this.#closesAtDate,
    };
  }

  protected override validate(): Problem | undefined {
    if (!this.poll) {
      return {
        kind: 'markup',
        message: msg('The poll attribute is missing: give this poll an id, for example poll="group-name".', {
          id: 'poll.id-missing',
        }),
      };
    }
    if (!ID_PATTERN.test(this.poll)) return { kind: 'markup', message: invalidIdMessage('poll', this.poll) };
    if (!this.#questionText) {
      return {
        kind: 'markup',
        message: msg("The poll question is missing: write it as the element's text or in the question attribute.", {
          id: 'poll.question-missing',
        }),
      };
    }
    const count = this.markupOptions.length;
    if (count < MIN_OPTIONS || count > MAX_OPTIONS) {
      return {
        kind: 'markup',
        message: msg(str`A poll needs ${MIN_OPTIONS} to ${MAX_OPTIONS} <option> elements; this one has ${count}.`, {
          id: 'poll.options-count',
        }),
      };
    }
    const seen = new Set<string>();
    for (const option of this.markupOptions) {
      if (seen.has(option.value)) {
        return {
          kind: 'markup',
          message: msg(str`Two options have the same value "${option.value}". Give them different values.`, {
            id: 'poll.options-duplicate',
          }),
        };
      }
      seen.add(option.value);
    }
    if (this.closesAt && !this.#closesAtDate) {
      return {
        kind: 'markup',
        message: msg(
          str`closes-at="${this.closesAt}" is not a date. Use an ISO date-time such as 2026-12-01T17:00:00Z.`,
          { id: 'poll.closes-invalid' },
        ),
      };
    }
    if (!['after-vote', 'always', 'after-close'].includes(this.results)) {
      return {
        kind: 'markup',
        message: msg(str`results="${this.results}" is not one of after-vote, always, after-close.`, {
          id: 'poll.results-invalid',
        }),
      };
    }
    return undefined;
  }

  /** The controller and the views that show the data: loaded once, after first paint (or at an earlier tap). */
  #load(): Promise<Loaded> {
    this.#loading ??= Promise.all([
      import('./poll-controller.js'),
      import('./views/results.js'),
      import('./views/facilitator.js'),
    ]).then(
      ([{ PollController }, results, facilitator]) => {
        this.#loaded = { controller: new PollController(this.widgetHost, this.#page), results, facilitator };
        this.requestUpdate();
        return this.#loaded;
      },
      (error: unknown) => {
        this.#loading = undefined; // a restart tries again
        throw error;
      },
    );
    return this.#loading;
  }

  protected override async startData(runtime: FirebaseRuntime, data: Parameters<CohortElement['startData']>[1]) {
    const { controller } = await this.#load();
    return controller.start(runtime, data);
  }

  /** "Posting as <name>" only where the vote carries the name: not when the page or the stored poll is anonymous. */
  protected override get postsUnderName(): boolean {
    return !(this.#loaded?.controller.anonymous ?? this.anonymous);
  }

  #choose(option: DisplayedOption) {
    const loaded = this.#loaded;
    if (loaded) {
      void loaded.controller.choose(option);
      return;
    }
    const closesAt = this.#closesAtDate;
    if (closesAt && closesAt.getTime() <= Date.now()) return;
    // A tap before the poll's code has loaded is kept, and says so, rather than dropped.
    this.early = option.value;
    this.announcer.announce(queuedMessage());
    this.#load().then(
      ({ controller }) => {
        const vote = controller.choose(option, true);
        this.early = ''; // the controller holds it now
        return vote;
      },
      () => (this.early = ''), // the element shows why it could not load
    );
  }

  protected override renderContent(): TemplateResult {
    const loadedParts = this.#loaded;
    const controller = loadedParts?.controller;
    const snapshot = controller?.snapshot;
    // Options take votes once the poll and this learner's own vote are known: a click before that
    // could count a first vote twice (it is queued, and says so, until then).
    const loaded = Boolean(controller?.loaded);
    const pageCloses = this.#closesAtDate;
    const closed = controller ? controller.closed : Boolean(pageCloses && pageCloses.getTime() <= Date.now());
    const conflict = Boolean(controller?.conflict);
    const showResults = loaded && Boolean(controller?.resultsVisible);
    const options = controller?.displayedOptions() ?? this.markupOptions;
    const voters = snapshot?.voters ?? 0;
    const queued = this.early || controller?.queued || '';
    const closesAt = controller ? controller.closesAt : pageCloses;
    // A poll shows at most MAX_OPTIONS options: once it does, a further suggestion would not appear.
    const suggestionsOpen =
      this.allowSuggestions &&
      !closed &&
      !this.isRemoved &&
      !controller?.suggestionsClosed &&
      options.length < MAX_OPTIONS;
    const hint = closed
      ? msg('Poll closed. Final results:', { id: 'poll.closed' })
      : queued
        ? queuedMessage()
        : loaded
          ? loadedParts!.results.hintText(controller!.hintState(options, showResults))
          : msg('Loading…', { id: 'core.loading' });
    return html`
      <p class="poll__question" id="poll-question" part="question">${this.#questionText}</p>
      <p class="poll__hint" id="poll-hint">${hint}</p>
      ${(controller?.anonymous ?? this.anonymous) ? html`<p class="poll__hint">${msg('Anonymous poll: other learners and facilitators cannot see who voted what.', { id: 'poll.anonymous' })}</p>` : nothing}
      ${renderOptions(
        {
          options,
          multiple: this.multiple,
          loaded,
          busy: Boolean(controller?.busy),
          locked: closed || conflict || this.isRemoved,
          mine: snapshot?.myChoices ?? [],
          queued,
          // The one radio in the tab order: the first chosen option on screen, else the first option.
          focusable: controller?.shownChoices(options)[0] ?? options[0]?.value,
          showResults,
          counts: snapshot?.counts ?? new Map<string, number>(),
          voters,
          countText: loadedParts?.results.countText,
        },
        (option) => this.#choose(option),
      )}
      ${
        loaded
          ? loadedParts!.results.renderParticipation(voters, closed, controller!.recentVoters, this.locale)
          : html`<p class="poll__participation" part="participation">
              <span class="skeleton skeleton--line" aria-hidden="true">&nbsp;</span>
            </p>`
      }
      ${closesAt && !closed ? html`<p class="poll__hint">${msg(str`Closes ${relativeTime(closesAt, this.locale)}`, { id: 'poll.closes' })}</p>` : nothing}
      ${conflict && !closed ? loadedParts!.results.conflictNotice() : nothing}
      ${controller?.error ? html`<p class="error" role="alert">${controller.error}</p>` : nothing}
      ${closed ? html`<slot name="after-close"></slot>` : nothing}
      ${suggestionsOpen ? renderSuggestForm(loaded, (form) => void controller!.suggest(form)) : nothing}
      ${
        this.isFacilitator && loaded
          ? loadedParts!.facilitator.renderFacilitatorTools(controller!.facilitatorState(options), controller!)
          : nothing
      }
    `;
  }
}
