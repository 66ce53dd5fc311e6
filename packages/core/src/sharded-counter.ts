// Counting what many learners do without one hot document, and telling a learner's first contribution from a change
// to it. Imports the SDK: widgets reach it through @cohort-kit/core/data.js, after first paint.
//
// A counter is a few shard documents, shards/{0..count-1}, each {counts: {value: n}, <people>: n}. One document takes
// about one sustained write a second; a live session of hundreds needs several. Increments need no transaction, so
// counting works with the network off (preview mode) too. A learner always moves the same shard.
//
// The marker is one document per learner (a poll's votes/{uid}): it exists once they have contributed, holds their
// shard and whatever the widget keeps of their contribution. The write that creates it is their first contribution:
// it stamps the first time and pays the activity ledger's +1. A marker and its shard change in one batch, so the
// widget's rules can check each against the other.
import {
  doc,
  FieldPath,
  increment,
  serverTimestamp,
  type CollectionReference,
  type DocumentSnapshot,
  type QuerySnapshot,
  type WriteBatch,
} from 'firebase/firestore';
import { addContribution, type ContributionKind } from './ledger.js';

export interface ShardedCounter {
  /** Where the shard documents live. */
  shards: CollectionReference;
  /** How many shards: fixed for the counter's life, as the rules name each one. */
  count: number;
  /** The field of each shard counting the learners who take part (a poll's `voters`). */
  peopleField: string;
}

export interface LearnerMarker {
  /** Where the markers live, one per learner id. */
  markers: CollectionReference;
  /** Set to the server's time when the marker is created (a poll's `votedAt`). */
  firstAtField: string;
}

export interface CounterTotals {
  /** A Map, so a value named like an object's own property ("constructor") is a plain key. */
  counts: ReadonlyMap<string, number>;
  people: number;
  /** The totals include this device's own write, not yet confirmed by the server. */
  pending: boolean;
}

/** A learner's first shard, chosen at random so writes spread evenly. */
export const pickShard = (counter: Pick<ShardedCounter, 'count'>, random = Math.random) =>
  Math.floor(random() * counter.count);

const shardRef = (counter: ShardedCounter, shard: number) => doc(counter.shards, String(shard));

/** The counter's empty shards, written in the batch that creates what they count. */
export function createShards(batch: WriteBatch, counter: ShardedCounter): void {
  for (let shard = 0; shard < counter.count; shard++) {
    batch.set(shardRef(counter, shard), { counts: {}, [counter.peopleField]: 0 });
  }
}

/** Sums the shards of one snapshot of the counter's collection: a bounded number of reads however many learners. */
export function sumShards(shards: QuerySnapshot, counter: Pick<ShardedCounter, 'peopleField'>): CounterTotals {
  const counts = new Map<string, number>();
  let people = 0;
  for (const shard of shards.docs) {
    people += Number(shard.get(counter.peopleField) ?? 0);
    const values = (shard.get('counts') as Record<string, number> | undefined) ?? {};
    for (const [value, count] of Object.entries(values)) counts.set(value, (counts.get(value) ?? 0) + count);
  }
  return { counts, people, pending: shards.metadata.hasPendingWrites };
}

/** The shard a learner's marker names; undefined before their first contribution. */
export function markedShard(marker: DocumentSnapshot): number | undefined {
  const shard = marker.get('shard') as unknown;
  return typeof shard === 'number' ? shard : undefined;
}

export interface CountMove {
  /** The value counted once more; '' for none. */
  added: string;
  /** The value counted once less; '' for none. */
  removed: string;
  /** Whether the learner was taking part before this move, and is after it (a poll: they had a choice, have one). */
  wasCounted: boolean;
  isCounted: boolean;
}

export interface CountedContribution {
  /** What the widget keeps in the marker beside the shard (a poll: choices, added, removed). */
  fields: Record<string, unknown>;
  shard: number;
  /** No marker yet: this write creates it. */
  first: boolean;
  move: CountMove;
  /**
   * The ledger's +1 for a first contribution, where the account may be tied to it (an anonymous poll pays none):
   * the space and the contribution's path under it.
   */
  ledger?: { spaceId: string; kind: ContributionKind; path: string };
}

/**
 * One contribution of learner `uid`, in `batch`: their marker (created the first time), the ledger's +1 the first
 * time, and +1/−1 on their shard for the values that moved, with the people count when they start or stop taking
 * part. Nothing is read: the shard is the one the marker names, or a fresh pick.
 */
export function recordCounted(
  batch: WriteBatch,
  counter: ShardedCounter,
  marker: LearnerMarker,
  uid: string,
  contribution: CountedContribution,
): void {
  const { fields, shard, first, move, ledger } = contribution;
  const mark: Record<string, unknown> = { ...fields, shard, updatedAt: serverTimestamp() };
  if (first) mark[marker.firstAtField] = serverTimestamp();
  batch.set(doc(marker.markers, uid), mark, { merge: true });
  if (first && ledger) {
    addContribution(batch, marker.markers.firestore, ledger.spaceId, uid, ledger.kind, ledger.path);
  }
  const changes: unknown[] = [];
  if (move.added) changes.push(new FieldPath('counts', move.added), increment(1));
  if (move.removed) changes.push(new FieldPath('counts', move.removed), increment(-1));
  if (move.wasCounted !== move.isCounted) changes.push(counter.peopleField, increment(move.isCounted ? 1 : -1));
  if (!changes.length) return;
  const [field, value, ...more] = changes;
  batch.update(shardRef(counter, shard), field as FieldPath, value, ...more);
}
