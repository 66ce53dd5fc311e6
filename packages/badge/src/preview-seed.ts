// Seeds the preview cache (network off, nothing leaves the device) with a badge in a given state, for stories, the
// shared base tests and demos. Refuses to run against a live project: real data only ever arrives through the rules.
// The badge's name, criteria and edition come from the element's attributes; this writes everything else.
import { doc, Timestamp, writeBatch, type Firestore } from 'firebase/firestore';
import { connect } from '@cohort-kit/core';

export type PreviewScenario =
  'locked' | 'claimable' | 'claimed' | 'all-claimed' | 'retired' | 'image' | 'hidden-name' | 'rtl';

const PEERS = ['Ada Lovelace', 'Bo Chen', 'Chiamaka Obi', 'Diego Ruiz', 'Elif Yılmaz', 'Farah Haddad'];
const RTL_PEERS = ['ليلى حسن', 'נועה לוי', 'عمر خالد'];

export interface PreviewBadge {
  /** Counts in the learner's ledger, by ledger counter. */
  counts?: Record<string, number>;
  /** Copies already claimed by peers. */
  issued?: number;
  retired?: boolean;
  image?: string;
  hints?: Record<string, string>;
  /** The learner holds copy number `issued` + 1. */
  mine?: boolean;
  /** Peers on the wall whose name is hidden, by index. */
  hidden?: number[];
  rtl?: boolean;
  cohortLabel?: string;
}

const SCENARIOS: Record<PreviewScenario, PreviewBadge> = {
  locked: { counts: { posts: 2, replies: 1, goals: 0 }, issued: 13 },
  claimable: { counts: { posts: 3, replies: 2, feedbackGiven: 2, goals: 1 }, issued: 6 },
  claimed: { counts: { posts: 3, replies: 2, feedbackGiven: 2, goals: 1 }, issued: 6, mine: true },
  'all-claimed': { counts: { posts: 3, replies: 2, feedbackGiven: 2, goals: 1 }, issued: 20 },
  retired: { counts: { posts: 1 }, issued: 18, retired: true },
  image: {
    counts: { posts: 1, replies: 2 },
    issued: 4,
    image:
      'data:image/svg+xml,' +
      encodeURIComponent(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10" fill="#7a3e9d"/><circle cx="5" cy="5" r="3" fill="#f6c945"/></svg>',
      ),
  },
  'hidden-name': { counts: { posts: 2 }, issued: 5, hidden: [1, 3] },
  rtl: { counts: { posts: 2, replies: 1 }, issued: 3, rtl: true, cohortLabel: 'دفعة ربيع 2026' },
};

/** The preview's state for a named scenario, or one described in full. */
export async function seedPreviewBadge(
  space: string,
  badge: string,
  scenario: PreviewScenario | PreviewBadge,
): Promise<void> {
  const runtime = await connect();
  if (runtime.mode !== 'preview') throw new Error('seedPreviewBadge only works in preview mode.');
  const db: Firestore = runtime.db;
  const me = runtime.identity.user?.uid ?? 'preview';
  const state = typeof scenario === 'string' ? SCENARIOS[scenario] : scenario;
  const at = (daysAgo: number) => Timestamp.fromMillis(Date.now() - daysAgo * 86_400_000);
  const peers = state.rtl ? RTL_PEERS : PEERS;
  const issued = state.issued ?? 0;
  const batch = writeBatch(db);
  batch.set(doc(db, 'spaces', space), {
    name: state.rtl ? 'دفعة القيادة' : 'Leading with Purpose',
    cohortLabel: state.cohortLabel ?? 'Spring 2026 cohort',
    norms: '',
    reportThreshold: 3,
  });
  batch.set(doc(db, 'spaces', space, 'members', me), {
    displayName: state.rtl ? 'أنت' : 'You',
    role: 'learner',
    joinedAt: at(40),
    normsAcknowledgedAt: at(40),
  });
  batch.set(doc(db, 'spaces', space, 'ledger', me), {
    counts: state.counts ?? {},
    days: [],
    lastAt: at(1),
    lastKind: 'posts',
    lastRef: 'preview',
  });
  batch.set(
    doc(db, 'spaces', space, 'badges', badge),
    {
      description: state.rtl ? 'شاركت في تشكيل حوار هذه الدفعة.' : "Shaped the spring 2026 cohort's conversation.",
      hints: state.hints ?? { replies: 'Reply to a peer in the week 2 thread' },
      closesAt: state.retired ? at(2) : Timestamp.fromMillis(Date.now() + 30 * 86_400_000),
      image: state.image ?? '',
      retired: state.retired ?? false,
      retiredAt: state.retired ? at(1) : null,
      issued: issued + (state.mine ? 1 : 0),
    },
    { merge: true },
  );
  for (let number = 1; number <= issued; number++) {
    const name = state.hidden?.includes(number) ? '' : peers[(number - 1) % peers.length]!;
    batch.set(doc(db, 'spaces', space, 'badges', badge, 'holders', `peer-${number}`), {
      number,
      name,
      claimedAt: at(issued - number + 1),
    });
  }
  const own = doc(db, 'spaces', space, 'badges', badge, 'holders', me);
  // A story visited again starts from its scenario, not from a claim made on the visit before.
  if (!state.mine) batch.delete(own);
  if (state.mine) {
    batch.set(own, {
      number: issued + 1,
      name: 'You',
      claimedAt: at(0),
    });
  }
  // With the network off the commit never resolves; the local write is applied at once, which is all a preview needs.
  void batch.commit().catch((error) => console.error('[cohort-kit] preview seed failed', error));
  await new Promise((resolve) => setTimeout(resolve, 50));
}
