// The rate document a widget's rules keep per learner (the thread's spaces/{space}/threadRates/{uid}): when they last
// contributed, the window's start and count (rate-limit.ts), and fields naming the contribution it pays for, written
// in the same batch as that contribution. Imports the SDK: reached through @cohort-kit/core/data.js.
import { serverTimestamp, Timestamp, type DocumentData } from 'firebase/firestore';
import { nextWindow, type RateLimit, type RateState } from './rate-limit.js';

export interface RateDocument {
  limit: RateLimit;
  /** The field holding the last contribution's server time (the thread's `lastPostAt`). */
  lastAtField: string;
}

/** A stored time as a Date; null for anything that is not a Timestamp (a missing field, a pending server time). */
export const asDate = (value: unknown) => (value instanceof Timestamp ? value.toDate() : null);

/** The document's fields the rules expect next, from the last state this device saw, with `paid` naming the contribution. */
export function nextRateFields(
  previous: RateState | null,
  rate: RateDocument,
  paid: Record<string, unknown>,
  now = Date.now(),
): Record<string, unknown> {
  const { windowStart, count } = nextWindow(previous, rate.limit, now);
  return {
    [rate.lastAtField]: serverTimestamp(),
    ...paid,
    windowStart: windowStart ? (previous?.storedWindowStart ?? Timestamp.fromDate(windowStart)) : serverTimestamp(),
    count,
  };
}

/** The state in a rate document's data (read with server times estimated), or null when there is none. */
export function readRate(data: DocumentData | undefined, rate: RateDocument): RateState | null {
  if (!data) return null;
  return {
    lastAt: asDate(data[rate.lastAtField]),
    windowStart: asDate(data.windowStart),
    storedWindowStart: data.windowStart instanceof Timestamp ? data.windowStart : undefined,
    count: Number(data.count) || 0,
  };
}
