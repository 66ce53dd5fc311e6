import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  collection,
  deleteDoc,
  deleteField,
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
import { addContribution } from '../../core/src/ledger';
import {
  assertFails,
  assertSucceeds,
  rulesEnvironment,
  seed,
  signedInAs,
  signedOut,
} from '@cohort-kit/core/testing/rules.js';

let env: RulesTestEnvironment;
const space = 'leadership-2026-spring';
const poll = 'goal-approach';
const pollPath = `spaces/${space}/polls/${poll}`;
const options = [
  { value: 'smart', label: '🤓 Use the SMART goals framework' },
  { value: 'buddy', label: '🤝 Find an accountability buddy' },
  { value: 'game', label: '👾 Gamify your process' },
];
const labels = options.map((option) => option.label);

function definition(extra: Record<string, unknown> = {}) {
  return {
    question: 'Which goal-setting approach will you try first?',
    optionValues: options.map((option) => option.value),
    optionLabels: labels,
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

/** The batch a first vote (or a facilitator) writes when nobody has stored the poll yet: it and its empty shards. */
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

const as = (uid: string) => signedInAs(env, uid);

/**
 * The batch the widget writes for a vote: the vote and the same move on the voter's shard, and on a first vote in a
 * poll that is not anonymous the voter's ledger. The voter's name follows in a batch of its own (nameVoter).
 */
function vote(
  db: Firestore,
  uid: string,
  change: { added: string; removed: string; choices: string[] },
  opts: {
    shard?: number;
    first?: boolean;
    /** Whether the batch adds the vote to the voter's ledger (default: a first vote does). */
    ledger?: boolean;
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
  if (opts.ledger ?? first) addContribution(batch, db, space, uid, 'votes', `polls/${poll}/votes/${uid}`);
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

const recentVoters = (db: Firestore) => doc(db, pollPath, 'recent', 'voters');

/**
 * The batch the widget writes after a first vote in a poll that is not anonymous: the voter's name in one slot of
 * recent/voters, and their vote marked named.
 */
function nameVoter(
  db: Firestore,
  uid: string,
  opts: {
    /** Default: the member's name. */
    name?: string;
    /** The slot the name goes in (default 0). */
    slot?: number;
    /** What the batch writes to recent/voters instead of the one slot. */
    recent?: Record<string, unknown>;
    /** What the batch writes to the vote (default { named: true }). */
    mark?: Record<string, unknown>;
  } = {},
) {
  const batch = writeBatch(db);
  batch.update(doc(db, pollPath, 'votes', uid), opts.mark ?? { named: true });
  const name = opts.name ?? uid.toUpperCase();
  batch.set(recentVoters(db), opts.recent ?? { names: { [String(opts.slot ?? 0)]: name } }, { merge: true });
  return batch.commit();
}

/** An anonymous vote: no name anywhere. */
const anonymousVote = (
  db: Firestore,
  uid: string,
  change: { added: string; removed: string; choices: string[] },
  opts: Parameters<typeof vote>[3] = {},
) => vote(db, uid, change, { ledger: false, ...opts });

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

async function totals() {
  // A Map, as the widget sums them: a value named like an object's own property ("constructor") is a plain key.
  const counts = new Map<string, number>();
  let voters = 0;
  await seed(env, async (db) => {
    const shards = await getDocs(collection(db, pollPath, 'shards'));
    for (const shard of shards.docs) {
      voters += shard.get('voters');
      for (const [value, count] of Object.entries(shard.get('counts') as Record<string, number>)) {
        counts.set(value, (counts.get(value) ?? 0) + count);
      }
    }
  });
  return { counts: Object.fromEntries(counts), voters };
}

/** A signed-out visitor's REST read (no Authorization header): the document with its update time, or null if refused. */
async function restGet(
  path: string,
): Promise<{ name: string; updateTime: string; fields: Record<string, unknown> } | null> {
  const response = await fetch(`${restBase()}/documents/${path}`);
  return response.ok ? response.json() : null;
}

/** A signed-out visitor's query of one collection under the poll, `limit` at a time from `offset`; null if refused. */
async function restQuery(collectionId: string, offset: number, limit = 3) {
  const response = await fetch(`${restBase()}/documents/${pollPath}:runQuery`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ structuredQuery: { from: [{ collectionId }], offset, limit } }),
  });
  if (!response.ok) return null;
  const rows = (await response.json()) as { document?: { name: string; updateTime: string } }[];
  return rows.flatMap((row) => (row.document ? [row.document] : []));
}

const restBase = () => `http://${process.env.FIRESTORE_EMULATOR_HOST}/v1/projects/demo-rules-poll/databases/(default)`;

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
    await assertFails(create(as('ana'), { optionValues: ['smart'], optionLabels: [labels[0]] }));
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

  it('checks every value and label, and max-choices against the number of options', async () => {
    // Values: 1-40 letters, digits, "-" or "_", distinct; labels: 1-200 characters, one per value.
    for (const bad of [
      { optionValues: ['smart', 'buddy', 'has space'] },
      { optionValues: ['smart buddy', 'game'], optionLabels: labels.slice(0, 2) },
      { optionValues: ['smart', 'buddy', 7] },
      { optionValues: ['smart', 'buddy', ''] },
      { optionValues: ['smart', 'buddy', 'x'.repeat(41)] },
      { optionLabels: labels.slice(0, 2) },
      { optionLabels: [labels[0], `${labels[1]}\n${labels[2]}`] },
      { optionLabels: [...labels.slice(0, 2), 3] },
      { optionLabels: [...labels.slice(0, 2), { label: 'Game' }] },
      { optionLabels: [...labels.slice(0, 2), ''] },
      { optionLabels: [...labels.slice(0, 2), 'x'.repeat(201)] },
      { optionLabels: 'Use the SMART goals framework' },
      // The shape before labels had their own list.
      { options },
      { multiple: true, maxChoices: 4 },
      { multiple: false, maxChoices: 2 },
    ]) {
      await assertFails(create(as('ana'), bad));
    }
    await assertSucceeds(
      create(as('ana'), { multiple: true, maxChoices: 3, optionLabels: [...labels.slice(0, 2), 'x'.repeat(200)] }),
    );
  });

  it("a learner cannot store a closing time already past, which would close every page's poll with no notice", async () => {
    const past = Timestamp.fromMillis(Date.now() - 60_000);
    await assertFails(create(as('ana'), { closesAt: past }));
    await assertFails(create(as('stranger'), { anonymous: true, closesAt: past }, 8, null));
    await assertFails(create(as('ana'), { closesAt: serverTimestamp() }));
    await assertSucceeds(create(as('ana'), { closesAt: Timestamp.fromMillis(Date.now() + 60 * 60_000) }));
  });

  it('a facilitator may store any closing time', async () => {
    await assertSucceeds(create(as('fay'), { closesAt: Timestamp.fromMillis(Date.now() - 60_000) }, 8, 'fay'));
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
        optionValues: ['smart', 'buddy', 'mine'],
        optionLabels: [...labels.slice(0, 2), 'Mine'],
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
    await assertFails(updateDoc(doc(as('fay'), pollPath), { optionValues: ['smart', 'buddy', 'has space'] }));
    await assertFails(updateDoc(doc(as('fay'), pollPath), { optionLabels: labels.slice(0, 2) }));
    await assertFails(updateDoc(doc(as('fay'), pollPath), { optionValues: ['smart', 'buddy', 'game', 'more'] }));
    await assertFails(updateDoc(doc(as('fay'), pollPath), { closed: 'yes' }));
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
    const again = () => vote(as('ana'), 'ana', { added: 'smart', removed: '', choices: ['smart'] }, { ledger: false });
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
    addContribution(alone, ana, space, 'ana', 'votes', `polls/${poll}/votes/ana`);
    await assertFails(alone.commit());
    const batch = writeBatch(ana);
    batch.set(doc(ana, pollPath, 'votes', 'ana'), voteDoc);
    addContribution(batch, ana, space, 'ana', 'votes', `polls/${poll}/votes/ana`);
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
    addContribution(batch, ana, space, 'ana', 'votes', `polls/${poll}/votes/ana`);
    batch.update(
      doc(ana, pollPath, 'shards', '0'),
      new FieldPath('counts', 'smart'),
      increment(1),
      'voters',
      increment(1),
    );
    await assertFails(batch.commit());
    await assertFails(
      vote(as('ana'), 'ana', { added: 'smart', removed: '', choices: ['smart'] }, { extra: { named: true } }),
    );
    await assertFails(
      vote(as('ana'), 'ana', { added: 'smart', removed: '', choices: ['smart'] }, { extra: { displayName: 'ANA' } }),
    );
    // A first vote in a poll that is not anonymous always counts in the voter's ledger.
    await assertFails(vote(as('ana'), 'ana', { added: 'smart', removed: '', choices: ['smart'] }, { ledger: false }));
    await seed(env, (db) => updateDoc(doc(db, pollPath), { closed: true }));
    await assertFails(vote(as('ana'), 'ana', { added: 'smart', removed: '', choices: ['smart'] }));
    await seed(env, (db) =>
      updateDoc(doc(db, pollPath), { closed: false, closesAt: Timestamp.fromMillis(Date.now() - 60000) }),
    );
    await assertFails(vote(as('ana'), 'ana', { added: 'smart', removed: '', choices: ['smart'] }));
  });

  it('a voter names themselves once, after their first vote, in one recent-voters slot, with their own name', async () => {
    const ana = as('ana');
    // Not before voting, and not alone.
    await assertFails(setDoc(recentVoters(ana), { names: { '0': 'ANA' } }));
    await assertFails(nameVoter(ana, 'ana'));
    await assertSucceeds(vote(ana, 'ana', { added: 'smart', removed: '', choices: ['smart'] }));
    await assertFails(setDoc(recentVoters(ana), { names: { '0': 'ANA' } }));
    await assertFails(updateDoc(doc(ana, pollPath, 'votes', 'ana'), { named: true }));
    // Only their own name, in one of the three slots, and on the vote nothing but the mark.
    await assertFails(nameVoter(ana, 'ana', { name: 'Fay' }));
    await assertFails(nameVoter(ana, 'ana', { recent: { names: { '1': 'ANA', '2': 'ANA' } } }));
    await assertFails(nameVoter(ana, 'ana', { recent: { names: { '3': 'ANA' } } }));
    await assertFails(nameVoter(ana, 'ana', { recent: { names: { '1': 'ANA' }, votedAt: serverTimestamp() } }));
    await assertFails(nameVoter(ana, 'ana', { mark: { named: 'yes' } }));
    await assertFails(nameVoter(ana, 'ana', { mark: { named: true, choices: ['game'] } }));
    await assertSucceeds(nameVoter(ana, 'ana', { slot: 0 }));
    // Once: not again, not by a later vote, not deleted; a later vote neither drops the mark nor sets it.
    await assertFails(nameVoter(ana, 'ana', { slot: 1 }));
    await assertFails(updateDoc(recentVoters(ana), new FieldPath('names', '1'), 'ANA'));
    await assertFails(deleteDoc(recentVoters(ana)));
    const change = { added: 'game', removed: 'smart', choices: ['game'] };
    await assertFails(vote(ana, 'ana', change, { first: false, extra: { named: false } }));
    await assertSucceeds(vote(ana, 'ana', change, { first: false }));
    expect((await getDoc(doc(ana, pollPath, 'votes', 'ana'))).get('named')).toBe(true);
    // Bob names himself in a slot of his own choosing, without rewriting anyone else's.
    const bob = as('bob');
    await assertSucceeds(vote(bob, 'bob', { added: 'buddy', removed: '', choices: ['buddy'] }));
    await assertFails(nameVoter(bob, 'bob', { recent: { names: { '1': 'BOB', '0': 'Someone else' } } }));
    await assertFails(nameVoter(bob, 'bob', { recent: { names: { '1': 'ANA' } } }));
    // Slots are reused: the newest name replaces whichever the voter's page picked.
    await assertSucceeds(nameVoter(bob, 'bob', { slot: 0 }));
    expect((await getDoc(recentVoters(signedOut(env)))).data()).toEqual({ names: { '0': 'BOB' } });
  });

  it('a voter with no choice left is not named, and an anonymous poll names no one', async () => {
    const ana = as('ana');
    await assertSucceeds(vote(ana, 'ana', { added: 'smart', removed: '', choices: ['smart'] }));
    await assertSucceeds(vote(ana, 'ana', { added: '', removed: 'smart', choices: [] }, { first: false, voters: -1 }));
    await assertFails(nameVoter(ana, 'ana'));
    await storedPoll({ anonymous: true });
    await assertSucceeds(
      anonymousVote(as('stranger'), 'stranger', { added: 'smart', removed: '', choices: ['smart'] }),
    );
    await member('stranger');
    await assertFails(nameVoter(as('stranger'), 'stranger'));
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
      await assertFails(getDoc(recentVoters(reader)));
    }
    await assertSucceeds(getDocs(collection(as('fay'), pollPath, 'shards')));
    expect(await totals()).toEqual({ counts: { smart: 1, game: 1 }, voters: 2 });
  });

  it('in a named poll no one pairs a voter with their choice afterwards, by paging names or matching update times', async () => {
    await storedPoll();
    const voters = ['ana', 'bob', 'cat', 'dan', 'eve'];
    const choices = ['smart', 'buddy', 'game', 'smart', 'buddy'];
    for (const [i, uid] of voters.entries()) {
      if (!['ana', 'bob'].includes(uid)) await member(uid);
      await assertSucceeds(
        vote(as(uid), uid, { added: choices[i]!, removed: '', choices: [choices[i]!] }, { shard: i }),
      );
      await assertSucceeds(nameVoter(as(uid), uid, { slot: i % 3 }));
    }
    // The attacker, signed out, reads each shard's tally and update time (shards are public)...
    const shardTimes = new Map<string, string>();
    for (let shard = 0; shard < 8; shard++) {
      const read = await restGet(`${pollPath}/shards/${shard}`);
      shardTimes.set(read!.updateTime, String(shard));
    }
    // ...then every other document under the poll they can read, three at a time with offsets, or one by one.
    const readable: { name: string; updateTime: string }[] = [];
    for (const collectionId of ['voters', 'recent', 'votes', 'suggestions', 'suggesters']) {
      for (let offset = 0; offset < 30; offset += 3) {
        const page = await restQuery(collectionId, offset);
        if (!page?.length) break;
        readable.push(...page);
      }
    }
    for (const path of [...voters.map((uid) => `voters/${uid}`), 'recent/voters']) {
      const read = await restGet(`${pollPath}/${path}`);
      if (read) readable.push(read);
    }
    // A document written in the same commit as a shard would share its update time: none is.
    expect(readable.map((read) => read.name)).toEqual([expect.stringMatching(/\/recent\/voters$/)]);
    expect(readable.filter((read) => shardTimes.has(read.updateTime))).toEqual([]);
    // Another learner pages the voters with cursors as the widget's query would: refused, as is any one voter.
    const bob = as('bob');
    await assertFails(getDocs(query(collection(bob, pollPath, 'voters'), orderBy('votedAt', 'desc'), limit(3))));
    await assertFails(getDoc(doc(bob, pollPath, 'voters', 'ana')));
  });

  it('in a poll that is not anonymous anyone sees a few recent names, and no one lists choices', async () => {
    await storedPoll();
    await assertSucceeds(vote(as('ana'), 'ana', { added: 'smart', removed: '', choices: ['smart'] }));
    await assertSucceeds(nameVoter(as('ana'), 'ana'));
    await assertSucceeds(getDoc(recentVoters(signedOut(env))));
    await assertSucceeds(getDoc(recentVoters(as('bob'))));
    expect((await getDoc(recentVoters(as('bob')))).data()).toEqual({ names: { '0': 'ANA' } });
    await assertFails(getDocs(collection(as('bob'), pollPath, 'recent')));
    await assertFails(getDocs(collection(as('bob'), pollPath, 'voters')));
    await assertFails(getDoc(doc(as('bob'), pollPath, 'votes', 'ana')));
    await assertFails(getDocs(collection(as('fay'), pollPath, 'votes')));
    await assertFails(getDocs(collection(signedOut(env), pollPath, 'votes')));
    // Once the poll is anonymous the names are no longer read.
    await seed(env, (db) => updateDoc(doc(db, pollPath), { anonymous: true }));
    await assertFails(getDoc(recentVoters(signedOut(env))));
  });
});

