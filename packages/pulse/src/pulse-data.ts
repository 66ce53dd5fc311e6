// What <cohort-pulse> reads, and the one thing it writes. Loaded by dynamic import after first paint.
//
// Reads, under spaces/{space}: members (every member, one document each) and ledger (one document per member who has
// contributed), both listened to live, and badges/{badge} for each badge the page names. A view costs one read per
// member and one per ledger, whatever the number of posts, votes or goals; a change costs one read per document
// that changed. The rules let only facilitators and owners list ledgers (packages/core/rules/space.rules).
//
// The nudge is the thread's own post, written by the thread's data module with its rate document and ledger +1,
// so the thread's rules judge it like any facilitator post.
import { collection, doc, type Firestore } from 'firebase/firestore';
import type { FirebaseRuntime } from '@cohort-kit/core';
import { asDate } from '@cohort-kit/core/data.js';
import { createPost, watchRate, type RateState } from '@cohort-kit/thread/thread-data.js';
import { KINDS, type Badge, type Kind, type PulseLedger, type PulseMember } from './pulse-metrics.js';

type DataModule = typeof import('@cohort-kit/core/data.js');

export const membersRef = (db: Firestore, space: string) => collection(db, 'spaces', space, 'members');
export const ledgersRef = (db: Firestore, space: string) => collection(db, 'spaces', space, 'ledger');
export const badgeRef = (db: Firestore, space: string, badge: string) => doc(db, 'spaces', space, 'badges', badge);

const dayList = (value: unknown) =>
  Array.isArray(value) ? value.filter((day): day is number => Number.isInteger(day)) : [];

function kindMap(value: unknown): Partial<Record<Kind, number>> {
  const map = (value ?? {}) as Record<string, unknown>;
  const out: Partial<Record<Kind, number>> = {};
  for (const kind of KINDS) if (typeof map[kind] === 'number') out[kind] = map[kind] as number;
  return out;
}

export function readMember(uid: string, data: Record<string, unknown>): PulseMember {
  return {
    uid,
    name: typeof data.displayName === 'string' ? data.displayName : '',
    role: typeof data.role === 'string' ? data.role : 'learner',
    joinedAt: asDate(data.joinedAt),
    normsAt: asDate(data.normsAcknowledgedAt),
  };
}

export function readLedger(data: Record<string, unknown>): PulseLedger {
  return {
    counts: kindMap(data.counts),
    days: dayList(data.days),
    lastDays: kindMap(data.lastDays),
    lastAt: asDate(data.lastAt),
  };
}

export function readBadge(id: string, data: Record<string, unknown> | undefined): Badge | null {
  if (!data) return null;
  return {
    id,
    name: typeof data.name === 'string' ? data.name : id,
    issued: Number(data.issued) || 0,
    edition: Number(data.edition) || 0,
  };
}

export interface PulseHandlers {
  members: (members: PulseMember[]) => void;
  ledgers: (ledgers: Map<string, PulseLedger>) => void;
  badges: (badges: Badge[]) => void;
  error: (error: Error) => void;
  stale: () => void;
}

/** The members, their ledgers and the named badges, live. Returns how to stop. */
export function watchPulse(
  runtime: FirebaseRuntime,
  data: DataModule,
  space: string,
  badges: readonly string[],
  handlers: PulseHandlers,
): () => void {
  const { db } = runtime;
  const options = { error: handlers.error, stale: handlers.stale };
  const found = new Map<string, Badge>();
  const stops = [
    data.watchQuery(runtime, 'pulse', membersRef(db, space), {
      ...options,
      next: (snapshot) =>
        handlers.members(snapshot.docs.map((each) => readMember(each.id, each.data({ serverTimestamps: 'estimate' })))),
    }),
    data.watchQuery(runtime, 'pulse', ledgersRef(db, space), {
      ...options,
      next: (snapshot) =>
        handlers.ledgers(
          new Map(snapshot.docs.map((each) => [each.id, readLedger(each.data({ serverTimestamps: 'estimate' }))])),
        ),
    }),
    ...badges.map((id) =>
      data.watchDoc(runtime, 'pulse', badgeRef(db, space, id), {
        ...options,
        next: (snapshot) => {
          const badge = readBadge(id, snapshot.data());
          if (badge) found.set(id, badge);
          else found.delete(id);
          handlers.badges(badges.flatMap((each) => found.get(each) ?? []));
        },
      }),
    ),
  ];
  return () => stops.forEach((stop) => stop());
}

export interface Nudge {
  space: string;
  thread: string;
  author: { uid: string; name: string; role: string };
  body: string;
  mentions: string[];
}

/** The author's rate document as the server has it, which the thread's rules check the post against. */
function currentRate(
  runtime: FirebaseRuntime,
  data: DataModule,
  space: string,
  uid: string,
): Promise<RateState | null> {
  return new Promise((resolve) => {
    // Stopped after the first answer the server settled; a microtask later, so `stop` is assigned by then.
    const stop = watchRate(runtime, data, space, uid, (view) => {
      if (!view.settled) return;
      resolve(view.rate);
      queueMicrotask(() => stop());
    });
  });
}

/** Posts the nudge in the thread as the facilitator, mentioning the learners. Resolves once the server has it. */
export async function postNudge(runtime: FirebaseRuntime, data: DataModule, nudge: Nudge): Promise<string> {
  const rate = await currentRate(runtime, data, nudge.space, nudge.author.uid);
  const { id, write } = createPost(runtime, nudge.space, nudge.thread, {
    uid: nudge.author.uid,
    authorName: nudge.author.name,
    authorRole: nudge.author.role,
    body: nudge.body,
    parentId: null,
    mentions: nudge.mentions,
    rate,
  });
  await write;
  return id;
}
