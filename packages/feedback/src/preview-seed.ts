// Seeds the preview cache (network off, nothing leaves the device) with a feedback round in a given state, for
// stories and demos: peers' goal plans, the learner's own, their claims, and the reviews given and received.
// Refuses to run against a live project: real data only ever arrives through the rules.
import { doc, Timestamp, writeBatch, type Firestore, type WriteBatch } from 'firebase/firestore';
import { connect } from '@cohort-kit/core';
import { claimId } from './feedback-data.js';
import { draftKey } from './feedback-limits.js';

export type PreviewScenario =
  | 'empty'
  | 'waiting'
  | 'to-review'
  | 'reviewing'
  | 'received'
  | 'rated'
  | 'named'
  | 'custom'
  | 'closed'
  | 'facilitator'
  | 'long'
  | 'rtl';

interface Peer {
  id: string;
  name: string;
  work: string;
}

const PEERS: Peer[] = [
  {
    id: 'amara',
    name: 'Amara Okafor',
    work: 'Goal: hold a weekly one-to-one with each of my three reports. Steps: book the slots on Monday, ask "what is in your way?" first, write one follow-up. I will know it worked when they raise problems before they are on fire.',
  },
  {
    id: 'bruno',
    name: 'Bruno Díaz',
    work: 'Goal: hand over the monthly report by March. Steps: write down how I build it, do the next one side by side with Chen, then only review. It worked if I spend under an hour on the April report.',
  },
  {
    id: 'chen',
    name: 'Chen Wei',
    work: 'Goal: ask for feedback twice a month. Steps: one precise question after each demo, a note of what I heard, one change the week after. It worked if my notes show four changes by the end of the cohort.',
  },
  {
    id: 'eli',
    name: 'Eli Haddad',
    work: 'Goal: say no to meetings without an agenda. Steps: a polite template, try it on the Thursday sync, offer an email instead. It worked if I win back one afternoon a week.',
  },
];

const RTL_PEERS: Peer[] = [
  {
    id: 'layla',
    name: 'ليلى حسن',
    work: 'هدفي: اجتماع فردي أسبوعي مع كل فرد في فريقي. الخطوات: أحجز المواعيد يوم الاثنين، أبدأ بسؤال «ما الذي يعيقك؟»، وأكتب متابعة واحدة.',
  },
  {
    id: 'noa',
    name: 'נועה לוי',
    work: 'המטרה: לבקש משוב פעמיים בחודש. הצעדים: שאלה מדויקת אחת אחרי כל הדגמה, רשימה של מה ששמעתי, ושינוי אחד בשבוע שאחרי.',
  },
];

const MY_WORK =
  'Goal: give one piece of specific, kind feedback every day. Steps: 1. close my laptop at five and write one message; 2. name what the person did and why it mattered; 3. keep a tally on a sticky note. I will know it worked when my team mentions it in the next pulse survey.';
const MY_RTL_WORK =
  'هدفي: أن أقدّم ملاحظة محددة ولطيفة كل يوم. الخطوات: أكتب رسالة واحدة عند الخامسة، أسمّي ما فعله الشخص ولماذا كان مهمًا، وأعدّ ذلك على ورقة لاصقة.';

/** Reviews of the learner's work: each answers the three default prompts, or the custom ones. */
const RECEIVED: string[][] = [
  [
    'In step 1 you write "one message" but not to whom: the same two people may get them all.',
    'I learned that a fixed moment (closing the laptop) makes a habit easier than a vague "every day".',
    'I suggest you keep the names on the sticky note too, and aim for someone new each day of the week.',
  ],
  [
    'Your measure, the pulse survey, only comes once a quarter, so you will wait long to know it works.',
    'I learned to name why the work mattered, not only that it was good: I had never thought of it.',
    'I suggest you ask one person each Friday whether the feedback helped, and note the answer.',
  ],
];
const RECEIVED_CUSTOM: string[][] = [
  [
    'The second step is the strongest: naming why it mattered makes the feedback useful, not just nice.',
    'Who will notice if you skip a day? A buddy could ask you on Fridays.',
  ],
  [
    'Writing at five, before you leave, ties the habit to something you already do every day.',
    'How will you keep it specific on a busy day, when a quick "thanks" is tempting?',
  ],
];
const RECEIVED_RTL: string[][] = [
  [
    'في الخطوة الأولى لا تذكر لمن ستكتب الرسالة، فقد يحصل الشخصان نفسهما على كل الرسائل.',
    'تعلمت أن ربط العادة بلحظة ثابتة يجعلها أسهل من «كل يوم».',
    'أقترح أن تكتب الأسماء على الورقة اللاصقة أيضًا، وأن تختار شخصًا جديدًا كل يوم.',
  ],
];
const LONG_ANSWER = 'Pneumonoultramicroscopicsilicovolcanoconiosis'.repeat(8);

interface SeedReview {
  /** Whose work it reviews (the learner's own when it is `me`). */
  authorId: string;
  id: string;
  answers: string[];
  reviewerId?: string;
  reviewerName?: string;
  rating?: number;
  thanks?: string;
  hoursAgo: number;
}

