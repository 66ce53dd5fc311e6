/**
 * The statements not yet accepted by the LRS, kept in localStorage so a statement made offline, or while the LRS is
 * down, is sent after a reload too. Each statement's id is made once, when the act happens, and every attempt PUTs
 * it under that id: an LRS that already has it answers 204 or 409, so even a reply lost on the way back cannot
 * make a second copy. A statement leaves the queue only on 2xx or 409 (or a 400, which no retry can fix).
 */
import type { Statement, XapiConfig } from './statements.js';

const KEY = 'cohort-kit:xapi-queue:';
/** The first wait before trying again, doubled after each failure up to the cap. */
const RETRY_FIRST_MS = 1000;
const RETRY_MAX_MS = 5 * 60 * 1000;
/** At most this many statements wait; the oldest go first if an LRS stays unreachable for weeks. */
const MAX_QUEUED = 500;

export class Outbox {
  readonly #key: string;
  readonly #url: string;
  readonly #headers: Record<string, string>;
  /** Used when the page may not store anything (a sandboxed frame): the queue lasts as long as the page. */
  #memory: Statement[] = [];
  #sending?: Promise<void>;
  #again = false;
  #timer?: ReturnType<typeof setTimeout>;
  #delay = RETRY_FIRST_MS;

  constructor(config: XapiConfig) {
    const base = config.endpoint.replace(/\/*$/, '/');
    this.#key = KEY + base;
    this.#url = `${base}statements`;
    this.#headers = {
      'Content-Type': 'application/json',
      'X-Experience-API-Version': '1.0.3',
      ...(config.auth ? { Authorization: config.auth } : {}),
    };
  }

  /** The statements waiting, oldest first. */
  queued(): Statement[] {
    try {
      const stored = localStorage.getItem(this.#key);
      return stored ? (JSON.parse(stored) as Statement[]) : [];
    } catch {
      return this.#memory;
    }
  }

  #save(list: Statement[]) {
    this.#memory = list;
    try {
      if (list.length) localStorage.setItem(this.#key, JSON.stringify(list));
      else localStorage.removeItem(this.#key);
    } catch {
      // storage blocked or full: the copy in memory still goes out while the page is open
    }
  }

  add(statement: Statement): Promise<void> {
    this.#save([...this.queued(), statement].slice(-MAX_QUEUED));
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

  /** Two tabs of a course share one queue: the Web Locks API lets only one send it at a time. */
  async #locked(): Promise<void> {
    const locks = (navigator as Navigator & { locks?: LockManager }).locks;
    if (locks) await locks.request(this.#key, () => this.#drain());
    else await this.#drain();
  }

  async #drain(): Promise<void> {
    for (let next = this.queued()[0]; next; next = this.queued()[0]) {
      const status = await this.#put(next);
      if ((status >= 200 && status < 300) || status === 409 || status === 400) {
        if (status === 400) console.error(`[cohort-kit] xAPI: the LRS refused statement ${next.id} as invalid`);
        const id = next.id;
        this.#save(this.queued().filter((each) => each.id !== id));
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
