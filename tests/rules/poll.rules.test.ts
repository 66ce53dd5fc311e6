import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  collection,
  deleteDoc,
  doc,
  FieldPath,
  getDoc,
  getDocs,
  increment,
  serverTimestamp,
  setDoc,
  Timestamp,
  updateDoc,
  writeBatch,
  type Firestore,
} from 'firebase/firestore';
import type { RulesTestEnvironment } from '@firebase/rules-unit-testing';
import { assertFails, assertSucceeds, rulesEnvironment, seed, signedInAs, signedOut } from './support.js';

let env: RulesTestEnvironment;
const space = 'leadership-2026-spring';
const poll = 'goal-approach';
const pollPath = `spaces/${space}/polls/${poll}`;
const options = [
  { value: 'smart', label: '🤓 Use the SMART goals framework' },
  { value: 'buddy', label: '🤝 Find an accountability buddy' },
  { value: 'game', label: '👾 Gamify your process' },
];

function definition(extra: Record<string, unknown> = {}) {
  return {
    question: 'Which goal-setting approach will you try first?',
    options,
    optionValues: options.map((option) => option.value),
    multiple: false,
    maxChoices: 1,
    anonymous: false,
    allowSuggestions: true,
    closesAt: null,
    ...extra,
  };
}

async function member(uid: string, role = 'learner', displayName = uid.toUpperCase()) {
  await seed(env, (db) =>
    setDoc(doc(db, 'spaces', space, 'members', uid), {
      displayName,
      role,
      joinedAt: Timestamp.now(),
      normsAcknowledgedAt: null,
    }),
  );
}

async function storedPoll(extra: Record<string, unknown> = {}) {
  await seed(env, async (db) => {
    await setDoc(doc(db, pollPath), {
      ...definition(extra),
      closed: false,
      createdBy: 'fay',
      createdAt: Timestamp.now(),
    });
    for (let shard = 0; shard < 8; shard++)
      await setDoc(doc(db, pollPath, 'shards', String(shard)), { counts: {}, voters: 0 });
  });
}

const as = (uid: string) => signedInAs(env, uid);

/** The batch the widget writes: the vote and the same move on the voter's shard. */
function vote(
  db: Firestore,
  uid: string,
  change: { added: string; removed: string; choices: string[] },
  opts: {
    shard?: number;
    first?: boolean;
    displayName?: string | null;
    tally?: Record<string, number>;
    voters?: number;
  } = {},
) {
  const shard = opts.shard ?? 0;
  const batch = writeBatch(db);
  const data: Record<string, unknown> = {
    ...change,
    shard,
    displayName: opts.displayName === undefined ? uid.toUpperCase() : opts.displayName,
    updatedAt: serverTimestamp(),
  };
  if (opts.first ?? true) data.votedAt = serverTimestamp();
  batch.set(doc(db, pollPath, 'votes', uid), data, { merge: true });
  const tally = opts.tally ?? {
    ...(change.added ? { [change.added]: 1 } : {}),
    ...(change.removed ? { [change.removed]: -1 } : {}),
  };
  const moves: unknown[] = [];
  for (const [value, delta] of Object.entries(tally)) moves.push(new FieldPath('counts', value), increment(delta));
  const voters = opts.voters ?? ((opts.first ?? true) ? 1 : 0);
  if (voters) moves.push('voters', increment(voters));
  if (moves.length) {
    const [field, value, ...more] = moves;
    batch.update(doc(db, pollPath, 'shards', String(shard)), field as FieldPath, value, ...more);
  }
  return batch.commit();
}

async function totals() {
  let counts: Record<string, number> = {};
  let voters = 0;
  await seed(env, async (db) => {
    const shards = await getDocs(collection(db, pollPath, 'shards'));
    for (const shard of shards.docs) {
      voters += shard.get('voters');
      for (const [value, count] of Object.entries(shard.get('counts') as Record<string, number>)) {
        counts = { ...counts, [value]: (counts[value] ?? 0) + count };
      }
    }
  });
  return { counts, voters };
}

