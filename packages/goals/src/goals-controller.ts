// The goal board's subscriptions and writes, and their state: a page of the cohort's goals and the learner's own,
// live; setting, editing, finishing, pausing and checking in on a goal; reflections; cheers; the check-in
// timeline on demand. Loaded after first paint; it reaches the element only through its WidgetHost.
import { msg } from '@lit/localize';
import type { ReactiveController } from 'lit';
import { whenReady, type FirebaseRuntime, type WidgetHost } from '@cohort-kit/core';
import { KeyedSubscription, nextAllowedAt } from '@cohort-kit/core/data.js';
import type { Report } from '@cohort-kit/core/report-form.js';
import { BuddyController } from './buddy-controller.js';
import { CohortCheckInEvent, CohortCheerEvent, CohortGoalEvent, type CohortGoalDetail } from './events.js';
import * as goalsData from './goals-data.js';
import type { CheckIn, CheckInStatus, Goal, GoalContent, GoalStatus, Visibility } from './goals-data.js';

type WriteBatch = ReturnType<typeof goalsData.setGoal>;

type DataModule = typeof import('@cohort-kit/core/data.js');
type Source = { runtime: FirebaseRuntime; data: DataModule; space: string; board: string };

/** What the controller reads from the element: the board as its page writes it. */
export interface GoalsPage {
  readonly board: string;
  /** The page's `max-goals`, when it has the attribute: a facilitator's visit stores it for the rules. */
  readonly maxGoals: number | undefined;
}

const LOAD_WAIT_MS = 20000;

/**
 * Each learner's last own write on each board from this page, by space, board and learner: every element of the page
 * waits for it before computing the next (see commitOwn).
 */
const ownWrites = new Map<string, Promise<unknown>>();

export class GoalsController implements ReactiveController {
  /** The cohort's goals on screen, newest activity first (the learner's own included). */
  board: Goal[] = [];
  /** The learner's own goals, private ones too. */
  mine: Goal[] = [];
  boardLoaded = false;
  mineLoaded = false;
  /** More goals may follow the page shown. */
  more = false;
  /** How many active goals the rules allow each learner here (the board's stored limit, or 1). */
  limit = 1;
  error = '';
  /** Actions on their way, by key ('set', 'check-in:<goal>', 'cheer:<goal>'…): a second press waits for none. */
  readonly busy = new Set<string>();
  /** Goals this learner has cheered, and check-ins (by '<goal>/<check-in>'). */
  readonly cheered = new Set<string>();
  /** Goals this learner reported from this page. */
  readonly reported = new Set<string>();
  /** Cheers with their notes, by goal, opened on demand by the goal's owner (or a facilitator). */
  readonly cheerNotes = new Map<string, { uid: string; note: string }[] | 'loading'>();
  /** The learner's accountability buddies. */
  readonly buddies: BuddyController;
  /** Check-in timelines opened, by goal. */
  readonly timelines = new Map<string, CheckIn[] | 'loading'>();

  #size = goalsData.PAGE_SIZE;
  #cheerChecked = new Set<string>();
  #source?: Source;
  readonly #watch: KeyedSubscription<readonly [string, string, string, boolean, number]>;

  constructor(
    private readonly host: WidgetHost,
    private readonly page: GoalsPage,
  ) {
    host.addController(this);
    this.buddies = new BuddyController(host, (key, reason, write) => this.#act(key, reason, write));
    this.#watch = new KeyedSubscription(host, {
      key: () => {
        const source = this.#source;
        if (!source) return undefined;
        const uid = this.host.spaceState?.user?.uid ?? '';
        return [source.space, source.board, uid, this.host.isFacilitator, this.#size] as const;
      },
      subscribe: ([space, board, uid, facilitator, size]) => this.#subscribe(space, board, uid, facilitator, size),
    });
  }

  hostUpdate(): void {
    // The learner or their role changed (signed in, joined): the key follows, and so do the listeners.
    this.#watch.refresh();
  }

