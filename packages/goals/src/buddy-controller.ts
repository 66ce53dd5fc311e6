// Accountability buddies on the board, for the learner of the page: their own buddy document, the waiting list
// while they wait (their BuddyMatcher claims from it), their pair and their buddies' visible goals while paired,
// and "Your buddy checked in" when a buddy's latest check-in changes. Loaded with the goal board's controller.
import { msg, str } from '@lit/localize';
import type { ReactiveController } from 'lit';
import type { FirebaseRuntime, WidgetHost } from '@cohort-kit/core';
import { KeyedSubscription } from '@cohort-kit/core/data.js';
import * as buddyData from './buddy-data.js';
import type { Buddy, BuddyNews, Pair } from './buddy-data.js';
import * as goalsData from './goals-data.js';
import type { Goal } from './goals-data.js';
import { statusLabel } from './views/card.js';

type DataModule = typeof import('@cohort-kit/core/data.js');

/** How long before a buddy's name that could not be read is read again. */
const NAME_RETRY_MS = 3000;

export interface BuddySource {
  runtime: FirebaseRuntime;
  data: DataModule;
  space: string;
  board: string;
}

/** How the board's controller runs an action: once, after joining, with a refusal said in words. */
export type Act = (key: string, reason: string, write: (uid: string) => Promise<string | void>) => Promise<boolean>;

export class BuddyController implements ReactiveController {
  /** The learner's own buddy document (null until read, or when they have none). */
  own: Buddy | null = null;
  ownLoaded = false;
  pair: Pair | null = null;
  /** The learner's buddies by uid, with their names. */
  readonly buddies = new Map<string, string>();
  /** The buddies' visible goals, live. */
  goals: Goal[] = [];
  /** How many others wait for a buddy on this board (while the learner waits too). */
  othersWaiting = 0;
  /** Whose check-in is news and how they are doing ("Ada", "On track"), once it happens while the page is open. */
  news: BuddyNews | undefined;

  #source?: BuddySource;
  /**
   * The learner's matcher, kept while the waiting list is listened to again: a refused claim shows "paired" and turns
   * back to "waiting", which restarts the list, and the matcher's count of refusals must outlive that. Every change of
   * the learner's state restarts the list, which hands the matcher that state.
   */
  #matcher?: { key: string; matcher: buddyData.BuddyMatcher };
  /** Each buddy goal's latest check-in as last seen: a new one is news. */
  readonly #seenCheckIns = new Map<string, string>();
  /** When the page began to watch (the device's clock): a check-in made since is news, one made before is not. */
  #watchingSince = 0;
  readonly #ownWatch: KeyedSubscription<readonly [string, string, string]>;
  readonly #pairingWatch: KeyedSubscription<readonly [string, string, string, string, string]>;
  readonly #goalsWatch: KeyedSubscription<string[]>;

