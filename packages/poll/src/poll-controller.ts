// The poll's subscriptions and writes, and their state: voting, suggesting, creating, closing and syncing the
// stored poll, and whether it conflicts with the page. Loaded after first paint; it reaches the element only
// through its WidgetHost.
import { msg, str } from '@lit/localize';
import type { ReactiveController } from 'lit';
import { CohortConnectionError, whenReady, type FirebaseRuntime, type WidgetHost } from '@cohort-kit/core';
import { KeyedSubscription } from '@cohort-kit/core/data.js';
import { CohortVoteEvent } from './events.js';
import { conflicts, labelProblem, lengthProblem, planVote, sameDefinition, voteAnnouncement } from './poll-checks.js';
import * as pollData from './poll-data.js';
import type { PollDefinition, PollSnapshot, StoredOption } from './poll-data.js';
import { MAX_OPTIONS, slugify } from './poll-markup.js';
import { queuedMessage, type DisplayedOption } from './views/options.js';
import type { FacilitatorActions, FacilitatorState } from './views/facilitator.js';
import { resultsUpdated } from './views/results.js';

type DataModule = typeof import('@cohort-kit/core/data.js');

/** What the controller reads from the element: the poll as its page writes it. */
export interface PollPage {
  readonly poll: string;
  readonly results: 'after-vote' | 'always' | 'after-close';
  /** The poll names the cohort: once closed, facilitators may make its leading option the cohort's label. */
  readonly namesCohort: boolean;
  /** Question, options, choice limit, anonymity, suggestions and closing time, as the page says. */
  readonly definition: PollDefinition;
}

const ANNOUNCE_OTHERS_EVERY_MS = 15000;
/** How long a tap made while the poll loads waits for it before saying so. */
const LOAD_WAIT_MS = 20000;

export class PollController implements ReactiveController, FacilitatorActions {
  snapshot?: PollSnapshot;
  /** Why the last action failed, shown under the poll; '' when it did not. */
  error = '';
  busy = false;
  /** An option tapped before the poll had loaded: the vote is saved once it has. */
  queued = '';

  #now = Date.now();
  #lastOthersAnnouncement = 0;
  #lastCounts = '';
  #votes: Promise<void> = Promise.resolve();
  #closeTimer?: ReturnType<typeof setTimeout>;
  #scheduledClose: number | null = null;
  #warnedDrift = false;
  #suggestedHere = false;
  /** The connection and the poll the element last started: set by start(), cleared by its cleanup. */
  #source?: { runtime: FirebaseRuntime; data: DataModule; space: string; poll: string };
  /**
   * The poll's listeners, one set per space and poll. A change of learner is followed inside watchPoll (only their
   * own vote is read again), so the learner is not part of the key.
   */
  readonly #watch: KeyedSubscription<readonly [space: string, poll: string]>;

