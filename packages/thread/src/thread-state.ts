// The thread's state and what it reads: the subscriptions for the feed, pinned posts, arrivals, replies and the
// reader's own documents, and where focus goes after a render. Loaded after first paint with the data module.
// ThreadSender adds the queue of posts on this device, ThreadController the learner's actions.
import { msg, str } from '@lit/localize';
import type { ReactiveController } from 'lit';
import type { FirebaseRuntime, WidgetHost } from '@cohort-kit/core';
import {
  KeyedSubscription,
  KeyedSubscriptionSet,
  type SubscriptionKey,
  type Unsubscribe,
} from '@cohort-kit/core/data.js';
import type { PostQueue, QueuedPost } from './post-queue.js';
import { PAGE_SIZE } from './reactions.js';
import type { MemberOption, Mine, PageCursor, PageView, Post, RateView, SortOrder } from './thread-data.js';

export type ThreadData = typeof import('./thread-data.js');
export type DataModule = typeof import('@cohort-kit/core/data.js');

const WEEK_MS = 7 * 24 * 3600 * 1000;

export interface Draft {
  text: string;
  error: string;
  /** displayName → uid of members picked in the autocomplete */
  mentions: Map<string, string>;
}

export const emptyDraft = (): Draft => ({ text: '', error: '', mentions: new Map() });

/** What the subscriptions read with, and the space and thread the element started: set by start(). */
interface Source {
  runtime: FirebaseRuntime;
  data: DataModule;
  store: ThreadData;
  space: string;
  thread: string;
}

/** One page of the feed: the view it belongs to (order, horizon, hidden posts or not) and its place in it. */
type PageKey = readonly [space: string, thread: string, sort: SortOrder, horizon: number, all: boolean, index: number];
type ArrivalsKey = readonly [space: string, thread: string, sort: SortOrder, horizon: number, all: boolean];

const values = new WeakMap<ThreadState, Record<string, unknown>>();

/** Like Lit's `@state()` for a controller: a changed value re-renders the host. */
function tracked(proto: ThreadState, key: string) {
  Object.defineProperty(proto, key, {
    get(this: ThreadState) {
      return values.get(this)?.[key];
    },
    set(this: ThreadState, value: unknown) {
      let own = values.get(this);
      if (!own) values.set(this, (own = {}));
      if (Object.is(own[key], value)) return;
      own[key] = value;
      // Initial values are assigned before the constructor has set the host.
      this.host?.requestUpdate();
    },
  });
}

/** The thread's state and its subscriptions, kept by the element for its life (drafts survive a restart). */
export abstract class ThreadState implements ReactiveController {
  @tracked locked = false;
  @tracked threadExists = false;
  /** Top-level posts of the loaded pages, in the order the reader first saw them. */
  @tracked feed: Post[] = [];
  @tracked feedLoaded = false;
  @tracked pinned: Post[] = [];
  @tracked sort: SortOrder = 'newest';
  /** Page i starts after cursors[i] (null: the first page). */
  @tracked cursors: PageCursor[] = [null];
  @tracked pageViews = new Map<number, PageView>();
  /** Posts created after the view opened. Others' wait in `held` until the reader asks for them. */
  @tracked arrivals: Post[] = [];
  /** The reader's own latest posts, for those still waiting for their server timestamp. */
  @tracked myRecent: Post[] = [];
  @tracked expanded = new Set<string>();
  @tracked replies = new Map<string, Post[]>();
  /** Replies from others that arrived after a reply list was opened, per parent. */
  @tracked heldReplies = new Map<string, Set<string>>();
  @tracked mine = new Map<string, Mine>();
  @tracked held = new Set<string>();
  @tracked myHidden: Post[] = [];
  @tracked queued: QueuedPost[] = [];
  /** People who posted in the last week, once counted; `countsReader` when the reader is among them if they did. */
  @tracked posters: { count: number; since: Date; countsReader: boolean } | null = null;
  /** When the reader last posted here: undefined until their authors document has been read. */
  @tracked myLastPost: Date | null | undefined = undefined;
  @tracked draft = emptyDraft();
  @tracked replyTo?: string;
  @tracked replyDraft = emptyDraft();
  @tracked editing?: string;
  @tracked editDraft = emptyDraft();
  @tracked reporting?: string;
  @tracked reportError = '';
  @tracked reported = new Set<string>();
  @tracked actionError = '';
  @tracked mentionFor?: 'post' | 'reply' | 'edit';
  @tracked mentionOptions: MemberOption[] = [];
  @tracked mentionIndex = 0;
  /** Composers whose post is on its way (waiting for the name prompt or the queue): a press is one contribution. */
  @tracked sending = new Set<'post' | 'reply'>();

