// A feedback round's subscriptions and writes, and their state: the round's settings, the learner's work, their
// claims and the reviews they wrote and received, live; sharing, claiming, reviewing, rating and reporting; and a
// facilitator's view of the whole round. Loaded after first paint; it reaches the element only through its
// WidgetHost.
import { msg } from '@lit/localize';
import type { ReactiveController } from 'lit';
import { whenReady, type FirebaseRuntime, type WidgetHost } from '@cohort-kit/core';
import { KeyedSubscription } from '@cohort-kit/core/data.js';
import { CohortRateEvent, CohortReviewEvent, CohortShareEvent } from './events.js';
import { liveLoad, pickWork } from './feedback-allocation.js';
import * as fb from './feedback-data.js';
import type { Claim, Review, ReviewerState, RoundSettings, Slot, Submission, WorkContent } from './feedback-data.js';

type DataModule = typeof import('@cohort-kit/core/data.js');

/** What the controller reads from the element: the round and the settings its page writes. */
export interface FeedbackPage {
  readonly round: string;
  /** The page's settings, for a facilitator's visit to store (the rules hold the stored ones). */
  readonly settings: RoundSettings;
}

const LOAD_WAIT_MS = 20000;
const CLAIM_TRIES = 4;

interface Source {
  runtime: FirebaseRuntime;
  data: DataModule;
  space: string;
  round: string;
}

export type Step = 'share' | 'review' | 'reviewing' | 'read' | 'rate' | 'wait' | 'done' | 'closed';

export class FeedbackController implements ReactiveController {
  settings: RoundSettings = fb.DEFAULT_ROUND;
  roundLoaded = false;
  work: Submission | null = null;
  workLoaded = false;
  reviewer: ReviewerState = fb.readReviewer(undefined);
  claims: Claim[] = [];
  claimsLoaded = false;
  /** Reviews of the learner's work. */
  received: Review[] = [];
  receivedLoaded = false;
  /** Reviews the learner wrote, by id (read one by one: nobody lists them but the author). */
  readonly written = new Map<string, Review>();
  /** The work of the learner's open claim. */
  claimedWork: Submission | null = null;
  /** A facilitator's view: every submission and claim, and the reviews of the work they opened. */
  allWork: (Submission & { id: string })[] = [];
  allClaims: Claim[] = [];
  openedReviews = new Map<string, Review[] | 'loading'>();
  /** Nothing is left to review (every other work taken, or none shared). */
  nothingToReview = false;
  error = '';
  readonly busy = new Set<string>();

  #source?: Source;
  readonly #watch: KeyedSubscription<readonly [string, string, string, boolean]>;