  constructor(
    private readonly host: WidgetHost,
    private readonly page: PollPage,
  ) {
    host.addController(this);
    this.#watch = new KeyedSubscription(host, {
      key: () => (this.#source ? ([this.#source.space, this.#source.poll] as const) : undefined),
      subscribe: ([space, poll]) => {
        const { runtime, data } = this.#source!;
        return pollData.watchPoll(
          runtime,
          data,
          space,
          poll,
          (snapshot) => this.#onSnapshot(snapshot),
          (error) => host.fail({ kind: 'connection', message: error.message }),
          () => host.requestUpdate(),
        );
      },
    });
  }

  hostConnected(): void {
    // Back on the page (moved, or put back): the closing time is watched again without waiting for an update.
    this.#scheduleClose();
  }

  hostUpdated(): void {
    this.#scheduleClose();
  }

  hostDisconnected(): void {
    clearTimeout(this.#closeTimer);
    this.#scheduledClose = null;
  }

  #set(change: Partial<Pick<PollController, 'error' | 'busy' | 'queued'>>) {
    Object.assign(this, change);
    this.host.requestUpdate();
  }

  /** Watches the element's space and poll, as checked by the element; returns the cleanup. */
  start(runtime: FirebaseRuntime, data: DataModule): () => void {
    const definition = this.page.definition;
    // Checked with the data rather than at first paint: rare, and its messages need not weigh on every page.
    const tooLong = lengthProblem(definition.question, definition.options);
    if (tooLong) {
      this.host.fail({ kind: 'markup', message: tooLong });
      return () => {};
    }
    const source = { runtime, data, space: this.host.spaceId, poll: this.page.poll };
    this.#source = source;
    this.#watch.refresh();
    return () => {
      if (this.#source !== source) return; // already started again
      this.#source = undefined;
      this.#watch.refresh();
    };
  }

  #onSnapshot(snapshot: PollSnapshot) {
    const previous = this.snapshot;
    this.snapshot = snapshot;
    this.host.requestUpdate();
    this.#scheduleClose();
    if (!this.#warnedDrift && snapshot.poll && !sameDefinition(snapshot.poll, this.page.definition)) {
      this.#warnedDrift = true;
      console.warn(`[cohort-kit] <cohort-poll poll="${this.page.poll}">: the markup differs from the stored poll.`);
    }
    const counts = JSON.stringify([...snapshot.counts]);
    // Other people's votes only: not this learner's own write on its way or just confirmed.
    const others = !snapshot.countsPending && !this.busy;
    if (previous && this.#lastCounts && counts !== this.#lastCounts && others && this.resultsVisible) {
      const mineChanged = JSON.stringify(previous.myChoices) !== JSON.stringify(snapshot.myChoices);
      if (!mineChanged && Date.now() - this.#lastOthersAnnouncement > ANNOUNCE_OTHERS_EVERY_MS) {
        this.#lastOthersAnnouncement = Date.now();
        this.host.announce(resultsUpdated(this.displayedOptions(), snapshot.counts));
      }
    }
    this.#lastCounts = counts;
  }

  /**
   * When the poll closes: the earlier of the stored time (what the rules enforce) and the page's (what the author
   * wrote). Either one passing closes it on screen.
   */
  get closesAt(): Date | null {
    const times = [this.snapshot?.poll?.closesAt, this.page.definition.closesAt].filter((date): date is Date =>
      Boolean(date),
    );
    return times.length ? new Date(Math.min(...times.map((date) => date.getTime()))) : null;
  }

  #scheduleClose() {
    const closesAt = this.closesAt;
    if ((closesAt?.getTime() ?? null) === this.#scheduledClose) return;
    this.#scheduledClose = closesAt?.getTime() ?? null;
    clearTimeout(this.#closeTimer);
    if (!closesAt) return;
    const wait = closesAt.getTime() - Date.now();
    if (wait <= 0) {
      this.#tick(); // already past (a stored time that just arrived): closed now
      return;
    }
    // setTimeout overflows past ~24.8 days; a poll closing later re-checks then.
    this.#closeTimer = setTimeout(
      () => {
        this.#tick();
        this.#scheduledClose = null;
        this.#scheduleClose();
      },
      Math.min(wait + 50, 2 ** 31 - 1),
    );
  }

  #tick() {
    this.#now = Date.now();
    this.host.requestUpdate();
  }

  /** The poll and this learner's own vote are known: options take votes. */
  get loaded(): boolean {
    return this.snapshot?.poll !== undefined && Boolean(this.snapshot?.myVoteLoaded);
  }

  get closed(): boolean {
    if (this.snapshot?.poll?.closed) return true;
    const closesAt = this.closesAt;
    return Boolean(closesAt && closesAt.getTime() <= this.#now);
  }

  /** Anonymous if the page or the stored poll says so: then nothing this learner writes carries their name. */
  get anonymous(): boolean {
    return this.page.definition.anonymous || Boolean(this.snapshot?.poll?.anonymous);
  }

  /** The stored poll would refuse this page's votes, or would not keep the anonymity the page promises. */
  get conflict(): boolean {
    const stored = this.snapshot?.poll;
    return Boolean(stored && conflicts(stored, this.page.definition));
  }

  /** The stored poll takes no suggestions from this page. */
  get suggestionsClosed(): boolean {
    return this.conflict || this.snapshot?.poll?.allowSuggestions === false;
  }

  get hasVoted(): boolean {
    return (this.snapshot?.myChoices.length ?? 0) > 0;
  }

  get resultsVisible(): boolean {
    if (this.closed || this.host.isFacilitator || this.page.results === 'always') return true;
    if (this.page.results === 'after-close') return false;
    return this.hasVoted;
  }

  /** Names never show where the page or the stored poll is anonymous. */
  get recentVoters(): string[] {
    return this.anonymous ? [] : (this.snapshot?.recentVoters ?? []);
  }

  /** Markup options first, then learners' suggestions; at most twelve. */
  displayedOptions(): DisplayedOption[] {
    const { options: markup, allowSuggestions } = this.page.definition;
    const options: DisplayedOption[] = [...markup];
    const known = new Set(options.map((option) => option.value));
    // Learners' suggestions appear only where the author's markup asks for them.
    for (const suggestion of allowSuggestions ? (this.snapshot?.suggestions ?? []) : []) {
      if (!known.has(suggestion.value) && options.length < MAX_OPTIONS) {
        options.push({ ...suggestion, suggested: true });
        known.add(suggestion.value);
      }
    }
    return options;
  }

  /** This learner's choices among the options on screen (a removed suggestion is not). */
  shownChoices(options = this.displayedOptions()): string[] {
    const shown = new Set(options.map((option) => option.value));
    return (this.snapshot?.myChoices ?? []).filter((value) => shown.has(value));
  }

  /** What the hint under the question says once the poll has loaded (see hintText). */
  hintState(options: DisplayedOption[], showResults: boolean) {
    const { multiple, maxChoices } = this.page.definition;
    return {
      voted: this.hasVoted,
      choiceGone: this.hasVoted && this.shownChoices(options).length === 0,
      multiple,
      max: maxChoices,
      afterClose: this.page.results === 'after-close',
      showResults,
    };
  }

  facilitatorState(options: DisplayedOption[]): FacilitatorState {
    const stored = this.snapshot?.poll;
    // A poll nobody has voted in can be reset to the page, anonymity included; one with votes stays anonymous.
    const voters = this.snapshot?.voters ?? 0;
    return {
      drift: Boolean(stored && !sameDefinition(stored, this.page.definition, voters > 0)),
      suggestions: options.filter((option) => option.suggested),
      closed: Boolean(stored?.closed),
      cohortName: this.#cohortName(options),
    };
  }

  /** A closed naming poll's leading option (the first listed of a tie), and whether the cohort already bears it. */
  #cohortName(options: DisplayedOption[]): FacilitatorState['cohortName'] {
    if (!this.page.namesCohort || !this.closed) return undefined;
    const counts = this.snapshot?.counts ?? new Map<string, number>();
    let leader: DisplayedOption | undefined;
    for (const option of options)
      if ((counts.get(option.value) ?? 0) > (leader ? (counts.get(leader.value) ?? 0) : 0)) leader = option;
    if (!leader) return undefined;
    // The rules keep a label to 60 characters.
    const label = [...leader.label.trim()].slice(0, 60).join('').trim();
    return { label, current: this.host.spaceState?.settings.cohortLabel === label };
  }

  /** "Use as cohort name": the space's cohort label becomes the leading option's. */
  readonly useAsCohortName = () =>
    this.#attempt(async () => {
      const name = this.#cohortName(this.displayedOptions());
      if (!name) return;
      await this.host.settle(pollData.setCohortLabel(this.host.runtime!, this.host.spaceId, name.label));
      this.host.announce(msg(str`The cohort is now named "${name.label}".`, { id: 'poll.cohort-named' }));
    });

  /** A tap on an option: a vote, or a change of vote, once the poll has loaded. */
  async choose(option: StoredOption, alreadyAnnounced = false) {
    if (this.closed || this.conflict) return;
    // A tap before the poll has loaded is kept, and says so, rather than dropped.
    if (!this.#ready()) {
      this.#set({ queued: option.value });
      if (!alreadyAnnounced) this.host.announce(queuedMessage());
    }
    // Votes go one after another, each computed from the state the previous one left.
    this.#votes = this.#votes.then(() => this.#vote(option)).catch(() => {});
    await this.#votes;
  }

  /** The poll, this learner's own vote and their membership are known: a vote can be computed. */
  #ready(): boolean {
    return Boolean(this.host.runtime) && this.loaded && Boolean(this.host.spaceState?.memberLoaded);
  }

  /** Waits for `check`; after LOAD_WAIT_MS says the poll is still loading and resolves false. */
  async #until(check: () => boolean): Promise<boolean> {
    const ready = await whenReady(check, LOAD_WAIT_MS);
    if (!ready)
      this.#set({ error: msg('The poll is still loading. Try again in a moment.', { id: 'poll.still-loading' }) });
    return ready;
  }

  async #vote(option: StoredOption) {
    this.#set({ error: '' });
    const ready = await this.#until(() => this.#ready());
    this.#set({ queued: '' });
    if (!ready) return;
    if (this.closed || this.conflict) return;
    const runtime = this.host.runtime!;
    const anonymous = this.anonymous;
    let voterName: string | null = null;
    try {
      if (anonymous) {
        // No name, no membership: nothing public changes at the moment this learner's count moves.
        await runtime.identity.ensureSignedIn();
      } else {
        voterName = (await this.host.requireMember('vote')).displayName;
      }
    } catch (error) {
      // The learner cancelled the name form (nothing to say), or signing in failed (say why).
      if (anonymous) this.#set({ error: (error as Error).message });
      return;
    }
    // Just signed in: this learner's own earlier vote (another device) must be known before a change is computed.
    if (!(await this.#until(() => Boolean(this.snapshot?.myVoteLoaded)))) return;
    // Just signed in or not: the change is computed from this learner's own vote as loaded.
    const snapshot = this.snapshot!;
    const uid = runtime.identity.user!.uid;
    const { multiple, maxChoices } = this.page.definition;
    const shown = new Set(this.displayedOptions().map((each) => each.value));
    const plan = planVote(snapshot.myChoices, option.value, shown, multiple, maxChoices);
    if (typeof plan === 'string') {
      this.#set({ error: plan });
      return;
    }
    if (!plan) return;
    const change = plan;
    this.#set({ busy: true });
    try {
      if (snapshot.poll === null) await this.#createPoll(uid);
      const firstVote = snapshot.myShard === undefined;
      const shard = snapshot.myShard ?? pollData.pickShard();
      // Voters this page counts, modulo the three slots: successive first votes fill the slots in turn.
      const recentSlot = snapshot.voters;
      const { spaceId } = this.host;
      const write = pollData.castVote(runtime, spaceId, this.page.poll, uid, change, {
        firstVote,
        shard,
        voterName,
        recentSlot,
      });
      // The choice shows when the listener reports it, a moment later: by then the SDK has it on this device,
      // so a reload straight after cannot lose a vote the learner saw as made.
      await this.host.settle(write);
      this.host.emit(new CohortVoteEvent({ space: spaceId, poll: this.page.poll, choices: change.choices }));
      this.host.announce(voteAnnouncement(Boolean(change.added), option.label));
    } catch (error) {
      // A refused write is undone by the SDK, and the listener shows the vote as it was.
      this.#set({ error: (error as Error).message });
    } finally {
      this.#set({ busy: false });
    }
  }

  async #createPoll(uid: string) {
    const { runtime, spaceId } = this.host;
    try {
      await this.host.settle(pollData.createPoll(runtime!, spaceId, this.page.poll, this.page.definition, uid));
    } catch (error) {
      // Someone created it a moment before us: that is fine, their poll is the one to vote in.
      if (!(error instanceof CohortConnectionError) || error.retryable) throw error;
    }
  }

  async #attempt(action: () => Promise<void>) {
    try {
      await action();
    } catch (error) {
      this.#set({ error: (error as Error).message });
    }
  }

  /** The space's own blocked words; settings are stored data, so anything in the list that is not a word is ignored. */
  #spaceWords(): string[] {
    const words = this.host.spaceState?.settings.blockedWords;
    return Array.isArray(words) ? words.filter((word): word is string => typeof word === 'string') : [];
  }

  /** Adds the learner's one suggestion: in an anonymous poll without asking their name. */
  async suggest(form: HTMLFormElement) {
    const input = form.elements.namedItem('suggestion') as HTMLInputElement;
    const label = input.value.trim().slice(0, 80);
    if (!label) return;
    // Refused here with the reason, and the field keeps the text to fix: nothing is written.
    const problem = labelProblem(label, this.host.locale, this.#spaceWords());
    if (problem) {
      this.#set({ error: problem });
      return;
    }
    const value = slugify(label) || `suggestion-${Date.now().toString(36)}`;
    if (this.displayedOptions().some((option) => option.value === value)) {
      this.#set({ error: msg('That option is already in the poll.', { id: 'poll.suggest-exists' }) });
      return;
    }
    if (this.snapshot!.suggested || this.#suggestedHere) {
      this.#set({
        error: msg('You have already suggested an option: each learner adds one.', { id: 'poll.suggest-once' }),
      });
      return;
    }
    // Counted as made from the first tap: a second suggestion sent while this one is on its way (a double tap, or
    // the server's answer still in flight) is refused here with a clear message, not by the rules.
    this.#suggestedHere = true;
    const anonymous = this.anonymous;
    const runtime = this.host.runtime!;
    let uid: string;
    try {
      uid = anonymous ? (await runtime.identity.ensureSignedIn()).uid : (await this.host.requireMember('suggest')).uid;
    } catch (error) {
      this.#suggestedHere = false;
      // The learner cancelled the name form (nothing to say), or signing in failed (say why).
      if (anonymous) this.#set({ error: (error as Error).message });
      return;
    }
    await this.#attempt(async () => {
      try {
        if (this.snapshot!.poll === null) await this.#createPoll(uid);
        const { spaceId } = this.host;
        const write = pollData.suggestOption(runtime, spaceId, this.page.poll, uid, { value, label }, anonymous);
        // Handed to the SDK: the field is free for the learner again at once, so nothing done while the server's
        // answer is on its way (another try, and the message it gets) is undone when that answer comes.
        input.value = '';
        this.#set({ error: '' });
        // Refused, now or later (the element says why): the learner gets their text and their one suggestion back.
        write.catch(() => {
          this.#suggestedHere = false;
          if (!input.value) input.value = label;
        });
        await this.host.settle(write);
      } catch (error) {
        this.#suggestedHere = false;
        throw error;
      }
      this.host.announce(msg(str`Option added: ${label}`, { id: 'poll.suggest-added' }));
    });
  }

  readonly toggleClosed = () =>
    this.#attempt(async () => {
      const { runtime, spaceId } = this.host;
      const snapshot = this.snapshot!;
      if (snapshot.poll === null) await this.#createPoll(runtime!.identity.user!.uid);
      await this.host.settle(pollData.setClosed(runtime!, spaceId, this.page.poll, !snapshot.poll?.closed));
    });

  readonly sync = () =>
    this.#attempt(() => {
      const snapshot = this.snapshot!;
      // With votes in it an anonymous poll stays anonymous; nobody has voted yet, it is reset to the page as written.
      const keepAnonymous = Boolean(snapshot.poll?.anonymous) && snapshot.voters > 0;
      const { runtime, spaceId } = this.host;
      return this.host.settle(
        pollData.syncPoll(runtime!, spaceId, this.page.poll, this.page.definition, keepAnonymous),
      );
    });

  readonly remove = (option: StoredOption) =>
    this.#attempt(() =>
      this.host.settle(pollData.removeSuggestion(this.host.runtime!, this.host.spaceId, this.page.poll, option.value)),
    );
}