  start(runtime: FirebaseRuntime, data: DataModule): () => void {
    const source = { runtime, data, space: this.host.spaceId, board: this.page.board };
    this.#source = source;
    this.#watch.refresh();
    void this.#loadLimit();
    const stopBuddies = this.buddies.start(source);
    return () => {
      stopBuddies();
      if (this.#source !== source) return;
      this.#source = undefined;
      this.#watch.refresh();
    };
  }

  get loaded(): boolean {
    return this.boardLoaded && this.mineLoaded;
  }

  #subscribe(space: string, board: string, uid: string, facilitator: boolean, size: number): () => void {
    const { runtime, data } = this.#source!;
    const { db } = runtime;
    const fail = (error: Error) => this.host.fail({ kind: 'connection', message: error.message });
    const stale = () => this.host.requestUpdate();
    this.boardLoaded = false;
    this.mineLoaded = !uid;
    if (!uid) this.mine = [];
    const stops = [
      data.watchQuery(runtime, 'goals', goalsData.boardQuery(db, space, board, size + 1, facilitator), {
        next: (snapshot) => {
          const goals = snapshot.docs.map((each) =>
            goalsData.readGoal(each.id, each.data({ serverTimestamps: 'estimate' }), each.metadata.hasPendingWrites),
          );
          this.more = goals.length > size;
          this.board = goals.slice(0, size);
          this.boardLoaded = true;
          this.host.requestUpdate();
          void this.#checkCheers();
        },
        error: fail,
        stale,
      }),
    ];
    if (uid) {
      stops.push(
        data.watchQuery(runtime, 'goals', goalsData.myGoalsQuery(db, space, board, uid), {
          next: (snapshot) => {
            this.mine = snapshot.docs
              .map((each) =>
                goalsData.readGoal(
                  each.id,
                  each.data({ serverTimestamps: 'estimate' }),
                  each.metadata.hasPendingWrites,
                ),
              )
              .sort((a, b) => (b.createdAt?.getTime() ?? Infinity) - (a.createdAt?.getTime() ?? Infinity));
            this.mineLoaded = true;
            this.host.requestUpdate();
          },
          error: fail,
          stale,
        }),
      );
    }
    return () => stops.forEach((stop) => stop());
  }

