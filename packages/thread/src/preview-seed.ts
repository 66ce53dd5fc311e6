// Seeds the preview cache (network off, nothing leaves the device) with a thread in a given state, for stories
// and demos. Refuses to run against a live project: real data only ever arrives through the rules.
import { doc, serverTimestamp, Timestamp, writeBatch, type Firestore } from 'firebase/firestore';
import { connect } from '@cohort-kit/core';
import { REACTIONS, type ReactionKey } from './reactions.js';

export type PreviewScenario =
  'empty' | 'busy' | 'pinned' | 'reported' | 'under-review' | 'locked' | 'facilitator' | 'pending' | 'rtl';

type Peer = readonly [id: string, name: string, role: string];

const PEERS: readonly Peer[] = [
  ['amara', 'Amara Okafor', 'learner'],
  ['bruno', 'Bruno Díaz', 'learner'],
  ['chen', 'Chen Wei', 'learner'],
  ['dana', 'Dana Cohen', 'facilitator'],
  ['eli', 'Eli Haddad', 'learner'],
  ['fatima', 'Fatima Zahra', 'learner'],
];

const BODIES = [
  'I want to run **one-to-ones** every week, because my team only talks to me when something is on fire.',
  'My goal: _delegate_ the monthly report. Holding on to it is a habit, not a necessity.',
  'Reading [the feedback guide](https://example.com/feedback) helped me pick mine: ask for feedback twice a month.',
  'Learn to say no to meetings without an agenda. `decline` is a feature!',
  'Finish the stakeholder map for my project and share it with the team.',
  'Speak up earlier in leadership meetings instead of waiting until the end.',
];

const REPLIES: readonly [string, string] = [
  'Love this. What will you ask in the first one?',
  'Same goal here, @Amara Okafor — let us compare notes.',
];

/** The same cohort on a right-to-left course page: Arabic and Hebrew names and posts, with some English inside. */
const RTL_PEERS: readonly Peer[] = [
  ['amara', 'ليلى حداد', 'learner'],
  ['bruno', 'يوسف العلي', 'learner'],
  ['chen', 'مريم خليل', 'learner'],
  ['dana', 'دانة كوهين', 'facilitator'],
  ['eli', 'נועה לוי', 'learner'],
  ['fatima', 'فاطمة الزهراء', 'learner'],
];

const RTL_BODIES = [
  'أريد أن أعقد **اجتماعات فردية** كل أسبوع، لأن فريقي لا يتحدث معي إلا عندما تشتعل مشكلة.',
  'هدفي: _تفويض_ التقرير الشهري. التمسك به عادة وليس ضرورة.',
  'ساعدني [دليل الملاحظات](https://example.com/feedback) على اختيار هدفي: أن أطلب ملاحظات مرتين في الشهر.',
  'أن أتعلم رفض الاجتماعات التي ليس لها جدول أعمال. `decline` ميزة وليست عيبًا!',
  'לסיים את מפת בעלי העניין של הפרויקט ולשתף אותה עם הצוות עד שבוע 4.',
  'أن أتحدث مبكرًا في اجتماعات القيادة بدلًا من الانتظار حتى النهاية.',
];

const RTL_REPLIES: readonly [string, string] = [
  'رائع! ماذا ستسأل في الاجتماع الأول؟',
  'هدفي مشابه يا @ليلى حداد — لنتبادل الملاحظات.',
];

const RTL_EXEMPLAR =
  'مثال يُحتذى به: **ماذا** (مراجعة بعد كل دورة عمل)، **لماذا** (كي يتوقف فريقي عن تكرار الأخطاء)، **كيف سأعرف** (اعتماد تغييرين بحلول الأسبوع السادس).';

/** A long unbroken address, the kind that pushes a narrow layout sideways if anything lets it. */
const LONG_LINK_BODY =
  'Notes from the kick-off: https://example.com/cohorts/leadership/spring-2026/week-2/goal-setting-worksheet-final-v3.pdf';

interface SeedPost {
  id: string;
  author: number;
  body: string;
  minutesAgo: number;
  parentId?: string;
  reactions?: Partial<Record<ReactionKey, number>>;
  replyCount?: number;
  pinned?: boolean;
  hidden?: boolean;
  reportCount?: number;
  edited?: boolean;
  mentions?: string[];
}

