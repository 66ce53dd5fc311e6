import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { CohortConfigError, givenConfig, isPreview, pageLocale, type ResolvedConfig } from './config.js';
import { connect, type FirebaseRuntime } from './connection.js';
import type { Member, SpaceState } from './data.js';
import { CohortErrorEvent, CohortEvent, type CohortErrorDetail, type CohortEventDetails } from './events.js';
import { CohortConnectionError } from './errors.js';
import { LiveAnnouncer } from './live-region.js';
import { cohortLocale, setCohortLocale } from './localize.js';
import { baseStyles, tokenStyles } from './styles.js';
import type { WidgetHost } from './widget-host.js';

type DataModule = typeof import('./data.js');
type PartsModule = typeof import('./element-parts.js');
type SignInModule = typeof import('./sign-in-form.js');

export type Problem = CohortErrorDetail;

const reported = new Set<string>();

/** One console line per distinct problem, however many elements share it. */
function reportOnce(tag: string, problem: Problem) {
  const key = `${problem.kind}:${problem.message}`;
  if (reported.has(key)) return;
  reported.add(key);
  console.error(`[cohort-kit] <${tag}>: ${problem.message}`);
}

interface JoinRequest {
  resolve: (member: Member) => void;
  reject: (error: Error) => void;
  reason: string;
  mode: 'join' | 'rename';
}

/**
 * Base class of every Cohort Kit element: the `space` attribute, the page's one connection,
 * loading / error / preview states, membership on first contribution, events and announcements.
 * Subclasses implement `startData()` (subscribe, return a cleanup) and `renderContent()`.
 *
 * The parts, tokens and events below are every element's; each element's manifest entry inherits them.
 *
 * @event cohort-error - The element cannot work; `detail.message` says what to fix.
 *
 * @csspart base - The frame around the element.
 * @csspart preview-marker - The "Preview — only you can see this" badge.
 * @csspart problem - What stops the element from working, shown in place of its content.
 * @csspart stale - "Still trying to reach the server" while the connection is slow.
 * @csspart join - The name form a learner fills in before their first contribution.
 * @csspart identity - "Posting as …", with the learner's role.
 * @csspart change-name - The button that opens the name form again.
 * @csspart pending - "Saved on this device" while a contribution waits for the connection.
 * @csspart write-error - Why a contribution was not saved.
 * @csspart sign-in-notice - The facilitator's sign-in result after following an email link.
 * @csspart sign-in-entry - The quiet "Facilitator? Sign in" button at the end of the element.
 * @csspart sign-in-form - The facilitator's email sign-in form (and the confirm and paste-the-link steps).
 * @csspart signed-in - "Signed in as Fay · Facilitator", with the sign-out button.
 * @csspart sign-out - The sign-out button.
 * @csspart sign-in-no-role - Signed in with an email that has no team role in this space.
 * @csspart removed - "You were removed from this cohort", in place of the contribution controls.
 * @csspart round-ended - "This round has ended on DATE", above the content of a space whose round was closed.
 * @csspart join-busy - A contribution waiting while many people join from the same network.
 *
 * @cssproperty --cohort-font-family - Font (inherits the page's by default).
 * @cssproperty --cohort-color-text - Text colour.
 * @cssproperty --cohort-color-muted - Secondary text: times, hints, counts.
 * @cssproperty --cohort-color-surface - Background of the element.
 * @cssproperty --cohort-color-surface-raised - Background of cards and inputs on the surface.
 * @cssproperty --cohort-color-border - Borders and dividers.
 * @cssproperty --cohort-color-accent - Brand colour for choices, buttons, links and highlights.
 * @cssproperty --cohort-color-accent-text - Text on the accent colour.
 * @cssproperty --cohort-color-accent-soft - Soft highlight: a mention of the reader, a chosen option.
 * @cssproperty --cohort-color-danger - Errors and destructive actions.
 * @cssproperty --cohort-color-success - Confirmations.
 * @cssproperty --cohort-color-focus - The keyboard focus ring.
 * @cssproperty --cohort-radius - Corner radius.
 * @cssproperty --cohort-space - The gap between blocks.
 */
