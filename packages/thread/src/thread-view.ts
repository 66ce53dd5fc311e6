// Everything <cohort-thread> shows once its data is on the way: the feed, composer, mentions, reactions and
// moderation. Loaded by dynamic import after first paint, with the data module, so the element's own chunk
// holds only its attributes, checks, styles and a skeleton.
import { msg, str } from '@lit/localize';
import { html, nothing, type TemplateResult } from 'lit';
import { classMap } from 'lit/directives/class-map.js';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import {
  hasBidiControl,
  relativeTime,
  roleLabel,
  type FirebaseRuntime,
  type Member,
  type Problem,
  type SpaceState,
} from '@cohort-kit/core';
import { blockedWordsIn, countLinks, MAX_BODY, MAX_LINKS, renderBody } from './format.js';
import {
  MAX_POSTS_PER_HOUR,
  MIN_SECONDS_BETWEEN_POSTS,
  PAGE_SIZE,
  REACTIONS,
  REPORT_REASONS,
  type ReactionKey,
  type ReportReason,
} from './reactions.js';
import type { DocumentData, QueryDocumentSnapshot } from 'firebase/firestore';
import { PostQueue, type QueuedPost } from './post-queue.js';
import type { MemberOption, Mine, PageView, Post, RateView, SortOrder } from './thread-data.js';
import type { CohortThread } from './thread.js';

type ThreadData = typeof import('./thread-data.js');
type DataModule = typeof import('@cohort-kit/core/data.js');

