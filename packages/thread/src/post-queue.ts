// Posts waiting on this device. The rules allow one post per 10 seconds, timed by the server: posts written
// offline and sent back to back on reconnect would be refused. So posts go out one at a time, each built (with
// its rate update) only after the previous one is confirmed, and the text of every post stays here until the
// server has it. A post the server refuses comes back with its text for a retry; nothing is dropped silently.
// Kept in localStorage (memory where storage is blocked), per space, thread and learner, so a reload keeps them.

export interface QueuedPost {
  /** The post id, chosen when queued: a resend after a reload writes the same document. */
  id: string;
  body: string;
  parentId: string | null;
  /** Name of the post replied to, for the pending list. */
  parentName?: string;
  mentions: string[];
  queuedAt: number;
  /** Handed to Firestore: now it is in its (persistent) write queue, waiting for the server. */
  sent?: boolean;
  /** Why the server refused it; set means it waits for the learner to retry, edit or discard. */
  error?: string;
}

const memory = new Map<string, string>();

function storage(): Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> {
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

const isQueued = (value: unknown): value is QueuedPost => {
  const entry = value as QueuedPost;
  return (
    typeof entry?.id === 'string' &&
    typeof entry.body === 'string' &&
    (entry.parentId === null || typeof entry.parentId === 'string') &&
    Array.isArray(entry.mentions) &&
    typeof entry.queuedAt === 'number'
  );
};

/** The queue of one learner in one thread. */
export class PostQueue {
  readonly #key: string;
  readonly #store = storage();

  constructor(space: string, thread: string, uid: string) {
    this.#key = `cohort-kit:thread-queue:${space}:${thread}:${uid}`;
  }

  list(): QueuedPost[] {
    try {
      const parsed = JSON.parse(this.#store.getItem(this.#key) ?? '[]') as unknown;
      return Array.isArray(parsed) ? parsed.filter(isQueued) : [];
    } catch {
      return [];
    }
  }

  #save(entries: QueuedPost[]) {
    if (entries.length) this.#store.setItem(this.#key, JSON.stringify(entries));
    else this.#store.removeItem(this.#key);
  }

  add(entry: QueuedPost) {
    this.#save([...this.list(), entry]);
  }

  update(id: string, patch: Partial<QueuedPost>) {
    this.#save(this.list().map((entry) => (entry.id === id ? { ...entry, ...patch } : entry)));
  }

  remove(id: string) {
    this.#save(this.list().filter((entry) => entry.id !== id));
  }
}