export abstract class CohortElement extends LitElement {
  static override styles = [tokenStyles, baseStyles];

  /** The course run or cohort whose data this element shows; defaults to the page's `data-space`. */
  @property({ reflect: true }) space = '';

  /** `light` (default), `dark`, or `auto` to follow the device. */
  @property({ reflect: true }) theme: 'light' | 'dark' | 'auto' = 'light';

  /** The live connection once it exists. */
  @state() protected runtime?: FirebaseRuntime;
  /** The space's settings and this learner's membership. */
  @state() protected spaceState?: SpaceState;
  /** What stops the element from working, shown in place of its content. */
  @state() protected problem?: Problem;
  /** A contribution waiting for the learner to pick a name or acknowledge norms. */
  @state() private joinRequest?: JoinRequest;
  #joinAnswer?: Promise<Member>;
  @state() private joinError = '';
  @state() private joinBusy = false;
  /** Auth is refusing new accounts from this network for now: a first contribution waits on this device. */
  @state() private signInDelayed = false;

  protected readonly announcer = new LiveAnnouncer(this);
  protected data?: DataModule;
  /** Short name used for this widget's read meter and events. */
  protected abstract readonly widget: string;

  #joinForm?: typeof import('./join-form.js');
  #cleanups: (() => void)[] = [];
  #generation = 0;
  /** Connected and started (or starting); false once a removal has stopped it. */
  #running = false;
  /** What the element needs once connected (loaded with the data module, after first paint). */
  #parts?: PartsModule;
  /** The page's settings once checked. */
  #resolved?: ResolvedConfig;
  #pending?: InstanceType<PartsModule['PendingWrites']>;
  #signInNotice?: InstanceType<PartsModule['SignInNoticeView']>;
  #signIn?: SignInModule;
  #signInFlow?: InstanceType<SignInModule['SignInFlow']>;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  /** The space in use: the attribute, else the page default. */
  get spaceId(): string {
    return this.space || givenConfig().space || '';
  }

  /** Whether the current learner may use facilitator actions (the rules decide in the end). */
  get isFacilitator(): boolean {
    const role = this.spaceState?.member?.role;
    return role === 'facilitator' || role === 'owner';
  }

  /** Whether a facilitator took this learner out of the space: they read, but contribute nothing more. */
  get isRemoved(): boolean {
    return this.spaceState?.member?.role === 'removed';
  }

  /** Whether the element ends with "Facilitator? Sign in" (<cohort-sign-in> is that form already). */
  protected get offersSignIn(): boolean {
    return true;
  }

  /** The sign-in form's state, once its module has loaded (after first paint). */
  protected get signInFlow() {
    return this.#signInFlow;
  }