  /** The board's stored limit; a facilitator whose page asks for another stores the page's. */
  async #loadLimit() {
    const source = this.#source;
    if (!source) return;
    const { db } = source.runtime;
    const stored = await goalsData.storedLimit(db, source.space, source.board);
    this.limit = stored;
    this.host.requestUpdate();
    const asked = this.page.maxGoals;
    if (asked !== undefined && asked !== stored) {
      const ready = await whenReady(() => Boolean(this.host.spaceState?.memberLoaded), LOAD_WAIT_MS);
      if (ready && this.host.isFacilitator) {
        await this.host.settle(goalsData.storeLimit(db, source.space, source.board, asked)).then(
          () => ((this.limit = asked), this.host.requestUpdate()),
          () => {},
        );
      }
    }
  }

  /** Whether this learner cheered each goal shown that is not theirs: one read per goal, once. */
  async #checkCheers() {
    const source = this.#source;
    const uid = this.host.spaceState?.user?.uid;
    if (!source || !uid) return;
    for (const goal of [...this.board, ...this.buddies.goals]) {
      if (goal.ownerId === uid) continue;
      const checkIn = goal.lastCheckIn;
      const asked: [string, string | undefined, number][] = [[goal.id, undefined, goal.cheers]];
      if (checkIn) asked.push([`${goal.id}/${checkIn.id}`, checkIn.id, checkIn.cheers]);
      for (const [key, checkInId, count] of asked) {
        if (this.#cheerChecked.has(key) || count === 0) continue;
        this.#cheerChecked.add(key);
        if (await goalsData.hasCheered(source.runtime.db, source.space, source.board, goal.id, uid, checkInId)) {
          this.cheered.add(key);
          this.host.requestUpdate();
        }
      }
    }
  }

  /** One more page of goals ("Load more"). */
  loadMore(): void {
    this.#size += goalsData.PAGE_SIZE;
    this.#watch.refresh();
  }

  /** Active goals of this learner. */
  get activeMine(): Goal[] {
    return this.mine.filter((goal) => goal.status === 'active');
  }

  get canSetGoal(): boolean {
    return this.activeMine.length < this.limit;
  }

  #set(change: { error?: string }) {
    Object.assign(this, change);
    this.host.requestUpdate();
  }

  /**
   * Runs one action once: a second press while it is on its way does nothing. Joins first (name, norms), waits for
   * the learner's own goals, writes, and reports a refusal in words.
   */
  async #act(
    key: string,
    reason: string,
    write: (uid: string, source: Source) => Promise<string | void>,
  ): Promise<boolean> {
    if (this.busy.has(key)) return false;
    // The data source of the press (once started): the write goes on if the element leaves the page meanwhile.
    const pressed = this.#source;
    this.busy.add(key);
    this.#set({ error: '' });
    try {
      await this.host.requireMember(reason);
      const ready = await whenReady(
        () => Boolean(this.#source && this.mineLoaded && this.host.spaceState?.user),
        LOAD_WAIT_MS,
      );
      if (!ready) {
        this.#set({ error: msg('The board is still loading. Try again in a moment.', { id: 'goals.still-loading' }) });
        return false;
      }
      const said = await write(this.host.spaceState!.user!.uid, pressed ?? this.#source!);
      if (said) this.host.announce(said);
      return true;
    } catch (error) {
      // The learner closed the join form: nothing to say.
      if ((error as Error).message !== 'cancelled') this.#set({ error: (error as Error).message });
      return false;
    } finally {
      this.busy.delete(key);
      this.host.requestUpdate();
    }
  }

  /**
   * Sends an owner's batch once the rate allows it. Each is computed from the rate document as the server holds it
   * after the one before (its window start is the server's time), so live, a write waits for the previous one's
   * answer, not only for the short wait after which the element calls it saved.
   */
  async #commitOwn(source: Source, uid: string, build: (w: goalsData.Writer) => WriteBatch) {
    const { runtime, space, board } = source;
    // One rate document per learner in the space: every board's element of this page takes its turn on it.
    const key = `${space}/${uid}`;
    const previous = runtime.mode === 'live' ? ownWrites.get(key) : undefined;
    // The turn is taken before anything is awaited, so two presses in a row (or two elements) queue, never race.
    let release = () => {};
    ownWrites.set(key, new Promise<void>((resolve) => (release = resolve)));
    try {
      await previous;
      const rate = await goalsData.loadRate(runtime.db, space, board, uid);
      const w: goalsData.Writer = { db: runtime.db, space, board, uid, rate };
      const wait = nextAllowedAt(w.rate?.rate ?? null, goalsData.GOAL_RATE.limit) - Date.now();
      if (wait > 0 && w.rate?.rate) await new Promise((resolve) => setTimeout(resolve, wait));
      const commit = build(w).commit();
      void commit.then(release, release);
      await this.host.settle(commit);
    } catch (error) {
      release();
      throw error;
    }
  }

  #emitGoal(goal: string, action: CohortGoalDetail['action']) {
    this.host.emit(new CohortGoalEvent({ space: this.host.spaceId, board: this.page.board, goal, action }));
  }

  setGoal(content: GoalContent, visibility: Visibility): Promise<boolean> {
    return this.#act('set', 'goal', async (uid, source) => {
      if (!this.canSetGoal) {
        throw new Error(
          msg('You already have an active goal here. Mark it done or pause it to set another.', { id: 'goals.limit' }),
        );
      }
      const { runtime, space, board } = source;
      const id = goalsData.newId(runtime.db, space, board);
      const name = this.host.spaceState?.member?.displayName ?? '';
      await this.#commitOwn(source, uid, (w) => goalsData.setGoal(w, id, name, content, visibility));
      this.#emitGoal(id, 'set');
      return msg('Goal set.', { id: 'goals.set-done' });
    });
  }

  editGoal(goal: Goal, content: GoalContent): Promise<boolean> {
    return this.#act(`edit:${goal.id}`, 'goal', async (uid, source) => {
      await this.#commitOwn(source, uid, (w) => goalsData.editGoal(w, goal, content));
      this.#emitGoal(goal.id, 'edit');
      return msg('Goal updated.', { id: 'goals.edit-done' });
    });
  }

  setStatus(goal: Goal, status: GoalStatus): Promise<boolean> {
    return this.#act(`status:${goal.id}`, 'goal', async (uid, source) => {
      if (status === 'active' && !this.canSetGoal) {
        throw new Error(
          msg('You already have an active goal here. Mark it done or pause it to set another.', { id: 'goals.limit' }),
        );
      }
      await this.#commitOwn(source, uid, (w) => goalsData.changeGoal(w, goal, { status }));
      this.#emitGoal(goal.id, status === 'done' ? 'done' : status === 'paused' ? 'pause' : 'resume');
      return status === 'done'
        ? msg('Goal done. Well done!', { id: 'goals.done-done' })
        : status === 'paused'
          ? msg('Goal paused. Pick it up whenever you are ready.', { id: 'goals.pause-done' })
          : msg('Goal active again.', { id: 'goals.resume-done' });
    });
  }

  setVisibility(goal: Goal, visibility: Visibility): Promise<boolean> {
    return this.#act(`visibility:${goal.id}`, 'goal', async (uid, source) => {
      await this.#commitOwn(source, uid, (w) => goalsData.changeGoal(w, goal, { visibility }));
      this.#emitGoal(goal.id, 'visibility');
      return visibility === 'private'
        ? msg('Only you and the facilitators can see this goal now.', { id: 'goals.private-done' })
        : msg('Your cohort can see this goal now.', { id: 'goals.cohort-done' });
    });
  }

  checkIn(goal: Goal, status: CheckInStatus, note: string): Promise<boolean> {
    return this.#act(`check-in:${goal.id}`, 'check-in', async (uid, source) => {
      const { runtime, space, board } = source;
      const id = goalsData.newId(runtime.db, space, board);
      await this.#commitOwn(source, uid, (w) => goalsData.checkIn(w, goal, id, status, note));
      this.timelines.delete(goal.id);
      this.host.emit(new CohortCheckInEvent({ space, board, goal: goal.id, status }));
      return msg('Check-in saved.', { id: 'goals.check-in-done' });
    });
  }

  reflect(goal: Goal, body: string): Promise<boolean> {
    return this.#act(`reflect:${goal.id}`, 'reflection', async (uid, source) => {
      const { runtime, space, board } = source;
      const id = goalsData.newId(runtime.db, space, board);
      await this.#commitOwn(source, uid, (w) => goalsData.reflect(w, goal.id, id, body));
      this.#emitGoal(goal.id, 'reflect');
      return msg('Reflection saved.', { id: 'goals.reflect-done' });
    });
  }

  /** One cheer on a goal, or on its latest check-in, with an optional note. */
  cheer(goal: Goal, note = '', checkIn?: CheckIn): Promise<boolean> {
    const key = checkIn ? `${goal.id}/${checkIn.id}` : goal.id;
    return this.#act(`cheer:${key}`, 'cheer', async (uid, source) => {
      if (this.cheered.has(key) || goal.ownerId === uid) return;
      const { runtime, space, board } = source;
      await this.host.settle(goalsData.cheer({ db: runtime.db, space, board, uid }, goal, note, checkIn?.id).commit());
      this.cheered.add(key);
      this.host.emit(new CohortCheerEvent({ space, board, goal: goal.id }));
      return checkIn
        ? msg('Cheer sent for this check-in.', { id: 'goals.cheer-check-in-done' })
        : msg('Cheer sent.', { id: 'goals.cheer-done' });
    });
  }

  /** One report per learner; enough distinct reports hide the goal until a facilitator looks. */
  report(goal: Goal, report: Report): Promise<boolean> {
    return this.#act(`report:${goal.id}`, 'report', async (uid, source) => {
      const { runtime, space, board } = source;
      const threshold = Number(this.host.spaceState?.settings.reportThreshold) || 3;
      await this.host.settle(goalsData.reportGoal(runtime.db, space, board, goal, uid, report, threshold).commit());
      this.reported.add(goal.id);
      return msg('Thanks. A facilitator will review this goal.', { id: 'goals.reported-done' });
    });
  }

  /** Opens or closes the cheers of the learner's own goal, with their notes. */
  async toggleCheerNotes(goal: Goal): Promise<void> {
    if (this.cheerNotes.has(goal.id)) {
      this.cheerNotes.delete(goal.id);
      this.host.requestUpdate();
      return;
    }
    const source = this.#source;
    if (!source) return;
    this.cheerNotes.set(goal.id, 'loading');
    this.host.requestUpdate();
    const notes = await goalsData.loadCheers(source.runtime.db, source.space, source.board, goal.id).catch(() => []);
    if (this.cheerNotes.get(goal.id) === 'loading')
      this.cheerNotes.set(
        goal.id,
        notes.filter((each) => each.note),
      );
    this.host.requestUpdate();
  }

  /** The goal's owner (or a facilitator) hides a cheer's note from everyone but its writer. */
  hideCheerNote(goal: Goal, cheerer: string): Promise<boolean> {
    return this.#act(`hide-note:${goal.id}/${cheerer}`, 'moderation', async (_uid, source) => {
      const { runtime, space, board } = source;
      await this.host.settle(goalsData.hideCheer(runtime.db, space, board, goal.id, cheerer, true));
      const notes = this.cheerNotes.get(goal.id);
      if (Array.isArray(notes))
        this.cheerNotes.set(
          goal.id,
          notes.filter((each) => each.uid !== cheerer),
        );
      return msg('Note hidden.', { id: 'goals.note-hidden-done' });
    });
  }

  /** A facilitator hides a goal from the cohort, or restores it. */
  setHidden(goal: Goal, hidden: boolean): Promise<boolean> {
    return this.#act(`hide:${goal.id}`, 'moderation', async (_uid, source) => {
      const { runtime, space, board } = source;
      await this.host.settle(goalsData.setHidden(runtime.db, space, board, goal.id, hidden));
      return hidden
        ? msg('Goal hidden from the cohort.', { id: 'goals.hidden-done' })
        : msg('Goal restored.', { id: 'goals.restored-done' });
    });
  }

  /** Opens or closes a goal's check-in timeline; it is read when opened. */
  async toggleTimeline(goal: Goal): Promise<void> {
    if (this.timelines.has(goal.id)) {
      this.timelines.delete(goal.id);
      this.host.requestUpdate();
      return;
    }
    const source = this.#source;
    if (!source) return;
    this.timelines.set(goal.id, 'loading');
    this.host.requestUpdate();
    const entries = await goalsData.loadTimeline(source.runtime.db, source.space, source.board, goal.id);
    if (this.timelines.get(goal.id) === 'loading') this.timelines.set(goal.id, entries);
    this.host.requestUpdate();
  }
}
