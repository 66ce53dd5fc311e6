// A learner's contribution rate, as a widget's rules limit it with a rate document per learner: at least `minSeconds`
// between two contributions, and at most `perWindow` in a window of `windowMs` that starts with the first
// contribution after the previous window ended. The server times both; these mirror the rules so an element can
// say how long to wait instead of letting a write be refused, and a queue can send an entry only once it would pass.
// No SDK here, so a view or a controller can use it; rate-document.ts builds the document's fields.

export interface RateLimit {
  minSeconds: number;
  perWindow: number;
  windowMs: number;
}

/** The rate document as this device last saw it. */
export interface RateState {
  /** When the last contribution reached the server. */
  lastAt: Date | null;
  windowStart: Date | null;
  /**
   * The window's start exactly as stored, to send back unchanged while the window lasts: the server keeps
   * microseconds, a Date only milliseconds, and the rules compare the two for equality.
   */
  storedWindowStart?: unknown;
  /** Contributions counted in the window so far. */
  count: number;
}

/** The window has not ended at `now`: its count still limits. */
const windowOpen = (rate: RateState | null, limit: RateLimit, now: number): rate is RateState & { windowStart: Date } =>
  Boolean(rate?.windowStart && now - rate.windowStart.getTime() < limit.windowMs);

/** What stops one more contribution now: seconds to wait, or the window's contributions used up. */
export type RateWait = { kind: 'too-soon'; seconds: number } | { kind: 'window-full' };

/**
 * Why the rules would refuse a contribution made at `now`, or null when they would take it. `lastLocal` is when
 * this device last made one (ms; the server may not have it yet), `waiting` how many more wait on this device and
 * will count in the window before this one.
 */
export function rateWait(
  rate: RateState | null,
  limit: RateLimit,
  { now = Date.now(), lastLocal = 0, waiting = 0 }: { now?: number; lastLocal?: number; waiting?: number } = {},
): RateWait | null {
  const since = now - Math.max(lastLocal, rate?.lastAt?.getTime() ?? 0);
  if (since < limit.minSeconds * 1000) {
    return { kind: 'too-soon', seconds: Math.ceil((limit.minSeconds * 1000 - since) / 1000) };
  }
  if (windowOpen(rate, limit, now) && rate.count + waiting >= limit.perWindow) return { kind: 'window-full' };
  return null;
}

/**
 * When the server will take the next contribution (ms since the epoch; `now` or later), with a second of margin
 * for the difference between this device's clock and the server's.
 */
export function nextAllowedAt(rate: RateState | null, limit: RateLimit, now = Date.now()): number {
  let at = now;
  if (rate?.lastAt) at = Math.max(at, rate.lastAt.getTime() + (limit.minSeconds + 1) * 1000);
  if (windowOpen(rate, limit, now) && rate.count >= limit.perWindow) {
    at = Math.max(at, rate.windowStart.getTime() + limit.windowMs + 1000);
  }
  return at;
}

/**
 * The window the next contribution counts in: the open one with one more, or a new one (`windowStart` null: it
 * starts at the server's time of that contribution). A contribution queued before a window ended may still count
 * in it: that only uses up quota, and the rules allow it.
 */
export function nextWindow(
  previous: RateState | null,
  limit: RateLimit,
  now = Date.now(),
): { windowStart: Date | null; count: number } {
  if (!windowOpen(previous, limit, now)) return { windowStart: null, count: 1 };
  return { windowStart: previous.windowStart, count: previous.count + 1 };
}
