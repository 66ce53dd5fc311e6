import { expect } from '@open-wc/testing';
import { ACTS, statementFor, uuid, VERBS, type XapiConfig } from './statements.js';

const config: XapiConfig = { endpoint: 'http://lrs.test/xapi/' };
const page = { url: 'https://course.test/week-2', title: 'Week 2', origin: 'https://course.test', lang: 'en' };
const learner = { id: 'uid-1' };
const SPACE = 'leadership 2026/spring';
const make = (type: string, detail: Record<string, unknown>) =>
  statementFor(type, { space: SPACE, ...detail }, learner, config, page, new Date('2026-03-01T10:00:00Z'));

/** Every act the elements report, with the verb it is recorded with. */
const ACT_VERBS: [string, Record<string, unknown>, keyof typeof VERBS][] = [
  ['cohort-post', { thread: 't', postId: 'p' }, 'commented'],
  ['cohort-reply', { thread: 't', postId: 'r', parentId: 'p' }, 'replied'],
  ['cohort-react', { thread: 't', postId: 'p', reaction: '👏', active: true }, 'liked'],
  ['cohort-vote', { poll: 'q', choices: ['a', 'b'] }, 'answered'],
  ['cohort-goal', { board: 'b', goal: 'g', action: 'set' }, 'created'],
  ['cohort-check-in', { board: 'b', goal: 'g', status: 'onTrack' }, 'progressed'],
  ['cohort-goal', { board: 'b', goal: 'g', action: 'reflect' }, 'commented'],
  ['cohort-goal', { board: 'b', goal: 'g', action: 'done' }, 'completed'],
  ['cohort-cheer', { board: 'b', goal: 'g' }, 'liked'],
  ['cohort-share', { round: 'r', action: 'share' }, 'shared'],
  ['cohort-review', { round: 'r', action: 'send' }, 'reviewed'],
  ['cohort-rate', { round: 'r', rating: 4 }, 'rated'],
  ['cohort-badge-claimed', { badge: 'b', number: 7 }, 'earned'],
];

describe('xAPI statements from cohort events', () => {
  it('records each social act with its verb, a UUID, the time it happened and the course page and space', () => {
    for (const [type, detail, verb] of ACT_VERBS) {
      const statement = make(type, detail)!;
      expect(statement, type).not.to.equal(undefined);
      expect(statement.verb, type).to.deep.equal({ id: VERBS[verb], display: { 'en-US': verb } });
      expect(statement.id).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(statement.timestamp).to.equal('2026-03-01T10:00:00.000Z');
      expect(statement.actor).to.deep.equal({
        objectType: 'Agent',
        account: { homePage: 'https://course.test', name: 'uid-1' },
      });
      expect(statement.context.contextActivities.parent[0]!.id).to.equal('https://course.test/week-2');
      expect(statement.context.contextActivities.grouping[0]!.id).to.equal(
        'https://course.test/cohort-kit/spaces/leadership%202026%2Fspring',
      );
      expect(statement.object.id).to.match(/^https:\/\/course\.test\/cohort-kit\/spaces\/leadership%202026%2Fspring\//);
      expect(() => new URL(statement.object.id)).not.to.throw();
    }
  });

  it('gives no statement for what is no act: a reaction taken back, a review claimed, a goal edited', () => {
    expect(make('cohort-react', { thread: 't', postId: 'p', reaction: '👏', active: false })).to.equal(undefined);
    expect(make('cohort-review', { round: 'r', action: 'claim' })).to.equal(undefined);
    expect(make('cohort-goal', { board: 'b', goal: 'g', action: 'edit' })).to.equal(undefined);
    expect(make('cohort-share', { round: 'r', action: 'withdraw' })).to.equal(undefined);
    expect(make('cohort-error', { message: 'x' })).to.equal(undefined);
  });

  it('carries what was chosen, rated and claimed in the result', () => {
    expect(make('cohort-vote', { poll: 'q', choices: ['a', 'b'] })!.result).to.deep.equal({ response: 'a[,]b' });
    expect(make('cohort-rate', { round: 'r', rating: 4 })!.result!.score).to.deep.equal({
      raw: 4,
      min: 1,
      max: 5,
      scaled: 0.75,
    });
    expect(make('cohort-badge-claimed', { badge: 'b', number: 7 })!.result).to.deep.equal({ response: '7' });
  });

  it('names a vouched-for learner and uses the configured activity base and home page', () => {
    const statement = statementFor(
      'cohort-vote',
      { space: 's', poll: 'q', choices: ['a'] },
      { id: 'lms-42', name: 'Ada Lovelace' },
      { ...config, activityBase: 'https://lrs.test/activities/', homePage: 'https://lms.test' },
      page,
    )!;
    expect(statement.actor).to.deep.equal({
      objectType: 'Agent',
      name: 'Ada Lovelace',
      account: { homePage: 'https://lms.test', name: 'lms-42' },
    });
    expect(statement.object.id).to.equal('https://lrs.test/activities/spaces/s/polls/q');
  });

  it('makes a new id every time', () => {
    const ids = new Set(Array.from({ length: 200 }, uuid));
    expect(ids.size).to.equal(200);
    expect(Object.keys(ACTS)).to.include.members(['cohort-vote', 'cohort-post', 'cohort-badge-claimed']);
  });
});