  /** Why the sign-in form is there, rendered by the shared view; for subclasses that show it as their content. */
  protected renderSignIn(): TemplateResult | typeof nothing {
    if (!this.#signIn || !this.#signInFlow || !this.runtime) return nothing;
    // In preview no email can be sent: the elements offer nothing; <cohort-sign-in> shows its form, and says so.
    if (this.runtime.mode !== 'live' && this.offersSignIn) return nothing;
    return this.#signIn.renderAccount(this.#signInFlow, this.spaceState, this.offersSignIn);
  }

  /** Whether the space's round has been closed: everything stays to read, and nothing more can be contributed. */
  get roundEnded(): boolean {
    return this.#roundEndedAt() !== undefined;
  }

  /** Whether the current learner is a mentor: supports peers, has no moderation actions. */
  get isMentor(): boolean {
    return this.spaceState?.member?.role === 'mentor';
  }

  get locale(): string {
    return cohortLocale();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.#running) return; // moved in the page: still running
    this.#running = true;
    void this.#start();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // Stopped once the current task is done, unless the element is back by then: one moved in the page (taken out
    // and put back at once) keeps its listeners, its form and its place instead of loading and reading again.
    queueMicrotask(() => {
      if (this.isConnected || !this.#running) return;
      this.#running = false;
      this.#signInNotice?.stop();
      this.#signInNotice = undefined;
      this.#signInFlow?.stop();
      this.#signInFlow = undefined;
      this.#stop();
    });
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (changed.has('space') && changed.get('space') !== undefined && this.isConnected) {
      this.restart();
    }
  }

  /** Drops every subscription and starts again, after an attribute that names data has changed. */
  protected restart(): void {
    this.#stop();
    void this.#start();
  }

  #stop() {
    this.#generation++;
    for (const cleanup of this.#cleanups.splice(0)) cleanup();
    this.joinRequest?.reject(new Error('The element was removed.'));
    this.joinRequest = undefined;
  }

  /** Widget-specific attribute checks; return a problem to show instead of content. */
  protected validate(): Problem | undefined {
    return undefined;
  }

  /** Subscribes to the widget's data. Returns the cleanup. */
  protected abstract startData(runtime: FirebaseRuntime, data: DataModule): Promise<() => void> | (() => void);

  async #start() {
    const generation = ++this.#generation;
    const current = () => generation === this.#generation && this.isConnected;
    this.problem = undefined;
    // The language first, so that a message about a wrong setting is written in it.
    // A translation that fails to load leaves the element in English rather than on its skeleton.
    await setCohortLocale(pageLocale()).catch((error: unknown) => console.warn('[cohort-kit]', error));
    if (!current()) return;
    let config: ResolvedConfig;
    let check: typeof import('./config-check.js');
    try {
      check = await import('./config-check.js');
      if (!current()) return;
      config = check.pageConfig();
      this.#resolved = config;
    } catch (error) {
      this.fail({ kind: 'config', message: (error as Error).message });
      return;
    }
    const spaceId = this.spaceId;
    const wrongSpace = check.spaceProblem(spaceId);
    if (wrongSpace) return this.fail({ kind: 'config', message: wrongSpace });
    const invalid = this.validate();
    if (invalid) return this.fail(invalid);

    // First paint happens before the SDK is requested: the shell and skeleton cost no Firebase bytes.
    await this.updateComplete;
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
    if (!current()) return;
    try {
      const [runtime, data, parts, signIn] = await Promise.all([
        connect(),
        import('./data.js'),
        import('./element-parts.js'),
        import('./sign-in-form.js'),
      ]);
      if (!current()) return;
      this.#useParts(parts);
      this.runtime = runtime;
      this.data = data;
      this.#useSignIn(signIn, runtime);
      this.#cleanups.push(
        data.subscribeSpace(runtime, spaceId, (spaceState) => {
          this.spaceState = spaceState;
          if (spaceState.exists === false) {
            this.fail({
              kind: 'space',
              message: check.missingSpaceMessage(spaceId),
            });
          } else if (spaceState.error) {
            this.fail({ kind: 'connection', message: spaceState.error.message });
          } else if (spaceState.stale) {
            reportOnce(this.localName, { kind: 'connection', message: parts.unreachableMessage(config) });
          }
        }),
      );
      const cleanup = await this.startData(runtime, data);
      if (!current()) return cleanup();
      this.#cleanups.push(cleanup);
    } catch (error) {
      if (!current()) return;
      const kind = error instanceof CohortConfigError ? 'config' : 'connection';
      this.fail({ kind, message: (error as Error).message || String(error) });
    }
  }

  /** Shows a problem in place of the content, logs it once and tells the page. */
  protected fail(problem: Problem): void {
    this.problem = problem;
    reportOnce(this.localName, problem);
    this.dispatchEvent(new CohortErrorEvent(problem));
  }

