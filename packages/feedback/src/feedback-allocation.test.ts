import { expect } from '@open-wc/testing';
import { liveLoad, pickWork, type Candidate } from './feedback-allocation.js';

// Which peer's work "Review a peer" hands a reviewer: the least-reviewed, never their own, never one they already
// reviewed or hold, the work of someone reviewing them only when nothing else is left, and among equals the work of
// authors who still owe reviews.

const HOUR = 3_600_000;
const NOW = Date.parse('2026-03-02T10:00:00Z');

const work = (authorId: string, done = 0, extra: Partial<Candidate> = {}): Candidate => ({
  authorId,
  done,
  holds: [],
  owes: 0,
  ...extra,
});

/** A deterministic stand-in for Math.random, so a tie's winner can be checked. */
function seeded(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const pick = (candidates: Candidate[], options: Partial<Parameters<typeof pickWork>[1]> = {}) =>
  pickWork(candidates, {
    me: 'me',
    taken: new Set(),
    reviewingMe: new Set(),
    claimHours: 48,
    now: NOW,
    ...options,
  })?.authorId ?? null;

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

  it('gives the work of someone reviewing the reviewer only when nothing else is left', () => {
    const reviewingMe = new Set(['ana']);
    expect(pick([work('ana', 0), work('ben', 1)], { reviewingMe })).to.equal('ben');
    expect(pick([work('ana', 0)], { reviewingMe })).to.equal('ana');
  });

  it('among the least reviewed, prefers the work of authors who still owe reviews', () => {
    const candidates = [work('ana', 0, { owes: 0 }), work('ben', 0, { owes: 2 }), work('cai', 0, { owes: 1 })];
    for (let seed = 1; seed <= 20; seed++) expect(pick(candidates, { random: seeded(seed) })).to.equal('ben');
    // Owing does not outrank having fewer reviews.
    expect(pick([work('ana', 0, { owes: 0 }), work('ben', 1, { owes: 2 })])).to.equal('ana');
  });

  it('breaks a tie at random among the equals, and only among them', () => {
    const candidates = [work('ana', 0), work('ben', 0), work('cai', 1)];
    const seen = new Set<string | null>();
    for (let seed = 1; seed <= 40; seed++) seen.add(pick(candidates, { random: seeded(seed) }));
    expect([...seen].sort()).to.deep.equal(['ana', 'ben']);
    // A random source at its very top still picks one of them.
    expect(pick(candidates, { random: () => 0.9999999 })).to.equal('ben');
  });
});
