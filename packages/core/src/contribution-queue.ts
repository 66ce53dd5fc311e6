// Contributions waiting on this device (posts, check-ins, feedback): each is kept until the server has it, so a
// dropped connection or a reload loses nothing a learner sent. Kept in localStorage (memory where storage is
// blocked) under a key per widget, place and learner.
//
// One press is one contribution: an entry's id, chosen when it is queued, is the id of the document it writes, so a
// resend after a reload writes the same document, and queueing an id already there does nothing. Senders take one
// entry at a time (`next()` only when nothing is `inFlight()`): a rule that times contributions by the server, such
// as a rate limit, would refuse entries sent back to back on reconnect. An entry the server refuses keeps its content
// and the reason, for the learner to retry, edit or discard. No SDK here.

export interface QueuedEntry {
  /** The id of the document it writes, chosen when queued. */
  id: string;
  queuedAt: number;
  /** Handed to Firestore: now in its (persistent) write queue, waiting for the server. */
  sent?: boolean;
  /** Why the server refused it; set means it waits for the learner to retry, edit or discard. */
  error?: string;
}

type KeyedStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const memory = new Map<string, string>();

function storage(): KeyedStorage {
  try {
    const probe = 'cohort-kit:queue-probe';
    localStorage.setItem(probe, '1');
    localStorage.removeItem(probe);
    return localStorage;
  } catch {
    return {
      getItem: (key) => memory.get(key) ?? null,
      setItem: (key, value) => void memory.set(key, value),
      removeItem: (key) => void memory.delete(key),
    };
  }
}

/** The storage key of one learner's queue: `queueKey('thread', space, thread, uid)`. */
export const queueKey = (widget: string, ...scope: string[]) => `cohort-kit:${widget}-queue:${scope.join(':')}`;

/** A queue read back from storage: entries it cannot read (another version's, or edited by hand) are left out. */
export class ContributionQueue<T extends QueuedEntry> {
  readonly #key: string;
  readonly #store = storage();
  readonly #fits: (entry: QueuedEntry & Record<string, unknown>) => boolean;

  /** `fits` checks the widget's own fields of a stored entry. */
  constructor(key: string, fits: (entry: QueuedEntry & Record<string, unknown>) => boolean) {
    this.#key = key;
    this.#fits = fits;
  }

  #isEntry = (value: unknown): value is T => {
    const entry = value as QueuedEntry & Record<string, unknown>;
    return typeof entry?.id === 'string' && typeof entry.queuedAt === 'number' && this.#fits(entry);
  };

  list(): T[] {
    try {
      const parsed = JSON.parse(this.#store.getItem(this.#key) ?? '[]') as unknown;
      return Array.isArray(parsed) ? parsed.filter(this.#isEntry) : [];
    } catch {
      return [];
    }
  }

  #save(entries: T[]) {
    if (entries.length) this.#store.setItem(this.#key, JSON.stringify(entries));
    else this.#store.removeItem(this.#key);
  }

  /** Queues a contribution; one already queued under this id (the same press) stays as it is. */
  add(entry: T) {
    const entries = this.list();
    if (!entries.some((queued) => queued.id === entry.id)) this.#save([...entries, entry]);
  }

  update(id: string, patch: Partial<T>) {
    this.#save(this.list().map((entry) => (entry.id === id ? { ...entry, ...patch } : entry)));
  }

  remove(id: string) {
    this.#save(this.list().filter((entry) => entry.id !== id));
  }

  has(id: string): boolean {
    return this.list().some((entry) => entry.id === id);
  }

  /** Queued and not refused: still to be sent, or sent and waiting for the server. */
  outstanding(id: string): boolean {
    return this.list().some((entry) => entry.id === id && !entry.error);
  }

  /** One entry is on its way: sent and neither confirmed nor refused. */
  inFlight(): boolean {
    return this.list().some((entry) => entry.sent && !entry.error);
  }

  /** The oldest entry neither sent nor refused. */
  next(): T | undefined {
    return this.list().find((entry) => !entry.sent && !entry.error);
  }

  markSent(id: string) {
    this.update(id, { sent: true } as Partial<T>);
  }

  /** The server refused it: kept, with the reason, until the learner retries, edits or discards it. */
  refuse(id: string, reason: string) {
    this.update(id, { sent: false, error: reason } as Partial<T>);
  }

  retry(id: string) {
    this.update(id, { sent: false, error: undefined } as Partial<T>);
  }
}