  /** Dispatches a typed `cohort-*` event (one of the widget's event classes) that bubbles and crosses shadow roots. */
  protected emit<K extends keyof CohortEventDetails>(event: CohortEvent<K>): boolean {
    return this.dispatchEvent(event);
  }

  /**
   * What the widget's controller and views may ask of this element: one object for the element's life, the same
   * contract for every widget (see WidgetHost).
   */
  protected readonly widgetHost: WidgetHost = ((element: CohortElement): WidgetHost => ({
    element,
    get spaceId() {
      return element.spaceId;
    },
    get locale() {
      return element.locale;
    },
    get runtime() {
      return element.runtime;
    },
    get spaceState() {
      return element.spaceState;
    },
    get isFacilitator() {
      return element.isFacilitator;
    },
    get isRemoved() {
      return element.isRemoved;
    },
    get updateComplete() {
      return element.updateComplete;
    },
    addController: (controller) => element.addController(controller),
    removeController: (controller) => element.removeController(controller),
    requestUpdate: () => element.requestUpdate(),
    requireMember: (reason) => element.requireMember(reason),
    settle: (write) => element.settle(write),
    explainRefusal: (error) => element.explainRefusal(error),
    announce: (message) => element.announcer.announce(message),
    emit: (event) => element.emit(event),
    fail: (problem) => element.fail(problem),
  }))(this);

  /**
   * Resolves with the learner's membership, first asking for a display name (and the space's norms,
   * when it has some) if this is their first contribution. Rejects if they cancel.
   */
  protected async requireMember(reason: string): Promise<Member> {
    // A reader has no Auth loaded (reads are public): load it now, and if this device already has a
    // learner, wait for their membership (also when it is still loading, a press early in a slow page's life)
    // rather than ask a returning member to join again.
    // Someone taken out of the space is not asked to join again (the rules would refuse it anyway).
    if (this.isRemoved) throw new Error('removed');
    // A round closed while the page was open: every contribution is refused, so none is started; the text stays.
    const endedAt = this.#roundEndedAt();
    if (endedAt && this.#parts) {
      const message = this.#parts.roundEndedMessage(endedAt, this.locale);
      this.announcer.announce(message);
      throw new CohortConnectionError(message, false);
    }
    const identity = this.runtime?.mode === 'live' ? this.runtime.identity : undefined;
    if (identity && !this.#memberLoadedFor(identity.user?.uid ?? '') && this.#parts) {
      await this.#parts.memberOfReturningLearner(identity, (uid) => this.#memberLoadedFor(uid));
    }
    const state = this.spaceState;
    const member = state?.member;
    const normsPending = Boolean(state?.settings.norms) && !member?.normsAcknowledgedAt;
    if (member && member.displayName && !normsPending) return member;
    return this.#openJoinForm(reason, 'join');
  }

