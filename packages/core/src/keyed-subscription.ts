// Data subscriptions as Reactive Controllers, in the shape of @lit-labs/observers: the host says what it watches as a
// key computed from its state, and the controller keeps exactly one live subscription per key. No Firebase here:
// widgets subscribe through data.ts's metered listeners, so reads stay counted under the widget's name.
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** What a subscription watches: a string, or a tuple of parts compared one by one (a time as its milliseconds). */
export type SubscriptionKey = string | readonly (string | number | boolean | null)[];

export type Unsubscribe = () => void;

export interface KeyedSubscriptionSetOptions<K extends SubscriptionKey> {
  /** Every key the host needs watched now, from its state. */
  keys: () => Iterable<K>;
  /** Starts watching one key; returns how to stop. */
  subscribe: (key: K) => Unsubscribe;
}

export interface KeyedSubscriptionOptions<K extends SubscriptionKey> {
  /** What the host watches now; undefined while there is nothing to watch (no data yet, nobody signed in). */
  key: () => K | undefined;
  /** Starts watching the key; returns how to stop. */
  subscribe: (key: K) => Unsubscribe;
}

const idOf = (key: SubscriptionKey) => (typeof key === 'string' ? key : JSON.stringify(key));

/**
 * One live subscription per key the host needs: a key that appears is subscribed, one that goes is unsubscribed,
 * one that stays is left alone (it is not read again). Keys are checked before each host update and on
 * `refresh()`. Disconnected, the host watches nothing; connected again, it watches its keys again.
 */
export class KeyedSubscriptionSet<K extends SubscriptionKey> implements ReactiveController {
  readonly #options: KeyedSubscriptionSetOptions<K>;
  readonly #live = new Map<string, { key: K; stop: Unsubscribe }>();
  #connected = false;

  constructor(host: ReactiveControllerHost, options: KeyedSubscriptionSetOptions<K>) {
    this.#options = options;
    host.addController(this);
  }

  /** Whether `key` is being watched now: a late answer for a key that is not can be ignored. */
  has(key: K): boolean {
    return this.#live.has(idOf(key));
  }

  /** The keys being watched now. */
  get keys(): K[] {
    return [...this.#live.values()].map((entry) => entry.key);
  }

  hostConnected(): void {
    this.#connected = true;
    this.refresh();
  }

  hostDisconnected(): void {
    this.#connected = false;
    // Stopped once the current task is done, unless the host is back by then: an element moved in the page
    // (taken out and put back at once) keeps its listeners instead of reading everything again.
    queueMicrotask(() => {
      if (!this.#connected) this.#stop(() => true);
    });
  }

  hostUpdate(): void {
    this.refresh();
  }

  /** Checks the keys now, for a change the host's next update would not see (a sign-in, a new search). */
  refresh(): void {
    if (!this.#connected) return;
    const wanted = new Map<string, K>();
    for (const key of this.#options.keys()) wanted.set(idOf(key), key);
    // Stopped first: a changed key never has its old and new subscriptions live together.
    this.#stop((id) => !wanted.has(id));
    for (const [id, key] of wanted) {
      if (this.#live.has(id)) continue;
      const entry = { key, stop: () => {} };
      // Listed before it starts, so a callback that checks the keys at once does not subscribe it twice.
      this.#live.set(id, entry);
      let stop: Unsubscribe;
      try {
        stop = this.#options.subscribe(key);
      } catch (error) {
        this.#live.delete(id); // not watching: the next check tries again
        throw error;
      }
      if (this.#live.get(id) === entry) entry.stop = stop;
      else stop(); // dropped while it started
    }
  }

  #stop(unwanted: (id: string) => boolean) {
    for (const [id, entry] of [...this.#live]) {
      if (!unwanted(id)) continue;
      this.#live.delete(id);
      entry.stop();
    }
  }
}

/** One subscription that follows one key: a new key replaces the old subscription, no key stops it. */
export class KeyedSubscription<K extends SubscriptionKey> extends KeyedSubscriptionSet<K> {
  constructor(host: ReactiveControllerHost, options: KeyedSubscriptionOptions<K>) {
    super(host, {
      keys: () => {
        const key = options.key();
        return key === undefined ? [] : [key];
      },
      subscribe: options.subscribe,
    });
  }

  /** The key being watched now, if any. */
  get key(): K | undefined {
    return this.keys[0];
  }
}
