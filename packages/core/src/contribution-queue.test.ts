import { expect } from '@open-wc/testing';
import { ContributionQueue, queueKey, type QueuedEntry } from './contribution-queue.js';

interface CheckIn extends QueuedEntry {
  note: string;
}

const isCheckIn = (entry: Record<string, unknown>) => typeof entry.note === 'string';
let key = '';
const queue = () => new ContributionQueue<CheckIn>(key, isCheckIn);
const checkIn = (id: string, note = `note ${id}`): CheckIn => ({ id, note, queuedAt: Date.now() });

beforeEach(() => {
  key = queueKey('goal', `space-${Math.random().toString(36).slice(2)}`, 'week-2', 'learner-1');
});

describe('the queue of contributions on this device', () => {
  it('keeps entries for a new page (as after a reload), apart for each widget, place and learner', () => {
    queue().add(checkIn('a'));
    queue().add(checkIn('b'));
    expect(
      queue()
        .list()
        .map((entry) => entry.note),
    ).to.deep.equal(['note a', 'note b']);
    expect(new ContributionQueue<CheckIn>(`${key}-other`, isCheckIn).list()).to.deep.equal([]);
    expect(queueKey('thread', 'space', 'week-2', 'uid')).to.equal('cohort-kit:thread-queue:space:week-2:uid');
  });

  it('queues one press once, even when it is added again', () => {
    queue().add(checkIn('a', 'first'));
    queue().add(checkIn('a', 'the same press again'));
    expect(
      queue()
        .list()
        .map((entry) => entry.note),
    ).to.deep.equal(['first']);
  });

  it('gives one entry at a time, and keeps a refused one with its reason until it is retried', () => {
    const q = queue();
    q.add(checkIn('a'));
    q.add(checkIn('b'));
    expect(q.next()?.id).to.equal('a');
    q.markSent('a');
    expect(q.inFlight()).to.equal(true);
    q.refuse('a', 'Too soon.');
    expect(q.inFlight()).to.equal(false);
    expect(q.outstanding('a')).to.equal(false);
    expect(q.list()[0]).to.include({ id: 'a', note: 'note a', sent: false, error: 'Too soon.' });
    // Refused entries wait for the learner; the next one goes.
    expect(q.next()?.id).to.equal('b');
    q.retry('a');
    expect(q.outstanding('a')).to.equal(true);
    expect(q.next()?.id).to.equal('a');
    q.remove('a');
    q.remove('b');
    expect(localStorage.getItem(key)).to.equal(null);
  });

  it('leaves out what it cannot read instead of failing', () => {
    localStorage.setItem(key, JSON.stringify([{ id: 'a', queuedAt: 1, note: 'kept' }, { id: 'b' }, 'text', null]));
    expect(queue().list()).to.deep.equal([{ id: 'a', queuedAt: 1, note: 'kept' }]);
    localStorage.setItem(key, '{not json');
    expect(queue().list()).to.deep.equal([]);
  });

  it('keeps entries in memory for this page where the browser refuses storage', () => {
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = () => {
      throw new DOMException('blocked', 'SecurityError');
    };
    try {
      queue().add(checkIn('a'));
      expect(
        queue()
          .list()
          .map((entry) => entry.id),
      ).to.deep.equal(['a']);
    } finally {
      Storage.prototype.setItem = setItem;
    }
    expect(localStorage.getItem(key)).to.equal(null);
  });
});