  #memberLoadedFor(uid: string): boolean {
    return Boolean(this.spaceState?.memberLoaded && this.spaceState.user?.uid === uid);
  }

  async #openJoinForm(reason: string, mode: JoinRequest['mode']): Promise<Member> {
    this.#joinForm ??= await import('./join-form.js');
    // Another contribution pressed while the name form is open, or its answer on its way, waits for that answer:
    // a new form would drop the first contribution.
    if (mode === 'join' && this.joinRequest?.mode === 'join') return this.#joinAnswer!;
    this.joinRequest?.reject(new Error('Replaced by a newer request.'));
    const answered = (this.#joinAnswer = new Promise<Member>((resolve, reject) => {
      this.joinError = '';
      this.joinRequest = { resolve, reject, reason, mode };
    }).finally(() => {
      this.joinRequest = undefined;
    }));
    // The form appears below the content: take keyboard and screen-reader users to it.
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('#join-name')?.focus());
    return answered;
  }

  /** "Change" next to "Posting as …": the same form, to rename; focus comes back to the button after. */
  async #onChangeName() {
    try {
      const member = await this.#openJoinForm('rename', 'rename');
      if (this.#parts) this.announcer.announce(this.#parts.renamedMessage(member.displayName));
    } catch {
      // cancelled
    }
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLButtonElement>('.identity button')?.focus();
  }

  /**
   * Whether this element's contributions appear under the learner's name, so it says "Posting as <name>".
   * An element marked `anonymous` does not; widgets whose stored state decides anonymity override this.
   */
  protected get postsUnderName(): boolean {
    return !this.hasAttribute('anonymous');
  }

  /** "Posting as <name> · Change", once the learner has a name in this space. */
  #renderIdentity() {
    const name = this.spaceState?.member?.displayName;
    if (!name || this.isRemoved || this.joinRequest || !this.postsUnderName || !this.#parts) return nothing;
    return this.#parts.renderIdentity(name, () => this.#onChangeName());
  }

  /** What the sign-in form may ask of this element. */
  readonly #signInHost = ((element: CohortElement): import('./sign-in-form.js').SignInHost => ({
    addController: (controller) => element.addController(controller),
    removeController: (controller) => element.removeController(controller),
    requestUpdate: () => element.requestUpdate(),
    get updateComplete() {
      return element.updateComplete;
    },
    get renderRoot() {
      return element.renderRoot;
    },
    get identity() {
      return element.runtime?.mode === 'live' ? element.runtime.identity : undefined;
    },
    announce: (message) => element.announcer.announce(message),
  }))(this);

  #useSignIn(signIn: SignInModule, runtime: FirebaseRuntime) {
    this.#signIn = signIn;
    if (!this.#signInFlow) {
      this.#signInFlow = new signIn.SignInFlow(this.#signInHost);
      if (!this.offersSignIn) this.#signInFlow.open(false);
    }
    if (runtime.mode === 'live') {
      this.#cleanups.push(
        runtime.identity.watchSignInDelay((delayed) => {
          this.signInDelayed = delayed;
          if (delayed && this.#parts) this.announcer.announce(this.#parts.signInDelayMessage(this.widget));
        }),
      );
    }
  }

  #useParts(parts: PartsModule) {
    // Every start watches the sign-in notice: a removal stopped the watch of an element that was put back later.
    this.#signInNotice ??= new parts.SignInNoticeView(this, this.announcer);
    if (this.#parts) return;
    this.#parts = parts;
    const root = this.renderRoot as ShadowRoot;
    if (parts.partStyles.styleSheet)
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, parts.partStyles.styleSheet];
    this.#pending = new parts.PendingWrites(this, this.announcer);
  }

  async #onJoinSubmit(event: SubmitEvent) {
    event.preventDefault();
    const answers = this.#joinForm!.readJoinForm(event.target as HTMLFormElement);
    if ('error' in answers) {
      this.joinError = answers.error;
      return;
    }
    if (!this.runtime || !this.data || !this.spaceState) return;
    this.joinBusy = true;
    this.joinError = '';
    try {
      // The account first, outside the write's short wait: while many people join from one network, Auth may take
      // a while to accept a new one, and the membership cannot be written (or counted as kept) until it has.
      await this.runtime.identity.ensureSignedIn();
      await this.settle(this.data.saveMembership(this.runtime, this.spaceId, this.spaceState.member, answers));
      const member: Member = {
        uid: this.runtime.identity.user!.uid,
        role: this.spaceState.member?.role ?? 'learner',
        displayName: answers.displayName,
        normsAcknowledgedAt: this.spaceState.member?.normsAcknowledgedAt ?? null,
      };
      this.joinRequest?.resolve(member);
    } catch (error) {
      this.joinError = (error as Error).message;
    } finally {
      this.joinBusy = false;
    }
  }

  /**
   * Waits for a write the way the mode allows. In preview the SDK never confirms a write (its network is
   * off), so the local result is what counts. Live, the server's answer counts, but not forever: the SDK
   * keeps a write on this device and sends it when the connection returns, so after a short wait (at once
   * when the browser knows it is offline) the write counts as saved here, the element says so, and a later
   * refusal from the server is shown on its own.
   */
  protected async settle(write: Promise<unknown>): Promise<void> {
    if (this.runtime?.mode === 'preview') {
      write.catch((error) => console.error('[cohort-kit] preview write failed', error));
      return;
    }
    const answer = write.then(
      () => undefined,
      (error: unknown) => this.#describeWriteError(error),
    );
    if (this.#pending) return this.#pending.settle(answer);
    const error = await answer;
    if (error) throw error;
  }

  /** What a refused write says to the learner: see WidgetHost.explainRefusal. */
  protected explainRefusal(error: unknown): Promise<Error> {
    return this.#describeWriteError(error);
  }

  async #describeWriteError(error: unknown): Promise<CohortConnectionError> {
    if (error instanceof CohortConnectionError) return error;
    const data = this.data ?? (await import('./data.js'));
    const described = data.describeFirestoreError(error);
    // A page opened before the round closed: the refusal is the closing, which the server tells at once.
    if (described.code === 'permission-denied' && this.runtime && this.#parts) {
      const endedAt = this.#roundEndedAt() ?? (await data.roundEndedAt(this.runtime, this.spaceId));
      if (endedAt)
        return new CohortConnectionError(this.#parts.roundEndedMessage(endedAt, this.locale), false, 'round-ended');
    }
    return described;
  }

  /** When the space's round was closed, as this page knows it (undefined while it is open). */
  #roundEndedAt(): Date | undefined {
    return this.spaceState?.settings.closedAt?.toDate();
  }

  #onJoinCancel() {
    this.joinRequest?.reject(new Error('cancelled'));
  }

  /** The markup every element shares around its content. */
  protected override render(): TemplateResult {
    const preview = this.runtime?.mode === 'preview' || this.#configuredPreview();
    return html`<div class="frame" part="base">
      ${preview ? html`<span class="preview-marker" part="preview-marker"><span aria-hidden="true">◐</span>${msg('Preview — only you can see this', { id: 'core.preview' })}</span>` : nothing}
      ${this.#signInNotice?.render() ?? nothing}
      ${
        this.problem
          ? html`<div class="notice notice--error" role="alert" part="problem">
              <p class="notice__title">${msg('This element cannot be shown', { id: 'core.problem' })}</p>
              <p>${this.problem.message}</p>
            </div>`
          : html`${this.spaceState?.stale ? html`<p class="notice" role="status" part="stale">${this.#parts?.unreachableMessage(this.#resolved)}</p>` : nothing}
            ${this.#renderRoundEnded()} ${this.renderContent()}
            ${this.isRemoved && this.#parts ? this.#parts.renderRemoved() : nothing}
            ${
              this.signInDelayed && this.#parts
                ? html`<p class="notice" part="join-busy">${this.#parts.signInDelayMessage(this.widget)}</p>`
                : nothing
            }
            ${this.#pending?.render() ?? nothing} ${this.#renderIdentity()}
            ${
              this.joinRequest && this.#joinForm
                ? this.#joinForm.renderJoinForm({
                    state: this.spaceState,
                    mode: this.joinRequest.mode,
                    error: this.joinError,
                    busy: this.joinBusy,
                    onSubmit: (event) => this.#onJoinSubmit(event),
                    onCancel: () => this.#onJoinCancel(),
                  })
                : nothing
            }
            ${this.offersSignIn ? this.renderSignIn() : nothing}`
      }
      <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${this.announcer.message}</div>
    </div>`;
  }

  #renderRoundEnded() {
    const endedAt = this.#roundEndedAt();
    return endedAt && this.#parts ? this.#parts.renderRoundEnded(endedAt, this.locale) : nothing;
  }

  #configuredPreview(): boolean {
    return isPreview(givenConfig());
  }

  /** The widget's own content. Before data arrives, a skeleton sized like the content. */
  protected abstract renderContent(): TemplateResult | typeof nothing;
}
