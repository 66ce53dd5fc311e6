import { msg, str } from '@lit/localize';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import {
  CohortConnectionError,
  CohortElement,
  registerTranslations,
  relativeTime,
  type FirebaseRuntime,
  type Problem,
} from '@cohort-kit/core';
import { pollStyles } from './poll.styles.js';
import type { PollActionsContext } from './poll-actions.js';
import type { PollDefinition, PollSnapshot, StoredOption } from './poll-data.js';
import { optionsFromMarkup, questionFromMarkup, type PollOption } from './poll-markup.js';

export type { PollOption };

registerTranslations(() => import('./locales/es.js'));

/** Detail of `cohort-vote`. */
export interface CohortVoteDetail {
  space: string;
  poll: string;
  /** The learner's choices after this vote (option values). */
  choices: string[];
}

declare global {
  interface CohortEventDetailMap {
    'cohort-vote': CohortVoteDetail;
  }
  interface GlobalEventHandlersEventMap {
    'cohort-vote': CustomEvent<CohortVoteDetail>;
  }
}

type PollData = typeof import('./poll-data.js');
const POLL_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/;
const ANNOUNCE_OTHERS_EVERY_MS = 15000;
/** How long a tap made while the poll loads waits for it before saying so. */
const LOAD_WAIT_MS = 20000;

