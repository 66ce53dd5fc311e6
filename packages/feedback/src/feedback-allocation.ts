// Which peer's work a reviewer gets next, without the SDK (feedback-allocation.test.ts checks each rule).
//
// Fewest reviews so far (done, plus claims not lapsed); never the reviewer's own, never one they already reviewed
// or hold. Among the least reviewed, the work of someone who reviews them only when nothing else is left. Then the
// tie goes round a circle: each round's authors sit on it in an order drawn from a hash of round and author (random
// to look at, the same for every reader), and the reviewer takes the nearest work after their own seat. Taking the
// next seat, rather than any at random, is what keeps the last reviewer of a pass from finding only their own work
// left: the reviewer just before them on the circle took it when they claimed.

export interface Candidate {
  authorId: string;
  /** Reviews completed. */
  done: number;
  /** When each open claim on it was made. */
  holds: (Date | null)[];
}

/** Reviews done plus claims made less than `claimHours` ago (a claim whose time is still pending counts). */
export function liveLoad(candidate: Candidate, claimHours: number, now = Date.now()): number {
  const lapse = claimHours * 3_600_000;
  return candidate.done + candidate.holds.filter((at) => !at || now - at.getTime() < lapse).length;
}

/** An author's seat on the round's circle: FNV-1a over round and author, 32 bits. */
export function seatOf(round: string, authorId: string): number {
  let hash = 0x811c9dc5;
  for (const char of `${round}\u0000${authorId}`) {
    hash ^= char.codePointAt(0)!;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

export function pickWork<T extends Candidate>(
  candidates: readonly T[],
  options: {
    me: string;
    /** The round's id: it seeds the circle. */
    round: string;
    /** Authors whose work the reviewer has reviewed, or holds a claim on now. */
    taken: ReadonlySet<string>;
    /** Authors known to review the reviewer (a named round tells them). */
    reviewingMe: ReadonlySet<string>;
    claimHours: number;
    now?: number;
  },
): T | null {
  const { me, round, taken, reviewingMe, claimHours, now = Date.now() } = options;
  const allowed = candidates.filter((each) => each.authorId !== me && !taken.has(each.authorId));
  if (!allowed.length) return null;
  const load = (each: Candidate) => liveLoad(each, claimHours, now);
  const least = Math.min(...allowed.map(load));
  const fewest = allowed.filter((each) => load(each) === least);
  const notMutual = fewest.filter((each) => !reviewingMe.has(each.authorId));
  const pool = notMutual.length ? notMutual : fewest;
  const mySeat = seatOf(round, me);
  const ahead = (each: Candidate) => (seatOf(round, each.authorId) - mySeat) >>> 0;
  return pool.reduce((best, each) => {
    const distance = ahead(each) - ahead(best);
    return distance < 0 || (distance === 0 && each.authorId < best.authorId) ? each : best;
  });
}