  readonly host: WidgetHost;
  readonly #thread: () => string;
  store?: ThreadData;
  data?: DataModule;
  runtime?: FirebaseRuntime;
  /** Undefined until start() and after its cleanup: then nothing is watched. A new thread restarts the element. */
  #source?: Source;
  /** Every subscription of the view, each following its own key (see #watch). */
  readonly #watches: { refresh(): void }[] = [];
  readonly #pages: KeyedSubscriptionSet<PageKey>;
  readonly #arrivals: KeyedSubscription<ArrivalsKey>;
  readonly #mentions: KeyedSubscription<readonly [space: string, prefix: string]>;
  rate: RateView = { rate: null, settled: false };
  lastPostAt = 0;
  /** When the view opened (or the sort changed): pages hold posts up to here, arrivals come after. */
  horizon = new Date();
  /** Arrivals the reader has been shown (their own, the first snapshot's, and those revealed with "show"). */
  known = new Set<string>();
  /** Posts whose write this page made and still holds the answer to. */
  sentHere = new Set<string>();
  /** Posts sent before this page loaded that it is asking the server about. */
  confirming = new Set<string>();
  arrivalsSettled = false;
  replyKnown = new Map<string, Set<string>>();
  queue?: PostQueue;
  pumpTimer?: ReturnType<typeof setTimeout>;
  counted = false;
  focusPost?: string;
  focusComposer = false;
  /** After "Load more": the index of the first newly loaded post, focused once it arrives. */
  focusFrom?: number;
  /** The name being typed after "@": its matches are watched while it is set. */
  mentionQuery?: string;