beforeAll(async () => {
  env = await rulesEnvironment('poll');
});
afterAll(async () => {
  await env.cleanup();
});
beforeEach(async () => {
  await env.clearFirestore();
  await seed(env, (db) => setDoc(doc(db, 'spaces', space), { name: 'Leadership', norms: '', reportThreshold: 3 }));
  await member('ana');
  await member('bob');
  await member('fay', 'facilitator');
});

describe('creating a poll', () => {
  function create(db: Firestore, extra: Record<string, unknown> = {}, shards = 8) {
    const batch = writeBatch(db);
    batch.set(doc(db, pollPath), {
      ...definition(),
      closed: false,
      createdBy: 'ana',
      createdAt: serverTimestamp(),
      ...extra,
    });
    for (let shard = 0; shard < shards; shard++)
      batch.set(doc(db, pollPath, 'shards', String(shard)), { counts: {}, voters: 0 });
    return batch.commit();
  }

  it('a member stores the poll from the markup with empty shards', async () => {
    await assertSucceeds(create(as('ana')));
  });

  it('is denied to non-members, forged creators or times, pre-filled tallies, and once it exists', async () => {
    await assertFails(create(as('stranger')));
    await assertFails(create(as('ana'), { createdBy: 'bob' }));
    await assertFails(create(as('ana'), { createdAt: Timestamp.fromMillis(0) }));
    await assertFails(create(as('ana'), { closed: true }));
    await assertFails(create(as('ana'), { options: [options[0]], optionValues: ['smart'] }));
    // Without its shards a poll could never take a vote, so it can't be created that way.
    await assertFails(create(as('ana'), {}, 0));
    await assertFails(create(as('ana'), {}, 7));
    await assertFails(create(as('ana'), { optionValues: ['smart', 'smart', 'game'] }));
    const ana = as('ana');
    const padded = writeBatch(ana);
    padded.set(doc(ana, pollPath), { ...definition(), closed: false, createdBy: 'ana', createdAt: serverTimestamp() });
    padded.set(doc(ana, pollPath, 'shards', '0'), { counts: { smart: 5 }, voters: 5 });
    await assertFails(padded.commit());
    await storedPoll();
    await assertFails(create(as('bob')));
  });

  it('only a facilitator closes it or changes its definition, and an anonymous poll never stops being anonymous', async () => {
    await storedPoll();
    await assertFails(updateDoc(doc(as('ana'), pollPath), { closed: true }));
    await assertFails(updateDoc(doc(as('ana'), pollPath), { question: 'Hijacked?' }));
    await assertSucceeds(updateDoc(doc(as('fay'), pollPath), { closed: true }));
    await assertSucceeds(updateDoc(doc(as('fay'), pollPath), { question: 'Which approach first?' }));
    await assertSucceeds(updateDoc(doc(as('fay'), pollPath), { anonymous: true }));
    await assertFails(updateDoc(doc(as('fay'), pollPath), { anonymous: false }));
    await assertFails(updateDoc(doc(as('ana'), pollPath), { anonymous: true }));
    await assertFails(deleteDoc(doc(as('fay'), pollPath)));
  });
});

