// Everything the poll does with Firestore. Loaded by dynamic import after first paint.
//
// Layout, all under spaces/{space}/polls/{poll}:
//   (poll doc)          question, optionValues [values], optionLabels [labels, in the same order], multiple,
//                       maxChoices, anonymous, allowSuggestions, closesAt, closed, createdAt, createdBy (not in an
//                       anonymous poll). Two flat lists, so the rules check each in one expression, twelve options too.
//   shards/{0..7}       counts {value: n}, voters n — the tallies, split over SHARD_COUNT documents
//   votes/{uid}         choices [values], added, removed, shard, votedAt, updatedAt, named (once their name is in
//                       recent/voters) — no name; only the voter reads it
//   recent/voters       names {'0','1','2': displayName} — a few who took part (not in an anonymous poll): no times,
//                       no choices, and no document per voter, whose update time would match their shard's; written
//                       in its own batch after the vote
//   suggestions/{value} label, createdAt, createdBy (not in an anonymous poll)
//   suggesters/{uid}    value — the learner's one suggestion; only they read it
//
// Why sharded counters: one counter document takes about one sustained write a second; a live session of
// hundreds voting in a minute needs several. Eight shards need no transactions, so voting works in preview mode
// (network off) too. Each vote is one batch: the learner's vote document and +1/−1 on their own shard, which the
// rules check against each other. The counter and the vote as the learner's marker are core's sharded counter
// (packages/core/src/sharded-counter.ts); the poll adds what is its own: options, suggestions and recent voters.
//
// Reads per view do not grow with votes: the poll (1), the 8 shards, the suggestions (at most 12; an empty result
// counts 1), and, when the poll is not anonymous, the recent-voters document (1); a signed-in learner adds their own
// vote and suggestion marker (1 each). Without suggestions that is 10 documents (anonymous, signed out) to 13 (named
// voters, signed in), 11 for a signed-out visitor of the demo poll; with twelve suggestions at most 24.
import {
  collection,
  doc,
  limit,
  orderBy,
  query,
  serverTimestamp,
  Timestamp,
  updateDoc,
  writeBatch,
  type Firestore,
} from 'firebase/firestore';
import type { FirebaseRuntime } from '@cohort-kit/core';
import {
  createShards,
  markedShard,
  pickShard as pickAnyShard,
  recordCounted,
  sumShards,
  writingTo,
  type LearnerMarker,
  type ShardedCounter,
} from '@cohort-kit/core/data.js';

export { setCohortLabel } from '@cohort-kit/core/data.js';

type DataModule = typeof import('@cohort-kit/core/data.js');

export const SHARD_COUNT = 8;
/** Slots in recent/voters: the names a page shows. */
export const RECENT_VOTERS = 3;
/** A poll shows at most twelve options, so no view needs more suggestions than that. */
export const MAX_SUGGESTIONS = 12;

export interface StoredOption {
  value: string;
  label: string;
}

export interface PollDefinition {
  question: string;
  options: StoredOption[];
  multiple: boolean;
  maxChoices: number;
  anonymous: boolean;
  allowSuggestions: boolean;
  closesAt: Date | null;
}

export interface StoredPoll extends PollDefinition {
  closed: boolean;
}

export interface PollSnapshot {
  /** undefined until known; null when the poll has not been created yet */
  poll?: StoredPoll | null;
  /** A Map, so a value named like an object's own property ("constructor") is a plain key. */
  counts: ReadonlyMap<string, number>;
  voters: number;
  myChoices: string[];
  myVoteLoaded: boolean;
  myShard?: number;
  recentVoters: string[];
  suggestions: StoredOption[];
  /** Whether this learner has made their one suggestion. */
  suggested: boolean;
  /** true while this learner's last vote has not reached the server */
  pending: boolean;
  /** true while the tallies include this learner's own write not yet confirmed: not other people's votes */
  countsPending: boolean;
}

const pollPath = (spaceId: string, pollId: string) => ['spaces', spaceId, 'polls', pollId] as const;

function pollRef(db: Firestore, spaceId: string, pollId: string) {
  return doc(db, ...pollPath(spaceId, pollId));
}

