import { expect } from '@open-wc/testing';
import { nextAllowedAt, nextWindow, rateWait, type RateLimit } from './rate-limit.js';

// The thread's limit, as its rules set it: one contribution per 10 s, 30 per hour.
const limit: RateLimit = { minSeconds: 10, perWindow: 30, windowMs: 3600_000 };
const now = Date.UTC(2026, 2, 2, 10, 0, 0);
const ago = (ms: number) => new Date(now - ms);

describe('the rate limit a widget mirrors from its rules', () => {
  it('says how many whole seconds are left, counting a contribution the server has not confirmed yet', () => {
    expect(rateWait(null, limit, { now })).to.equal(null);
    const rate = { lastAt: ago(3000), windowStart: ago(3000), count: 1 };
    expect(rateWait(rate, limit, { now })).to.deep.equal({ kind: 'too-soon', seconds: 7 });
    // One made on this device that the server does not have yet: the wait starts from it, rounded up.
    const earlier = { ...rate, lastAt: ago(30_000) };
    expect(rateWait(earlier, limit, { now, lastLocal: now - 9500 })).to.deep.equal({ kind: 'too-soon', seconds: 1 });
    expect(rateWait(earlier, limit, { now, lastLocal: now - 10_000 })).to.equal(null);
    expect(rateWait(rate, limit, { now: now + 7000 })).to.equal(null);
  });

  it('counts contributions still waiting on the device against the window, until the window ends', () => {
    const rate = { lastAt: ago(60_000), windowStart: ago(30 * 60_000), count: 28 };
    expect(rateWait(rate, limit, { now, waiting: 1 })).to.equal(null);
    expect(rateWait(rate, limit, { now, waiting: 2 })).to.deep.equal({ kind: 'window-full' });
    const full = { ...rate, count: 30 };
    expect(rateWait(full, limit, { now })).to.deep.equal({ kind: 'window-full' });
    expect(rateWait({ ...full, windowStart: ago(3600_000) }, limit, { now })).to.equal(null);
  });

  it('sends the next contribution a second after the rules would allow it, for the clocks to differ', () => {
    expect(nextAllowedAt(null, limit, now)).to.equal(now);
    expect(nextAllowedAt({ lastAt: ago(3000), windowStart: ago(3000), count: 1 }, limit, now)).to.equal(now + 8000);
    const full = { lastAt: ago(60_000), windowStart: ago(50 * 60_000), count: 30 };
    expect(nextAllowedAt(full, limit, now)).to.equal(now + 10 * 60_000 + 1000);
  });

  it('counts the next contribution in the open window, or starts a new one', () => {
    const windowStart = ago(50 * 60_000);
    expect(nextWindow({ lastAt: ago(60_000), windowStart, count: 4 }, limit, now)).to.deep.equal({
      windowStart,
      count: 5,
    });
    expect(nextWindow({ lastAt: ago(60_000), windowStart: ago(3600_000), count: 30 }, limit, now)).to.deep.equal({
      windowStart: null,
      count: 1,
    });
    expect(nextWindow(null, limit, now)).to.deep.equal({ windowStart: null, count: 1 });
  });
});