  constructor(host: WidgetHost, thread: () => string) {
    this.host = host;
    this.#thread = thread;
    host.addController(this);
    const fail = (error: Error) => host.fail({ kind: 'connection', message: error.message });
    this.#watch(
      ({ space, thread }) => [space, thread] as const,
      ({ runtime, data, store }, [s, t]) =>
        store.watchThread(
          runtime,
          data,
          s,
          t,
          ({ exists, locked }) => {
            this.threadExists = exists;
            this.locked = locked;
          },
          fail,
        ),
    );
    this.#watch(
      ({ space, thread }) => [space, thread, this.all] as const,
      ({ runtime, data, store }, [s, t, all]) =>
        store.watchPinned(runtime, data, s, t, all, (posts) => (this.pinned = posts), fail),
    );
    // Each page keeps its listener while it is shown, so "Load more" reads the next page only.
    this.#pages = this.#watchEach(
      ({ space, thread }) =>
        this.cursors.map((_, index): PageKey => [space, thread, this.sort, this.horizon.getTime(), this.all, index]),
      ({ runtime, data, store }, key) => {
        const [s, t, sort, horizon, all, index] = key;
        const options = { sort, horizon: new Date(horizon), cursor: this.cursors[index] ?? null, all };
        return store.watchPage(runtime, data, s, t, options, (view) => this.onPage(key, view), fail);
      },
    );
    this.#arrivals = this.#watch(
      ({ space, thread }): ArrivalsKey => [space, thread, this.sort, this.horizon.getTime(), this.all],
      ({ runtime, data, store }, key) => {
        const [s, t, , horizon, all] = key;
        return store.watchArrivals(runtime, data, s, t, new Date(horizon), all, (p) => this.onArrivals(key, p), fail);
      },
    );
    this.#watchEach(
      ({ space, thread }) => [...this.expanded].map((id) => [space, thread, id, this.all] as const),
      ({ runtime, data, store }, [s, t, id, all]) =>
        store.watchReplies(runtime, data, s, t, id, all, (posts) => this.onReplies(id, posts), fail),
    );
    // The reader's own documents follow their account: a sign-in, or another learner on this device.
    this.#watch(
      ({ space }) => (this.uid ? ([space, this.uid] as const) : undefined),
      ({ runtime, data, store }, [s, uid]) =>
        store.watchRate(runtime, data, s, uid, (view) => {
          this.rate = view;
          this.pump();
        }),
    );
    const mine = ({ space, thread }: Source) => (this.uid ? ([space, thread, this.uid] as const) : undefined);
    this.#watch(mine, ({ runtime, data, store }, [s, t, uid]) =>
      store.watchMyRecent(runtime, data, s, t, uid, (posts) => (this.myRecent = posts)),
    );
    this.#watch(mine, ({ runtime, data, store }, [s, t, uid]) =>
      store.watchMyReactions(runtime, data, s, t, uid, (reactions) => (this.mine = reactions)),
    );
    this.#watch(mine, ({ runtime, data, store }, [s, t, uid]) =>
      store.watchMyLastPost(runtime, data, s, t, uid, (at) => (this.myLastPost = at)),
    );
    // Facilitators see hidden posts in the feed already.
    this.#watch(
      (source) => (this.all ? undefined : mine(source)),
      ({ runtime, data, store }, [s, t, uid]) =>
        store.watchMyHidden(runtime, data, s, t, uid, (posts) => (this.myHidden = posts)),
    );
    this.#mentions = this.#watch(
      ({ space }) => (this.mentionQuery === undefined ? undefined : ([space, this.mentionQuery] as const)),
      ({ runtime, data, store }, [s, prefix]) =>
        store.watchMemberMatches(runtime, data, s, prefix, (members) => {
          // The same answer again (the server confirming the cache) keeps the member the learner moved to.
          const active = this.mentionOptions[this.mentionIndex]?.uid;
          this.mentionOptions = members.filter((m) => m.uid !== this.uid);
          this.mentionIndex = Math.max(
            0,
            this.mentionOptions.findIndex((m) => m.uid === active),
          );
        }),
    );
  }

  /** A subscription for one key computed from the source, while the thread is started. */
  #watch<K extends SubscriptionKey>(
    key: (source: Source) => K | undefined,
    subscribe: (source: Source, key: K) => Unsubscribe,
  ): KeyedSubscription<K> {
    const watch = new KeyedSubscription<K>(this.host, {
      key: () => (this.#source ? key(this.#source) : undefined),
      subscribe: (k) => subscribe(this.#source!, k),
    });
    this.#watches.push(watch);
    return watch;
  }

  /** A subscription per key of a list computed from the source (pages, expanded replies), while started. */
  #watchEach<K extends SubscriptionKey>(
    keys: (source: Source) => K[],
    subscribe: (source: Source, key: K) => Unsubscribe,
  ): KeyedSubscriptionSet<K> {
    const watch = new KeyedSubscriptionSet<K>(this.host, {
      keys: () => (this.#source ? keys(this.#source) : []),
      subscribe: (k) => subscribe(this.#source!, k),
    });
    this.#watches.push(watch);
    return watch;
  }

  /** The element's `thread` attribute. */
  get thread(): string {
    return this.#thread();
  }

  /** Where the element renders: focus and measurements. */
  get root(): ShadowRoot {
    return this.host.element.shadowRoot!;
  }

  // Kept by ThreadSender: the queue follows the reader's account and the rate limit.
  abstract ensureQueue(s: string, t: string, uid: string): void;
  abstract pump(): void;
  abstract confirmSent(id: string): void;

  /** Subscribes for the element's current space and thread. Returns the cleanup. */
  start(runtime: FirebaseRuntime, data: DataModule, store: ThreadData): () => void {
    this.store = store;
    this.data = data;
    this.runtime = runtime;
    const source: Source = { runtime, data, store, space: this.host.spaceId, thread: this.thread };
    this.#source = source;
    this.resetView();
    this.#refreshWatches();
    this.followReader();
    return () => {
      if (this.#source !== source) return; // already started again
      this.#source = undefined;
      this.#refreshWatches();
      clearTimeout(this.pumpTimer);
      this.store = undefined;
    };
  }

  #refreshWatches() {
    for (const watch of this.#watches) watch.refresh();
  }

  /** The mention list follows `mentionQuery`, which is not rendered state: say when it changed. */
  refreshMentions() {
    this.#mentions.refresh();
  }

  /** After each render of the element: follow the reader's queue, and move focus where it was promised. */
  hostUpdated(): void {
    if (!this.#source || this.thread !== this.#source.thread) return; // the element restarts for a new thread
    this.followReader();
    this.applyFocus();
  }

  resetView() {
    this.pinned = [];
    this.replies = new Map();
    this.heldReplies = new Map();
    this.replyKnown = new Map();
    this.mine = new Map();
    this.myHidden = [];
    this.posters = null;
    this.myLastPost = undefined;
    this.counted = false;
    this.queue = undefined;
    this.queued = [];
    this.resetFeed();
  }

  resetFeed() {
    this.feed = [];
    this.feedLoaded = false;
    this.cursors = [null];
    this.pageViews = new Map();
    this.arrivals = [];
    this.held = new Set();
    this.known = new Set();
    this.arrivalsSettled = false;
    this.horizon = new Date();
  }

  get uid(): string | undefined {
    return this.host.spaceState?.user?.uid;
  }

  /** Facilitators read hidden posts too; everyone else asks only for visible ones, as the rules require. */
  get all(): boolean {
    return this.host.isFacilitator;
  }

  /**
   * What follows the reader's account besides its listeners: the queue of their posts on this device, the posts
   * it sent before this page loaded, and the peers count once the feed is in.
   */
  followReader() {
    const source = this.#source;
    if (!source) return;
    const uid = this.uid;
    if (uid) {
      this.ensureQueue(source.space, source.thread, uid);
      // Posts sent before this page loaded: the SDK resends them; ask once whether they arrived. Posts sent from
      // this page have their write's own answer.
      for (const entry of this.queued) {
        if (entry.sent && !entry.error && !this.sentHere.has(entry.id)) this.confirmSent(entry.id);
      }
    }
    if (!this.counted && this.feedLoaded) {
      this.counted = true;
      void this.countPeers();
    }
    if (this.host.spaceState?.member && this.queued.some((e) => !e.sent && !e.error)) this.pump();
  }

  onPage(key: PageKey, view: PageView) {
    const index = key[5];
    if (!this.#pages.has(key) && this.pageViews.size > index) return;
    this.pageViews = new Map(this.pageViews).set(index, view);
    const live = this.runtime?.mode === 'live';
    // Wait for the server's answer for the first page, so the reader does not see a cached page jump.
    if (index === 0 && view.fromCache && live && !this.feedLoaded) return;
    const seen = new Set<string>();
    const posts: Post[] = [];
    for (let i = 0; i < this.cursors.length; i++) {
      for (const post of this.pageViews.get(i)?.posts ?? []) {
        if (seen.has(post.id)) continue;
        // Posts created after the view opened come through the arrivals (only the reaction order mixes them in).
        if (post.createdAt && post.createdAt > this.horizon) continue;
        seen.add(post.id);
        posts.push(post);
      }
    }
    if (this.sort === 'top') {
      // Counts change while the reader reads: keep the order they first saw, refresh the content.
      const byId = new Map(posts.map((p) => [p.id, p]));
      const kept = this.feed.filter((p) => byId.has(p.id)).map((p) => byId.get(p.id)!);
      const keptIds = new Set(kept.map((p) => p.id));
      this.feed = [...kept, ...posts.filter((p) => !keptIds.has(p.id))];
    } else {
      this.feed = posts;
    }
    this.feedLoaded = true;
  }

  /** New posts from others wait behind a banner, so what the reader is reading never moves. */
  onArrivals(key: ArrivalsKey, posts: Post[]) {
    if (!this.#arrivals.has(key) && this.arrivalsSettled) return;
    const fresh: string[] = [];
    for (const post of posts) {
      if (this.known.has(post.id) || this.held.has(post.id)) continue;
      // The first answer is what was there when the view opened (clocks differ a little); the reader's own are shown.
      // With nothing on screen nothing can move, so they are shown at once.
      const nothingShown = !this.visibleFeed().length && !this.pinned.length;
      if (!this.arrivalsSettled || post.authorId === this.uid || nothingShown) this.known.add(post.id);
      else fresh.push(post.id);
    }
    this.arrivalsSettled = true;
    this.arrivals = posts;
    if (fresh.length) {
      this.held = new Set([...this.held, ...fresh]);
      const count = this.held.size;
      this.host.announce(
        count === 1
          ? msg('1 new post. Use "Show" to read it.', { id: 'thread.new-posts-announce-one' })
          : msg(str`${count} new posts. Use "Show" to read them.`, { id: 'thread.new-posts-announce' }),
      );
    }
  }

  /** Replies from others that arrive while a reply list is open wait behind "N new replies — show". */
  onReplies(parentId: string, posts: Post[]) {
    const known = this.replyKnown.get(parentId);
    if (!known) {
      this.replyKnown.set(parentId, new Set(posts.map((p) => p.id)));
    } else {
      const fresh = posts.filter((p) => !known.has(p.id) && !this.heldReplies.get(parentId)?.has(p.id));
      const mineOrOld = fresh.filter((p) => p.authorId === this.uid);
      for (const post of mineOrOld) known.add(post.id);
      const others = fresh.filter((p) => p.authorId !== this.uid);
      if (others.length) {
        const heldHere = new Set([...(this.heldReplies.get(parentId) ?? []), ...others.map((p) => p.id)]);
        this.heldReplies = new Map(this.heldReplies).set(parentId, heldHere);
        this.host.announce(
          heldHere.size === 1
            ? msg('1 new reply. Use "Show" to read it.', { id: 'thread.new-replies-announce-one' })
            : msg(str`${heldHere.size} new replies. Use "Show" to read them.`, { id: 'thread.new-replies-announce' }),
        );
      }
    }
    this.replies = new Map(this.replies).set(parentId, posts);
  }

  showReplies(parentId: string) {
    const heldHere = this.heldReplies.get(parentId);
    if (!heldHere) return;
    const known = this.replyKnown.get(parentId) ?? new Set<string>();
    for (const id of heldHere) known.add(id);
    this.replyKnown.set(parentId, known);
    const first = (this.replies.get(parentId) ?? []).find((p) => heldHere.has(p.id));
    const next = new Map(this.heldReplies);
    next.delete(parentId);
    this.heldReplies = next;
    if (first) this.focusPost = first.id;
  }

  /** Arrivals, with the reader's own posts that are newer than the view or still unsent. */
  allArrivals(): Post[] {
    const ids = new Set(this.arrivals.map((p) => p.id));
    const own = this.myRecent.filter(
      (p) => !ids.has(p.id) && (p.pending || (p.createdAt !== null && p.createdAt > this.horizon)),
    );
    for (const post of own) this.known.add(post.id);
    const all = [...own, ...this.arrivals];
    return all.sort((a, b) => (b.createdAt?.getTime() ?? Infinity) - (a.createdAt?.getTime() ?? Infinity));
  }

  visibleFeed(): Post[] {
    const pinnedIds = new Set(this.pinned.map((p) => p.id));
    const shown = this.allArrivals().filter((p) => this.known.has(p.id) && !this.held.has(p.id));
    const list = this.sort === 'newest' ? [...shown, ...this.feed] : [...this.feed, ...shown.reverse()];
    const seen = new Set<string>();
    return list.filter((post) => {
      if (seen.has(post.id)) return false;
      seen.add(post.id);
      return !pinnedIds.has(post.id) && !(post.deleted && post.replyCount === 0);
    });
  }

  /** "8 peers posted this week": counted on the server without reading posts; in preview, from what is loaded. */
  async countPeers() {
    const runtime = this.runtime;
    const store = this.store;
    if (!runtime || !store) return;
    const since = new Date(Date.now() - WEEK_MS);
    if (runtime.mode !== 'live') {
      const count = new Set(
        [...this.feed, ...this.pinned]
          .filter((p) => !p.deleted && p.createdAt && p.createdAt >= since && p.authorId !== this.uid)
          .map((p) => p.authorId),
      ).size;
      this.posters = { count, since, countsReader: false };
      return;
    }
    try {
      const count = await store.countAuthorsSince(runtime, this.host.spaceId, this.thread, since);
      this.posters = { count, since, countsReader: true };
    } catch {
      this.posters = null; // offline: say nothing rather than a wrong number
    }
  }

  /**
   * Other learners who posted this week. The count may include the reader, so it waits for their own authors
   * document (which may arrive after the count) rather than show them as their own peer.
   */
  peers(): number | null {
    const posters = this.posters;
    if (!posters) return null;
    if (!posters.countsReader) return posters.count;
    if (this.uid && this.myLastPost === undefined) return null;
    return Math.max(0, posters.count - (this.myLastPost && this.myLastPost >= posters.since ? 1 : 0));
  }

  hasMore() {
    const last = this.pageViews.get(this.cursors.length - 1);
    return this.feedLoaded && last !== undefined && last.size >= PAGE_SIZE;
  }

  /** The next page starts after the last document of the current last page: nothing already read is read again. */
  loadMore() {
    const last = this.pageViews.get(this.cursors.length - 1)?.last;
    if (!last) return;
    this.focusFrom = this.visibleFeed().length;
    this.cursors = [...this.cursors, last];
  }

  onSort(sort: SortOrder) {
    this.sort = sort;
    this.resetFeed();
  }

  showNew() {
    if (this.sort !== 'newest') {
      // New posts are the newest: show them where they belong, at the top of a fresh newest-first view.
      this.sort = 'newest';
      this.resetFeed();
      return;
    }
    const first = this.arrivals.find((p) => this.held.has(p.id));
    for (const id of this.held) this.known.add(id);
    this.held = new Set();
    if (first) this.focusPost = first.id;
  }

  toggleReplies(post: Post) {
    const next = new Set(this.expanded);
    if (next.has(post.id)) next.delete(post.id);
    else next.add(post.id);
    this.expanded = next;
  }

  applyFocus() {
    if (this.focusPost) {
      const selector = `[data-post-id="${CSS.escape(this.focusPost)}"]`;
      const root = this.root as ShadowRoot;
      const settled = root.querySelector<HTMLElement>(`article:not(.queued > article)${selector}`);
      const waiting = root.querySelector<HTMLElement>(`.queued > article${selector}`);
      if (settled) {
        // Only take focus back from the waiting copy (or from nowhere), never from where the reader moved it.
        const active = root.activeElement;
        if (!active || active === waiting || !active.isConnected || active.matches('.queued > article')) {
          settled.focus();
        }
        this.focusPost = undefined;
      } else if (waiting && root.activeElement !== waiting) {
        waiting.focus(); // keep #focusPost: the post moves to the feed once Firestore shows it
      }
    } else if (this.focusFrom !== undefined) {
      const target = this.root.querySelectorAll<HTMLElement>('.feed > article')[this.focusFrom];
      if (target) {
        this.focusFrom = undefined;
        target.focus();
      }
    } else if (this.focusComposer) {
      this.focusComposer = false;
      this.root.querySelector<HTMLTextAreaElement>('#composer-text')?.focus();
    }
  }
}