describe('suggestions', () => {
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

describe('suggestions that could pass for something else', () => {
  beforeEach(async () => {
    await storedPoll();
    for (const uid of ['cat', 'dan', 'eve']) await member(uid);
  });

  it('a suggestion never takes over the votes of a removed suggestion', async () => {
    await assertSucceeds(suggest(as('ana'), 'ana', 'idea-x', { label: 'Idea X' }));
    for (const [i, uid] of ['bob', 'cat', 'dan'].entries()) {
      await assertSucceeds(vote(as(uid), uid, { added: 'idea-x', removed: '', choices: ['idea-x'] }, { shard: i }));
    }
    await assertSucceeds(deleteDoc(doc(as('fay'), pollPath, 'suggestions', 'idea-x')));
    // Eve suggests the same value under her own label: the public tallies would show it with 3 votes.
    await assertFails(suggest(as('eve'), 'eve', 'idea-x', { label: 'Cancel the course' }));
    // A suggestion nobody voted for can come back: it carries no votes.
    await assertSucceeds(suggest(as('bob'), 'bob', 'idea-y', { label: 'Idea Y' }));
    await assertSucceeds(deleteDoc(doc(as('fay'), pollPath, 'suggestions', 'idea-y')));
    await assertSucceeds(suggest(as('eve'), 'eve', 'idea-y', { label: 'Idea Y, again' }));
  });

  it('a suggestion never takes over the votes of an option removed from the page, even once they are withdrawn', async () => {
    await assertSucceeds(vote(as('ana'), 'ana', { added: 'game', removed: '', choices: ['game'] }, { shard: 2 }));
    // The author took "game" out of the markup, and a facilitator brought the stored poll in line.
    await assertSucceeds(
      updateDoc(doc(as('fay'), pollPath), { optionValues: ['smart', 'buddy'], optionLabels: labels.slice(0, 2) }),
    );
    await assertFails(suggest(as('bob'), 'bob', 'game', { label: 'Games are for children' }));
    // Ana moves her vote: the count is 0, and the value still carried a vote once.
    await assertSucceeds(
      vote(as('ana'), 'ana', { added: 'smart', removed: 'game', choices: ['smart'] }, { shard: 2, first: false }),
    );
    expect((await totals()).counts).toEqual({ game: 0, smart: 1 });
    await assertFails(suggest(as('bob'), 'bob', 'game', { label: 'Games are for children' }));
  });

  it('a learner cannot erase the key of a count they take back', async () => {
    await assertSucceeds(vote(as('ana'), 'ana', { added: 'game', removed: '', choices: ['game'] }, { shard: 2 }));
    const ana = as('ana');
    const batch = writeBatch(ana);
    batch.set(
      doc(ana, pollPath, 'votes', 'ana'),
      { choices: ['smart'], added: 'smart', removed: 'game', shard: 2, updatedAt: serverTimestamp() },
      { merge: true },
    );
    batch.update(
      doc(ana, pollPath, 'shards', '2'),
      new FieldPath('counts', 'smart'),
      increment(1),
      new FieldPath('counts', 'game'),
      deleteField(),
    );
    await assertFails(batch.commit());
    expect((await totals()).counts).toEqual({ game: 1 });
  });

  it('labels pass the word filters and hold nothing invisible or reordering; Persian and emoji still work', async () => {
    await seed(env, (db) => updateDoc(doc(db, 'spaces', space), { blockedWords: ['spoiler'] }));
    const refused = [
      'You retard',
      // The same word with an invisible inside it, and the space's own list.
      'You re\u200Btard',
      'Spoiler alert',
      // A bidi override makes the rest read backwards.
      'Idea \u202Edrow',
      // Nothing to read, or an invisible character a look-alike label could hide behind.
      '\u200B',
      '\u00A0\u3000',
      '\u3164',
      '\u115F\u3164',
      '\u2800',
      'Tell a fr\u200Biend',
      'Tell a friend\u034F',
      'Line\u2028break',
      'Soft\u00ADhyphen',
    ];
    for (const label of refused) {
      await assertFails(suggest(as('ana'), 'ana', 'some-idea', { label }));
    }
    // Persian needs the zero-width non-joiner inside words, emoji sequences the joiner.
    await assertSucceeds(suggest(as('ana'), 'ana', 'option-1', { label: 'می\u200Cخواهم بیشتر تمرین کنم' }));
    await assertSucceeds(suggest(as('bob'), 'bob', 'pair-programming', { label: '👩\u200D💻 Pair programming' }));
  });

  it('values start with a letter or digit, and one named like a built-in property is tallied like any other', async () => {
    await assertFails(suggest(as('ana'), 'ana', '-idea'));
    await assertFails(suggest(as('ana'), 'ana', 'Constructor'));
    await assertSucceeds(suggest(as('ana'), 'ana', 'constructor', { label: 'Constructor' }));
    await assertSucceeds(vote(as('bob'), 'bob', { added: 'constructor', removed: '', choices: ['constructor'] }));
    await assertSucceeds(
      vote(as('cat'), 'cat', { added: 'constructor', removed: '', choices: ['constructor'] }, { shard: 1 }),
    );
    expect(await totals()).toEqual({ counts: { constructor: 2 }, voters: 2 });
  });
});

describe('a poll with twelve options', () => {
  const twelve = Array.from({ length: 12 }, (_, i) => ({
    value: `option-${i + 1}`,
    label: `🎯 Option number ${i + 1}`,
  }));
  const twelveDefinition = {
    optionValues: twelve.map((option) => option.value),
    optionLabels: twelve.map((option) => option.label),
    multiple: true,
    maxChoices: 12,
  };

  it('is created by a first vote, voted in, suggested into, closed and renamed within the rules limits', async () => {
    await member('cat');
    const ana = as('ana');
    await assertSucceeds(create(ana, twelveDefinition));
    await assertSucceeds(vote(ana, 'ana', { added: 'option-12', removed: '', choices: ['option-12'] }, { shard: 7 }));
    await assertSucceeds(
      vote(
        ana,
        'ana',
        { added: 'option-1', removed: '', choices: ['option-12', 'option-1'] },
        { shard: 7, first: false },
      ),
    );
    await assertSucceeds(
      vote(
        ana,
        'ana',
        { added: 'option-6', removed: 'option-12', choices: ['option-1', 'option-6'] },
        { shard: 7, first: false },
      ),
    );
    await assertSucceeds(suggest(as('bob'), 'bob', 'a-thirteenth-idea', { label: 'A thirteenth idea' }));
    await assertSucceeds(
      vote(as('cat'), 'cat', { added: 'a-thirteenth-idea', removed: '', choices: ['a-thirteenth-idea'] }, { shard: 3 }),
    );
    const fay = as('fay');
    await assertSucceeds(updateDoc(doc(fay, pollPath), { closed: true }));
    await assertSucceeds(updateDoc(doc(fay, pollPath), { question: 'Which twelve?' }));
    await assertSucceeds(
      updateDoc(doc(fay, pollPath), { optionLabels: twelve.map((option) => `${option.label}, renamed`) }),
    );
    await assertSucceeds(updateDoc(doc(fay, pollPath), { closed: false }));
    expect(await totals()).toEqual({
      counts: { 'option-12': 0, 'option-1': 1, 'option-6': 1, 'a-thirteenth-idea': 1 },
      voters: 2,
    });
    // Thirteen is one too many.
    await assertFails(
      updateDoc(doc(fay, pollPath), {
        optionValues: [...twelveDefinition.optionValues, 'option-13'],
        optionLabels: [...twelveDefinition.optionLabels, 'Option 13'],
      }),
    );
  });
});