/** The options of a stored poll: its two lists, or the {value, label} maps polls stored before them hold. */
function readOptions(data: Record<string, unknown>): StoredOption[] {
  const values = Array.isArray(data.optionValues) ? (data.optionValues as unknown[]) : [];
  if (!Array.isArray(data.optionLabels)) return Array.isArray(data.options) ? (data.options as StoredOption[]) : [];
  const labels = data.optionLabels as unknown[];
  return values.map((value, i) => ({ value: String(value), label: String(labels[i] ?? value) }));
}

function readPoll(data: Record<string, unknown> | undefined): StoredPoll | null {
  if (!data) return null;
  const closesAt = data.closesAt instanceof Timestamp ? data.closesAt.toDate() : null;
  return {
    question: String(data.question ?? ''),
    options: readOptions(data),
    multiple: Boolean(data.multiple),
    maxChoices: Number(data.maxChoices ?? 1),
    anonymous: Boolean(data.anonymous),
    allowSuggestions: Boolean(data.allowSuggestions),
    closesAt,
    closed: Boolean(data.closed),
  };
}

/** The tallies: SHARD_COUNT shards counting votes by option value, and voters. */
const tallies = (db: Firestore, spaceId: string, pollId: string): ShardedCounter => ({
  shards: collection(pollRef(db, spaceId, pollId), 'shards'),
  count: SHARD_COUNT,
  peopleField: 'voters',
});

/** A learner's vote is their marker: it exists once they have voted, and names their shard. */
const votes = (db: Firestore, spaceId: string, pollId: string): LearnerMarker => ({
  markers: collection(pollRef(db, spaceId, pollId), 'votes'),
  firstAtField: 'votedAt',
});

/** The shard of a learner's first vote. */
export const pickShard = () => pickAnyShard({ count: SHARD_COUNT });

const recentVotersRef = (db: Firestore, spaceId: string, pollId: string) =>
  doc(pollRef(db, spaceId, pollId), 'recent', 'voters');

/** The names in the recent-voters slots, in slot order (not necessarily the order they voted in). */
function namesIn(slots: unknown): string[] {
  if (!slots || typeof slots !== 'object') return [];
  return Array.from({ length: RECENT_VOTERS }, (_, slot) => (slots as Record<string, unknown>)[String(slot)]).filter(
    (name): name is string => typeof name === 'string' && name.length > 0,
  );
}

