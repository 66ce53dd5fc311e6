/**
 * The statements not yet accepted by the LRS, kept in IndexedDB so a statement made offline, or while the LRS is
 * down, is sent after a reload too. Each statement's id is made once, when the act happens, and every attempt PUTs
 * it under that id: an LRS that already has it answers 204 or 409, so even a reply lost on the way back cannot
 * make a second copy. A statement leaves the queue only on 2xx or 409 (or a 400, which no retry can fix).
 *
 * Two tabs of a course share the queue. The Web Locks API lets one send at a time, and IndexedDB (unlike
 * localStorage, whose copy in another tab's renderer is updated some time later) shows the next tab at once that
 * a statement is gone, so none is sent twice.
 */
import type { Statement, XapiConfig } from './statements.js';

const DB_PREFIX = 'cohort-kit-xapi:';
const STORE = 'queue';
/** The first wait before trying again, doubled after each failure up to the cap. */
const RETRY_FIRST_MS = 1000;
const RETRY_MAX_MS = 5 * 60 * 1000;

/** A queued statement and its place in the queue (IndexedDB's key, in the order the statements were added). */
interface Queued {
  key: IDBValidKey;
  statement: Statement;
}

const done = <T>(request: IDBRequest<T>) =>
  new Promise<T>((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });

export class Outbox {
  readonly #name: string;
  readonly #url: string;
  readonly #headers: Record<string, string>;
  #db?: Promise<IDBDatabase | undefined>;
  /** Used where the page may not store anything (a sandboxed frame): the queue lasts as long as the page. */
  #memory: Queued[] = [];
  #memoryKey = 0;
  #sending?: Promise<void>;
  #again = false;
  #timer?: ReturnType<typeof setTimeout>;
  #delay = RETRY_FIRST_MS;

  constructor(config: XapiConfig) {
    const base = config.endpoint.replace(/\/*$/, '/');
    this.#name = DB_PREFIX + base;
    this.#url = `${base}statements`;
    this.#headers = {
      'Content-Type': 'application/json',
      'X-Experience-API-Version': '1.0.3',
      ...(config.auth ? { Authorization: config.auth } : {}),
    };
  }

  #open(): Promise<IDBDatabase | undefined> {
    this.#db ??= (async () => {
      try {
        const request = indexedDB.open(this.#name, 1);
        request.onupgradeneeded = () => request.result.createObjectStore(STORE, { autoIncrement: true });
        return await done(request);
      } catch {
        return undefined; // storage blocked: the queue stays in memory
      }
    })();
    return this.#db;
  }

  /** Runs one transaction on the queue and waits until it is committed. */
  async #store<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>): Promise<T | undefined> {
    const db = await this.#open();
    if (!db) return undefined;
    const transaction = db.transaction(STORE, mode);
    const committed = new Promise<void>((resolve, reject) => {
      transaction.oncomplete = () => resolve();
      transaction.onerror = transaction.onabort = () => reject(transaction.error);
    });
    const [result] = await Promise.all([done(work(transaction.objectStore(STORE))), committed]);
    return result;
  }

  /** The statements waiting, oldest first. */
  async queued(): Promise<Statement[]> {
    const stored = await this.#store('readonly', (store) => store.getAll());
    return stored ?? this.#memory.map((each) => each.statement);
  }

  async #first(): Promise<Queued | undefined> {
    if (!(await this.#open())) return this.#memory[0];
    const cursor = await this.#store('readonly', (store) => store.openCursor());
    return cursor ? { key: cursor.primaryKey, statement: cursor.value as Statement } : undefined;
  }

  async #remove(key: IDBValidKey) {
    if (!(await this.#open())) this.#memory = this.#memory.filter((each) => each.key !== key);
    else await this.#store('readwrite', (store) => store.delete(key));
  }

  async add(statement: Statement): Promise<void> {
    if (await this.#open()) await this.#store('readwrite', (store) => store.add(statement));
    else this.#memory.push({ key: ++this.#memoryKey, statement });
    return this.flush();
  }

  /** Sends what waits, one statement at a time, in order. A call during a send makes another pass after it. */
  flush(): Promise<void> {
    if (this.#sending) {
      this.#again = true;
      return this.#sending;
    }
    clearTimeout(this.#timer);
    this.#sending = this.#locked()
      .catch((error: unknown) => console.error('[cohort-kit] xAPI:', error))
      .finally(() => {
        this.#sending = undefined;
        if (this.#again) {
          this.#again = false;
          void this.flush();
        }
      });
    return this.#sending;
  }

  async #locked(): Promise<void> {
    const locks = (navigator as Navigator & { locks?: LockManager }).locks;
    if (locks) await locks.request(this.#name, () => this.#drain());
    else await this.#drain();
  }

  async #drain(): Promise<void> {
    for (let next = await this.#first(); next; next = await this.#first()) {
      const { key, statement } = next;
      const status = await this.#put(statement);
      if ((status >= 200 && status < 300) || status === 409 || status === 400) {
        if (status === 400) console.error(`[cohort-kit] xAPI: the LRS refused statement ${statement.id} as invalid`);
        await this.#remove(key);
        this.#delay = RETRY_FIRST_MS;
        continue;
      }
      // Offline, the LRS down or busy, or the credentials refused: try again later, with the same id.
      this.#timer = setTimeout(() => void this.flush(), this.#delay);
      this.#delay = Math.min(this.#delay * 2, RETRY_MAX_MS);
      return;
    }
  }

  async #put(statement: Statement): Promise<number> {
    try {
      const response = await fetch(`${this.#url}?statementId=${encodeURIComponent(statement.id)}`, {
        method: 'PUT',
        headers: this.#headers,
        body: JSON.stringify(statement),
      });
      return response.status;
    } catch {
      return 0; // no connection, or CORS refused
    }
  }
}
