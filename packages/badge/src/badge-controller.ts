// The badge's subscriptions and its one write, and their state: the definition, a page of the holders' wall, and
// for a signed-in learner their ledger's counts and their own copy, all live; the claim; the holder's credential
// on demand. Loaded after first paint; it reaches the element only through its WidgetHost.
import { msg, str } from '@lit/localize';
import type { ReactiveController } from 'lit';
import { whenReady, type FirebaseRuntime, type WidgetHost } from '@cohort-kit/core';
import { KeyedSubscription } from '@cohort-kit/core/data.js';
import { CohortBadgeClaimedEvent } from './events.js';
import * as badgeData from './badge-data.js';
import type { Badge, Credential, Criteria, Holder } from './badge-data.js';

type DataModule = typeof import('@cohort-kit/core/data.js');

/** What the controller reads from the element. */
export interface BadgePage {
  readonly badge: string;
  /** In preview mode, the badge the page's attributes define (undefined when they define none). */
  readonly previewDefinition: { name: string; criteria: Criteria; edition: number } | undefined;
  /** What to say when the space has no such badge. */
  missingMessage(mode: FirebaseRuntime['mode']): string;
}

/** The contributions of other widgets that move the ledger: after one, a ledger not seen yet is read again. */
const CONTRIBUTION_EVENTS = [
  'cohort-post',
  'cohort-reply',
  'cohort-react',
  'cohort-vote',
  'cohort-goal',
  'cohort-check-in',
  'cohort-cheer',
  'cohort-review',
  'cohort-rate',
];

const LOAD_WAIT_MS = 20000;

export class BadgeController implements ReactiveController {
  badge: Badge | null = null;
  badgeLoaded = false;
  /** The learner's ledger counts (empty for a reader who has not contributed). */
  counts: Record<string, number> = {};
  countsLoaded = false;
  /** The learner's own copy, once claimed. */
  mine: Holder | null = null;
  mineLoaded = false;
  wall: Holder[] = [];
  wallLoaded = false;
  /** A claim is on its way: a second press waits for none. */
  busy = false;
  error = '';
  /** Why the learner's last claim found claiming over, when the definition here has not caught up yet. */
  closed: badgeData.ClaimClosed['reason'] | '' = '';
  credential: Credential | null | 'loading' | 'none' = null;

  #source?: { runtime: FirebaseRuntime; data: DataModule; space: string; badge: string };
  #ledgerSeen = false;
  #listenLedgerAgain = () => {};
  readonly #watch: KeyedSubscription<readonly [string, string, string]>;