/** Subscribes to everything a poll view shows: a bounded number of documents however many votes (see above). */
export function watchPoll(
  runtime: FirebaseRuntime,
  data: DataModule,
  spaceId: string,
  pollId: string,
  onChange: (snapshot: PollSnapshot) => void,
  onError: (error: Error) => void,
  onStale: () => void,
): () => void {
  const { db } = runtime;
  const state: PollSnapshot = {
    counts: new Map(),
    voters: 0,
    myChoices: [],
    myVoteLoaded: false,
    recentVoters: [],
    suggestions: [],
    suggested: false,
    pending: false,
    countsPending: false,
  };
  const counter = tallies(db, spaceId, pollId);
  const publish = () => onChange({ ...state });
  const handlers = <S>(next: (snapshot: S) => void) => ({ next, error: onError, stale: onStale });
  const base = pollRef(db, spaceId, pollId);
  const stops: (() => void)[] = [];
  let stopRecent = () => {};
  let retryRecent: ReturnType<typeof setTimeout> | undefined;

  // Names of recent voters are a nicety: if the listen reaches the server before the poll it depends on
  // (the first vote creates both), try again shortly instead of failing the whole poll. This page's own naming
  // write makes the listener listen again once the server has it (see nameVoter).
  const watchRecentVoters = (attempt = 0) => {
    stopRecent();
    stopRecent = data.watchDoc(runtime, 'poll', recentVotersRef(db, spaceId, pollId), {
      next: (recent) => {
        state.recentVoters = namesIn(recent.get('names'));
        publish();
      },
      error: () => {
        if (attempt < 5) retryRecent = setTimeout(() => watchRecentVoters(attempt + 1), 1000 * (attempt + 1));
      },
    });
  };

  stops.push(
    data.watchDoc(
      runtime,
      'poll',
      base,
      handlers((snapshot) => {
        // A cached "missing" may be a poll we have not heard of yet; wait for the server before saying so.
        if (!snapshot.exists() && snapshot.metadata.fromCache && runtime.mode === 'live') return;
        const poll = readPoll(snapshot.data());
        const wasAnonymous = state.poll?.anonymous;
        state.poll = poll;
        if (poll && !poll.anonymous && wasAnonymous !== false) watchRecentVoters();
        if (poll?.anonymous && wasAnonymous !== true) {
          // Became anonymous: names are no longer listed (the rules refuse it), and none stay on screen; a retry
          // still waiting would ask again.
          clearTimeout(retryRecent);
          stopRecent();
          state.recentVoters = [];
        }
        publish();
      }),
    ),
  );
  stops.push(
    data.watchQuery(
      runtime,
      'poll',
      counter.shards,
      handlers((shards) => {
        const totals = sumShards(shards, counter);
        state.counts = totals.counts;
        state.voters = totals.people;
        state.countsPending = totals.pending;
        publish();
      }),
    ),
  );
  stops.push(
    data.watchQuery(
      runtime,
      'poll',
      query(collection(base, 'suggestions'), orderBy('createdAt'), limit(MAX_SUGGESTIONS)),
      handlers((suggestions) => {
        state.suggestions = suggestions.docs.map((suggestion) => ({
          value: suggestion.id,
          label: String(suggestion.get('label') ?? suggestion.id),
        }));
        publish();
      }),
    ),
  );
  let stopMine = () => {};
  let stopMarker = () => {};
  stops.push(
    runtime.identity.subscribe((user) => {
      stopMine();
      stopMarker();
      state.myChoices = [];
      state.myShard = undefined;
      state.suggested = false;
      state.myVoteLoaded = !user;
      if (!user) return publish();
      stopMarker = data.watchDoc(
        runtime,
        'poll',
        doc(base, 'suggesters', user.uid),
        handlers((marker) => {
          state.suggested = marker.exists();
          publish();
        }),
      );
      stopMine = data.watchDoc(
        runtime,
        'poll',
        doc(base, 'votes', user.uid),
        handlers((vote) => {
          if (!vote.exists() && vote.metadata.fromCache && runtime.mode === 'live') return;
          state.myChoices = (vote.get('choices') as string[] | undefined) ?? [];
          state.myShard = markedShard(vote);
          state.pending = vote.metadata.hasPendingWrites && runtime.mode === 'live';
          state.myVoteLoaded = true;
          publish();
        }),
      );
    }),
  );
  return () => {
    for (const stop of stops) stop();
    stopMine();
    stopMarker();
    stopRecent();
    clearTimeout(retryRecent);
  };
}

/** Stores the poll as the author's markup defines it, with its empty shards, when nobody has yet. */
export function createPoll(
  runtime: FirebaseRuntime,
  spaceId: string,
  pollId: string,
  definition: PollDefinition,
  uid: string,
) {
  const batch = writeBatch(runtime.db);
  const base = pollRef(runtime.db, spaceId, pollId);
  batch.set(base, {
    ...definitionFields(definition),
    closed: false,
    // Who stored an anonymous poll is not recorded: their first vote follows a moment later.
    ...(definition.anonymous ? {} : { createdBy: uid }),
    createdAt: serverTimestamp(),
  });
  createShards(batch, tallies(runtime.db, spaceId, pollId));
  return batch.commit();
}

function definitionFields(definition: PollDefinition) {
  return {
    question: definition.question,
    optionValues: definition.options.map(({ value }) => value),
    optionLabels: definition.options.map(({ label }) => label),
    multiple: definition.multiple,
    maxChoices: definition.maxChoices,
    anonymous: definition.anonymous,
    allowSuggestions: definition.allowSuggestions,
    closesAt: definition.closesAt ? Timestamp.fromDate(definition.closesAt) : null,
  };
}

/**
 * Facilitators bring the stored poll back in line with the page's markup. An anonymous poll that has votes stays
 * anonymous (the rules refuse the reverse), so a page without `anonymous` then leaves that flag as it is; a poll
 * nobody has voted in is reset to exactly what the page says.
 */
export function syncPoll(
  runtime: FirebaseRuntime,
  spaceId: string,
  pollId: string,
  definition: PollDefinition,
  keepAnonymous: boolean,
) {
  const fields = definitionFields(definition);
  return updateDoc(pollRef(runtime.db, spaceId, pollId), { ...fields, anonymous: fields.anonymous || keepAnonymous });
}

