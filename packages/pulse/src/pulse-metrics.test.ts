import { expect } from '@open-wc/testing';
import {
  computePulse,
  csvCell,
  DAY_MS,
  membersCsv,
  weeksCsv,
  type PulseLedger,
  type PulseMember,
} from './pulse-metrics.js';

// The numbers the pulse shows, from members and ledgers alone: each definition checked on a small cohort whose
// answer is known by hand.
const TODAY = 20_500;
const day = (ago: number) => TODAY - ago;
const joined = (ago: number) => new Date(day(ago) * DAY_MS + 3_600_000);

const member = (uid: string, joinedAgo: number, extra: Partial<PulseMember> = {}): PulseMember => ({
  uid,
  name: uid[0]!.toUpperCase() + uid.slice(1),
  role: 'learner',
  joinedAt: joined(joinedAgo),
  normsAt: joined(joinedAgo),
  ...extra,
});
const ledger = (counts: PulseLedger['counts'], daysAgo: number[], lastDays: PulseLedger['lastDays'] = {}) => ({
  counts,
  days: daysAgo.map(day),
  lastDays,
  lastAt: daysAgo.length ? new Date(day(Math.min(...daysAgo)) * DAY_MS) : null,
});

const members = [
  member('ana', 20),
  member('ben', 20, { normsAt: null }),
  member('cai', 10),
  member('dee', 3),
  member('fay', 20, { role: 'facilitator' }),
  member('max', 15, { role: 'mentor' }),
];
const ledgers = new Map<string, PulseLedger>([
  // Ana: posted in her first week and again this week; set a goal and checked in 2 days ago.
  ['ana', ledger({ posts: 2, goals: 1, checkIns: 1, reactions: 3, feedbackGiven: 2 }, [19, 2], { checkIns: day(2) })],
  // Ben: voted once, on his 10th day, then nothing: quiet.
  ['ben', ledger({ votes: 1, goals: 1, checkIns: 1 }, [10], { checkIns: day(10) })],
  // Cai: never contributed; joined 10 days ago: quiet.
  // Dee: joined 3 days ago, reacted: not quiet (too new), first week yes.
  ['dee', ledger({ reactions: 1 }, [2])],
  // The course team's activity does not count.
  ['fay', ledger({ posts: 40 }, [1, 2, 3])],
]);

describe('the pulse metrics', () => {
  const pulse = computePulse(members, ledgers, [{ id: 'b', name: 'B', issued: 3, edition: 20 }], TODAY);

  it('measures learners only', () => {
    expect(pulse.metrics.learners).to.equal(4);
    expect(pulse.rows.map((row) => row.name)).to.deep.equal(['Ana', 'Ben', 'Cai', 'Dee']);
  });

  it('counts first-week participation, repeat contribution and the substantive to reaction ratio', () => {
    expect(pulse.metrics.firstWeek).to.deep.equal({ count: 2, of: 4 });
    expect(pulse.metrics.repeat).to.deep.equal({ count: 1, of: 4 });
    // Ana's 2 posts, 1 check-in, 2 reviews and Ben's check-in; against Ana's 3 reactions, Ben's vote, Dee's reaction.
    expect([pulse.metrics.substantive, pulse.metrics.reactions]).to.deep.equal([6, 5]);
    expect(pulse.metrics.feedbackPerMember).to.equal(0.5);
  });

  it('counts norms, goals, recent check-ins and badge copies', () => {
    expect(pulse.metrics.norms).to.deep.equal({ count: 3, of: 4 });
    expect(pulse.metrics.goalsSet).to.deep.equal({ count: 2, of: 4 });
    expect(pulse.metrics.recentCheckIns).to.deep.equal({ count: 1, of: 2 });
    expect(pulse.metrics.badges).to.deep.equal({ issued: 3, edition: 20, count: 1 });
  });

  it('finds the quiet: joined a week ago or more, nothing in the last 7 days', () => {
    expect(pulse.quiet.map((row) => row.uid)).to.deep.equal(['ben', 'cai']);
    expect(pulse.quiet[1]!.lastAt).to.equal(null);
  });

  it('counts each week from the first join: who contributed and who joined', () => {
    expect(pulse.weeks).to.have.length(3);
    expect(pulse.weeks.map((week) => week.joined)).to.deep.equal([2, 1, 1]);
    expect(pulse.weeks.map((week) => week.active)).to.deep.equal([1, 1, 2]);
    expect(pulse.weeks.at(-1)!.start).to.equal(TODAY - 6);
  });

  it('an empty cohort has no rates to divide by', () => {
    const empty = computePulse([], new Map(), [], TODAY);
    expect(empty.metrics.firstWeek).to.deep.equal({ count: 0, of: 0 });
    expect(empty.metrics.feedbackPerMember).to.equal(0);
    expect(empty.weeks).to.have.length(1);
  });

  it('writes CSV a spreadsheet opens as data, never as a formula', () => {
    expect(csvCell('=HYPERLINK("x")')).to.equal(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('Ana, B')).to.equal('"Ana, B"');
    const lines = membersCsv(pulse.rows).trim().split('\r\n');
    expect(lines[0]).to.match(/^name,joined,norms_acknowledged,last_activity,active_days,quiet,posts,/);
    expect(lines).to.have.length(5);
    expect(lines[3]).to.match(/^Cai,\d{4}-\d\d-\d\d,yes,,0,yes,0,/);
    expect(weeksCsv(pulse.weeks).trim().split('\r\n')[3]).to.match(/^\d{4}-\d\d-\d\d,2,1$/);
  });
});