interface Scenario {
  role?: 'learner' | 'facilitator';
  peers?: Peer[];
  mine?: string | null;
  reviewers?: 'anonymous' | 'named';
  mins?: number[];
  /** Hours from now of the round's deadlines (negative: already past). */
  submitBy?: number;
  reviewBy?: number;
  /** The peer whose work the learner claimed and has not reviewed yet. */
  open?: string;
  /** Peers whose work the learner reviewed, with the rating each review got (0: not rated yet). */
  gave?: [string, number, string?][];
  received?: SeedReview[];
  /** Claims among peers, for the facilitator: [reviewer, author, hours ago, done]. */
  peerClaims?: [string, string, number, boolean][];
}

const review = (authorId: string, i: number, answers: string[], extra: Partial<SeedReview> = {}): SeedReview => ({
  authorId,
  id: `preview-review-${authorId}-${i}`,
  answers,
  hoursAgo: 20 - i * 5,
  ...extra,
});

function scenarioOf(name: PreviewScenario, me: string): Scenario {
  const got = (answers: string[][], extra: (i: number) => Partial<SeedReview> = () => ({})) =>
    answers.map((each, i) => review(me, i, each, extra(i)));
  switch (name) {
    case 'empty':
      return { mine: null };
    case 'waiting':
      return { mine: MY_WORK };
    case 'to-review':
      return { mine: MY_WORK, gave: [['bruno', 0]] };
    case 'reviewing':
      return { mine: MY_WORK, open: 'amara' };
    case 'received':
      return {
        mine: MY_WORK,
        gave: [
          ['bruno', 0],
          ['chen', 0],
        ],
        received: got(RECEIVED),
      };
    case 'rated':
      return {
        mine: MY_WORK,
        gave: [
          ['bruno', 5, 'This changed how I will hand the report over. Thank you!'],
          ['chen', 4],
        ],
        received: got(RECEIVED, (i) => ({ rating: 5 - i, thanks: i === 0 ? 'The sticky-note idea is great.' : '' })),
      };
    case 'named':
      return {
        mine: MY_WORK,
        reviewers: 'named',
        gave: [
          ['bruno', 0],
          ['chen', 0],
        ],
        received: got(RECEIVED, (i) => ({ reviewerId: PEERS[i]!.id, reviewerName: PEERS[i]!.name })),
      };
    case 'custom':
      return { mine: MY_WORK, mins: [60, 0], open: 'eli', received: got(RECEIVED_CUSTOM) };
    case 'closed':
      return { mine: null, submitBy: -24, reviewBy: -2 };
    case 'facilitator':
      return {
        role: 'facilitator',
        mine: null,
        peerClaims: [
          ['bruno', 'amara', 30, true],
          ['chen', 'amara', 6, false],
          ['amara', 'bruno', 60, false],
          ['eli', 'chen', 10, true],
        ],
      };
    case 'long':
      return {
        mine: `${'Goal: '.repeat(400)}${'x'.repeat(2000)}`.slice(0, 5000),
        gave: [
          ['bruno', 0],
          ['chen', 0],
        ],
        received: [review(me, 0, [LONG_ANSWER, LONG_ANSWER, 'https://example.org/'.repeat(20)])],
      };
    case 'rtl':
      return {
        peers: RTL_PEERS,
        mine: MY_RTL_WORK,
        reviewers: 'named',
        gave: [
          ['layla', 0],
          ['noa', 0],
        ],
        // Named, so the story shows a right-to-left name inside the kit's heading.
        received: got(RECEIVED_RTL, (i) => ({ reviewerId: RTL_PEERS[i]!.id, reviewerName: RTL_PEERS[i]!.name })),
      };
  }
}

const hoursAgo = (now: number, hours: number) => Timestamp.fromMillis(now - hours * 3_600_000);

function setReview(batch: WriteBatch, base: string[], db: Firestore, each: SeedReview, now: number) {
  batch.set(doc(db, ...(base as [string]), 'submissions', each.authorId, 'reviews', each.id), {
    answers: each.answers,
    reviewerId: each.reviewerId ?? '',
    reviewerName: each.reviewerName ?? '',
    createdAt: hoursAgo(now, each.hoursAgo),
    rating: each.rating ?? null,
    thanks: each.thanks ?? '',
    ratedAt: each.rating ? hoursAgo(now, 1) : null,
    reported: false,
    hidden: false,
  });
}