function postData(post: SeedPost, authorId: string, authorName: string, authorRole: string, seeded = true) {
  const counts = Object.fromEntries(REACTIONS.map(({ key }) => [key, post.reactions?.[key] ?? 0]));
  const created = Timestamp.fromMillis(Date.now() - post.minutesAgo * 60_000);
  return {
    authorId,
    authorName,
    authorRole,
    body: post.body,
    parentId: post.parentId ?? null,
    createdAt: created,
    editedAt: post.edited ? Timestamp.fromMillis(created.toMillis() + 60_000) : null,
    deleted: false,
    hidden: post.hidden ?? false,
    pinned: post.pinned ?? false,
    reactionCounts: counts,
    reactionTotal: Object.values(counts).reduce((a, b) => a + b, 0),
    replyCount: post.replyCount ?? 0,
    reportCount: post.reportCount ?? 0,
    lastReplyId: null,
    mentions: post.mentions ?? [],
    linkCount: (post.body.match(/https?:\/\//g) ?? []).length,
    // Preview writes are never sent, so every one "has pending writes": this marks the seeded ones as settled.
    seeded,
  };
}

function posts(scenario: PreviewScenario, me: string): SeedPost[] {
  if (scenario === 'empty') return [];
  const rtl = scenario === 'rtl';
  const [reply, sameGoal] = rtl ? RTL_REPLIES : REPLIES;
  const list: SeedPost[] = (rtl ? RTL_BODIES : BODIES).map((body, index) => ({
    id: `seed-${index}`,
    author: index % PEERS.length,
    body,
    minutesAgo: 30 + index * 90,
    reactions: { thumbs: (index * 3) % 7, heart: index % 3, idea: index === 2 ? 4 : 0 },
    replyCount: index === 0 ? 2 : 0,
    edited: index === 1,
  }));
  list.push(
    {
      id: 'seed-0-r1',
      author: 3,
      body: reply,
      minutesAgo: 25,
      parentId: 'seed-0',
    },
    {
      id: 'seed-0-r2',
      author: 2,
      body: sameGoal,
      minutesAgo: 20,
      parentId: 'seed-0',
      mentions: ['amara'],
    },
  );
  if (scenario === 'busy') {
    for (let i = 0; i < 20; i++) {
      list.push({
        id: `busy-${i}`,
        author: i % PEERS.length,
        body: `Goal #${i + 7}: ${BODIES[i % BODIES.length]}`,
        minutesAgo: 600 + i * 45,
        reactions: { thumbs: i % 4 },
      });
    }
    list.push({ id: 'long-link', author: 1, body: LONG_LINK_BODY, minutesAgo: 240 });
    list.push({
      id: 'mention-me',
      author: 4,
      body: `Curious what you think, @You — does this match your goal?`,
      minutesAgo: 5,
      mentions: [me],
    });
  }
  if (scenario === 'pinned' || scenario === 'facilitator' || rtl) {
    list.push({
      id: 'exemplar',
      author: 3,
      body: rtl
        ? RTL_EXEMPLAR
        : 'An example to model: **what** (run a retro every sprint), **why** (my team stops repeating mistakes), **how I will know** (two changes adopted by week 6).',
      minutesAgo: 2000,
      pinned: true,
      reactions: { idea: 9, thumbs: 5 },
    });
  }
  if (scenario === 'reported' || scenario === 'facilitator') {
    list.push(
      {
        id: 'reported-hidden',
        author: 4,
        body: 'This whole exercise is pointless and so are the people doing it.',
        minutesAgo: 15,
        hidden: true,
        reportCount: 3,
      },
      {
        id: 'reported-once',
        author: 5,
        body: 'Buy followers cheap at https://spam.example',
        minutesAgo: 10,
        reportCount: 1,
      },
    );
  }
  return list;
}

/**
 * Writes a thread in the given state into the preview cache. Every story should use its own `space`.
 * Resolves once the writes are in the local cache (they are never sent: the network is off in preview).
 */
export async function seedPreviewThread(space: string, thread: string, scenario: PreviewScenario): Promise<void> {
  const runtime = await connect();
  if (runtime.mode !== 'preview') throw new Error('seedPreviewThread only works in preview mode.');
  const db: Firestore = runtime.db;
  const me = runtime.identity.user?.uid ?? 'preview';
  const batch = writeBatch(db);
  const rtl = scenario === 'rtl';
  batch.set(doc(db, 'spaces', space), {
    name: rtl ? 'دفعة القيادة — ربيع 2026' : 'Leadership cohort — spring 2026',
    norms: '',
    reportThreshold: 3,
  });
  const role = scenario === 'facilitator' ? 'facilitator' : 'learner';
  const now = Timestamp.now();
  batch.set(doc(db, 'spaces', space, 'members', me), {
    displayName: scenario === 'facilitator' ? 'Dana (you)' : rtl ? 'أنت' : 'You',
    role,
    joinedAt: now,
    normsAcknowledgedAt: now,
  });
  batch.set(doc(db, 'spaces', space, 'threads', thread), { locked: scenario === 'locked', createdAt: now });
  for (const post of posts(scenario, me)) {
    const [authorId, authorName, authorRole] = (rtl ? RTL_PEERS : PEERS)[post.author]!;
    batch.set(
      doc(db, 'spaces', space, 'threads', thread, 'posts', post.id),
      postData(post, authorId, authorName, authorRole),
    );
  }
  if (scenario === 'under-review') {
    // The reader's own posts: one reported once (still visible), one hidden by three reports.
    const mine: SeedPost[] = [
      {
        id: 'mine-reported',
        author: 0,
        body: 'Honestly, half of these goals are too easy.',
        minutesAgo: 20,
        reportCount: 1,
      },
      {
        id: 'mine-hidden',
        author: 0,
        body: 'Whoever wrote the week 2 reading should not be teaching.',
        minutesAgo: 40,
        hidden: true,
        reportCount: 3,
      },
    ];
    for (const post of mine)
      batch.set(doc(db, 'spaces', space, 'threads', thread, 'posts', post.id), postData(post, me, 'You', 'learner'));
  }
  if (scenario === 'pending') {
    const mine: SeedPost = {
      id: 'offline-post',
      author: 0,
      body: 'Written on the train with no signal — it will be sent when I am back online.',
      minutesAgo: 1,
    };
    batch.set(doc(db, 'spaces', space, 'threads', thread, 'posts', mine.id), {
      ...postData(mine, me, 'You', 'learner', false),
      createdAt: serverTimestamp(),
    });
  }
  // With the network off the commit never resolves; the local write is applied at once, which is all a story needs.
  void batch.commit().catch((error) => console.error('[cohort-kit] preview seed failed', error));
  await new Promise((resolve) => setTimeout(resolve, 50));
}
