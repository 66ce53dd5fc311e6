// Which peer's work a reviewer gets next, without the SDK (feedback-allocation.test.ts checks each rule).
//
// Fewest reviews so far (done, plus claims not lapsed); never the reviewer's own, never one they already reviewed
// or hold; the work of someone who reviews them only when nothing else is left. Among the least reviewed, the work
// of authors who still owe reviews comes first: they will come back for a review of their own, and if their work
// were the last one short of reviews, they could not take it. Then ties are broken at random.

export interface Candidate {
  authorId: string;
  /** Reviews completed. */
  done: number;
  /** When each open claim on it was made. */
  holds: (Date | null)[];
  /** Reviews its author has yet to claim. */
  owes: number;
}

/** Reviews done plus claims made less than `claimHours` ago (a claim whose time is still pending counts). */
export function liveLoad(candidate: Candidate, claimHours: number, now = Date.now()): number {
  const lapse = claimHours * 3_600_000;
  return candidate.done + candidate.holds.filter((at) => !at || now - at.getTime() < lapse).length;
}

export function pickWork(
  candidates: readonly Candidate[],
  options: {
    me: string;
    /** Authors whose work the reviewer has reviewed, or holds a claim on now. */
    taken: ReadonlySet<string>;
    /** Authors known to review the reviewer (a named round tells them). */
    reviewingMe: ReadonlySet<string>;
    claimHours: number;
    now?: number;
    random?: () => number;
  },
): Candidate | null {
  const { me, taken, reviewingMe, claimHours, now = Date.now(), random = Math.random } = options;
  const allowed = candidates.filter((each) => each.authorId !== me && !taken.has(each.authorId));
  const notMutual = allowed.filter((each) => !reviewingMe.has(each.authorId));
  const pool = notMutual.length ? notMutual : allowed;
  if (!pool.length) return null;
  const load = (each: Candidate) => liveLoad(each, claimHours, now);
  const least = Math.min(...pool.map(load));
  const fewest = pool.filter((each) => load(each) === least);
  const most = Math.max(...fewest.map((each) => each.owes));
  const first = fewest.filter((each) => each.owes === most);
  return first[Math.min(first.length - 1, Math.floor(random() * first.length))]!;
}