  constructor(
    private readonly host: WidgetHost,
    private readonly page: BadgePage,
  ) {
    host.addController(this);
    this.#watch = new KeyedSubscription(host, {
      key: () => {
        const source = this.#source;
        if (!source) return undefined;
        return [source.space, source.badge, this.host.spaceState?.user?.uid ?? ''] as const;
      },
      subscribe: ([space, badge, uid]) => this.#subscribe(space, badge, uid),
    });
  }

  hostConnected(): void {
    for (const name of CONTRIBUTION_EVENTS) document.addEventListener(name, this.#onContribution);
  }

  hostDisconnected(): void {
    for (const name of CONTRIBUTION_EVENTS) document.removeEventListener(name, this.#onContribution);
  }

  hostUpdate(): void {
    this.#watch.refresh();
  }

  start(runtime: FirebaseRuntime, data: DataModule): () => void {
    const source = { runtime, data, space: this.host.spaceId, badge: this.page.badge };
    this.#source = source;
    const preview = this.page.previewDefinition;
    if (runtime.mode === 'preview' && preview) {
      // The page's attributes define the local badge; merged, so a seeded count or retirement stays.
      badgeData.definePreviewBadge(runtime.db, source.space, source.badge, preview);
    }
    this.#watch.refresh();
    return () => {
      if (this.#source !== source) return;
      this.#source = undefined;
      this.#watch.refresh();
    };
  }

  get loaded(): boolean {
    return this.badgeLoaded && this.wallLoaded && this.countsLoaded && this.mineLoaded;
  }

  /** A contribution on this page: the ledger it created may be one this listener was told did not exist. */
  readonly #onContribution = () => {
    if (!this.#ledgerSeen) this.#listenLedgerAgain();
  };

  #subscribe(space: string, badge: string, uid: string): () => void {
    const { runtime, data } = this.#source!;
    const { db } = runtime;
    const fail = (error: Error) => this.host.fail({ kind: 'connection', message: error.message });
    const stale = () => this.host.requestUpdate();
    const update = () => this.host.requestUpdate();
    this.badgeLoaded = this.wallLoaded = false;
    this.countsLoaded = this.mineLoaded = !uid;
    this.counts = {};
    this.mine = null;
    this.#ledgerSeen = false;
    const stops = [
      data.watchDoc(runtime, 'badge', badgeData.badgeRef(db, space, badge), {
        next: (snapshot) => {
          if (snapshot.metadata.fromCache && !snapshot.exists() && runtime.mode === 'live') return;
          this.badge = snapshot.exists() ? badgeData.readBadge(badge, snapshot.data()) : null;
          this.badgeLoaded = true;
          if (!this.badge) this.host.fail({ kind: 'markup', message: this.page.missingMessage(runtime.mode) });
          update();
        },
        error: fail,
        stale,
      }),
      data.watchQuery(runtime, 'badge', badgeData.wallQuery(db, space, badge, badgeData.WALL_PAGE), {
        next: (snapshot) => {
          this.wall = snapshot.docs.map((each) =>
            badgeData.readHolder(each.id, each.data({ serverTimestamps: 'estimate' })),
          );
          this.wallLoaded = true;
          update();
        },
        error: fail,
        stale,
      }),
    ];
    if (uid) {
      const watchLedger = () =>
        data.watchDoc(runtime, 'badge', badgeData.ledgerRef(db, space, uid), {
          next: (snapshot) => {
            if (snapshot.metadata.fromCache && !snapshot.exists() && runtime.mode === 'live') return;
            this.#ledgerSeen = snapshot.exists();
            this.counts = badgeData.readCounts(snapshot.data());
            this.countsLoaded = true;
            update();
          },
          error: fail,
        });
      let stopLedger = watchLedger();
      this.#listenLedgerAgain = () => {
        stopLedger();
        stopLedger = watchLedger();
      };
      stops.push(
        () => stopLedger(),
        data.watchDoc(runtime, 'badge', badgeData.holderRef(db, space, badge, uid), {
          next: (snapshot) => {
            if (snapshot.metadata.fromCache && !snapshot.exists() && runtime.mode === 'live') return;
            // Live, a copy counts once the server took the claim: a refused try (another learner took that number
            // first) must not show as the learner's for a moment.
            if (snapshot.metadata.hasPendingWrites && runtime.mode === 'live') return;
            this.mine = snapshot.exists()
              ? badgeData.readHolder(uid, snapshot.data({ serverTimestamps: 'estimate' }))
              : null;
            this.mineLoaded = true;
            update();
          },
          error: fail,
        }),
      );
    }
    return () => stops.forEach((stop) => stop());
  }

  /** Each criterion with the learner's count, in the order the definition gives them. */
  get progress(): { kind: string; need: number; have: number }[] {
    return Object.entries(this.badge?.criteria ?? {}).map(([kind, need]) => ({
      kind,
      need,
      have: this.counts[kind] ?? 0,
    }));
  }

  get eligible(): boolean {
    return this.progress.length > 0 && this.progress.every((each) => each.have >= each.need);
  }

  /** Why claiming is over, from the definition as last seen (or the learner's last claim). */
  get closedReason(): badgeData.ClaimClosed['reason'] | '' {
    const reason = (this.badge && badgeData.closedReason(this.badge)) || this.closed;
    // The learner's own claim of the last copy, on its way, fills the edition: that is not "all claimed" to them.
    return reason === 'all-claimed' && this.busy ? '' : reason;
  }

  #set(change: Partial<Pick<BadgeController, 'error' | 'busy' | 'closed'>>) {
    Object.assign(this, change);
    this.host.requestUpdate();
  }

  /** Claims the next copy: joins first (name, norms), then asks for the next number until one is the learner's. */
  async claim(showName: boolean): Promise<boolean> {
    if (this.busy || this.mine) return false;
    this.#set({ busy: true, error: '', closed: '' });
    try {
      const member = await this.host.requireMember('badge');
      const ready = await whenReady(
        () => Boolean(this.#source && this.host.spaceState?.user && this.mineLoaded && this.countsLoaded),
        LOAD_WAIT_MS,
      );
      if (!ready) {
        this.#set({ error: msg('The badge is still loading. Try again in a moment.', { id: 'badge.still-loading' }) });
        return false;
      }
      if (this.mine) return false;
      if (!this.eligible) {
        this.#set({ error: msg('Not yet: every criterion above must hold first.', { id: 'badge.not-yet' }) });
        return false;
      }
      const { runtime, space, badge } = this.#source!;
      const uid = this.host.spaceState!.user!.uid;
      const live = runtime.mode === 'live';
      const holder = badgeData.holderRef(runtime.db, space, badge, uid);
      // Live, the copy's listener listens again once the claim is confirmed (it may have started while the
      // claim was on its way).
      const claimed = badgeData.claimNext(runtime.db, space, badge, uid, showName ? member.displayName : '', live);
      const number = await (live ? this.#source!.data.writingTo(claimed, holder) : claimed);
      // The server took it: the copy is theirs now, whichever listener tells the page first.
      this.mine ??= { uid, number, name: showName ? member.displayName : '', claimedAt: null };
      this.host.emit(new CohortBadgeClaimedEvent({ space, badge, number }));
      this.host.announce(
        msg(str`You claimed copy #${number} of ${this.badge?.edition ?? number}.`, { id: 'badge.claimed-said' }),
      );
      return true;
    } catch (error) {
      if (error instanceof badgeData.ClaimClosed) {
        this.#set({ closed: error.reason });
        this.host.announce(this.closedMessage(error.reason, error.badge));
      } else if ((error as Error).message !== 'cancelled') {
        const { describeFirestoreError } = this.#source?.data ?? {};
        this.#set({ error: describeFirestoreError ? describeFirestoreError(error).message : String(error) });
      }
      return false;
    } finally {
      this.#set({ busy: false });
    }
  }

  /** The sentence for claiming being over, for the badge as it is. */
  closedMessage(reason: badgeData.ClaimClosed['reason'], badge: Badge | null = this.badge): string {
    const edition = badge?.edition ?? 0;
    const issued = badge?.issued ?? 0;
    switch (reason) {
      case 'retired':
        return msg(str`Retired: ${issued} of ${edition} were issued.`, { id: 'badge.retired' });
      case 'closed':
        return msg(str`Claiming closed: ${issued} of ${edition} were issued.`, { id: 'badge.closed' });
      case 'busy':
        return msg('Many people are claiming at this moment. Try again in a few seconds.', { id: 'badge.busy' });
      default:
        return msg(str`All ${edition} copies were claimed.`, { id: 'badge.all-claimed' });
    }
  }

  /** The holder's signed credential, read when they ask for it. */
  async loadCredential(): Promise<Credential | null> {
    const source = this.#source;
    const uid = this.host.spaceState?.user?.uid;
    if (!source || !uid) return null;
    this.credential = 'loading';
    this.host.requestUpdate();
    const credential = await badgeData.loadCredential(source.runtime.db, source.space, source.badge, uid);
    this.credential = credential ?? 'none';
    this.host.requestUpdate();
    return credential;
  }
}