/**
 * A one-tap emoji poll with live results: the simpler request that restarts a quiet cohort.
 *
 * @summary One-tap poll with live results, participation and an optional follow-up after it closes.
 * @tag cohort-poll
 *
 * @slot - The question as text, and the options as `<option>` elements (2 to 12; `value` optional).
 * @slot after-close - Shown once the poll has closed: the author's follow-up.
 *
 * @event cohort-vote - A learner voted or changed their vote. `detail: { space, poll, choices }`.
 * @event cohort-error - The poll cannot work; `detail.message` says what to fix.
 *
 * @csspart base - The frame around the poll.
 * @csspart question - The question.
 * @csspart option - Each option button.
 * @csspart count - The vote count and percentage of an option.
 * @csspart bar - The results bar of an option.
 * @csspart participation - "12 peers voted" and recent voters.
 * @csspart preview-marker - The "Preview — only you can see this" badge.
 *
 * @cssproperty --cohort-color-accent - Brand colour for choices and bars.
 * @cssproperty --cohort-color-surface - Background of the poll.
 * @cssproperty --cohort-color-text - Text colour.
 * @cssproperty --cohort-radius - Corner radius.
 * @cssproperty --cohort-font-family - Font (inherits the page's by default).
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

  protected readonly widget = 'poll';

  @state() private markupOptions: PollOption[] = [];
  @state() private markupQuestion = '';
  @state() private snapshot?: PollSnapshot;
  @state() private actionError = '';
  @state() private busy = false;
  /** An option tapped before the poll had loaded: the vote is saved once it has. */
  @state() private queued = '';
  @state() private now = Date.now();

  #pollData?: PollData;
  #actions?: typeof import('./poll-actions.js');
  #observer?: MutationObserver;
  #lastOthersAnnouncement = 0;
  #lastCounts = '';
  #votes: Promise<void> = Promise.resolve();
  #closeTimer?: ReturnType<typeof setTimeout>;
  #warnedDrift = false;
  #suggestedHere = false;

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
    clearTimeout(this.#closeTimer);
    this.#scheduledClose = null;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (changed.has('poll') && changed.get('poll') !== undefined) this.restart();
    if (changed.has('closesAt')) this.#scheduleClose();
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
    return Math.max(1, Math.min(limit, this.markupOptions.length, 12));
  }

  /**
   * When the poll closes: the earlier of the stored time (what the rules enforce) and the page's (what the author
   * wrote). Either one passing closes it on screen.
   */
  get #closesAtEffective(): Date | null {
    const times = [this.snapshot?.poll?.closesAt, this.#closesAtDate].filter((date): date is Date => Boolean(date));
    return times.length ? new Date(Math.min(...times.map((date) => date.getTime()))) : null;
  }

  #scheduledClose: number | null = null;

  #scheduleClose() {
    const closesAt = this.#closesAtEffective;
    if ((closesAt?.getTime() ?? null) === this.#scheduledClose) return;
    this.#scheduledClose = closesAt?.getTime() ?? null;
    clearTimeout(this.#closeTimer);
    if (!closesAt) return;
    const wait = closesAt.getTime() - Date.now();
    if (wait <= 0) {
      this.now = Date.now(); // already past (a stored time that just arrived): closed now
      return;
    }
    // setTimeout overflows past ~24.8 days; a poll closing later re-checks then.
    this.#closeTimer = setTimeout(
      () => {
        this.now = Date.now();
        this.#scheduledClose = null;
        this.#scheduleClose();
      },
      Math.min(wait + 50, 2 ** 31 - 1),
    );
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
    if (!POLL_ID.test(this.poll)) {
      return {
        kind: 'markup',
        message: msg(str`poll="${this.poll}" is not valid: use letters, digits, "-" or "_".`, {
          id: 'poll.id-invalid',
        }),
      };
    }
    if (!this.#questionText) {
      return {
        kind: 'markup',
        message: msg("The poll question is missing: write it as the element's text or in the question attribute.", {
          id: 'poll.question-missing',
        }),
      };
    }
    const count = this.markupOptions.length;
    if (count < 2 || count > 12) {
      return {
        kind: 'markup',
        message: msg(str`A poll needs 2 to 12 <option> elements; this one has ${count}.`, { id: 'poll.options-count' }),
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

  protected override async startData(runtime: FirebaseRuntime, data: Parameters<CohortElement['startData']>[1]) {
    const [pollData, actions] = await Promise.all([import('./poll-data.js'), import('./poll-actions.js')]);
    this.#pollData = pollData;
    this.#actions = actions;
    // Checked with the data rather than at first paint: rare, and its messages need not weigh on every page.
    const tooLong = actions.lengthProblem(this.#questionText, this.markupOptions);
    if (tooLong) {
      this.fail({ kind: 'markup', message: tooLong });
      return () => {};
    }
    return pollData.watchPoll(
      runtime,
      data,
      this.spaceId,
      this.poll,
      (snapshot) => this.#onSnapshot(snapshot),
      (error) => this.fail({ kind: 'connection', message: error.message }),
      () => this.requestUpdate(),
    );
  }

  #onSnapshot(snapshot: PollSnapshot) {
    const previous = this.snapshot;
    this.snapshot = snapshot;
    this.#scheduleClose();
    if (!this.#warnedDrift && snapshot.poll && !this.#actions?.sameDefinition(snapshot.poll, this.#definition())) {
      this.#warnedDrift = true;
      console.warn(`[cohort-kit] <cohort-poll poll="${this.poll}">: the markup differs from the stored poll.`);
    }
    const counts = JSON.stringify([...snapshot.counts]);
    // Other people's votes only: not this learner's own write on its way or just confirmed.
    const others = !snapshot.countsPending && !this.busy;
    if (previous && this.#lastCounts && counts !== this.#lastCounts && others && this.#resultsVisible) {
      const mineChanged = JSON.stringify(previous.myChoices) !== JSON.stringify(snapshot.myChoices);
      if (!mineChanged && Date.now() - this.#lastOthersAnnouncement > ANNOUNCE_OTHERS_EVERY_MS) {
        this.#lastOthersAnnouncement = Date.now();
        this.announcer.announce(this.#actions!.resultsUpdated(this.#displayedOptions(), snapshot.counts));
      }
    }
    this.#lastCounts = counts;
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

  get #isClosed(): boolean {
    if (this.snapshot?.poll?.closed) return true;
    const closesAt = this.#closesAtEffective;
    return Boolean(closesAt && closesAt.getTime() <= this.now);
  }

  /** Anonymous if the page or the stored poll says so: then nothing this learner writes carries their name. */
  get #anonymousNow(): boolean {
    return this.anonymous || Boolean(this.snapshot?.poll?.anonymous);
  }

  /** "Posting as <name>" only where the vote carries the name: not when the page or the stored poll is anonymous. */
  protected override get postsUnderName(): boolean {
    return !this.#anonymousNow;
  }

  /** The stored poll would refuse this page's votes, or would not keep the anonymity the page promises. */
  get #conflict(): boolean {
    const stored = this.snapshot?.poll;
    return Boolean(stored && this.#actions?.conflicts(stored, this.#definition()));
  }

  get #hasVoted(): boolean {
    return (this.snapshot?.myChoices.length ?? 0) > 0;
  }

  /** This learner's choices among the options on screen (a removed suggestion is not). */
  #shownChoices(options = this.#displayedOptions()): string[] {
    const shown = new Set(options.map((option) => option.value));
    return (this.snapshot?.myChoices ?? []).filter((value) => shown.has(value));
  }

  get #resultsVisible(): boolean {
    if (this.#isClosed || this.isFacilitator || this.results === 'always') return true;
    if (this.results === 'after-close') return false;
    return this.#hasVoted;
  }

  /** Markup options first, then learners' suggestions; at most twelve. */
  #displayedOptions(): (StoredOption & { suggested?: boolean })[] {
    const options: (StoredOption & { suggested?: boolean })[] = [...this.markupOptions];
    const known = new Set(options.map((option) => option.value));
    // Learners' suggestions appear only where the author's markup asks for them.
    for (const suggestion of this.allowSuggestions ? (this.snapshot?.suggestions ?? []) : []) {
      if (!known.has(suggestion.value) && options.length < 12) {
        options.push({ ...suggestion, suggested: true });
        known.add(suggestion.value);
      }
    }
    return options;
  }

  async #onChoose(option: StoredOption) {
    if (this.#isClosed || this.#conflict) return;
    // A tap before the poll has loaded is kept, and says so, rather than dropped.
    if (!this.#ready()) {
      this.queued = option.value;
      this.announcer.announce(msg('Your vote will be saved as soon as the poll has loaded.', { id: 'poll.queued' }));
    }
    // Votes go one after another, each computed from the state the previous one left.
    this.#votes = this.#votes.then(() => this.#vote(option)).catch(() => {});
    await this.#votes;
  }

  /** The poll, this learner's own vote and their membership are known: a vote can be computed. */
  #ready(): boolean {
    return (
      Boolean(this.runtime && this.#pollData) &&
      this.snapshot?.poll !== undefined &&
      Boolean(this.snapshot?.myVoteLoaded) &&
      Boolean(this.spaceState?.memberLoaded)
    );
  }

  async #vote(option: StoredOption) {
    this.actionError = '';
    const ready = await this.#until(() => this.#ready());
    this.queued = '';
    if (!ready) return;
    if (this.#isClosed || this.#conflict) return;
    const runtime = this.runtime!;
    const pollData = this.#pollData!;
    const anonymous = this.#anonymousNow;
    let voterName: string | null = null;
    try {
      if (anonymous) {
        // No name, no membership: nothing public changes at the moment this learner's count moves.
        await runtime.identity.ensureSignedIn();
      } else {
        voterName = (await this.requireMember('vote')).displayName;
      }
    } catch (error) {
      // The learner cancelled the name form (nothing to say), or signing in failed (say why).
      if (anonymous) this.actionError = (error as Error).message;
      return;
    }
    // Just signed in: this learner's own earlier vote (another device) must be known before a change is computed.
    if (!(await this.#until(() => Boolean(this.snapshot?.myVoteLoaded)))) return;
    // Just signed in or not: the change is computed from this learner's own vote as loaded.
    const snapshot = this.snapshot!;
    const uid = runtime.identity.user!.uid;
    const before = snapshot.myChoices;
    const plan = this.#actions!.planVote(
      before,
      option.value,
      new Set(this.#displayedOptions().map((each) => each.value)),
      this.multiple,
      this.#maxChoices,
    );
    if (typeof plan === 'string') {
      this.actionError = plan;
      return;
    }
    if (!plan) return;
    const change = plan;
    this.busy = true;
    try {
      if (snapshot.poll === null) await this.#createPoll(uid);
      const firstVote = snapshot.myShard === undefined;
      const shard = snapshot.myShard ?? Math.floor(Math.random() * pollData.SHARD_COUNT);
      // Voters this page counts, modulo the three slots: successive first votes fill the slots in turn.
      const recentSlot = snapshot.voters;
      const write = pollData.castVote(runtime, this.spaceId, this.poll, uid, change, {
        firstVote,
        shard,
        voterName,
        recentSlot,
      });
      // The choice shows when the listener reports it, a moment later: by then the SDK has it on this device,
      // so a reload straight after cannot lose a vote the learner saw as made.
      await this.settle(write);
      this.emit('cohort-vote', { space: this.spaceId, poll: this.poll, choices: change.choices });
      this.announcer.announce(this.#actions!.voteAnnouncement(Boolean(change.added), option.label));
    } catch (error) {
      // A refused write is undone by the SDK, and the listener shows the vote as it was.
      this.actionError = (error as Error).message;
    } finally {
      this.busy = false;
    }
  }

  /** Waits for `check`; after LOAD_WAIT_MS says the poll is still loading and resolves false. */
  async #until(check: () => boolean): Promise<boolean> {
    for (let waited = 0; !check() && waited < LOAD_WAIT_MS; waited += 50) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    if (!check())
      this.actionError = msg('The poll is still loading. Try again in a moment.', { id: 'poll.still-loading' });
    return check();
  }

  async #createPoll(uid: string) {
    try {
      await this.settle(this.#pollData!.createPoll(this.runtime!, this.spaceId, this.poll, this.#definition(), uid));
    } catch (error) {
      // Someone created it a moment before us: that is fine, their poll is the one to vote in.
      if (!(error instanceof CohortConnectionError) || error.retryable) throw error;
    }
  }

  #onOptionKeydown(event: KeyboardEvent) {
    if (this.multiple) return;
    const keys = ['ArrowDown', 'ArrowRight', 'ArrowUp', 'ArrowLeft', 'Home', 'End'];
    if (!keys.includes(event.key)) return;
    event.preventDefault();
    const buttons = [...this.renderRoot.querySelectorAll<HTMLElement>('.option')];
    const index = buttons.indexOf(event.currentTarget as HTMLElement);
    const rtl = getComputedStyle(this).direction === 'rtl';
    let next = index;
    if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = buttons.length - 1;
    else {
      const forward = event.key === 'ArrowDown' || event.key === (rtl ? 'ArrowLeft' : 'ArrowRight');
      next = (index + (forward ? 1 : -1) + buttons.length) % buttons.length;
    }
    // Arrow keys move focus without voting: a vote is a deliberate Space, Enter or click.
    for (const [i, button] of buttons.entries()) button.tabIndex = i === next ? 0 : -1;
    buttons[next]?.focus();
  }

  protected override renderContent(): TemplateResult {
    const snapshot = this.snapshot;
    // Options take votes once the poll and this learner's own vote are known: a click before that
    // could count a first vote twice (it is queued, and says so, until then).
    const loaded = Boolean(snapshot && snapshot.poll !== undefined && snapshot.myVoteLoaded);
    const closed = this.#isClosed;
    const conflict = this.#conflict;
    const showResults = loaded && this.#resultsVisible;
    const options = this.#displayedOptions();
    const counts = snapshot?.counts ?? new Map<string, number>();
    const voters = snapshot?.voters ?? 0;
    const mine = snapshot?.myChoices ?? [];
    // The one radio in the tab order: the first chosen option on screen, else the first option.
    const focusable = this.#shownChoices(options)[0] ?? options[0]?.value;
    const stored = snapshot?.poll;
    // A poll nobody has voted in can be reset to the page, anonymity included; one with votes stays anonymous.
    const drift = Boolean(
      stored && this.#actions && !this.#actions.sameDefinition(stored, this.#definition(), voters > 0),
    );
    const closesAt = this.#closesAtEffective;
    // A poll shows at most twelve options: once it does, a further suggestion would not appear.
    const suggestionsOpen =
      this.allowSuggestions && !closed && !conflict && stored?.allowSuggestions !== false && options.length < 12;
    const hintId = 'poll-hint';
    return html`
      <p class="poll__question" id="poll-question" part="question">${this.#questionText}</p>
      <p class="poll__hint" id=${hintId} dir="auto">${this.#hintText(loaded, closed, showResults, options)}</p>
      ${this.#anonymousNow ? html`<p class="poll__hint" dir="auto">${msg('Anonymous poll: other learners and facilitators cannot see who voted what.', { id: 'poll.anonymous' })}</p>` : nothing}
      <div
        class="poll__options"
        role=${this.multiple ? 'group' : 'radiogroup'}
        aria-labelledby="poll-question"
        aria-describedby=${hintId}
        aria-busy=${loaded && !this.busy ? 'false' : 'true'}
      >
        ${options.map((option) => {
          const count = counts.get(option.value) ?? 0;
          const share = voters > 0 ? Math.round((count / voters) * 100) : 0;
          const isMine = mine.includes(option.value);
          const isQueued = this.queued === option.value;
          // The mark always holds a character (a no-break space when empty): an empty mark would align by its
          // bottom edge and make the row taller than a marked one.
          return html`<button
            type="button"
            class="option ${isMine ? 'option--chosen' : ''}"
            part="option"
            role=${this.multiple ? 'checkbox' : 'radio'}
            aria-checked=${isMine ? 'true' : 'false'}
            aria-disabled=${closed || conflict || !loaded ? 'true' : 'false'}
            tabindex=${this.multiple || option.value === focusable ? 0 : -1}
            data-value=${option.value}
            @click=${() => this.#onChoose(option)}
            @keydown=${this.#onOptionKeydown}
          >
            <span class="option__row">
              <span class="option__main">
                <span class="option__mark" aria-hidden="true">${isMine ? '✓' : isQueued ? '…' : '\u00a0'}</span>
                <span class="option__label" dir="auto"
                  >${option.label}${
                    option.suggested
                      ? html` <span class="option__tag">${msg('suggested', { id: 'poll.suggested-by' })}</span>`
                      : nothing
                  }</span
                >
              </span>
              ${
                loaded && this.#actions
                  ? html`<span
                      class="option__count ${showResults ? '' : 'option__count--hidden'}"
                      part="count"
                      dir="auto"
                      aria-hidden=${showResults ? 'false' : 'true'}
                      >${this.#actions.countText(count, share)}</span
                    >`
                  : html`<span class="option__count skeleton skeleton--line" aria-hidden="true">&nbsp;</span>`
              }
            </span>
            <span class="option__bar ${showResults ? '' : 'option__bar--hidden'}" part="bar" aria-hidden="true"
              ><span style="--share: ${share}%"></span
            ></span>
          </button>`;
        })}
      </div>
      ${this.#renderParticipation(loaded, voters)}
      ${closesAt && !closed ? html`<p class="poll__hint" dir="auto">${msg(str`Closes ${relativeTime(closesAt, this.locale)}`, { id: 'poll.closes' })}</p>` : nothing}
      ${conflict && !closed && this.#actions ? this.#actions.conflictNotice() : nothing}
      ${this.actionError ? html`<p class="error" role="alert">${this.actionError}</p>` : nothing}
      ${closed ? html`<slot name="after-close"></slot>` : nothing}
      ${suggestionsOpen ? this.#renderSuggestForm(loaded) : nothing}
      ${
        this.isFacilitator && loaded && this.#actions
          ? this.#actions.renderFacilitatorTools(this.#actionsContext(drift))
          : nothing
      }
    `;
  }

  /** Painted with the options, so nothing moves when the data arrives; it takes input once it has. */
  #renderSuggestForm(loaded: boolean): TemplateResult {
    const ready = loaded && Boolean(this.#actions);
    return html`<form
      class="poll__suggest"
      @submit=${(event: SubmitEvent) => {
        event.preventDefault();
        if (ready) void this.#actions!.submitSuggestion(this.#actionsContext(false), event.target as HTMLFormElement);
      }}
    >
      <div class="field">
        <label for="suggestion">${msg('Suggest an option', { id: 'poll.suggest' })}</label>
        <input id="suggestion" name="suggestion" type="text" maxlength="80" autocomplete="off" ?disabled=${!ready} />
      </div>
      <button class="button button--quiet" type="submit" ?disabled=${!ready}>
        ${msg('Add', { id: 'poll.suggest-submit' })}
      </button>
    </form>`;
  }

  #hintText(loaded: boolean, closed: boolean, showResults: boolean, options: StoredOption[]): string {
    if (closed) return msg('Poll closed. Final results:', { id: 'poll.closed' });
    if (this.queued) return msg('Your vote will be saved as soon as the poll has loaded.', { id: 'poll.queued' });
    if (!loaded || !this.#actions) return msg('Loading…', { id: 'core.loading' });
    return this.#actions.hintText({
      voted: this.#hasVoted,
      choiceGone: this.#hasVoted && this.#shownChoices(options).length === 0,
      multiple: this.multiple,
      max: this.#maxChoices,
      afterClose: this.results === 'after-close',
      showResults,
    });
  }

  #renderParticipation(loaded: boolean, voters: number): TemplateResult {
    if (!loaded || !this.#actions)
      return html`<p class="poll__participation" part="participation">
        <span class="skeleton skeleton--line" aria-hidden="true">&nbsp;</span>
      </p>`;
    // Names never show where the page or the stored poll is anonymous.
    const recent = this.#anonymousNow ? [] : (this.snapshot?.recentVoters ?? []);
    return this.#actions!.renderParticipation(voters, this.#isClosed, recent, this.locale);
  }

  /** The space's own blocked words; settings are stored data, so anything in the list that is not a word is ignored. */
  #spaceWords(): string[] {
    const words = this.spaceState?.settings.blockedWords;
    return Array.isArray(words) ? words.filter((word): word is string => typeof word === 'string') : [];
  }

  #actionsContext(drift: boolean): PollActionsContext {
    return {
      runtime: this.runtime!,
      pollData: this.#pollData!,
      spaceId: this.spaceId,
      pollId: this.poll,
      snapshot: this.snapshot!,
      options: this.#displayedOptions(),
      definition: this.#definition(),
      anonymous: this.#anonymousNow,
      spaceWords: this.#spaceWords(),
      locale: this.locale,
      drift,
      settle: (write) => this.settle(write),
      requireMember: (reason) => this.requireMember(reason),
      ensurePoll: (uid) => this.#createPoll(uid),
      signIn: async () => (await this.runtime!.identity.ensureSignedIn()).uid,
      suggestedHere: () => this.#suggestedHere,
      setSuggestedHere: (made) => (this.#suggestedHere = made),
      setError: (message) => (this.actionError = message),
      announce: (message) => this.announcer.announce(message),
    };
  }
}
