// The thread's state and what it reads: the subscriptions for the feed, pinned posts, arrivals, replies and the
// reader's own documents, and where focus goes after a render. Loaded after first paint with the data module.
// ThreadSender adds the queue of posts on this device, ThreadController the learner's actions.
import { msg, str } from '@lit/localize';
import type { ReactiveController } from 'lit';
import type { FirebaseRuntime, WidgetHost } from '@cohort-kit/core';
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
  /** The thread id when the subscriptions started: a change restarts the element, not these. */
  startedFor = '';
  readonly #thread: () => string;
  store?: ThreadData;
  data?: DataModule;
  runtime?: FirebaseRuntime;
  subs = new Map<string, () => void>();
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
  mentionStop?: () => void;
  mentionQuery?: string;

  constructor(host: WidgetHost, thread: () => string) {
    this.host = host;
    this.#thread = thread;
    host.addController(this);
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
    this.startedFor = this.thread;
    this.resetView();
    this.syncSubscriptions();
    return () => {
      for (const stop of this.subs.values()) stop();
      this.subs.clear();
      this.mentionStop?.();
      clearTimeout(this.pumpTimer);
      this.store = undefined;
    };
  }

  /** After each render of the element: follow what the view now shows, and move focus where it was promised. */
  hostUpdated(): void {
    if (!this.store || this.thread !== this.startedFor) return; // the element restarts for a new thread
    this.syncSubscriptions();
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

  /** Starts the listeners the view needs now and stops the ones it no longer needs. */
  syncSubscriptions() {
    const store = this.store;
    const data = this.data;
    const runtime = this.runtime;
    if (!store || !data || !runtime) return;
    const s = this.host.spaceId;
    const t = this.thread;
    const all = this.all;
    const horizon = this.horizon;
    const wanted = new Map<string, () => () => void>();
    const fail = (error: Error) => this.host.fail({ kind: 'connection', message: error.message });
    wanted.set('thread', () =>
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
    wanted.set(`pinned:${all}`, () =>
      store.watchPinned(runtime, data, s, t, all, (posts) => (this.pinned = posts), fail),
    );
    const feedKey = `${this.sort}:${horizon.getTime()}:${all}`;
    this.cursors.forEach((cursor, index) => {
      wanted.set(`page:${feedKey}:${index}`, () =>
        store.watchPage(
          runtime,
          data,
          s,
          t,
          { sort: this.sort, horizon, cursor, all },
          (view) => this.onPage(feedKey, index, view),
          fail,
        ),
      );
    });
    wanted.set(`arrivals:${feedKey}`, () =>
      store.watchArrivals(runtime, data, s, t, horizon, all, (posts) => this.onArrivals(feedKey, posts), fail),
    );
    for (const id of this.expanded) {
      wanted.set(`replies:${id}:${all}`, () =>
        store.watchReplies(runtime, data, s, t, id, all, (posts) => this.onReplies(id, posts), fail),
      );
    }
    const uid = this.uid;
    if (uid) {
      this.ensureQueue(s, t, uid);
      wanted.set(`rate:${uid}`, () =>
        store.watchRate(runtime, data, s, uid, (view) => {
          this.rate = view;
          this.pump();
        }),
      );
      wanted.set(`recent:${uid}`, () =>
        store.watchMyRecent(runtime, data, s, t, uid, (posts) => (this.myRecent = posts)),
      );
      wanted.set(`mine:${uid}`, () => store.watchMyReactions(runtime, data, s, t, uid, (mine) => (this.mine = mine)));
      wanted.set(`last:${uid}`, () => store.watchMyLastPost(runtime, data, s, t, uid, (at) => (this.myLastPost = at)));
      if (!all)
        wanted.set(`hidden:${uid}`, () =>
          store.watchMyHidden(runtime, data, s, t, uid, (posts) => (this.myHidden = posts)),
        );
      // Posts sent before this page loaded: the SDK resends them; ask once whether they arrived. Posts sent from
      // this page have their write's own answer.
      for (const entry of this.queued) {
        if (entry.sent && !entry.error && !this.sentHere.has(entry.id)) this.confirmSent(entry.id);
      }
    }
    for (const [key, stop] of this.subs) {
      if (!wanted.has(key)) {
        stop();
        this.subs.delete(key);
      }
    }
    for (const [key, start] of wanted) {
      if (!this.subs.has(key)) this.subs.set(key, start());
    }
    if (!this.counted && this.feedLoaded) {
      this.counted = true;
      void this.countPeers();
    }
    if (this.host.spaceState?.member && this.queued.some((e) => !e.sent && !e.error)) this.pump();
  }

  onPage(feedKey: string, index: number, view: PageView) {
    if (!this.subs.has(`page:${feedKey}:${index}`) && this.pageViews.size > index) return;
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
  onArrivals(feedKey: string, posts: Post[]) {
    if (!this.subs.has(`arrivals:${feedKey}`) && this.arrivalsSettled) return;
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