const WEEK_MS = 7 * 24 * 3600 * 1000;
const HOUR_MS = 3600 * 1000;
const MENTION_AT_CURSOR = /(^|\s)@([\p{L}\p{N}][\p{L}\p{N} ._'-]{0,29})?$/u;

interface Draft {
  text: string;
  error: string;
  /** displayName → uid of members picked in the autocomplete */
  mentions: Map<string, string>;
}

const emptyDraft = (): Draft => ({ text: '', error: '', mentions: new Map() });

/** What the view may do through the element: its protected base-class services, handed over by the element. */
export interface ThreadBridge {
  spaceState(): SpaceState | undefined;
  fail(problem: Problem): void;
  emit<K extends keyof CohortEventDetailMap>(name: K, detail: CohortEventDetailMap[K]): boolean;
  settle(write: Promise<unknown>): Promise<void>;
  requireMember(reason: string): Promise<Member>;
  announce(message: string): void;
}

const values = new WeakMap<ThreadView, Record<string, unknown>>();

/** Like Lit's `@state()` for a view that is not an element: a changed value re-renders the host. */
function tracked(proto: ThreadView, key: string) {
  Object.defineProperty(proto, key, {
    get(this: ThreadView) {
      return values.get(this)?.[key];
    },
    set(this: ThreadView, value: unknown) {
      let own = values.get(this);
      if (!own) values.set(this, (own = {}));
      if (Object.is(own[key], value)) return;
      own[key] = value;
      // Initial values are assigned before the constructor has set the host.
      this.host?.requestUpdate();
    },
  });
}

/** What a facilitator reads on a hidden post: how many reports hid it, or that a facilitator did. */
function hiddenForFacilitator(reports: number): string {
  if (reports === 0)
    return msg('Hidden by a facilitator. Only you and the author can see it.', { id: 'thread.hidden-by-facilitator' });
  if (reports === 1)
    return msg('Hidden — 1 report. Only you and the author can see it.', { id: 'thread.hidden-facilitator-one' });
  return msg(str`Hidden — ${reports} reports. Only you and the author can see it.`, {
    id: 'thread.hidden-facilitator',
  });
}

/** The thread's view and behaviour, rendered into the element that owns it. */
export class ThreadView {
  @tracked private locked = false;
  @tracked private threadExists = false;
  /** Top-level posts of the loaded pages, in the order the reader first saw them. */
  @tracked private feed: Post[] = [];
  @tracked private feedLoaded = false;
  @tracked private pinned: Post[] = [];
  @tracked private sort: SortOrder = 'newest';
  /** Page i starts after cursors[i] (null: the first page). */
  @tracked private cursors: (QueryDocumentSnapshot<DocumentData> | null)[] = [null];
  @tracked private pageViews = new Map<number, PageView>();
  /** Posts created after the view opened. Others' wait in `held` until the reader asks for them. */
  @tracked private arrivals: Post[] = [];
  /** The reader's own latest posts, for those still waiting for their server timestamp. */
  @tracked private myRecent: Post[] = [];
  @tracked private expanded = new Set<string>();
  @tracked private replies = new Map<string, Post[]>();
  /** Replies from others that arrived after a reply list was opened, per parent. */
  @tracked private heldReplies = new Map<string, Set<string>>();
  @tracked private mine = new Map<string, Mine>();
  @tracked private held = new Set<string>();
  @tracked private myHidden: Post[] = [];
  @tracked private queued: QueuedPost[] = [];
  /** People who posted in the last week, once counted; `countsReader` when the reader is among them if they did. */
  @tracked private posters: { count: number; since: Date; countsReader: boolean } | null = null;
  /** When the reader last posted here: undefined until their authors document has been read. */
  @tracked private myLastPost: Date | null | undefined = undefined;
  @tracked private draft = emptyDraft();
  @tracked private replyTo?: string;
  @tracked private replyDraft = emptyDraft();
  @tracked private editing?: string;
  @tracked private editDraft = emptyDraft();
  @tracked private reporting?: string;
  @tracked private reportError = '';
  @tracked private reported = new Set<string>();
  @tracked private actionError = '';
  @tracked private mentionFor?: 'post' | 'reply' | 'edit';
  @tracked private mentionOptions: MemberOption[] = [];
  @tracked private mentionIndex = 0;
  /** Composers whose post is on its way (waiting for the name prompt or the queue): a press is one contribution. */
  @tracked private sending = new Set<'post' | 'reply'>();

  readonly host: CohortThread;
  #bridge: ThreadBridge;
  #store?: ThreadData;
  #data?: DataModule;
  #runtime?: FirebaseRuntime;
  #subs = new Map<string, () => void>();
  #rate: RateView = { rate: null, settled: false };
  #lastPostAt = 0;
  /** When the view opened (or the sort changed): pages hold posts up to here, arrivals come after. */
  #horizon = new Date();
  /** Arrivals the reader has been shown (their own, the first snapshot's, and those revealed with "show"). */
  #known = new Set<string>();
  /** Posts whose write this page made and still holds the answer to. */
  #sentHere = new Set<string>();
  /** Posts sent before this page loaded that it is asking the server about. */
  #confirming = new Set<string>();
  #arrivalsSettled = false;
  #replyKnown = new Map<string, Set<string>>();
  #queue?: PostQueue;
  #pumpTimer?: ReturnType<typeof setTimeout>;
  #counted = false;
  #focusPost?: string;
  #focusComposer = false;
  /** After "Load more": the index of the first newly loaded post, focused once it arrives. */
  #focusFrom?: number;
  #mentionStop?: () => void;
  #mentionQuery?: string;

  constructor(host: CohortThread, bridge: ThreadBridge) {
    this.host = host;
    this.#bridge = bridge;
  }

  /** Subscribes for the element's current space and thread. Returns the cleanup. */
  start(runtime: FirebaseRuntime, data: DataModule, store: ThreadData): () => void {
    this.#store = store;
    this.#data = data;
    this.#runtime = runtime;
    this.#resetView();
    this.#syncSubscriptions();
    return () => {
      for (const stop of this.#subs.values()) stop();
      this.#subs.clear();
      this.#mentionStop?.();
      clearTimeout(this.#pumpTimer);
      this.#store = undefined;
    };
  }

  /** After each render of the element: follow what the view now shows, and move focus where it was promised. */
  updated(): void {
    this.#syncSubscriptions();
    this.#applyFocus();
  }

  #resetView() {
    this.pinned = [];
    this.replies = new Map();
    this.heldReplies = new Map();
    this.#replyKnown = new Map();
    this.mine = new Map();
    this.myHidden = [];
    this.posters = null;
    this.myLastPost = undefined;
    this.#counted = false;
    this.#queue = undefined;
    this.queued = [];
    this.#resetFeed();
  }

  #resetFeed() {
    this.feed = [];
    this.feedLoaded = false;
    this.cursors = [null];
    this.pageViews = new Map();
    this.arrivals = [];
    this.held = new Set();
    this.#known = new Set();
    this.#arrivalsSettled = false;
    this.#horizon = new Date();
  }

  get #uid(): string | undefined {
    return this.#bridge.spaceState()?.user?.uid;
  }

  /** Facilitators read hidden posts too; everyone else asks only for visible ones, as the rules require. */
  get #all(): boolean {
    return this.host.isFacilitator;
  }

  /** Starts the listeners the view needs now and stops the ones it no longer needs. */
  #syncSubscriptions() {
    const store = this.#store;
    const data = this.#data;
    const runtime = this.#runtime;
    if (!store || !data || !runtime) return;
    const s = this.host.spaceId;
    const t = this.host.thread;
    const all = this.#all;
    const horizon = this.#horizon;
    const wanted = new Map<string, () => () => void>();
    const fail = (error: Error) => this.#bridge.fail({ kind: 'connection', message: error.message });
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
          (view) => this.#onPage(feedKey, index, view),
          fail,
        ),
      );
    });
    wanted.set(`arrivals:${feedKey}`, () =>
      store.watchArrivals(runtime, data, s, t, horizon, all, (posts) => this.#onArrivals(feedKey, posts), fail),
    );
    for (const id of this.expanded) {
      wanted.set(`replies:${id}:${all}`, () =>
        store.watchReplies(runtime, data, s, t, id, all, (posts) => this.#onReplies(id, posts), fail),
      );
    }
    const uid = this.#uid;
    if (uid) {
      this.#ensureQueue(s, t, uid);
      wanted.set(`rate:${uid}`, () =>
        store.watchRate(runtime, data, s, uid, (view) => {
          this.#rate = view;
          this.#pump();
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
        if (entry.sent && !entry.error && !this.#sentHere.has(entry.id)) this.#confirmSent(entry.id);
      }
    }
    for (const [key, stop] of this.#subs) {
      if (!wanted.has(key)) {
        stop();
        this.#subs.delete(key);
      }
    }
    for (const [key, start] of wanted) {
      if (!this.#subs.has(key)) this.#subs.set(key, start());
    }
    if (!this.#counted && this.feedLoaded) {
      this.#counted = true;
      void this.#countPeers();
    }
    if (this.#bridge.spaceState()?.member && this.queued.some((e) => !e.sent && !e.error)) this.#pump();
  }

  // ---------- the feed: pages, arrivals, replies ----------

  #onPage(feedKey: string, index: number, view: PageView) {
    if (!this.#subs.has(`page:${feedKey}:${index}`) && this.pageViews.size > index) return;
    this.pageViews = new Map(this.pageViews).set(index, view);
    const live = this.#runtime?.mode === 'live';
    // Wait for the server's answer for the first page, so the reader does not see a cached page jump.
    if (index === 0 && view.fromCache && live && !this.feedLoaded) return;
    const seen = new Set<string>();
    const posts: Post[] = [];
    for (let i = 0; i < this.cursors.length; i++) {
      for (const post of this.pageViews.get(i)?.posts ?? []) {
        if (seen.has(post.id)) continue;
        // Posts created after the view opened come through the arrivals (only the reaction order mixes them in).
        if (post.createdAt && post.createdAt > this.#horizon) continue;
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
  #onArrivals(feedKey: string, posts: Post[]) {
    if (!this.#subs.has(`arrivals:${feedKey}`) && this.#arrivalsSettled) return;
    const fresh: string[] = [];
    for (const post of posts) {
      if (this.#known.has(post.id) || this.held.has(post.id)) continue;
      // The first answer is what was there when the view opened (clocks differ a little); the reader's own are shown.
      // With nothing on screen nothing can move, so they are shown at once.
      const nothingShown = !this.#visibleFeed().length && !this.pinned.length;
      if (!this.#arrivalsSettled || post.authorId === this.#uid || nothingShown) this.#known.add(post.id);
      else fresh.push(post.id);
    }
    this.#arrivalsSettled = true;
    this.arrivals = posts;
    if (fresh.length) {
      this.held = new Set([...this.held, ...fresh]);
      const count = this.held.size;
      this.#bridge.announce(
        count === 1
          ? msg('1 new post. Use "Show" to read it.', { id: 'thread.new-posts-announce-one' })
          : msg(str`${count} new posts. Use "Show" to read them.`, { id: 'thread.new-posts-announce' }),
      );
    }
  }

  /** Replies from others that arrive while a reply list is open wait behind "N new replies — show". */
  #onReplies(parentId: string, posts: Post[]) {
    const known = this.#replyKnown.get(parentId);
    if (!known) {
      this.#replyKnown.set(parentId, new Set(posts.map((p) => p.id)));
    } else {
      const fresh = posts.filter((p) => !known.has(p.id) && !this.heldReplies.get(parentId)?.has(p.id));
      const mineOrOld = fresh.filter((p) => p.authorId === this.#uid);
      for (const post of mineOrOld) known.add(post.id);
      const others = fresh.filter((p) => p.authorId !== this.#uid);
      if (others.length) {
        const heldHere = new Set([...(this.heldReplies.get(parentId) ?? []), ...others.map((p) => p.id)]);
        this.heldReplies = new Map(this.heldReplies).set(parentId, heldHere);
        this.#bridge.announce(
          heldHere.size === 1
            ? msg('1 new reply. Use "Show" to read it.', { id: 'thread.new-replies-announce-one' })
            : msg(str`${heldHere.size} new replies. Use "Show" to read them.`, { id: 'thread.new-replies-announce' }),
        );
      }
    }
    this.replies = new Map(this.replies).set(parentId, posts);
  }

  #showReplies(parentId: string) {
    const heldHere = this.heldReplies.get(parentId);
    if (!heldHere) return;
    const known = this.#replyKnown.get(parentId) ?? new Set<string>();
    for (const id of heldHere) known.add(id);
    this.#replyKnown.set(parentId, known);
    const first = (this.replies.get(parentId) ?? []).find((p) => heldHere.has(p.id));
    const next = new Map(this.heldReplies);
    next.delete(parentId);
    this.heldReplies = next;
    if (first) this.#focusPost = first.id;
  }

  /** Arrivals, with the reader's own posts that are newer than the view or still unsent. */
  #allArrivals(): Post[] {
    const ids = new Set(this.arrivals.map((p) => p.id));
    const own = this.myRecent.filter(
      (p) => !ids.has(p.id) && (p.pending || (p.createdAt !== null && p.createdAt > this.#horizon)),
    );
    for (const post of own) this.#known.add(post.id);
    const all = [...own, ...this.arrivals];
    return all.sort((a, b) => (b.createdAt?.getTime() ?? Infinity) - (a.createdAt?.getTime() ?? Infinity));
  }

  #visibleFeed(): Post[] {
    const pinnedIds = new Set(this.pinned.map((p) => p.id));
    const shown = this.#allArrivals().filter((p) => this.#known.has(p.id) && !this.held.has(p.id));
    const list = this.sort === 'newest' ? [...shown, ...this.feed] : [...this.feed, ...shown.reverse()];
    const seen = new Set<string>();
    return list.filter((post) => {
      if (seen.has(post.id)) return false;
      seen.add(post.id);
      return !pinnedIds.has(post.id) && !(post.deleted && post.replyCount === 0);
    });
  }

  /** "8 peers posted this week": counted on the server without reading posts; in preview, from what is loaded. */
  async #countPeers() {
    const runtime = this.#runtime;
    const store = this.#store;
    if (!runtime || !store) return;
    const since = new Date(Date.now() - WEEK_MS);
    if (runtime.mode !== 'live') {
      const count = new Set(
        [...this.feed, ...this.pinned]
          .filter((p) => !p.deleted && p.createdAt && p.createdAt >= since && p.authorId !== this.#uid)
          .map((p) => p.authorId),
      ).size;
      this.posters = { count, since, countsReader: false };
      return;
    }
    try {
      const count = await store.countAuthorsSince(runtime, this.host.spaceId, this.host.thread, since);
      this.posters = { count, since, countsReader: true };
    } catch {
      this.posters = null; // offline: say nothing rather than a wrong number
    }
  }

  /**
   * Other learners who posted this week. The count may include the reader, so it waits for their own authors
   * document (which may arrive after the count) rather than show them as their own peer.
   */
  #peers(): number | null {
    const posters = this.posters;
    if (!posters) return null;
    if (!posters.countsReader) return posters.count;
    if (this.#uid && this.myLastPost === undefined) return null;
    return Math.max(0, posters.count - (this.myLastPost && this.myLastPost >= posters.since ? 1 : 0));
  }

  // ---------- the queue of posts on this device ----------

  #ensureQueue(s: string, t: string, uid: string) {
    if (this.#queue) return;
    this.#queue = new PostQueue(s, t, uid);
    this.#refreshQueue();
  }

  /** Re-reads the queue; the same contents keep the same array, so a render does not trigger another. */
  #refreshQueue() {
    const next = this.#queue?.list() ?? [];
    if (JSON.stringify(next) !== JSON.stringify(this.queued)) this.queued = next;
  }

  /** Sends the next queued post once the previous one is confirmed and the rate limit allows it. */
  #pump() {
    clearTimeout(this.#pumpTimer);
    const queue = this.#queue;
    const runtime = this.#runtime;
    const store = this.#store;
    const member = this.#bridge.spaceState()?.member;
    if (!queue || !runtime || !store) return;
    this.#refreshQueue();
    const entries = this.queued;
    // Until the membership snapshot arrives; every render checks again (see #syncSubscriptions).
    if (!member) return;
    const preview = runtime.mode !== 'live';
    if (!preview && entries.some((e) => e.sent && !e.error)) return; // one at a time
    const next = entries.find((e) => !e.sent && !e.error);
    if (!next) return;
    if (!preview) {
      if (!this.#rate.settled) return; // the rate listener calls back when it is
      const rate = this.#rate.rate;
      const now = Date.now();
      let at = now;
      // A second of margin for the difference between this device's clock and the server's.
      if (rate?.lastPostAt) at = Math.max(at, rate.lastPostAt.getTime() + (MIN_SECONDS_BETWEEN_POSTS + 1) * 1000);
      if (rate?.windowStart && now - rate.windowStart.getTime() < HOUR_MS && rate.count >= MAX_POSTS_PER_HOUR)
        at = Math.max(at, rate.windowStart.getTime() + HOUR_MS + 1000);
      if (at > now) {
        this.#pumpTimer = setTimeout(() => this.#pump(), at - now);
        return;
      }
    }
    queue.update(next.id, { sent: true });
    this.#sentHere.add(next.id);
    const { write } = store.createPost(runtime, this.host.spaceId, this.host.thread, {
      id: next.id,
      uid: member.uid,
      authorName: member.displayName,
      authorRole: member.role,
      body: next.body,
      parentId: next.parentId,
      mentions: next.mentions,
      rate: this.#rate.rate,
    });
    this.#known.add(next.id);
    if (preview) {
      // Nothing is ever confirmed in preview: the cache keeps the post, the queue has done its job.
      queue.remove(next.id);
      this.#refreshQueue();
      this.#pump();
      return;
    }
    this.#refreshQueue();
    write.then(
      () => this.#onSent(next.id, 'stored'),
      (error: Error) => this.#refused(next.id, error.message),
    );
  }

  #confirmSent(id: string) {
    const runtime = this.#runtime;
    const store = this.#store;
    if (!runtime || !store || this.#confirming.has(id)) return;
    this.#confirming.add(id);
    store.confirmSent(runtime, this.host.spaceId, this.host.thread, id).then(
      (state) => {
        this.#confirming.delete(id);
        this.#onSent(id, state);
      },
      // Offline again before the server answered: ask again a little later.
      () =>
        setTimeout(() => {
          this.#confirming.delete(id);
          this.host.requestUpdate();
        }, 5000),
    );
  }

  #onSent(id: string, state: 'stored' | 'missing') {
    if (!this.#queue?.list().some((e) => e.id === id && !e.error)) return;
    if (state === 'stored') {
      this.#queue.remove(id);
      this.#refreshQueue();
      this.#pump();
    } else {
      this.#refused(id, msg('The server did not accept it.', { id: 'thread.error.not-accepted' }));
    }
  }

  #refused(id: string, reason: string) {
    if (!this.#queue?.list().some((e) => e.id === id)) return;
    this.#queue.update(id, { sent: false, error: reason });
    this.#refreshQueue();
    this.#bridge.announce(
      msg('A post could not be sent. Its text is kept: try again or edit it.', { id: 'thread.error.refused-announce' }),
    );
    this.#pump();
  }

  #retry(entry: QueuedPost) {
    this.#queue?.update(entry.id, { error: undefined, sent: false });
    this.#refreshQueue();
    this.#pump();
  }

  #editQueued(entry: QueuedPost) {
    this.#queue?.remove(entry.id);
    this.#refreshQueue();
    this.draft = { text: entry.body, error: '', mentions: new Map() };
    this.#focusComposer = true;
    this.host.requestUpdate();
  }

  #discard(entry: QueuedPost) {
    if (!confirm(msg('Discard this post? Its text will be lost.', { id: 'thread.discard-confirm' }))) return;
    this.#queue?.remove(entry.id);
    this.#refreshQueue();
    this.#focusComposer = true;
  }

  #applyFocus() {
    if (this.#focusPost) {
      const selector = `[data-post-id="${CSS.escape(this.#focusPost)}"]`;
      const root = this.host.renderRoot as ShadowRoot;
      const settled = root.querySelector<HTMLElement>(`article:not(.queued > article)${selector}`);
      const waiting = root.querySelector<HTMLElement>(`.queued > article${selector}`);
      if (settled) {
        // Only take focus back from the waiting copy (or from nowhere), never from where the reader moved it.
        const active = root.activeElement;
        if (!active || active === waiting || !active.isConnected || active.matches('.queued > article')) {
          settled.focus();
        }
        this.#focusPost = undefined;
      } else if (waiting && root.activeElement !== waiting) {
        waiting.focus(); // keep #focusPost: the post moves to the feed once Firestore shows it
      }
    } else if (this.#focusFrom !== undefined) {
      const target = this.host.renderRoot.querySelectorAll<HTMLElement>('.feed > article')[this.#focusFrom];
      if (target) {
        this.#focusFrom = undefined;
        target.focus();
      }
    } else if (this.#focusComposer) {
      this.#focusComposer = false;
      this.host.renderRoot.querySelector<HTMLTextAreaElement>('#composer-text')?.focus();
    }
  }

  // ---------- checks shared by post, reply and edit ----------

  /** What stops `text` from being posted (or saved as an edit) now, in words the learner can act on; '' if nothing. */
  #checkText(text: string, purpose: 'post' | 'edit'): string {
    if (!text.trim()) return msg('Write something first.', { id: 'thread.error.empty' });
    if (text.length > MAX_BODY)
      return msg(str`Shorten your post to ${MAX_BODY} characters.`, { id: 'thread.error.too-long' });
    if (countLinks(text) > MAX_LINKS)
      return msg(str`Use at most ${MAX_LINKS} links in one post.`, { id: 'thread.error.links' });
    if (hasBidiControl(text))
      return msg(
        'Your post contains invisible characters that change the direction of text, so it could read differently to others. Remove them and try again.',
        { id: 'thread.error.bidi' },
      );
    // Settings are stored data, not checked on read: ignore anything in the list that is not a word.
    const spaceWords = this.#bridge.spaceState()?.settings.blockedWords;
    const blocked = blockedWordsIn(
      text,
      this.host.locale,
      Array.isArray(spaceWords) ? spaceWords.filter((word) => typeof word === 'string') : [],
    );
    if (blocked.length) {
      return msg(str`Your post contains words this space does not allow: ${blocked.join(', ')}. Please rephrase.`, {
        id: 'thread.error.blocked',
      });
    }
    if (this.locked && !this.host.isFacilitator) return msg('This thread is locked.', { id: 'thread.error.locked' });
    // Posts and edits share the rules' rate limit (one per 10 seconds, 30 per hour).
    const since = Date.now() - Math.max(this.#lastPostAt, this.#rate.rate?.lastPostAt?.getTime() ?? 0);
    if (since < MIN_SECONDS_BETWEEN_POSTS * 1000) {
      const wait = Math.ceil((MIN_SECONDS_BETWEEN_POSTS * 1000 - since) / 1000);
      if (purpose === 'edit')
        return wait === 1
          ? msg('You can edit again in 1 second.', { id: 'thread.error.edit-too-soon-one' })
          : msg(str`You can edit again in ${wait} seconds.`, { id: 'thread.error.edit-too-soon' });
      return wait === 1
        ? msg('You can post again in 1 second.', { id: 'thread.error.too-soon-one' })
        : msg(str`You can post again in ${wait} seconds.`, { id: 'thread.error.too-soon' });
    }
    const rate = this.#rate.rate;
    const waiting = this.queued.filter((e) => !e.error).length;
    if (
      rate?.windowStart &&
      Date.now() - rate.windowStart.getTime() < HOUR_MS &&
      rate.count + waiting >= MAX_POSTS_PER_HOUR
    ) {
      return msg(
        str`You have posted or edited ${MAX_POSTS_PER_HOUR} times this hour. Take a break and come back later.`,
        { id: 'thread.error.hourly' },
      );
    }
    return '';
  }

  #mentionIds(draft: Draft): string[] {
    return [...draft.mentions].filter(([name]) => draft.text.includes(`@${name}`)).map(([, uid]) => uid);
  }

  async #member(reason: string) {
    // The shared membership listener restarts when the account's token changes; while it reloads, the member
    // reads as null and the join form would ask a member for their name again. Wait for it (5 s at most).
    for (let waited = 0; waited < 5000; waited += 100) {
      const state = this.#bridge.spaceState();
      if (!state?.user || state.memberLoaded) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    try {
      return await this.#bridge.requireMember(reason);
    } catch {
      return undefined; // cancelled
    }
  }

  // ---------- actions ----------

  async #submitPost(parentId: string | null) {
    const kind = parentId ? 'reply' : 'post';
    if (this.sending.has(kind)) return;
    const draft = parentId ? this.replyDraft : this.draft;
    const setDraft = (next: Draft) => (parentId ? (this.replyDraft = next) : (this.draft = next));
    const text = draft.text.trim();
    const problem = this.#checkText(text, 'post');
    if (problem) return setDraft({ ...draft, error: problem });
    // Until the post is queued (the name prompt, the membership write) the draft is still on screen: a second
    // press must not send it again.
    this.sending = new Set(this.sending).add(kind);
    let member: Member | undefined;
    try {
      member = await this.#member(
        parentId ? msg('to reply', { id: 'thread.reason.reply' }) : msg('to post', { id: 'thread.reason.post' }),
      );
    } finally {
      const sending = new Set(this.sending);
      sending.delete(kind);
      this.sending = sending;
    }
    const runtime = this.#runtime;
    const store = this.#store;
    const uid = runtime?.identity.user?.uid;
    if (!member || !runtime || !store || !uid) return;
    this.#ensureQueue(this.host.spaceId, this.host.thread, uid);
    const id = store.newPostId(runtime, this.host.spaceId, this.host.thread);
    const parent = parentId
      ? [...this.feed, ...this.pinned, ...this.#allArrivals()].find((p) => p.id === parentId)
      : undefined;
    // Queued first: the text is kept on this device until the server has it, whatever happens to the page.
    this.#queue!.add({
      id,
      body: text,
      parentId,
      parentName: parent?.authorName,
      mentions: this.#mentionIds(draft),
      queuedAt: Date.now(),
    });
    this.#refreshQueue();
    this.#lastPostAt = Date.now();
    this.#known.add(id);
    setDraft(emptyDraft());
    this.#focusPost = id;
    if (parentId) {
      this.replyTo = undefined;
      this.expanded = new Set(this.expanded).add(parentId);
      this.#bridge.emit('cohort-reply', {
        space: this.host.spaceId,
        thread: this.host.thread,
        postId: id,
        parentId,
      });
    } else {
      this.#bridge.emit('cohort-post', {
        space: this.host.spaceId,
        thread: this.host.thread,
        postId: id,
      });
    }
    this.#bridge.announce(msg('Your post was added.', { id: 'thread.posted' }));
    this.#pump();
  }

  async #saveEdit(post: Post) {
    const draft = this.editDraft;
    const text = draft.text.trim();
    const runtime = this.#runtime;
    const store = this.#store;
    const uid = this.#uid;
    if (!runtime || !store || !uid) return;
    // The edit's rate update is built on the last one: not while a post of this device is still on its way.
    const isLive = runtime.mode === 'live';
    const inFlight = !this.#rate.settled || this.queued.some((entry) => entry.sent && !entry.error);
    const problem =
      this.#checkText(text, 'edit') ||
      (isLive && inFlight
        ? msg('Your last post is still on its way. Save again once it has been sent.', {
            id: 'thread.error.edit-in-flight',
          })
        : '');
    if (problem) return (this.editDraft = { ...draft, error: problem });
    const write = store.editPost(runtime, this.host.spaceId, this.host.thread, {
      id: post.id,
      uid,
      body: text,
      // Names picked in this edit first; the earlier ones stay while the body has room for them.
      mentions: [...this.#mentionIds(draft), ...post.mentions],
      rate: this.#rate.rate,
    });
    this.#lastPostAt = Date.now();
    this.editing = undefined;
    this.#focusPost = post.id;
    this.actionError = '';
    this.#bridge.settle(write).catch((error: Error) => {
      // Refused: the editor comes back with the text and the reason, nothing lost.
      this.editing = post.id;
      this.editDraft = { ...draft, error: error.message };
    });
  }

  #delete(post: Post, next: string | undefined) {
    if (!this.#runtime || !this.#store) return;
    if (!confirm(msg('Delete your post? This cannot be undone.', { id: 'thread.delete-confirm' }))) return;
    const write = this.#store.deletePost(this.#runtime, this.host.spaceId, this.host.thread, post.id);
    // A deleted reply hands focus to the post it answered; a post to the next one, or the composer.
    if (post.parentId) this.#focusPost = post.parentId;
    else if (next) this.#focusPost = next;
    else this.#focusComposer = true;
    this.#bridge.announce(msg('Post deleted.', { id: 'thread.deleted-announce' }));
    this.#runAction(write);
  }

  async #toggleReaction(post: Post, key: ReactionKey) {
    const member = await this.#member(msg('to react', { id: 'thread.reason.react' }));
    const runtime = this.#runtime;
    const uid = runtime?.identity.user?.uid;
    if (!member || !runtime || !this.#store || !uid) return;
    const current = this.mine.get(post.id) ?? {};
    const active = current[key] !== true;
    this.mine = new Map(this.mine).set(post.id, { ...current, [key]: active });
    this.#runAction(
      this.#store.setReaction(runtime, this.host.spaceId, this.host.thread, post.id, uid, current, key, active),
    );
    this.#bridge.emit('cohort-react', {
      space: this.host.spaceId,
      thread: this.host.thread,
      postId: post.id,
      reaction: key,
      active,
    });
  }

  async #submitReport(event: SubmitEvent, post: Post, next: string | undefined) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const reason = (form.elements.namedItem('reason') as RadioNodeList).value as ReportReason;
    const note = (form.elements.namedItem('note') as HTMLTextAreaElement).value.trim();
    if (!REPORT_REASONS.includes(reason)) {
      this.reportError = msg('Choose a reason.', { id: 'thread.report.reason-needed' });
      return;
    }
    const member = await this.#member(msg('to report a post', { id: 'thread.reason.report' }));
    const runtime = this.#runtime;
    const uid = runtime?.identity.user?.uid;
    if (!member || !runtime || !this.#store || !uid) return;
    const threshold = Number(this.#bridge.spaceState()?.settings.reportThreshold) || 3;
    const write = this.#store.reportPost(
      runtime,
      this.host.spaceId,
      this.host.thread,
      post,
      uid,
      reason,
      note,
      threshold,
    );
    this.reported = new Set(this.reported).add(post.id);
    this.reporting = undefined;
    this.reportError = '';
    // A report that hides the post takes it out of the reader's view: hand focus on, as deleting does.
    const hides = !post.hidden && post.reportCount + 1 >= threshold && !this.host.isFacilitator;
    if (!hides) this.#focusPost = post.id;
    else if (post.parentId) this.#focusPost = post.parentId;
    else if (next) this.#focusPost = next;
    else this.#focusComposer = true;
    this.#bridge.announce(msg('Thanks. A facilitator will review the post.', { id: 'thread.reported-announce' }));
    this.#bridge.settle(write).catch((error: Error) => {
      // Let the learner send it again: the form comes back with what went wrong.
      const reported = new Set(this.reported);
      reported.delete(post.id);
      this.reported = reported;
      this.reporting = post.id;
      this.reportError = msg(str`Your report could not be sent: ${error.message}`, { id: 'thread.report.failed' });
    });
  }

  #moderate(post: Post, patch: { hidden?: boolean; pinned?: boolean }) {
    if (!this.#runtime || !this.#store) return;
    this.#focusPost = post.id;
    this.#runAction(this.#store.moderatePost(this.#runtime, this.host.spaceId, this.host.thread, post.id, patch));
  }

  #toggleLock() {
    if (!this.#runtime || !this.#store) return;
    this.#runAction(
      this.#store.setLocked(this.#runtime, this.host.spaceId, this.host.thread, !this.locked, this.threadExists),
    );
  }

  #runAction(write: Promise<void>) {
    this.actionError = '';
    this.#bridge.settle(write).catch((error: Error) => (this.actionError = error.message));
  }

  #showNew() {
    if (this.sort !== 'newest') {
      // New posts are the newest: show them where they belong, at the top of a fresh newest-first view.
      this.sort = 'newest';
      this.#resetFeed();
      return;
    }
    const first = this.arrivals.find((p) => this.held.has(p.id));
    for (const id of this.held) this.#known.add(id);
    this.held = new Set();
    if (first) this.#focusPost = first.id;
  }

  #toggleReplies(post: Post) {
    const next = new Set(this.expanded);
    if (next.has(post.id)) next.delete(post.id);
    else next.add(post.id);
    this.expanded = next;
  }

  #startReply(post: Post) {
    this.replyTo = post.id;
    this.replyDraft = emptyDraft();
    this.expanded = new Set(this.expanded).add(post.id);
    void this.host.updateComplete.then(() =>
      this.host.renderRoot.querySelector<HTMLTextAreaElement>('#reply-text')?.focus(),
    );
  }

  #startEdit(post: Post) {
    this.editing = post.id;
    this.editDraft = { text: post.body, error: '', mentions: new Map() };
    void this.host.updateComplete.then(() =>
      this.host.renderRoot.querySelector<HTMLTextAreaElement>('#edit-text')?.focus(),
    );
  }

  #startFirstReply() {
    this.draft = { ...this.draft, text: msg('One goal I have is ', { id: 'thread.empty.starter' }) };
    void this.host.updateComplete.then(() => {
      const box = this.host.renderRoot.querySelector<HTMLTextAreaElement>('#composer-text');
      box?.focus();
      box?.setSelectionRange(box.value.length, box.value.length);
    });
  }

  // ---------- mentions (combobox-style autocomplete on the textarea) ----------

  #draftFor(kind: 'post' | 'reply' | 'edit'): Draft {
    return kind === 'post' ? this.draft : kind === 'reply' ? this.replyDraft : this.editDraft;
  }

  #setDraft(kind: 'post' | 'reply' | 'edit', draft: Draft) {
    if (kind === 'post') this.draft = draft;
    else if (kind === 'reply') this.replyDraft = draft;
    else this.editDraft = draft;
  }

  #onInput(kind: 'post' | 'reply' | 'edit', event: InputEvent) {
    const box = event.target as HTMLTextAreaElement;
    this.#setDraft(kind, { ...this.#draftFor(kind), text: box.value, error: '' });
    const before = box.value.slice(0, box.selectionStart ?? box.value.length);
    const match = MENTION_AT_CURSOR.exec(before);
    if (!match || !this.#store || !this.#runtime || !this.#data) return this.#closeMentions();
    const prefix = match[2] ?? '';
    this.mentionFor = kind;
    if (prefix === this.#mentionQuery) return;
    this.#mentionQuery = prefix;
    this.#mentionStop?.();
    this.#mentionStop = this.#store.watchMemberMatches(
      this.#runtime,
      this.#data,
      this.host.spaceId,
      prefix,
      (members) => {
        this.mentionOptions = members.filter((m) => m.uid !== this.#uid);
        this.mentionIndex = 0;
      },
    );
  }

  #closeMentions() {
    this.#mentionStop?.();
    this.#mentionStop = undefined;
    this.#mentionQuery = undefined;
    this.mentionFor = undefined;
    this.mentionOptions = [];
  }

  #onKeydown(kind: 'post' | 'reply' | 'edit', event: KeyboardEvent) {
    if (this.mentionFor === kind && this.mentionOptions.length) {
      const count = this.mentionOptions.length;
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        this.mentionIndex = (this.mentionIndex + (event.key === 'ArrowDown' ? 1 : count - 1)) % count;
        return;
      }
      if (event.key === 'Enter' || event.key === 'Tab') {
        event.preventDefault();
        this.#pickMention(kind, this.mentionOptions[this.mentionIndex]!, event.target as HTMLTextAreaElement);
        return;
      }
      if (event.key === 'Escape') {
        event.preventDefault();
        this.#closeMentions();
        return;
      }
    }
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      (event.target as HTMLTextAreaElement).form?.requestSubmit();
    }
  }

  #pickMention(kind: 'post' | 'reply' | 'edit', member: MemberOption, box: HTMLTextAreaElement | null) {
    const draft = this.#draftFor(kind);
    const cursor = box?.selectionStart ?? draft.text.length;
    const typed = draft.text.slice(0, cursor);
    const match = MENTION_AT_CURSOR.exec(typed);
    const before = match ? typed.slice(0, match.index + (match[1] ?? '').length) : typed;
    const text = `${before}@${member.displayName} ${draft.text.slice(cursor)}`;
    this.#setDraft(kind, { ...draft, text, mentions: new Map(draft.mentions).set(member.displayName, member.uid) });
    this.#closeMentions();
    const position = before.length + member.displayName.length + 2;
    void this.host.updateComplete.then(() => {
      box?.focus();
      box?.setSelectionRange(position, position);
    });
  }

  // ---------- rendering ----------

  render(): TemplateResult {
    const visible = this.#visibleFeed();
    const loading = !this.feedLoaded;
    const mayWrite = !this.locked || this.host.isFacilitator;
    return html`
      ${this.#renderPresence()} ${this.host.isFacilitator ? this.#renderFacilitatorBar() : nothing}
      ${this.locked ? html`<p class="notice" role="status">${msg('This thread is locked. You can still read it.', { id: 'thread.locked' })}</p>` : nothing}
      ${mayWrite ? this.#renderComposer() : nothing} ${this.#renderQueued()}
      ${this.actionError ? html`<p class="error" role="alert">${this.actionError}</p>` : nothing}
      ${this.#renderMyHidden()}
      ${
        this.pinned.length
          ? html`<section class="pinned" aria-labelledby="pinned-title">
              <h3 id="pinned-title" class="section-title">
                ${msg('Pinned by a facilitator', { id: 'thread.pinned' })}
              </h3>
              ${this.pinned.map((post) => this.#renderPost(post, undefined, undefined))}
            </section>`
          : nothing
      }
      <div class="toolbar">
        <label class="sort">
          <span>${msg('Sort by', { id: 'thread.sort' })}</span>
          <select
            @change=${(e: Event) => this.#onSort((e.target as HTMLSelectElement).value as SortOrder)}
            .value=${live(this.sort)}
          >
            <option value="newest">${msg('Newest', { id: 'thread.sort.newest' })}</option>
            <option value="oldest">${msg('Oldest', { id: 'thread.sort.oldest' })}</option>
            <option value="top">${msg('Most reactions', { id: 'thread.sort.top' })}</option>
          </select>
        </label>
        ${
          this.held.size
            ? html`<button class="button new-posts" part="new-posts" type="button" @click=${() => this.#showNew()}>
                ${this.held.size === 1 ? msg('1 new post — show', { id: 'thread.new-posts-one' }) : msg(str`${this.held.size} new posts — show`, { id: 'thread.new-posts' })}
              </button>`
            : nothing
        }
      </div>
      ${
        loading
          ? html`<div
              class="feed"
              role="feed"
              aria-busy="true"
              aria-label=${msg('Posts', { id: 'thread.posts' })}
              part="feed"
            >
              ${[0, 1, 2].map(() => html`<div class="skeleton post-skeleton"></div>`)}
            </div>`
          : visible.length === 0
            ? this.pinned.length === 0
              ? this.#renderEmpty(mayWrite)
              : nothing
            : html`<div
                class="feed"
                role="feed"
                aria-busy="false"
                aria-label=${msg('Posts', { id: 'thread.posts' })}
                part="feed"
              >
                ${repeat(
                  visible,
                  (post) => post.id,
                  (post, index) =>
                    this.#renderPost(post, index + 1, this.#hasMore() ? -1 : visible.length, visible[index + 1]?.id),
                )}
              </div>`
      }
      ${
        this.#hasMore()
          ? html`<button class="button button--quiet" type="button" @click=${() => this.#loadMore()}>
              ${msg('Load more', { id: 'thread.load-more' })}
            </button>`
          : nothing
      }
    `;
  }

  #hasMore() {
    const last = this.pageViews.get(this.cursors.length - 1);
    return this.feedLoaded && last !== undefined && last.size >= PAGE_SIZE;
  }

  /** The next page starts after the last document of the current last page: nothing already read is read again. */
  #loadMore() {
    const last = this.pageViews.get(this.cursors.length - 1)?.last;
    if (!last) return;
    this.#focusFrom = this.#visibleFeed().length;
    this.cursors = [...this.cursors, last];
  }

  #onSort(sort: SortOrder) {
    this.sort = sort;
    this.#resetFeed();
  }

  #renderPresence() {
    const peers = this.#peers();
    if (!peers) return nothing;
    return html`<p class="presence muted">
      ${peers === 1 ? msg('1 peer posted this week', { id: 'thread.presence-one' }) : msg(str`${peers} peers posted this week`, { id: 'thread.presence' })}
    </p>`;
  }

  #renderFacilitatorBar() {
    return html`<div class="facilitator-bar">
      <button class="button button--quiet" type="button" @click=${() => this.#toggleLock()}>
        ${this.locked ? msg('Unlock thread', { id: 'thread.unlock' }) : msg('Lock thread', { id: 'thread.lock' })}
      </button>
    </div>`;
  }

  #renderEmpty(mayWrite: boolean) {
    return html`<div class="empty" part="feed">
      <p class="empty__title">${msg('No one has replied yet.', { id: 'thread.empty.title' })}</p>
      ${
        mayWrite
          ? html`<p>
                ${msg('A sentence or two is plenty — others find it easier to join once someone has started.', { id: 'thread.empty.invite' })}
              </p>
              <button class="button button--quiet" type="button" @click=${() => this.#startFirstReply()}>
                ${msg('Start with one sentence', { id: 'thread.empty.start' })}
              </button>`
          : nothing
      }
    </div>`;
  }

  #renderComposer() {
    return html`<form
      class="composer"
      part="composer"
      @submit=${(e: SubmitEvent) => (e.preventDefault(), void this.#submitPost(null))}
    >
      ${this.#renderTextarea('post', 'composer-text', this.draft, msg('Your post', { id: 'thread.composer.label' }))}
      <div class="composer__actions">${this.#renderSubmit('post', msg('Post', { id: 'thread.composer.submit' }))}</div>
    </form>`;
  }

  /** The submit button, shown as busy while its post is on its way (aria-disabled keeps it focusable). */
  #renderSubmit(kind: 'post' | 'reply', label: string) {
    const sending = this.sending.has(kind);
    return html`<button class="button" type="submit" aria-disabled=${sending ? 'true' : 'false'}>
      ${sending ? msg('Sending…', { id: 'thread.composer.sending' }) : label}
    </button>`;
  }

  #renderTextarea(kind: 'post' | 'reply' | 'edit', id: string, draft: Draft, label: string) {
    const length = draft.text.length;
    const over = length > MAX_BODY;
    const listId = `${id}-mentions`;
    const open = this.mentionFor === kind && this.mentionOptions.length > 0;
    return html`<div class="field">
      <label for=${id}>${label}</label>
      <textarea
        id=${id}
        rows="3"
        .value=${live(draft.text)}
        aria-describedby="${id}-count ${id}-hint${draft.error ? ` ${id}-error` : ''}"
        aria-invalid=${over || draft.error ? 'true' : 'false'}
        aria-autocomplete="list"
        aria-controls=${open ? listId : nothing}
        aria-activedescendant=${open ? `${listId}-${this.mentionIndex}` : nothing}
        @input=${(e: InputEvent) => this.#onInput(kind, e)}
        @keydown=${(e: KeyboardEvent) => this.#onKeydown(kind, e)}
        @blur=${() => setTimeout(() => this.mentionFor === kind && this.#closeMentions(), 150)}
      ></textarea>
      ${
        open
          ? html`<ul
              class="mentions"
              role="listbox"
              id=${listId}
              aria-label=${msg('Members', { id: 'thread.mentions' })}
            >
              ${this.mentionOptions.map(
                (member, index) =>
                  html`<li
                    id="${listId}-${index}"
                    role="option"
                    aria-selected=${index === this.mentionIndex ? 'true' : 'false'}
                    class=${classMap({ mention: true, 'mention--active': index === this.mentionIndex })}
                    @mousedown=${(e: Event) => {
                      e.preventDefault();
                      this.#pickMention(
                        kind,
                        member,
                        this.host.renderRoot.querySelector<HTMLTextAreaElement>(`#${id}`),
                      );
                    }}
                  >
                    ${member.displayName}
                  </li>`,
              )}
            </ul>`
          : nothing
      }
      <div class="field__meta">
        <span id="${id}-hint" class="muted"
          >${msg('**bold**, _italic_, `code`, [text](https://…), @name', { id: 'thread.composer.hint' })}</span
        >
        <span id="${id}-count" class=${classMap({ counter: true, 'counter--over': over })}
          >${msg(str`${length} / ${MAX_BODY} characters`, { id: 'thread.counter' })}</span
        >
      </div>
      ${draft.error ? html`<p class="error" id="${id}-error" role="alert">${draft.error}</p>` : nothing}
    </div>`;
  }

  #renderPost(post: Post, position: number | undefined, size: number | undefined, nextId?: string): TemplateResult {
    const uid = this.#uid;
    const mine = post.authorId === uid;
    const mentioned = Boolean(uid && post.mentions.includes(uid));
    const facilitator = this.host.isFacilitator;
    const hiddenForReader = post.hidden && !mine && !facilitator;
    const isReply = post.parentId !== null;
    const headingId = `post-${post.id}-author`;
    const replies = this.replies.get(post.id) ?? [];
    const expanded = this.expanded.has(post.id);
    return html`<article
      class=${classMap({ post: true, 'post--reply': isReply, 'post--mentioned': mentioned, 'post--pending': post.pending, 'post--pinned': post.pinned })}
      part="post"
      tabindex="-1"
      data-post-id=${post.id}
      aria-labelledby=${headingId}
      aria-posinset=${position ?? nothing}
      aria-setsize=${size ?? nothing}
    >
      <header class="post__header">
        <span class="post__author" id=${headingId}
          >${post.deleted ? msg('Removed post', { id: 'thread.removed-title' }) : html`<bdi>${post.authorName}</bdi>`}</span
        >
        ${post.deleted ? nothing : roleBadge(post.authorRole)}
        ${post.pinned ? html`<span class="badge badge--quiet">${msg('Pinned', { id: 'thread.pinned-badge' })}</span>` : nothing}
        ${mentioned ? html`<span class="badge badge--accent">${msg('Mentions you', { id: 'thread.mentions-you' })}</span>` : nothing}
        ${
          post.createdAt
            ? html`<time
                class="muted"
                datetime=${post.createdAt.toISOString()}
                title=${new Intl.DateTimeFormat(this.host.locale, { dateStyle: 'medium', timeStyle: 'short' }).format(post.createdAt)}
                >${relativeTime(post.createdAt, this.host.locale)}</time
              >`
            : nothing
        }
        ${post.editedAt && !post.deleted ? html`<span class="muted">${msg('(edited)', { id: 'thread.edited' })}</span>` : nothing}
        ${post.pending ? html`<span class="badge badge--pending">${msg('Waiting to send', { id: 'thread.pending' })}</span>` : nothing}
      </header>
      ${
        post.deleted
          ? html`<p class="muted placeholder">
              ${msg('This post was removed by its author.', { id: 'thread.removed' })}
            </p>`
          : hiddenForReader
            ? html`<p class="muted placeholder">
                ${msg('This post is hidden while a facilitator reviews it.', { id: 'thread.hidden-placeholder' })}
              </p>`
            : html`${
                post.hidden
                  ? html`<p class="notice notice--error">
                      ${
                        facilitator
                          ? hiddenForFacilitator(post.reportCount)
                          : msg('Hidden while a facilitator reviews it. Others cannot see it.', {
                              id: 'thread.hidden-author',
                            })
                      }
                    </p>`
                  : nothing
              }
              ${this.editing === post.id ? this.#renderEditor(post) : html`<div class="post__body" dir="auto">${renderBody(post.body, msg('(opens in a new tab)', { id: 'thread.new-tab' }))}</div>`}
              ${
                facilitator && !post.hidden && post.reportCount > 0
                  ? html`<p class="muted">
                      ${post.reportCount === 1 ? msg('1 report', { id: 'thread.report-count-one' }) : msg(str`${post.reportCount} reports`, { id: 'thread.report-count' })}
                    </p>`
                  : nothing
              }
              ${post.hidden ? nothing : this.#renderReactions(post)} ${this.#renderActions(post, mine, nextId)}`
      }
      ${this.reporting === post.id ? this.#renderReportForm(post, nextId) : nothing}
      ${!isReply ? this.#renderReplies(post, replies, expanded) : nothing}
    </article>`;
  }

  /** Posts on this device that the server does not have yet: waiting their turn, or refused with their text kept. */
  #renderQueued() {
    // A sent post shows in the feed from Firestore's cache; until it does (a reply under a closed post, or a
    // moment after a reload), it shows here.
    const inView = new Set(
      [...this.#allArrivals(), ...this.feed, ...this.pinned, ...[...this.replies.values()].flat()].map((p) => p.id),
    );
    const waiting = this.queued.filter((entry) => !entry.sent || entry.error || !inView.has(entry.id));
    if (!waiting.length) return nothing;
    const member = this.#bridge.spaceState()?.member;
    return html`<section class="queued" aria-labelledby="queued-title">
      <h3 id="queued-title" class="section-title">${msg('Your posts on this device', { id: 'thread.queued' })}</h3>
      ${repeat(
        waiting,
        (entry) => entry.id,
        (entry) =>
          html`<article
            class=${classMap({ post: true, 'post--pending': !entry.error, 'post--failed': Boolean(entry.error) })}
            part="post"
            tabindex="-1"
            data-post-id=${entry.id}
            aria-labelledby="queued-${entry.id}"
          >
            <header class="post__header">
              <span class="post__author" id="queued-${entry.id}"><bdi>${member?.displayName ?? ''}</bdi></span>
              ${
                entry.parentId
                  ? html`<span class="muted"
                      >${entry.parentName ? msg(str`Reply to ${entry.parentName}`, { id: 'thread.queued-reply-to' }) : msg('Reply', { id: 'thread.reply' })}</span
                    >`
                  : nothing
              }
              ${entry.error ? nothing : html`<span class="badge badge--pending">${msg('Waiting to send', { id: 'thread.pending' })}</span>`}
            </header>
            ${
              entry.error
                ? html`<p class="error" role="alert">
                    ${msg(str`This post was not sent: ${entry.error} Your text is kept below.`, { id: 'thread.error.refused' })}
                  </p>`
                : nothing
            }
            <div class="post__body" dir="auto">
              ${renderBody(entry.body, msg('(opens in a new tab)', { id: 'thread.new-tab' }))}
            </div>
            ${
              entry.error
                ? html`<div class="actions">
                    <button class="link-button" type="button" @click=${() => this.#retry(entry)}>
                      ${msg('Try again', { id: 'thread.retry' })}
                    </button>
                    ${
                      entry.parentId
                        ? nothing
                        : html`<button class="link-button" type="button" @click=${() => this.#editQueued(entry)}>
                            ${msg('Edit', { id: 'thread.edit' })}
                          </button>`
                    }
                    <button class="link-button" type="button" @click=${() => this.#discard(entry)}>
                      ${msg('Discard', { id: 'thread.discard' })}
                    </button>
                  </div>`
                : nothing
            }
          </article>`,
      )}
    </section>`;
  }

  /** The reader's own hidden posts: nobody else can read them, so they are listed here with the reason. */
  #renderMyHidden() {
    if (this.#all || !this.myHidden.length) return nothing;
    return html`<section class="my-hidden" aria-labelledby="my-hidden-title">
      <h3 id="my-hidden-title" class="section-title">
        ${msg('Your posts hidden while a facilitator reviews them', { id: 'thread.my-hidden' })}
      </h3>
      ${this.myHidden.map((post) => this.#renderPost(post, undefined, undefined))}
    </section>`;
  }

  #renderReactions(post: Post) {
    const mine = this.mine.get(post.id) ?? {};
    return html`<div class="reactions" role="group" aria-label=${msg('Reactions', { id: 'thread.reactions' })}>
      ${REACTIONS.map(({ key, emoji }) => {
        const count = post.reactionCounts[key];
        const on = mine[key] === true;
        return html`<button
          class=${classMap({ reaction: true, 'reaction--on': on })}
          part="reaction"
          type="button"
          aria-pressed=${on ? 'true' : 'false'}
          aria-label=${msg(str`${reactionName(key)}: ${count}`, { id: 'thread.reaction-label' })}
          @click=${() => void this.#toggleReaction(post, key)}
        >
          <span aria-hidden="true">${emoji}</span><span aria-hidden="true">${count || ''}</span>
        </button>`;
      })}
    </div>`;
  }

  #renderActions(post: Post, mine: boolean, nextId?: string) {
    const open = !this.locked || this.host.isFacilitator;
    // Reported or hidden: the rules keep it as it is for a facilitator to review, so its author cannot change it.
    const underReview = post.hidden || post.reportCount > 0;
    return html`<div class="actions">
      ${
        post.parentId === null && open && !post.hidden
          ? html`<button class="link-button" type="button" @click=${() => this.#startReply(post)}>
              ${msg('Reply', { id: 'thread.reply' })}
            </button>`
          : nothing
      }
      ${
        mine && open && !underReview
          ? html`<button class="link-button" type="button" @click=${() => this.#startEdit(post)}>
              ${msg('Edit', { id: 'thread.edit' })}
            </button>`
          : nothing
      }
      ${mine && !underReview ? html`<button class="link-button" type="button" @click=${() => this.#delete(post, nextId)}>${msg('Delete', { id: 'thread.delete' })}</button>` : nothing}
      ${
        mine && underReview
          ? html`<span class="muted"
              >${msg('Under review by a facilitator: you can edit or delete it once they have looked at it.', {
                id: 'thread.under-review',
              })}</span
            >`
          : nothing
      }
      ${
        !mine && !this.reported.has(post.id)
          ? html`<button
              class="link-button"
              type="button"
              @click=${() => ((this.reporting = post.id), (this.reportError = ''))}
            >
              ${msg('Report', { id: 'thread.report' })}
            </button>`
          : nothing
      }
      ${this.reported.has(post.id) ? html`<span class="muted">${msg('Reported', { id: 'thread.reported' })}</span>` : nothing}
      ${
        this.host.isFacilitator
          ? html`<button
                class="link-button"
                type="button"
                @click=${() => this.#moderate(post, { hidden: !post.hidden })}
              >
                ${post.hidden ? msg('Restore', { id: 'thread.restore' }) : msg('Hide', { id: 'thread.hide' })}
              </button>
              ${
                post.parentId === null
                  ? html`<button
                      class="link-button"
                      type="button"
                      @click=${() => this.#moderate(post, { pinned: !post.pinned })}
                    >
                      ${post.pinned ? msg('Unpin', { id: 'thread.unpin' }) : msg('Pin', { id: 'thread.pin' })}
                    </button>`
                  : nothing
              }`
          : nothing
      }
    </div>`;
  }

  #renderEditor(post: Post) {
    return html`<form class="editor" @submit=${(e: SubmitEvent) => (e.preventDefault(), void this.#saveEdit(post))}>
      ${this.#renderTextarea('edit', 'edit-text', this.editDraft, msg('Edit your post', { id: 'thread.edit-label' }))}
      <div class="composer__actions">
        <button class="button" type="submit">${msg('Save', { id: 'thread.save' })}</button>
        <button
          class="button button--quiet"
          type="button"
          @click=${() => ((this.editing = undefined), (this.#focusPost = post.id))}
        >
          ${msg('Cancel', { id: 'thread.cancel' })}
        </button>
      </div>
    </form>`;
  }

  #renderReportForm(post: Post, nextId: string | undefined) {
    const labels: Record<ReportReason, string> = {
      unkind: msg('Unkind or disrespectful', { id: 'thread.report.unkind' }),
      harmful: msg('Harmful or unsafe', { id: 'thread.report.harmful' }),
      spam: msg('Spam or advertising', { id: 'thread.report.spam' }),
      'off-topic': msg('Off topic', { id: 'thread.report.off-topic' }),
      other: msg('Something else', { id: 'thread.report.other' }),
    };
    return html`<form class="report" @submit=${(e: SubmitEvent) => void this.#submitReport(e, post, nextId)}>
      <fieldset>
        <legend>${msg('Why are you reporting this post?', { id: 'thread.report.legend' })}</legend>
        ${REPORT_REASONS.map((reason) => html`<label class="check"><input type="radio" name="reason" value=${reason} />${labels[reason]}</label>`)}
      </fieldset>
      <div class="field">
        <label for="report-note"
          >${msg('Anything the facilitator should know (optional)', { id: 'thread.report.note' })}</label
        >
        <textarea id="report-note" name="note" rows="2" maxlength="300"></textarea>
      </div>
      ${this.reportError ? html`<p class="error" role="alert">${this.reportError}</p>` : nothing}
      <div class="composer__actions">
        <button class="button" type="submit">${msg('Send report', { id: 'thread.report.submit' })}</button>
        <button
          class="button button--quiet"
          type="button"
          @click=${() => ((this.reporting = undefined), (this.#focusPost = post.id))}
        >
          ${msg('Cancel', { id: 'thread.cancel' })}
        </button>
      </div>
    </form>`;
  }

  #renderReplies(post: Post, replies: Post[], expanded: boolean) {
    const count = post.replyCount;
    const heldHere = this.heldReplies.get(post.id);
    return html`${
      count > 0
        ? html`<button
            class="link-button"
            type="button"
            aria-expanded=${expanded ? 'true' : 'false'}
            @click=${() => this.#toggleReplies(post)}
          >
            ${
              expanded
                ? msg('Hide replies', { id: 'thread.hide-replies' })
                : count === 1
                  ? msg('Show 1 reply', { id: 'thread.show-reply' })
                  : msg(str`Show ${count} replies`, { id: 'thread.show-replies' })
            }
          </button>`
        : nothing
    }
    ${
      expanded && replies.length
        ? html`<div
            class="replies"
            role="group"
            aria-label=${msg(str`Replies to ${post.authorName}`, { id: 'thread.replies-label' })}
          >
            ${repeat(
              replies.filter((reply) => !heldHere?.has(reply.id)),
              (reply) => reply.id,
              (reply) => this.#renderPost(reply, undefined, undefined),
            )}
          </div>`
        : nothing
    }
    ${
      expanded && heldHere?.size
        ? html`<button class="button button--quiet new-posts" type="button" @click=${() => this.#showReplies(post.id)}>
            ${heldHere.size === 1 ? msg('1 new reply — show', { id: 'thread.new-replies-one' }) : msg(str`${heldHere.size} new replies — show`, { id: 'thread.new-replies' })}
          </button>`
        : nothing
    }
    ${
      this.replyTo === post.id
        ? html`<form
            class="composer composer--reply"
            @submit=${(e: SubmitEvent) => (e.preventDefault(), void this.#submitPost(post.id))}
          >
            ${this.#renderTextarea('reply', 'reply-text', this.replyDraft, msg(str`Reply to ${post.authorName}`, { id: 'thread.reply-label' }))}
            <div class="composer__actions">
              ${this.#renderSubmit('reply', msg('Send reply', { id: 'thread.reply-submit' }))}
              <button
                class="button button--quiet"
                type="button"
                @click=${() => ((this.replyTo = undefined), (this.#focusPost = post.id))}
              >
                ${msg('Cancel', { id: 'thread.cancel' })}
              </button>
            </div>
          </form>`
        : nothing
    }`;
  }
}

/** Role labels come from the member document's role (only the CLI sets it), never from the display name. */
function roleBadge(role: string) {
  const label = roleLabel(role);
  return label ? html`<span class="badge" data-role=${role}>${label}</span>` : nothing;
}

function reactionName(key: ReactionKey): string {
  switch (key) {
    case 'thumbs':
      return msg('Thumbs up', { id: 'thread.reaction.thumbs' });
    case 'heart':
      return msg('Love', { id: 'thread.reaction.heart' });
    case 'idea':
      return msg('Insightful', { id: 'thread.reaction.idea' });
    case 'party':
      return msg('Celebrate', { id: 'thread.reaction.party' });
    case 'thinking':
      return msg('Thinking', { id: 'thread.reaction.thinking' });
  }
}