export function setClosed(runtime: FirebaseRuntime, spaceId: string, pollId: string, closed: boolean) {
  return updateDoc(pollRef(runtime.db, spaceId, pollId), { closed });
}

export interface VoteChange {
  added: string;
  removed: string;
  choices: string[];
}

/**
 * One step of a vote: add a choice, remove one, or swap one for another. The vote document and the
 * learner's shard change in one batch, which the rules check against each other. The vote holds no name; a first
 * vote in a poll that is not anonymous is followed by a second batch that writes the voter's name (never their
 * choice, never a time) to one slot of recent/voters and marks the vote named. The returned promise is the vote's
 * alone: every first vote of a burst names itself in that one document, which takes writes one after another,
 * and the vote must not wait in that line (nor share its commit time with the shard's).
 */
export function castVote(
  runtime: FirebaseRuntime,
  spaceId: string,
  pollId: string,
  uid: string,
  change: VoteChange,
  options: { firstVote: boolean; shard: number; voterName: string | null; recentSlot: number },
) {
  const batch = writeBatch(runtime.db);
  const named = options.firstVote && options.voterName !== null;
  // A learner with no choice left no longer counts as a voter; a first choice makes them one.
  const wasVoter = change.choices.length - (change.added ? 1 : 0) + (change.removed ? 1 : 0) > 0;
  recordCounted(batch, tallies(runtime.db, spaceId, pollId), votes(runtime.db, spaceId, pollId), uid, {
    fields: { choices: change.choices, added: change.added, removed: change.removed },
    shard: options.shard,
    first: options.firstVote,
    move: { added: change.added, removed: change.removed, wasCounted: wasVoter, isCounted: change.choices.length > 0 },
    // A named first vote counts in the voter's activity ledger; an anonymous one never does.
    ledger: named ? { spaceId, kind: 'votes', path: `polls/${pollId}/votes/${uid}` } : undefined,
  });
  const commit = batch.commit();
  // This page's own vote listener may have started with this learner's sign-in, a moment ago: see writingTo.
  if (options.firstVote) writingTo(commit, doc(votes(runtime.db, spaceId, pollId).markers, uid));
  // Sent now, behind the vote on the same connection (preview mode shows it at once, and the rules see the vote
  // first); a name that cannot be written costs the learner nothing, so its failure is not theirs to see.
  if (named) nameVoter(runtime, spaceId, pollId, uid, options.voterName!, options.recentSlot);
  return commit;
}

/** Puts a first voter's name in a recent-voters slot, and marks their vote named so it happens once. */
function nameVoter(runtime: FirebaseRuntime, spaceId: string, pollId: string, uid: string, name: string, slot: number) {
  const batch = writeBatch(runtime.db);
  batch.update(doc(votes(runtime.db, spaceId, pollId).markers, uid), { named: true });
  batch.set(
    recentVotersRef(runtime.db, spaceId, pollId),
    { names: { [String(slot % RECENT_VOTERS)]: name } },
    { merge: true },
  );
  // The page's recent-voters listener may have started while this was on its way: see writingTo.
  writingTo(batch.commit(), recentVotersRef(runtime.db, spaceId, pollId)).catch(() => {});
}

/** A learner's one suggestion, with the marker that keeps it to one; anonymous polls do not record who made it. */
export function suggestOption(
  runtime: FirebaseRuntime,
  spaceId: string,
  pollId: string,
  uid: string,
  option: StoredOption,
  anonymous: boolean,
) {
  const base = pollRef(runtime.db, spaceId, pollId);
  const batch = writeBatch(runtime.db);
  batch.set(doc(base, 'suggestions', option.value), {
    label: option.label,
    ...(anonymous ? {} : { createdBy: uid }),
    createdAt: serverTimestamp(),
  });
  batch.set(doc(base, 'suggesters', uid), { value: option.value });
  return batch.commit();
}

export function removeSuggestion(runtime: FirebaseRuntime, spaceId: string, pollId: string, value: string) {
  const batch = writeBatch(runtime.db);
  batch.delete(doc(pollRef(runtime.db, spaceId, pollId), 'suggestions', value));
  return batch.commit();
}