export async function seedPreviewFeedback(space: string, round: string, scenario: PreviewScenario): Promise<void> {
  const runtime = await connect();
  if (runtime.mode !== 'preview') throw new Error('seedPreviewFeedback only works in preview mode.');
  const db: Firestore = runtime.db;
  const me = runtime.identity.user?.uid ?? 'preview';
  const plan = scenarioOf(scenario, me);
  const peers = plan.peers ?? PEERS;
  const rtl = scenario === 'rtl';
  const now = Date.now();
  const base = ['spaces', space, 'feedbackRounds', round];
  const at = (...path: string[]) => doc(db, ...(base as [string]), ...path);
  const batch = writeBatch(db);
  batch.set(doc(db, 'spaces', space), {
    name: rtl ? 'دفعة القيادة — ربيع 2026' : 'Leadership cohort — spring 2026',
    norms: '',
    reportThreshold: 3,
  });
  batch.set(doc(db, 'spaces', space, 'members', me), {
    displayName: rtl ? 'أنت' : 'You',
    role: plan.role ?? 'learner',
    joinedAt: hoursAgo(now, 24 * 40),
    normsAcknowledgedAt: hoursAgo(now, 24 * 40),
  });
  const mins = plan.mins ?? [40, 40, 40];
  batch.set(doc(db, ...(base as [string])), {
    reviews: 2,
    claimHours: 48,
    submitBy: plan.submitBy === undefined ? null : hoursAgo(now, -plan.submitBy),
    reviewBy: plan.reviewBy === undefined ? null : hoursAgo(now, -plan.reviewBy),
    reviewers: plan.reviewers ?? 'anonymous',
    mins,
  });

  // Every peer has shared; the load of each work follows the claims on it.
  const claims = [
    ...(plan.peerClaims ?? []),
    ...(plan.gave ?? []).map(([author]): [string, string, number, boolean] => [me, author, 30, true]),
    ...(plan.open ? [[me, plan.open, 2, false] as [string, string, number, boolean]] : []),
  ];
  const received = plan.received ?? [];
  peers.forEach((peer, i) => {
    batch.set(at('submissions', peer.id), {
      authorId: peer.id,
      authorName: peer.name,
      text: peer.work,
      link: i === 1 ? 'https://example.org/goal-plans/draft-2' : '',
      createdAt: hoursAgo(now, 72 - i),
      updatedAt: hoursAgo(now, 72 - i),
    });
    batch.set(doc(db, 'spaces', space, 'members', peer.id), {
      displayName: peer.name,
      role: 'learner',
      joinedAt: hoursAgo(now, 24 * 40),
      normsAcknowledgedAt: hoursAgo(now, 24 * 40),
    });
    const on = claims.filter(([, author]) => author === peer.id);
    const holds = Object.fromEntries(
      on.filter(([, , , done]) => !done).map(([reviewer, , hours]) => [`hold-${reviewer}`, hoursAgo(now, hours)]),
    );
    const done = on.filter(([, , , finished]) => finished).length;
    batch.set(at('slots', peer.id), {
      authorId: peer.id,
      done,
      holds,
      load: done + Object.keys(holds).length,
      claims: on.length,
    });
  });
  // Peers' own claims, and the learner's (an earlier visit's are replaced, or removed when the state has none).
  for (const [reviewer, author, hours, done] of claims) {
    const reviewId = done ? `preview-review-${author}-by-${reviewer}` : '';
    batch.set(at('claims', claimId(reviewer, author)), {
      reviewerId: reviewer,
      authorId: author,
      holdId: `hold-${reviewer}`,
      claimedAt: hoursAgo(now, hours),
      reviewId,
      done,
    });
    if (done) {
      const rated = (plan.gave ?? []).find(([peer]) => peer === author && reviewer === me);
      setReview(
        batch,
        base,
        db,
        {
          authorId: author,
          id: reviewId,
          answers: RECEIVED[0]!,
          reviewerId: reviewer,
          reviewerName: peers.find((peer) => peer.id === reviewer)?.name ?? '',
          rating: rated?.[1] || undefined,
          thanks: rated?.[2],
          hoursAgo: hours - 1,
        },
        now,
      );
    }
  }
  for (const peer of peers) {
    if (!claims.some(([reviewer, author]) => reviewer === me && author === peer.id)) {
      batch.delete(at('claims', claimId(me, peer.id)));
    }
  }
  const given = (plan.gave ?? []).length;
  batch.set(at('reviewers', me), {
    claimed: given + (plan.open ? 1 : 0),
    given,
    open: plan.open ?? '',
    openAt: plan.open ? hoursAgo(now, 2) : null,
  });
  if (plan.mine) {
    batch.set(at('submissions', me), {
      authorId: me,
      authorName: rtl ? 'أنت' : 'You',
      text: plan.mine,
      link: '',
      createdAt: hoursAgo(now, 48),
      updatedAt: hoursAgo(now, 48),
    });
    batch.set(at('slots', me), {
      authorId: me,
      done: received.length,
      holds: {},
      load: received.length,
      claims: received.length,
    });
  } else {
    batch.delete(at('submissions', me));
    batch.delete(at('slots', me));
  }
  // The learner's received reviews: the state's, and the three ids it may hold from an earlier visit cleared.
  for (let i = 0; i < 3; i++) batch.delete(at('submissions', me, 'reviews', `preview-review-${me}-${i}`));
  for (const each of received) setReview(batch, base, db, each, now);
  try {
    // A draft from an earlier visit of the story would stand in for the state it shows.
    localStorage.removeItem(draftKey(space, round));
  } catch {
    // No storage: no draft either.
  }
  // With the network off the commit never resolves; the local write is applied at once, which is all a story needs.
  void batch.commit().catch((error) => console.error('[cohort-kit] preview seed failed', error));
  await new Promise((resolve) => setTimeout(resolve, 50));
}