describe('voting', () => {
  beforeEach(async () => {
    await storedPoll();
  });

  it('a vote and its count move together; changing a vote moves exactly one count', async () => {
    await assertSucceeds(vote(as('ana'), 'ana', { added: 'smart', removed: '', choices: ['smart'] }, { shard: 3 }));
    await assertSucceeds(vote(as('bob'), 'bob', { added: 'buddy', removed: '', choices: ['buddy'] }, { shard: 5 }));
    await assertSucceeds(
      vote(as('ana'), 'ana', { added: 'game', removed: 'smart', choices: ['game'] }, { shard: 3, first: false }),
    );
    expect(await totals()).toEqual({ counts: { smart: 0, buddy: 1, game: 1 }, voters: 2 });
  });

  it('denies a second first vote, +5 on a count, an unknown option, and a vote as another learner', async () => {
    await assertSucceeds(vote(as('ana'), 'ana', { added: 'smart', removed: '', choices: ['smart'] }));
    // Voting again as if for the first time would count twice.
    await assertFails(vote(as('ana'), 'ana', { added: 'smart', removed: '', choices: ['smart'] }, { first: false }));
    await assertFails(
      vote(as('ana'), 'ana', { added: 'buddy', removed: '', choices: ['smart', 'buddy'] }, { first: false }),
    );
    await assertFails(
      vote(as('bob'), 'bob', { added: 'buddy', removed: '', choices: ['buddy'] }, { tally: { buddy: 5 } }),
    );
    await assertFails(vote(as('bob'), 'bob', { added: 'nope', removed: '', choices: ['nope'] }));
    await assertFails(
      vote(as('bob'), 'ana', { added: 'buddy', removed: 'smart', choices: ['buddy'] }, { first: false }),
    );
    await assertFails(vote(as('stranger'), 'stranger', { added: 'buddy', removed: '', choices: ['buddy'] }));
    await assertFails(vote(signedOut(env), 'ana', { added: 'buddy', removed: '', choices: ['buddy'] }));
    expect(await totals()).toEqual({ counts: { smart: 1 }, voters: 1 });
  });

  it('denies a count change without a vote, a vote without its count, and counts on another shard', async () => {
    await assertFails(
      updateDoc(
        doc(as('ana'), pollPath, 'shards', '0'),
        new FieldPath('counts', 'smart'),
        increment(1),
        'voters',
        increment(1),
      ),
    );
    await assertFails(
      setDoc(doc(as('ana'), pollPath, 'votes', 'ana'), {
        choices: ['smart'],
        added: 'smart',
        removed: '',
        shard: 0,
        displayName: 'ANA',
        votedAt: serverTimestamp(),
        updatedAt: serverTimestamp(),
      }),
    );
    const ana = as('ana');
    const batch = writeBatch(ana);
    batch.set(doc(ana, pollPath, 'votes', 'ana'), {
      choices: ['smart'],
      added: 'smart',
      removed: '',
      shard: 0,
      displayName: 'ANA',
      votedAt: serverTimestamp(),
      updatedAt: serverTimestamp(),
    });
    batch.update(
      doc(ana, pollPath, 'shards', '1'),
      new FieldPath('counts', 'smart'),
      increment(1),
      'voters',
      increment(1),
    );
    await assertFails(batch.commit());
    // A change that moves a second count as well as the learner's own.
    await assertSucceeds(vote(as('ana'), 'ana', { added: 'smart', removed: '', choices: ['smart'] }));
    await assertFails(
      vote(
        as('ana'),
        'ana',
        { added: 'buddy', removed: 'smart', choices: ['buddy'] },
        { first: false, tally: { buddy: 1, smart: -1, game: 1 } },
      ),
    );
    await assertFails(
      vote(
        as('ana'),
        'ana',
        { added: 'buddy', removed: 'smart', choices: ['buddy'] },
        { first: false, tally: { buddy: 1 } },
      ),
    );
  });

  it('denies forged timestamps, another name, extra fields and votes on a closed poll', async () => {
    const ana = as('ana');
    const batch = writeBatch(ana);
    batch.set(doc(ana, pollPath, 'votes', 'ana'), {
      choices: ['smart'],
      added: 'smart',
      removed: '',
      shard: 0,
      displayName: 'ANA',
      votedAt: Timestamp.fromMillis(0),
      updatedAt: serverTimestamp(),
    });
    batch.update(
      doc(ana, pollPath, 'shards', '0'),
      new FieldPath('counts', 'smart'),
      increment(1),
      'voters',
      increment(1),
    );
    await assertFails(batch.commit());
    await assertFails(
      vote(as('ana'), 'ana', { added: 'smart', removed: '', choices: ['smart'] }, { displayName: 'Fay' }),
    );
    await seed(env, (db) => updateDoc(doc(db, pollPath), { closed: true }));
    await assertFails(vote(as('ana'), 'ana', { added: 'smart', removed: '', choices: ['smart'] }));
    await seed(env, (db) =>
      updateDoc(doc(db, pollPath), { closed: false, closesAt: Timestamp.fromMillis(Date.now() - 60000) }),
    );
    await assertFails(vote(as('ana'), 'ana', { added: 'smart', removed: '', choices: ['smart'] }));
  });
});

