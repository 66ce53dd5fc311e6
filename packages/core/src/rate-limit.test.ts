import { expect } from '@open-wc/testing';
import { serverTimestamp, Timestamp, type FieldValue } from 'firebase/firestore';
import { nextAllowedAt, nextWindow, rateWait, type RateLimit } from './rate-limit.js';
import { nextRateFields, readRate } from './rate-document.js';

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

describe('the rate document a widget writes', () => {
  const rateDocument = { limit, lastAtField: 'lastPostAt' };

  it("sends the window's start back exactly as stored, microseconds and all, while the window lasts", () => {
    // Production keeps microseconds (the emulator only milliseconds), and the rules compare the two for equality.
    const stored = new Timestamp(Math.floor((now - 60_000) / 1000), 123_456_000);
    const previous = readRate({ lastPostAt: stored, windowStart: stored, count: 3 }, rateDocument);
    const fields = nextRateFields(previous, rateDocument, { lastPostId: 'p4' }, now);
    expect((fields.windowStart as Timestamp).isEqual(stored)).to.equal(true);
    expect(fields.count).to.equal(4);
    expect(fields.lastPostId).to.equal('p4');
  });

  it('starts a new window at the server time once the last one has ended', () => {
    const stored = Timestamp.fromMillis(now - 2 * 3600_000);
    const previous = readRate({ lastPostAt: stored, windowStart: stored, count: 30 }, rateDocument);
    const fields = nextRateFields(previous, rateDocument, {}, now);
    expect((fields.windowStart as FieldValue).isEqual(serverTimestamp())).to.equal(true);
    expect(fields.count).to.equal(1);
  });
});
