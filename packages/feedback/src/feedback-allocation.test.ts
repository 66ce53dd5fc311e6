import { expect } from '@open-wc/testing';
import { liveLoad, pickWork, seatOf, type Candidate } from './feedback-allocation.js';

// Which peer's work "Review a peer" hands a reviewer: the least-reviewed, never their own, never one they already
// reviewed or hold, the work of someone reviewing them only when the least-reviewed offer nothing else, and among
// equals the next author after the reviewer on the round's circle.

const HOUR = 3_600_000;
const NOW = Date.parse('2026-03-02T10:00:00Z');
const ROUND = 'goal-plan-draft';

const work = (authorId: string, done = 0, extra: Partial<Candidate> = {}): Candidate => ({
  authorId,
  done,
  holds: [],
  ...extra,
});

const pick = (candidates: Candidate[], options: Partial<Parameters<typeof pickWork>[1]> = {}) =>
  pickWork(candidates, {
    me: 'me',
    round: ROUND,
    taken: new Set(),
    reviewingMe: new Set(),
    claimHours: 48,
    now: NOW,
    ...options,
  })?.authorId ?? null;

/** The authors in the order they sit after `me` on the round's circle. */
const circleAfter = (me: string, authors: string[], round = ROUND) =>
  [...authors].sort(
    (a, b) => ((seatOf(round, a) - seatOf(round, me)) >>> 0) - ((seatOf(round, b) - seatOf(round, me)) >>> 0),
  );

/**
 * `learners` share and then, in passes, each asks for one review in the order `order(pass)` gives (each claim
 * read after the one before): returns the largest spread of load seen after any claim, and the final loads.
 */
function simulate(learners: string[], reviews: number, order: (pass: number) => string[]) {
  const load = new Map(learners.map((uid) => [uid, 0]));
  const taken = new Map(learners.map((uid) => [uid, new Set<string>()]));
  let worst = 0;
  for (let pass = 0; pass < reviews; pass++) {
    for (const me of order(pass)) {
      const candidates = learners.map((uid) => work(uid, load.get(uid)!));
      const got = pickWork(candidates, {
        me,
        round: ROUND,
        taken: taken.get(me)!,
        reviewingMe: new Set(),
        claimHours: 48,
      });
      if (!got) throw new Error(`${me} was offered nothing`);
      load.set(got.authorId, load.get(got.authorId)! + 1);
      taken.get(me)!.add(got.authorId);
      worst = Math.max(worst, Math.max(...load.values()) - Math.min(...load.values()));
    }
  }
  return { worst, loads: [...load.values()] };
}

/** A deterministic shuffle, so a failing order can be read back from its seed. */
function shuffled<T>(items: T[], seed: number) {
  let state = seed;
  const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

describe('pickWork', () => {
  it('gives the work with the fewest reviews, counting claims that have not lapsed', () => {
    expect(pick([work('ana', 2), work('ben', 0), work('cai', 1)])).to.equal('ben');
    // Ben's work is held by a claim made an hour ago: it counts as reviewed once.
    const held = work('ben', 0, { holds: [new Date(NOW - HOUR)] });
    expect(pick([work('ana', 2), held, work('cai', 0)])).to.equal('cai');
  });

  it('a claim older than claim-hours no longer counts, so that work is offered again', () => {
    const lapsed = work('ben', 0, { holds: [new Date(NOW - 49 * HOUR)] });
    expect(liveLoad(lapsed, 48, NOW)).to.equal(0);
    expect(liveLoad(lapsed, 72, NOW)).to.equal(1);
    expect(pick([work('ana', 1), lapsed])).to.equal('ben');
    // With 72-hour claims the same claim still holds it: Ana's work, unclaimed, goes first.
    expect(pick([work('ana', 0), lapsed], { claimHours: 72 })).to.equal('ana');
  });

  it('never gives the reviewer their own work, even when it has the fewest reviews', () => {
    expect(pick([work('me', 0), work('ana', 3)])).to.equal('ana');
    expect(pick([work('me', 0)])).to.equal(null);
  });

  it('never gives work the reviewer already reviewed or holds', () => {
    expect(pick([work('ana', 0), work('ben', 1)], { taken: new Set(['ana']) })).to.equal('ben');
    expect(pick([work('ana', 0)], { taken: new Set(['ana']) })).to.equal(null);
  });

  it('among the least reviewed, avoids the work of someone reviewing the reviewer while another is left', () => {
    const reviewingMe = new Set(['ana']);
    expect(pick([work('ana', 0), work('ben', 0)], { reviewingMe })).to.equal('ben');
    expect(pick([work('ana', 0)], { reviewingMe })).to.equal('ana');
    // Fewer reviews still come first: avoiding a mutual pair never makes the spread wider.
    expect(pick([work('ana', 0), work('ben', 1)], { reviewingMe })).to.equal('ana');
  });

  it('among equals, takes the next author after the reviewer on the round circle, which differs by round', () => {
    const authors = ['ana', 'ben', 'cai', 'dee', 'eve'];
    const next = circleAfter('me', authors)[0];
    expect(pick(authors.map((uid) => work(uid)))).to.equal(next);
    // The same candidates in another order give the same answer: it is the circle, not the list, that decides.
    expect(pick(authors.map((uid) => work(uid)).reverse())).to.equal(next);
    // Another round seats its authors elsewhere, so who reviews whom is not the same every round.
    const firsts = new Set(['r1', 'r2', 'r3', 'r4', 'r5', 'r6'].map((round) => circleAfter('me', authors, round)[0]));
    expect(firsts.size).to.be.greaterThan(1);
  });

  it('12 learners in passes of any order: every work ends with 2 reviews, never more than 1 apart', () => {
    const learners = Array.from({ length: 12 }, (_, i) => `learner${i}`);
    for (let seed = 1; seed <= 300; seed++) {
      const { worst, loads } = simulate(learners, 2, (pass) => shuffled(learners, seed * 7 + pass));
      expect(worst, `seed ${seed}`).to.be.at.most(1);
      expect(loads, `seed ${seed}`).to.deep.equal(learners.map(() => 2));
    }
  });

  it('holds the same for other cohort sizes and review counts', () => {
    for (const [size, reviews] of [
      [3, 2],
      [5, 3],
      [13, 2],
      [30, 5],
    ] as const) {
      const learners = Array.from({ length: size }, (_, i) => `p${i}`);
      for (let seed = 1; seed <= 40; seed++) {
        const { worst, loads } = simulate(learners, reviews, (pass) => shuffled(learners, seed * 11 + pass));
        expect(worst, `${size}×${reviews}, seed ${seed}`).to.be.at.most(1);
        expect(loads).to.deep.equal(learners.map(() => reviews));
      }
    }
  });
});
