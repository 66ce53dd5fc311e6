import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  collection,
  deleteDoc,
  doc,
  FieldPath,
  getDoc,
  getDocs,
  increment,
  limit,
  orderBy,
  query,
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

/**
 * The batch the widget writes: the vote and the same move on the voter's shard, and on a first vote in a poll that
 * is not anonymous the voter's name in voters/{uid}.
 */
function vote(
  db: Firestore,
  uid: string,
  change: { added: string; removed: string; choices: string[] },
  opts: {
    shard?: number;
    first?: boolean;
    /** The name for voters/{uid}; null writes no voters document. Default: the member's name on a first vote. */
    displayName?: string | null;
    tally?: Record<string, number>;
    voters?: number;
    extra?: Record<string, unknown>;
  } = {},
) {
  const shard = opts.shard ?? 0;
  const first = opts.first ?? true;
  const batch = writeBatch(db);
  const data: Record<string, unknown> = { ...change, shard, updatedAt: serverTimestamp(), ...opts.extra };
  if (first) data.votedAt = serverTimestamp();
  batch.set(doc(db, pollPath, 'votes', uid), data, { merge: true });
  const name = opts.displayName === undefined ? (first ? uid.toUpperCase() : null) : opts.displayName;
  if (name !== null) batch.set(doc(db, pollPath, 'voters', uid), { displayName: name, votedAt: serverTimestamp() });
  const tally = opts.tally ?? {
    ...(change.added ? { [change.added]: 1 } : {}),
    ...(change.removed ? { [change.removed]: -1 } : {}),
  };
  const moves: unknown[] = [];
  for (const [value, delta] of Object.entries(tally)) moves.push(new FieldPath('counts', value), increment(delta));
  const voters = opts.voters ?? (first ? 1 : 0);
  if (voters) moves.push('voters', increment(voters));
  if (moves.length) {
    const [field, value, ...more] = moves;
    batch.update(doc(db, pollPath, 'shards', String(shard)), field as FieldPath, value, ...more);
  }
  return batch.commit();
}