  constructor(
    private readonly host: WidgetHost,
    private readonly act: Act,
  ) {
    host.addController(this);
    const uid = () => this.host.spaceState?.user?.uid ?? '';
    const source = () => this.#source;
    this.#ownWatch = new KeyedSubscription(host, {
      key: () => (source() && uid() ? ([source()!.space, source()!.board, uid()] as const) : undefined),
      subscribe: ([space, board, me]) => this.#watchOwn(space, board, me),
    });
    this.#pairingWatch = new KeyedSubscription(host, {
      key: () => {
        const own = this.own;
        if (!source() || !uid() || !own || own.state === 'out') return undefined;
        return [source()!.space, source()!.board, uid(), own.state as string, own.pairId ?? ''] as const;
      },
      subscribe: ([space, board, me, state, pairId]) =>
        state === 'waiting' ? this.#watchWaiting(space, board, me) : this.#watchPair(space, board, pairId),
    });
    this.#goalsWatch = new KeyedSubscription(host, {
      key: () => {
        const ids = [...this.buddies.keys()].sort();
        return source() && ids.length ? [source()!.space, source()!.board, ...ids] : undefined;
      },
      subscribe: ([space, board, ...ids]) => this.#watchBuddyGoals(space!, board!, ids),
    });
  }

  hostUpdate(): void {
    this.#refresh();
  }

  #refresh() {
    this.#ownWatch.refresh();
    this.#pairingWatch.refresh();
    this.#goalsWatch.refresh();
  }

  start(source: BuddySource): () => void {
    this.#source = source;
    this.#watchingSince ||= Date.now();
    this.#refresh();
    return () => {
      if (this.#source !== source) return;
      this.#source = undefined;
      this.#refresh();
    };
  }

  /** The learner is paired and their buddy (or buddies) still with them. */
  get paired(): boolean {
    return this.own?.state === 'paired' && this.buddies.size > 0;
  }

  /** Paired, but every buddy left the pair. */
  get buddyLeft(): boolean {
    return this.own?.state === 'paired' && this.pair !== null && this.buddies.size === 0;
  }

  #watchOwn(space: string, board: string, uid: string): () => void {
    const { runtime, data } = this.#source!;
    this.ownLoaded = false;
    return data.watchDoc(runtime, 'goals', buddyData.buddyRef(runtime.db, space, board, uid), {
      next: (snapshot) => {
        this.own = snapshot.exists() ? buddyData.readBuddy(uid, snapshot.data({ serverTimestamps: 'estimate' })) : null;
        this.ownLoaded = true;
        this.#refresh();
        this.host.requestUpdate();
      },
      error: () => ((this.ownLoaded = true), this.host.requestUpdate()),
    });
  }

  #writer(uid: string): buddyData.BuddyWriter {
    const { runtime, space, board } = this.#source!;
    return { db: runtime.db, space, board, uid, name: this.host.spaceState?.member?.displayName ?? '' };
  }

  /** While the learner waits: the waiting list, confirmed by the server, drives their matcher. */
  #watchWaiting(space: string, board: string, uid: string): () => void {
    const { runtime, data } = this.#source!;
    const key = `${space}/${board}/${uid}`;
    if (this.#matcher?.key !== key)
      this.#matcher = { key, matcher: new buddyData.BuddyMatcher(() => this.#writer(uid)) };
    const { matcher } = this.#matcher;
    matcher.update({ own: this.own });
    // The list holds the learner's own document, which may be on its way now (they just pressed "Find me a buddy"):
    // a query started then could leave them out of it, and a learner missing from their own list claims nobody.
    const own = buddyData.buddyRef(runtime.db, space, board, uid);
    const stop = data.watchQuery(
      runtime,
      'goals',
      buddyData.waitingQuery(runtime.db, space, board),
      {
        next: (snapshot) => {
          if (snapshot.metadata.fromCache || snapshot.metadata.hasPendingWrites) return;
          const waiting = snapshot.docs.map((each) => each.id);
          this.othersWaiting = waiting.filter((each) => each !== uid).length;
          matcher.update({ waiting });
          this.host.requestUpdate();
        },
        error: () => {},
      },
      [own],
    );
    return () => {
      stop();
      matcher.stop();
    };
  }

  /** While paired: the pair, and the names of the buddies in it. */
  #watchPair(space: string, board: string, pairId: string): () => void {
    const { runtime, data } = this.#source!;
    const me = this.host.spaceState?.user?.uid;
    let stopped = false;
    let retry: ReturnType<typeof setTimeout> | undefined;
    // A name that could not be read (a dropped connection) is read again, not left blank for the visit.
    const loadNames = async () => {
      for (const uid of this.pair?.members ?? []) {
        if (uid === me || this.buddies.get(uid)) continue;
        const name = await buddyData.loadBuddyName(runtime.db, space, board, uid);
        if (stopped || !this.pair?.members.includes(uid)) return;
        this.buddies.set(uid, name ?? '');
        if (name === undefined) {
          clearTimeout(retry);
          retry = setTimeout(() => void loadNames(), NAME_RETRY_MS);
        }
      }
      this.#refresh();
      this.host.requestUpdate();
    };
    const stop = data.watchDoc(runtime, 'goals', buddyData.pairRef(runtime.db, space, board, pairId), {
      next: (snapshot) => {
        this.pair = buddyData.readPair(pairId, snapshot.data());
        for (const uid of [...this.buddies.keys()]) if (!this.pair.members.includes(uid)) this.buddies.delete(uid);
        void loadNames();
      },
      error: () => {},
    });
    return () => {
      stopped = true;
      clearTimeout(retry);
      stop();
      this.pair = null;
      this.buddies.clear();
      this.goals = [];
    };
  }

  /** The buddies' names: while a name cannot be read, the one on their goal, if it is on the board. */
  get buddyNames(): string[] {
    return [...this.buddies].map(
      ([uid, name]) => name || this.goals.find((goal) => goal.ownerId === uid)?.ownerName || '',
    );
  }

  #watchBuddyGoals(space: string, board: string, ids: string[]): () => void {
    const { runtime, data } = this.#source!;
    const listening = Date.now();
    let answered = false;
    return data.watchQuery(runtime, 'goals', buddyData.buddyGoalsQuery(runtime.db, space, board, ids), {
      next: (snapshot) => {
        this.goals = snapshot.docs.map((each) =>
          goalsData.readGoal(each.id, each.data({ serverTimestamps: 'estimate' }), each.metadata.hasPendingWrites),
        );
        for (const goal of this.goals) {
          const latest = goal.lastCheckIn?.id ?? '';
          const seen = this.#seenCheckIns.get(goal.id);
          this.#seenCheckIns.set(goal.id, latest);
          if (!latest || seen === latest) continue;
          // Until this listener's first answer from the server, the cache may still hold an earlier visit's board:
          // a check-in made before the page began to watch is no news, one made since is, whichever listener
          // brought it in first. A goal seen for the first time (a new buddy's, or one made public) brings its last
          // check-in along: news only if made since this listener started. The server's time is compared with the
          // device's: a clock a minute slow calls a check-in made a minute before the page opened news, one a
          // minute fast misses news made in that minute before the first answer.
          const at = goal.lastCheckIn!.at?.getTime() ?? 0;
          if (seen === undefined ? at < listening : !answered && at < this.#watchingSince) continue;
          const name = this.buddies.get(goal.ownerId) ?? goal.ownerName;
          const status = statusLabel(goal.lastCheckIn!.status);
          this.news = { name, status };
          this.host.announce(msg(str`Your buddy ${name} checked in: ${status}`, { id: 'goals.buddy-news' }));
        }
        if (!snapshot.metadata.fromCache) answered = true;
        this.host.requestUpdate();
      },
      error: () => {},
    });
  }

  /** "Find me a buddy": the learner waits, and is paired with the next who does (or the one already waiting). */
  findBuddy(): Promise<boolean> {
    return this.act('buddy', 'buddy', async (uid) => {
      const { runtime, space, board, data } = this.#source!;
      const ref = buddyData.buddyRef(runtime.db, space, board, uid);
      const write = buddyData.lookForBuddy(this.#writer(uid), this.own).commit();
      await this.host.settle(data.writingTo(write, ref));
      this.news = undefined;
      return msg('You are looking for a buddy. We will pair you with the next learner who does.', {
        id: 'goals.buddy-waiting-done',
      });
    });
  }

  /** Stop looking, or leave the pairing. */
  stop(): Promise<boolean> {
    return this.act('buddy', 'buddy', async (uid) => {
      const own = this.own;
      if (!own || own.state === 'out') return;
      const { runtime, space, board, data } = this.#source!;
      const ref = buddyData.buddyRef(runtime.db, space, board, uid);
      await this.host.settle(data.writingTo(buddyData.stopBuddying(this.#writer(uid), own).commit(), ref));
      this.news = undefined;
      return own.state === 'paired'
        ? msg('You left the pairing.', { id: 'goals.buddy-left-done' })
        : msg('You stopped looking for a buddy.', { id: 'goals.buddy-stopped-done' });
    });
  }

  /** The odd learner, with nobody else waiting, joins a pair of two as its third. */
  joinPair(): Promise<boolean> {
    return this.act('buddy', 'buddy', async (uid) => {
      const { runtime, space, board, data } = this.#source!;
      const pairs = await buddyData.pairsOfTwo(runtime.db, space, board, uid);
      const ref = buddyData.buddyRef(runtime.db, space, board, uid);
      for (const pair of pairs.sort(() => Math.random() - 0.5)) {
        try {
          const write = buddyData.joinPair(this.#writer(uid), pair.id).commit();
          await this.host.settle(data.writingTo(write, ref, buddyData.pairRef(runtime.db, space, board, pair.id)));
          return msg('You joined a pair as its third buddy.', { id: 'goals.buddy-third-done' });
        } catch {
          // That pair became a trio meanwhile: try the next.
        }
      }
      throw new Error(
        msg('There is no pair to join yet. You will be paired with the next learner who looks for a buddy.', {
          id: 'goals.buddy-no-pair',
        }),
      );
    });
  }
}