describe('multiple choices', () => {
  beforeEach(async () => {
    await storedPoll({ multiple: true, maxChoices: 2 });
  });

  it('adds and removes one choice at a time, within max-choices', async () => {
    await assertSucceeds(vote(as('ana'), 'ana', { added: 'smart', removed: '', choices: ['smart'] }));
    await assertSucceeds(
      vote(as('ana'), 'ana', { added: 'buddy', removed: '', choices: ['smart', 'buddy'] }, { first: false }),
    );
    await assertFails(
      vote(as('ana'), 'ana', { added: 'game', removed: '', choices: ['smart', 'buddy', 'game'] }, { first: false }),
    );
    await assertSucceeds(vote(as('ana'), 'ana', { added: '', removed: 'smart', choices: ['buddy'] }, { first: false }));
    // Removing the last choice stops counting the learner as a voter.
    await assertSucceeds(
      vote(as('ana'), 'ana', { added: '', removed: 'buddy', choices: [] }, { first: false, voters: -1 }),
    );
    expect(await totals()).toEqual({ counts: { smart: 0, buddy: 0 }, voters: 0 });
  });

  it('denies a change whose choices do not match the counts it moves', async () => {
    await assertFails(vote(as('ana'), 'ana', { added: 'smart', removed: '', choices: ['smart', 'buddy'] }));
    await assertFails(vote(as('ana'), 'ana', { added: 'smart', removed: '', choices: ['smart'] }, { voters: 2 }));
  });
});

describe('anonymous polls', () => {
  it('nobody, facilitators included, can read who voted what', async () => {
    await storedPoll({ anonymous: true });
    await assertFails(vote(as('ana'), 'ana', { added: 'smart', removed: '', choices: ['smart'] }));
    await assertSucceeds(
      vote(as('ana'), 'ana', { added: 'smart', removed: '', choices: ['smart'] }, { displayName: null }),
    );
    await assertSucceeds(getDoc(doc(as('ana'), pollPath, 'votes', 'ana')));
    await assertFails(getDoc(doc(as('fay'), pollPath, 'votes', 'ana')));
    await assertFails(getDocs(collection(as('fay'), pollPath, 'votes')));
    await assertSucceeds(getDocs(collection(as('fay'), pollPath, 'shards')));
  });

  it('in an open poll peers see who took part', async () => {
    await storedPoll();
    await assertSucceeds(vote(as('ana'), 'ana', { added: 'smart', removed: '', choices: ['smart'] }));
    await assertSucceeds(getDocs(collection(as('bob'), pollPath, 'votes')));
  });
});

describe('suggestions', () => {
  const suggestion = (extra: Record<string, unknown> = {}) => ({
    label: 'The Trailblazers',
    createdBy: 'ana',
    createdAt: serverTimestamp(),
    ...extra,
  });

  it('a member suggests an option others can vote for; a facilitator removes it', async () => {
    await storedPoll();
    await assertSucceeds(setDoc(doc(as('ana'), pollPath, 'suggestions', 'the-trailblazers'), suggestion()));
    await assertSucceeds(
      vote(as('bob'), 'bob', { added: 'the-trailblazers', removed: '', choices: ['the-trailblazers'] }),
    );
    await assertFails(deleteDoc(doc(as('ana'), pollPath, 'suggestions', 'the-trailblazers')));
    await assertSucceeds(deleteDoc(doc(as('fay'), pollPath, 'suggestions', 'the-trailblazers')));
  });

  it('is denied when the poll does not allow it, as another learner, overlong, or replacing an option', async () => {
    await storedPoll({ allowSuggestions: false });
    await assertFails(setDoc(doc(as('ana'), pollPath, 'suggestions', 'the-trailblazers'), suggestion()));
    await seed(env, (db) => updateDoc(doc(db, pollPath), { allowSuggestions: true }));
    await assertFails(setDoc(doc(as('ana'), pollPath, 'suggestions', 'x'), suggestion({ createdBy: 'bob' })));
    await assertFails(setDoc(doc(as('ana'), pollPath, 'suggestions', 'x'), suggestion({ label: 'x'.repeat(81) })));
    await assertFails(setDoc(doc(as('ana'), pollPath, 'suggestions', 'smart'), suggestion()));
    await assertFails(setDoc(doc(as('ana'), pollPath, 'suggestions', 'Bad Id'), suggestion()));
  });
});