  constructor(
    private readonly host: WidgetHost,
    private readonly page: FeedbackPage,
  ) {
    host.addController(this);
    this.#watch = new KeyedSubscription(host, {
      key: () => {
        const source = this.#source;
        if (!source) return undefined;
        const uid = this.host.spaceState?.user?.uid ?? '';
        return [source.space, source.round, uid, this.host.isFacilitator] as const;
      },
      subscribe: ([space, round, uid, facilitator]) => this.#subscribe(space, round, uid, facilitator),
    });
  }

  hostUpdate(): void {
    this.#watch.refresh();
  }

  start(runtime: FirebaseRuntime, data: DataModule): () => void {
    const source: Source = { runtime, data, space: this.host.spaceId, round: this.page.round };
    this.#source = source;
    this.#watch.refresh();
    void this.#storeSettings();
    return () => {
      if (this.#source !== source) return;
      this.#source = undefined;
      this.#watch.refresh();
    };
  }

  get loaded(): boolean {
    return this.roundLoaded && this.workLoaded && this.claimsLoaded && this.receivedLoaded;
  }

  #subscribe(space: string, round: string, uid: string, facilitator: boolean): () => void {
    const { runtime, data } = this.#source!;
    const { db } = runtime;
    const fail = (error: Error) => this.host.fail({ kind: 'connection', message: error.message });
    const stale = () => this.host.requestUpdate();
    const update = () => this.host.requestUpdate();
    this.roundLoaded = false;
    this.workLoaded = this.claimsLoaded = this.receivedLoaded = !uid;
    const stops = [
      data.watchDoc(runtime, 'feedback', fb.roundRef(db, space, round), {
        next: (snapshot) => {
          this.settings = fb.readRound(snapshot.data());
          this.roundLoaded = true;
          update();
        },
        error: fail,
        stale,
      }),
    ];
    if (uid) {
      stops.push(
        data.watchDoc(runtime, 'feedback', fb.submissionRef(db, space, round, uid), {
          next: (snapshot) => {
            const stored = snapshot.data({ serverTimestamps: 'estimate' });
            this.work = stored ? fb.readSubmission(stored) : null;
            this.workLoaded = true;
            update();
          },
          error: fail,
          stale,
        }),
        data.watchDoc(runtime, 'feedback', fb.reviewerRef(db, space, round, uid), {
          next: (snapshot) => {
            this.reviewer = fb.readReviewer(snapshot.data({ serverTimestamps: 'estimate' }));
            update();
          },
          error: fail,
          stale,
        }),
        // A claim is written with the reviewer document (see reviewPeer): while it is on its way this list holds to the
        // cache, so a listener answered a moment before cannot lose the claim and leave the learner without a form.
        data.watchQuery(
          runtime,
          'feedback',
          fb.myClaimsQuery(db, space, round, uid),
          {
            next: (snapshot) => {
              this.claims = snapshot.docs.map((each) =>
                fb.readClaim(each.id, each.data({ serverTimestamps: 'estimate' })),
              );
              this.claimsLoaded = true;
              update();
              void this.#readClaimed();
            },
            error: fail,
            stale,
          },
          [fb.reviewerRef(db, space, round, uid)],
        ),
        data.watchQuery(runtime, 'feedback', fb.receivedQuery(db, space, round, uid), {
          next: (snapshot) => {
            this.received = snapshot.docs
              .map((each) => fb.readReview(each.id, uid, each.data({ serverTimestamps: 'estimate' })))
              .sort((a, b) => (a.createdAt?.getTime() ?? Infinity) - (b.createdAt?.getTime() ?? Infinity));
            this.receivedLoaded = true;
            update();
          },
          error: fail,
          stale,
        }),
      );
    }
    if (facilitator) {
      stops.push(
        data.watchQuery(runtime, 'feedback', fb.allSubmissionsQuery(db, space, round, 200), {
          next: (snapshot) => {
            this.allWork = snapshot.docs.map((each) => ({
              id: each.id,
              ...fb.readSubmission(each.data({ serverTimestamps: 'estimate' })),
            }));
            update();
          },
          error: fail,
        }),
        data.watchQuery(runtime, 'feedback', fb.allClaimsQuery(db, space, round, 500), {
          next: (snapshot) => {
            this.allClaims = snapshot.docs.map((each) =>
              fb.readClaim(each.id, each.data({ serverTimestamps: 'estimate' })),
            );
            update();
          },
          error: fail,
        }),
      );
    }
    return () => stops.forEach((stop) => stop());
  }

  /** The reviews this learner wrote (their helpfulness and thanks) and the work of their open claim. */
  async #readClaimed() {
    const source = this.#source;
    if (!source) return;
    const { db } = source.runtime;
    for (const claim of this.claims) {
      if (!claim.done || !claim.reviewId) continue;
      const review = await fb
        .loadReview(db, source.space, source.round, claim.authorId, claim.reviewId)
        .catch(() => null);
      if (review) this.written.set(review.id, review);
    }
    const open = this.openClaim;
    this.claimedWork = open
      ? await fb.loadSubmission(db, source.space, source.round, open.authorId).catch(() => null)
      : null;
    this.host.requestUpdate();
  }

  /** A facilitator whose page asks for other settings than the stored ones stores the page's. */
  async #storeSettings() {
    const source = this.#source;
    if (!source) return;
    const ready = await whenReady(() => Boolean(this.host.spaceState?.memberLoaded) && this.roundLoaded, LOAD_WAIT_MS);
    if (!ready || !this.host.isFacilitator || this.#source !== source) return;
    const asked = fb.roundFields(this.page.settings);
    const { settings, stored } = await fb.loadRound(source.runtime.db, source.space, source.round);
    if (stored && JSON.stringify(fb.roundFields(settings)) === JSON.stringify(asked)) return;
    await this.host.settle(fb.storeRound(this.#writer(source), this.page.settings)).catch(() => {});
  }

  #writer(source: Source = this.#source!, uid = this.host.spaceState?.user?.uid ?? ''): fb.Writer {
    return { db: source.runtime.db, space: source.space, round: source.round, uid };
  }

  #lapsed(at: Date | null): boolean {
    return Boolean(at) && Date.now() - at!.getTime() >= this.settings.claimHours * 3_600_000;
  }

  /** The learner's claim still open and not lapsed. */
  get openClaim(): Claim | undefined {
    const open = this.claims.filter((claim) => !claim.done && !this.#lapsed(claim.claimedAt));
    // The rules allow one open claim that has not lapsed. The reviewer document names it too, but a listener started
    // while the claim was on its way (a reload mid-write) can be told that document is missing: the claim decides.
    return open.find((claim) => claim.authorId === this.reviewer.open) ?? (this.reviewer.open ? undefined : open[0]);
  }

  /**
   * The reviewer document as the server last told this page: a claim builds on it. The read shares the page's
   * listener of the document (the SDK answers from its view), so it does not correct that listener; what it adds is
   * waiting for the server's first answer when the listener has none yet. With no server to ask (preview mode,
   * offline), the listener's copy.
   */
  async #freshReviewer(w: fb.Writer): Promise<ReviewerState> {
    if (this.#source?.runtime.mode === 'preview') return this.reviewer;
    this.reviewer = await fb.loadReviewer(w.db, w.space, w.round, w.uid).catch(() => this.reviewer);
    return this.reviewer;
  }

  /** Reviews the learner gave. */
  get given(): number {
    return this.claims.filter((claim) => claim.done).length;
  }

  /** Their average helpfulness, over the reviews rated so far (null before any). */
  get helpfulness(): { average: number; rated: number } | null {
    const rated = [...this.written.values()].filter((review) => review.rating !== null);
    if (!rated.length) return null;
    const average = rated.reduce((sum, review) => sum + review.rating!, 0) / rated.length;
    return { average, rated: rated.length };
  }

  /** Whether the work can still change: shared, and nobody has claimed it yet (the rules' own test is theirs). */
  get workFrozen(): boolean {
    return this.received.length > 0;
  }

  /** The learner's next step. */
  get step(): Step {
    if (!this.work && !this.#past(this.settings.submitBy)) return 'share';
    if (this.openClaim) return 'reviewing';
    const unrated = this.received.some((review) => review.rating === null && !review.reported);
    if (unrated) return 'rate';
    if (this.given < this.settings.reviews && !this.#past(this.settings.reviewBy) && !this.nothingToReview) {
      return 'review';
    }
    if (this.work && this.received.length < this.settings.reviews) return 'wait';
    // Someone who neither shared nor reviewed before the deadlines has not finished anything: the round closed.
    if (!this.work && this.given === 0) return 'closed';
    return 'done';
  }

  #past(deadline: Date | null): boolean {
    return Boolean(deadline) && Date.now() >= deadline!.getTime();
  }

  #set(change: { error?: string; nothingToReview?: boolean }) {
    Object.assign(this, change);
    this.host.requestUpdate();
  }

  /** Runs one action once: a second press while it is on its way does nothing. */
  async #act(key: string, reason: string, action: (source: Source, uid: string) => Promise<string | void>) {
    if (this.busy.has(key)) return false;
    this.busy.add(key);
    this.#set({ error: '' });
    try {
      await this.host.requireMember(reason);
      const ready = await whenReady(
        () => Boolean(this.#source && this.loaded && this.host.spaceState?.user),
        LOAD_WAIT_MS,
      );
      if (!ready) {
        this.#set({
          error: msg('The round is still loading. Try again in a moment.', { id: 'feedback.still-loading' }),
        });
        return false;
      }
      const said = await action(this.#source!, this.host.spaceState!.user!.uid);
      if (said) this.host.announce(said);
      return true;
    } catch (error) {
      if ((error as Error).message !== 'cancelled') this.#set({ error: (error as Error).message });
      return false;
    } finally {
      this.busy.delete(key);
      this.host.requestUpdate();
    }
  }

  #emitShare(action: 'share' | 'edit' | 'withdraw') {
    this.host.emit(new CohortShareEvent({ space: this.host.spaceId, round: this.page.round, action }));
  }

  share(content: WorkContent): Promise<boolean> {
    return this.#act('share', 'feedback', async (source, uid) => {
      const w = this.#writer(source, uid);
      const name = this.host.spaceState?.member?.displayName ?? '';
      if (this.work) {
        await this.host.settle(fb.editWork(w, content));
        this.#emitShare('edit');
        return msg('Your work is updated.', { id: 'feedback.edit-done' });
      }
      const write = fb.share(w, name, content).commit();
      await this.host.settle(source.data.writingTo(write, fb.submissionRef(w.db, w.space, w.round, uid)));
      this.#emitShare('share');
      return msg('Your work is shared. Peers will review it.', { id: 'feedback.share-done' });
    });
  }

  withdraw(): Promise<boolean> {
    return this.#act('withdraw', 'feedback', async (source, uid) => {
      await this.host.settle(fb.withdraw(this.#writer(source, uid)).commit());
      this.#emitShare('withdraw');
      return msg('Your work is withdrawn.', { id: 'feedback.withdraw-done' });
    });
  }

  /** "Review a peer": the work that most needs a review, claimed; a claim made stale by another's asks again. */
  reviewPeer(): Promise<boolean> {
    return this.#act('claim', 'feedback', async (source, uid) => {
      if (this.openClaim) return;
      const w = this.#writer(source, uid);
      const taken = new Set(this.claims.filter((claim) => claim.done).map((claim) => claim.authorId));
      const reviewingMe = new Set(this.received.map((review) => review.reviewerId).filter(Boolean));
      for (let attempt = 0; attempt < CLAIM_TRIES; attempt++) {
        const candidates = await fb.loadCandidates(w.db, w.space, w.round, uid);
        const slot = pickWork(candidates, {
          me: uid,
          round: w.round,
          taken,
          reviewingMe,
          claimHours: this.settings.claimHours,
        });
        if (!slot) {
          this.#set({ nothingToReview: true });
          return msg('No work needs a review right now. Come back later.', { id: 'feedback.nothing' });
        }
        const previous = this.claims.find((claim) => claim.authorId === slot.authorId);
        const write = fb.claim(w, slot, await this.#freshReviewer(w), previous, fb.newId(w.db)).commit();
        const claimed = await this.host
          .settle(source.data.writingTo(write, fb.reviewerRef(w.db, w.space, w.round, uid)))
          .then(
            () => true,
            (error: { code?: string }) => {
              if (error?.code === 'permission-denied' && attempt < CLAIM_TRIES - 1) return false;
              throw error;
            },
          );
        if (claimed) {
          this.claimedWork = await fb.loadSubmission(w.db, w.space, w.round, slot.authorId).catch(() => null);
          this.host.emit(new CohortReviewEvent({ space: w.space, round: w.round, action: 'claim' }));
          return msg("You have a peer's work to review.", { id: 'feedback.claim-done' });
        }
      }
    });
  }

  sendReview(answers: string[]): Promise<boolean> {
    return this.#act('review', 'feedback', async (source, uid) => {
      const open = this.openClaim;
      if (!open)
        throw new Error(msg('This claim has lapsed. Ask for a peer to review again.', { id: 'feedback.lapsed' }));
      const w = this.#writer(source, uid);
      const named =
        this.settings.reviewers === 'named' ? { name: this.host.spaceState?.member?.displayName ?? '' } : null;
      const slot = await fb.loadSlot(w.db, w.space, w.round, open.authorId);
      if (!slot) throw new Error(msg('This work was withdrawn.', { id: 'feedback.withdrawn' }));
      await this.host.settle(fb.review(w, open, slot, fb.newId(w.db), answers, named).commit());
      this.claimedWork = null;
      this.host.emit(new CohortReviewEvent({ space: w.space, round: w.round, action: 'send' }));
      return msg('Your review is sent. Thank you!', { id: 'feedback.review-done' });
    });
  }

  rate(review: Review, rating: number, thanks: string): Promise<boolean> {
    return this.#act(`rate:${review.id}`, 'feedback', async (source, uid) => {
      if (review.rating !== null) return;
      await this.host.settle(fb.rate(this.#writer(source, uid), review.id, rating, thanks).commit());
      this.host.emit(new CohortRateEvent({ space: source.space, round: source.round, rating }));
      return msg('Thank you: your rating is sent to the reviewer.', { id: 'feedback.rate-done' });
    });
  }

  report(review: Review): Promise<boolean> {
    return this.#act(`report:${review.id}`, 'feedback', async (source, uid) => {
      await this.host.settle(fb.report(this.#writer(source, uid), review.id));
      return msg('Reported. A facilitator will look at this review.', { id: 'feedback.report-done' });
    });
  }

  /** A facilitator opens (or closes) the reviews of one work. */
  async toggleReviews(authorId: string): Promise<void> {
    const source = this.#source;
    if (!source) return;
    if (this.openedReviews.has(authorId)) {
      this.openedReviews.delete(authorId);
      this.host.requestUpdate();
      return;
    }
    this.openedReviews.set(authorId, 'loading');
    this.host.requestUpdate();
    const { getDocs } = await import('firebase/firestore');
    const snapshot = await getDocs(fb.reviewsQuery(source.runtime.db, source.space, source.round, authorId)).catch(
      () => null,
    );
    this.openedReviews.set(
      authorId,
      snapshot?.docs.map((each) => fb.readReview(each.id, authorId, each.data({ serverTimestamps: 'estimate' }))) ?? [],
    );
    this.host.requestUpdate();
  }

  setHidden(review: Review, hidden: boolean): Promise<boolean> {
    return this.#act(`hide:${review.id}`, 'moderation', async (source) => {
      await this.host.settle(fb.setHidden(this.#writer(source), review.authorId, review.id, hidden));
      this.openedReviews.delete(review.authorId);
      await this.toggleReviews(review.authorId);
      return hidden
        ? msg('Review hidden from its author.', { id: 'feedback.hidden-done' })
        : msg('Review restored.', { id: 'feedback.restored-done' });
    });
  }

  /** Whether a claim in the facilitator's view has lapsed unreviewed. */
  lapsedClaim(claim: Claim): boolean {
    return !claim.done && this.#lapsed(claim.claimedAt);
  }

  release(claim: Claim): Promise<boolean> {
    return this.#act(`release:${claim.id}`, 'moderation', async (source) => {
      const slot = await fb.loadSlot(source.runtime.db, source.space, source.round, claim.authorId);
      if (!slot || !(claim.holdId in slot.holdTimes))
        return msg('Already released.', { id: 'feedback.released-already' });
      await this.host.settle(fb.release(this.#writer(source), slot, claim.holdId));
      return msg('Claim released: the work is offered again.', { id: 'feedback.release-done' });
    });
  }

  /** Reviews done plus live claims of a work, for a facilitator. */
  loadOf(slot: Slot): number {
    return liveLoad(slot, this.settings.claimHours);
  }
}