/** An anonymous vote: no name anywhere. */
const anonymousVote = (
  db: Firestore,
  uid: string,
  change: { added: string; removed: string; choices: string[] },
  opts: Parameters<typeof vote>[3] = {},
) => vote(db, uid, change, { displayName: null, ...opts });

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
  function create(db: Firestore, extra: Record<string, unknown> = {}, shards = 8, createdBy: string | null = 'ana') {
    const batch = writeBatch(db);
    batch.set(doc(db, pollPath), {
      ...definition(),
      closed: false,
      ...(createdBy === null ? {} : { createdBy }),
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

  it('an anonymous poll is stored by any signed-in learner, without saying who', async () => {
    await assertFails(create(as('stranger'), { anonymous: true }, 8, 'stranger'));
    await assertFails(create(signedOut(env), { anonymous: true }, 8, null));
    await assertSucceeds(create(as('stranger'), { anonymous: true }, 8, null));
  });

  it('is denied to non-members, forged creators or times, pre-filled tallies, and once it exists', async () => {
    await assertFails(create(as('stranger')));
    await assertFails(create(as('ana'), { createdBy: 'bob' }));
    await assertFails(create(as('ana'), {}, 8, null));
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

  it('checks the shape of every option, and max-choices against the number of options', async () => {
    await assertFails(create(as('ana'), { optionValues: ['smart', 'buddy', 'other'] }));
    await assertFails(create(as('ana'), { options: [...options.slice(0, 2), { value: 'game' }] }));
    await assertFails(create(as('ana'), { options: [...options.slice(0, 2), { ...options[2], extra: 1 }] }));
    await assertFails(
      create(as('ana'), { options: [...options.slice(0, 2), { ...options[2], label: 'x'.repeat(201) }] }),
    );
    await assertFails(create(as('ana'), { options: [...options.slice(0, 2), 'game'] }));
    await assertFails(
      create(as('ana'), {
        options: [...options.slice(0, 2), { value: 'has space', label: 'Bad' }],
        optionValues: ['smart', 'buddy', 'has space'],
      }),
    );
    await assertFails(create(as('ana'), { multiple: true, maxChoices: 4 }));
    await assertFails(create(as('ana'), { multiple: false, maxChoices: 2 }));
    await assertSucceeds(create(as('ana'), { multiple: true, maxChoices: 3 }));
  });

  it('no shard is created once the poll exists', async () => {
    await storedPoll();
    await seed(env, (db) => deleteDoc(doc(db, pollPath, 'shards', '7')));
    await assertFails(setDoc(doc(as('ana'), pollPath, 'shards', '7'), { counts: {}, voters: 0 }));
    await assertFails(setDoc(doc(as('ana'), pollPath, 'shards', '8'), { counts: {}, voters: 0 }));
  });

  it('only a facilitator closes it or changes its definition, and an anonymous poll never stops being anonymous', async () => {
    await storedPoll();
    await assertFails(updateDoc(doc(as('ana'), pollPath), { closed: true }));
    await assertFails(updateDoc(doc(as('ana'), pollPath), { question: 'Hijacked?' }));
    await assertFails(
      updateDoc(doc(as('ana'), pollPath), {
        options: [...options.slice(0, 2), { value: 'mine', label: 'Mine' }],
        optionValues: ['smart', 'buddy', 'mine'],
      }),
    );
    await assertFails(updateDoc(doc(signedOut(env), pollPath), { closed: true }));
    await assertSucceeds(updateDoc(doc(as('fay'), pollPath), { closed: true }));
    await assertSucceeds(updateDoc(doc(as('fay'), pollPath), { question: 'Which approach first?' }));
    await assertSucceeds(updateDoc(doc(as('fay'), pollPath), { anonymous: true }));
    await assertFails(updateDoc(doc(as('ana'), pollPath), { anonymous: true }));
    await assertFails(deleteDoc(doc(as('fay'), pollPath)));
    // Anonymous with a vote in it, on the last shard: it stays anonymous.
    await seed(env, (db) => updateDoc(doc(db, pollPath), { closed: false }));
    await assertSucceeds(
      anonymousVote(as('ana'), 'ana', { added: 'smart', removed: '', choices: ['smart'] }, { shard: 7 }),
    );
    await assertFails(updateDoc(doc(as('fay'), pollPath), { anonymous: false }));
  });

  it('a facilitator resets a poll nobody has voted in, anonymity included', async () => {
    await storedPoll({ anonymous: true });
    await assertFails(updateDoc(doc(as('ana'), pollPath), { anonymous: false }));
    await assertSucceeds(updateDoc(doc(as('fay'), pollPath), { ...definition(), anonymous: false }));
  });

  it('denies a facilitator an invalid definition', async () => {
    await storedPoll();
    await assertFails(updateDoc(doc(as('fay'), pollPath), { maxChoices: 2 }));
    await assertFails(updateDoc(doc(as('fay'), pollPath), { multiple: true, maxChoices: 4 }));
    await assertFails(updateDoc(doc(as('fay'), pollPath), { optionValues: ['smart', 'buddy', 'other'] }));
    await assertFails(updateDoc(doc(as('fay'), pollPath), { options: [options[0], options[1], { value: 'game' }] }));
    await assertFails(updateDoc(doc(as('fay'), pollPath), { question: '' }));
    await assertFails(updateDoc(doc(as('fay'), pollPath), { closesAt: 'tomorrow' }));
    await assertFails(updateDoc(doc(as('fay'), pollPath), { createdBy: 'ana' }));
    await assertSucceeds(updateDoc(doc(as('fay'), pollPath), { multiple: true, maxChoices: 3 }));
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

  it('denies the exact first-vote batch replayed', async () => {
    const first = () => vote(as('ana'), 'ana', { added: 'smart', removed: '', choices: ['smart'] });
    await assertSucceeds(first());
    await assertFails(first());
    const again = () =>
      vote(as('ana'), 'ana', { added: 'smart', removed: '', choices: ['smart'] }, { displayName: null });
    await assertFails(again());
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
    const voteDoc = {
      choices: ['smart'],
      added: 'smart',
      removed: '',
      shard: 0,
      votedAt: serverTimestamp(),
      updatedAt: serverTimestamp(),
    };
    const ana = as('ana');
    const alone = writeBatch(ana);
    alone.set(doc(ana, pollPath, 'votes', 'ana'), voteDoc);
    alone.set(doc(ana, pollPath, 'voters', 'ana'), { displayName: 'ANA', votedAt: serverTimestamp() });
    await assertFails(alone.commit());
    const batch = writeBatch(ana);
    batch.set(doc(ana, pollPath, 'votes', 'ana'), voteDoc);
    batch.set(doc(ana, pollPath, 'voters', 'ana'), { displayName: 'ANA', votedAt: serverTimestamp() });
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

  it('denies forged timestamps, another name, a name on the vote, extra fields and votes on a closed poll', async () => {
    const ana = as('ana');
    const batch = writeBatch(ana);
    batch.set(doc(ana, pollPath, 'votes', 'ana'), {
      choices: ['smart'],
      added: 'smart',
      removed: '',
      shard: 0,
      votedAt: Timestamp.fromMillis(0),
      updatedAt: serverTimestamp(),
    });
    batch.set(doc(ana, pollPath, 'voters', 'ana'), { displayName: 'ANA', votedAt: serverTimestamp() });
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
    await assertFails(
      vote(as('ana'), 'ana', { added: 'smart', removed: '', choices: ['smart'] }, { extra: { displayName: 'ANA' } }),
    );
    // A first vote in a poll that is not anonymous always says who took part.
    await assertFails(
      vote(as('ana'), 'ana', { added: 'smart', removed: '', choices: ['smart'] }, { displayName: null }),
    );
    await seed(env, (db) => updateDoc(doc(db, pollPath), { closed: true }));
    await assertFails(vote(as('ana'), 'ana', { added: 'smart', removed: '', choices: ['smart'] }));
    await seed(env, (db) =>
      updateDoc(doc(db, pollPath), { closed: false, closesAt: Timestamp.fromMillis(Date.now() - 60000) }),
    );
    await assertFails(vote(as('ana'), 'ana', { added: 'smart', removed: '', choices: ['smart'] }));
  });

  it('a voters document comes only with a first vote, in the name of the voter', async () => {
    const ana = as('ana');
    await assertFails(setDoc(doc(ana, pollPath, 'voters', 'ana'), { displayName: 'ANA', votedAt: serverTimestamp() }));
    await assertSucceeds(vote(as('ana'), 'ana', { added: 'smart', removed: '', choices: ['smart'] }));
    await assertFails(
      updateDoc(doc(as('ana'), pollPath, 'voters', 'ana'), { displayName: 'Someone else', votedAt: serverTimestamp() }),
    );
    await assertFails(
      vote(
        as('ana'),
        'ana',
        { added: 'game', removed: 'smart', choices: ['game'] },
        { first: false, displayName: 'X' },
      ),
    );
    await assertFails(deleteDoc(doc(as('ana'), pollPath, 'voters', 'ana')));
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
    await assertSucceeds(vote(as('ana'), 'ana', { added: 'smart', removed: '', choices: ['smart'] }));
    // Adding a second choice may move that count only, not a third one as well.
    await assertFails(
      vote(
        as('ana'),
        'ana',
        { added: 'buddy', removed: '', choices: ['smart', 'buddy'] },
        { first: false, tally: { buddy: 1, game: 1 } },
      ),
    );
    await assertFails(
      vote(
        as('ana'),
        'ana',
        { added: 'buddy', removed: '', choices: ['smart', 'buddy'] },
        { first: false, tally: { buddy: 1, smart: 1 } },
      ),
    );
    expect(await totals()).toEqual({ counts: { smart: 1 }, voters: 1 });
  });
});

describe('who voted what', () => {
  it('in an anonymous poll a learner votes without joining, and no one else reads the vote', async () => {
    await storedPoll({ anonymous: true });
    // Signed in, never joined: no member document appears when the count moves.
    await assertSucceeds(
      anonymousVote(as('stranger'), 'stranger', { added: 'smart', removed: '', choices: ['smart'] }),
    );
    await assertSucceeds(
      anonymousVote(
        as('stranger'),
        'stranger',
        { added: 'game', removed: 'smart', choices: ['game'] },
        { first: false },
      ),
    );
    await assertFails(anonymousVote(signedOut(env), 'stranger', { added: 'buddy', removed: '', choices: ['buddy'] }));
    // No name on it: neither a voters document nor a name on the vote.
    await assertFails(vote(as('ana'), 'ana', { added: 'smart', removed: '', choices: ['smart'] }));
    await assertFails(
      anonymousVote(
        as('ana'),
        'ana',
        { added: 'smart', removed: '', choices: ['smart'] },
        { extra: { displayName: 'ANA' } },
      ),
    );
    await assertSucceeds(anonymousVote(as('ana'), 'ana', { added: 'smart', removed: '', choices: ['smart'] }));
    await assertSucceeds(getDoc(doc(as('ana'), pollPath, 'votes', 'ana')));
    for (const reader of [as('fay'), as('bob'), as('stranger'), signedOut(env)]) {
      await assertFails(getDoc(doc(reader, pollPath, 'votes', 'ana')));
      await assertFails(getDocs(collection(reader, pollPath, 'votes')));
      await assertFails(getDocs(query(collection(reader, pollPath, 'voters'), limit(3))));
    }
    await assertSucceeds(getDocs(collection(as('fay'), pollPath, 'shards')));
    expect(await totals()).toEqual({ counts: { smart: 1, game: 1 }, voters: 2 });
  });

  it('in a poll that is not anonymous anyone sees a few recent names, and no one lists choices', async () => {
    await storedPoll();
    await assertSucceeds(vote(as('ana'), 'ana', { added: 'smart', removed: '', choices: ['smart'] }));
    const recent = (db: Firestore, n: number) =>
      getDocs(query(collection(db, pollPath, 'voters'), orderBy('votedAt', 'desc'), limit(n)));
    await assertSucceeds(recent(signedOut(env), 3));
    await assertSucceeds(recent(as('bob'), 3));
    await assertFails(recent(as('bob'), 4));
    await assertFails(getDocs(collection(as('bob'), pollPath, 'voters')));
    await assertFails(getDoc(doc(as('bob'), pollPath, 'votes', 'ana')));
    await assertFails(getDocs(collection(as('fay'), pollPath, 'votes')));
    await assertFails(getDocs(collection(signedOut(env), pollPath, 'votes')));
  });
});

describe('suggestions', () => {
  /** The widget's batch: the suggestion and the learner's one marker. */
  function suggest(db: Firestore, uid: string, value: string, extra: Record<string, unknown> = {}, marker = value) {
    const batch = writeBatch(db);
    const data: Record<string, unknown> = {
      label: 'The Trailblazers',
      createdBy: uid,
      createdAt: serverTimestamp(),
      ...extra,
    };
    // `createdBy: undefined` leaves the field out, as the widget does in an anonymous poll.
    for (const key of Object.keys(data)) if (data[key] === undefined) delete data[key];
    batch.set(doc(db, pollPath, 'suggestions', value), data);
    batch.set(doc(db, pollPath, 'suggesters', uid), { value: marker });
    return batch.commit();
  }

  it('a member suggests an option others can vote for; a facilitator removes it', async () => {
    await storedPoll();
    await assertSucceeds(suggest(as('ana'), 'ana', 'the-trailblazers'));
    await assertSucceeds(
      vote(as('bob'), 'bob', { added: 'the-trailblazers', removed: '', choices: ['the-trailblazers'] }),
    );
    await assertFails(deleteDoc(doc(as('ana'), pollPath, 'suggestions', 'the-trailblazers')));
    await assertSucceeds(deleteDoc(doc(as('fay'), pollPath, 'suggestions', 'the-trailblazers')));
    // A removed suggestion takes no more votes.
    await assertFails(
      vote(as('fay'), 'fay', { added: 'the-trailblazers', removed: '', choices: ['the-trailblazers'] }),
    );
    await assertSucceeds(
      vote(as('bob'), 'bob', { added: 'smart', removed: 'the-trailblazers', choices: ['smart'] }, { first: false }),
    );
  });

  it('allows one suggestion per learner', async () => {
    await storedPoll();
    await assertSucceeds(suggest(as('ana'), 'ana', 'first-idea'));
    await assertFails(suggest(as('ana'), 'ana', 'second-idea'));
    await assertFails(
      setDoc(doc(as('ana'), pollPath, 'suggestions', 'third-idea'), {
        label: 'Third',
        createdBy: 'ana',
        createdAt: serverTimestamp(),
      }),
    );
    await assertFails(deleteDoc(doc(as('ana'), pollPath, 'suggesters', 'ana')));
    await assertFails(getDoc(doc(as('bob'), pollPath, 'suggesters', 'ana')));
    await assertSucceeds(getDoc(doc(as('ana'), pollPath, 'suggesters', 'ana')));
    // A marker alone, or one naming another suggestion, is refused.
    await assertFails(setDoc(doc(as('bob'), pollPath, 'suggesters', 'bob'), { value: 'first-idea' }));
    await assertFails(suggest(as('bob'), 'bob', 'bobs-idea', {}, 'other-idea'));
    await assertSucceeds(suggest(as('bob'), 'bob', 'bobs-idea'));
  });

  it('in an anonymous poll a learner suggests without joining, and the suggestion names no one', async () => {
    await storedPoll({ anonymous: true });
    await assertFails(suggest(as('stranger'), 'stranger', 'an-idea'));
    await assertSucceeds(suggest(as('stranger'), 'stranger', 'an-idea', { createdBy: undefined }));
    await assertFails(suggest(as('stranger'), 'stranger', 'another-idea', { createdBy: undefined }));
    await assertFails(suggest(signedOut(env), 'nobody', 'idea-three', { createdBy: undefined }));
  });

  it('is denied when the poll does not allow it or is closed, as another learner, overlong, or replacing an option', async () => {
    await storedPoll({ allowSuggestions: false });
    await assertFails(suggest(as('ana'), 'ana', 'the-trailblazers'));
    await seed(env, (db) => updateDoc(doc(db, pollPath), { allowSuggestions: true, closed: true }));
    await assertFails(suggest(as('ana'), 'ana', 'the-trailblazers'));
    await seed(env, (db) => updateDoc(doc(db, pollPath), { closed: false }));
    await assertFails(suggest(as('stranger'), 'stranger', 'x'));
    await assertFails(suggest(as('ana'), 'ana', 'x', { createdBy: 'bob' }));
    await assertFails(suggest(as('ana'), 'ana', 'x', { label: 'x'.repeat(81) }));
    await assertFails(suggest(as('ana'), 'ana', 'x', { createdAt: Timestamp.fromMillis(0) }));
    await assertFails(suggest(as('ana'), 'ana', 'x', { extra: true }));
    await assertFails(suggest(as('ana'), 'ana', 'smart'));
    await assertFails(suggest(as('ana'), 'ana', 'Bad Id'));
    await assertSucceeds(suggest(as('ana'), 'ana', 'x'));
  });
});
