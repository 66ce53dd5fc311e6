// Seeds the preview cache (network off, nothing leaves the device) with a goal board in a given state, for stories
// and demos. Refuses to run against a live project: real data only ever arrives through the rules.
import { doc, Timestamp, writeBatch, type Firestore } from 'firebase/firestore';
import { connect } from '@cohort-kit/core';
import { newGoalFields, type GoalContent } from './goals-data.js';
import type { CheckInStatus, GoalStatus, Visibility } from './goals-limits.js';

export type PreviewScenario =
  | 'empty'
  | 'board'
  | 'set'
  | 'private'
  | 'check-in-due'
  | 'behind'
  | 'done'
  | 'paused'
  | 'reflect'
  | 'cheered'
  | 'buddy-waiting'
  | 'buddy-paired'
  | 'many'
  | 'long'
  | 'rtl';

interface SeedGoal {
  id: string;
  ownerId: string;
  ownerName: string;
  text: string;
  why?: string;
  firstStep?: string;
  daysAgo: number;
  visibility?: Visibility;
  status?: GoalStatus;
  cheers?: number;
  checkIn?: { status: CheckInStatus; note: string; daysAgo: number };
  reflection?: string;
}

const PEERS = [
  [
    'amara',
    'Amara Okafor',
    'Run a weekly one-to-one with each of my three reports',
    'They only talk to me when something is on fire.',
  ],
  ['bruno', 'Bruno Díaz', 'Delegate the monthly report by March', 'Holding on to it is a habit, not a necessity.'],
  ['chen', 'Chen Wei', 'Ask for feedback twice a month', ''],
  ['eli', 'Eli Haddad', 'Say no to meetings without an agenda', 'I lose two afternoons a week to them.'],
  ['fatima', 'Fatima Zahra', 'Speak up earlier in leadership meetings', ''],
] as const;

const RTL_PEERS = [
  ['layla', 'ليلى حسن', 'أن أعقد اجتماعًا فرديًا أسبوعيًا مع كل فرد في فريقي', 'لأن فريقي لا يتحدث معي إلا عند الأزمات.'],
  ['noa', 'נועה לוי', 'לבקש משוב פעמיים בחודש', ''],
] as const;

function peerGoals(rtl: boolean): SeedGoal[] {
  return (rtl ? RTL_PEERS : PEERS).map(([ownerId, ownerName, text, why], i) => ({
    id: `peer-${i}`,
    ownerId,
    ownerName,
    text,
    why,
    daysAgo: 2 + i,
    cheers: i % 3,
    ...(i === 1
      ? { checkIn: { status: 'behind' as const, note: rtl ? 'أسبوع صعب' : 'Two of four done', daysAgo: 1 } }
      : {}),
    ...(i === 2 && !rtl
      ? { status: 'done' as const, reflection: 'Asking a precise question got better answers.' }
      : {}),
    ...(i === 3 ? { status: 'paused' as const } : {}),
  }));
}

function scenarioGoals(scenario: PreviewScenario, me: string): SeedGoal[] {
  if (scenario === 'empty') return [];
  if (scenario === 'many') {
    return Array.from({ length: 200 }, (_, i) => {
      const [ownerId, ownerName, text] = PEERS[i % PEERS.length]!;
      return { id: `many-${i}`, ownerId: `${ownerId}-${i}`, ownerName, text: `${text} (#${i + 1})`, daysAgo: i / 10 };
    });
  }
  const peers = peerGoals(scenario === 'rtl');
  const mine = (extra: Partial<SeedGoal>): SeedGoal => ({
    id: 'mine',
    ownerId: me,
    ownerName: 'You',
    text: 'Give one piece of specific, kind feedback every day',
    why: 'My team said they rarely hear what went well.',
    firstStep: 'When I close my laptop at five, I will write one message of feedback.',
    daysAgo: 0,
    ...extra,
  });
  switch (scenario) {
    case 'set':
      return [mine({}), ...peers];
    case 'private':
      return [mine({ visibility: 'private', text: 'Prepare for the promotion panel in June' }), ...peers];
    case 'check-in-due':
      return [mine({ daysAgo: 9 }), ...peers];
    case 'behind':
      return [
        mine({ daysAgo: 8, checkIn: { status: 'behind', note: 'Only three days out of seven.', daysAgo: 0 } }),
        ...peers,
      ];
    case 'done':
      return [mine({ daysAgo: 20, status: 'done', cheers: 4 }), ...peers];
    case 'paused':
      return [mine({ daysAgo: 12, status: 'paused' }), ...peers];
    case 'reflect':
      return [mine({ daysAgo: 30, status: 'done', reflection: 'Writing it down at five made it a habit.' }), ...peers];
    case 'cheered':
      return [mine({ daysAgo: 3, cheers: 3 }), ...peers];
    case 'buddy-waiting':
    case 'buddy-paired':
      return [mine({ daysAgo: 5 }), ...peers];
    case 'long':
      return [
        mine({
          text: 'Lead '.repeat(56).trim(),
          why: 'Because '.repeat(62).trim(),
          firstStep: 'When I start, I will '.repeat(9).trim().slice(0, 200),
        }),
        { ...peers[0]!, text: 'Antidisestablishmentarianism'.repeat(9).slice(0, 280) },
        ...peers.slice(1),
      ];
    default:
      return peers;
  }
}

export async function seedPreviewGoals(space: string, board: string, scenario: PreviewScenario): Promise<void> {
  const runtime = await connect();
  if (runtime.mode !== 'preview') throw new Error('seedPreviewGoals only works in preview mode.');
  const db: Firestore = runtime.db;
  const me = runtime.identity.user?.uid ?? 'preview';
  const rtl = scenario === 'rtl';
  const now = Date.now();
  const at = (daysAgo: number) => Timestamp.fromMillis(now - daysAgo * 86_400_000);
  const batch = writeBatch(db);
  batch.set(doc(db, 'spaces', space), {
    name: rtl ? 'دفعة القيادة — ربيع 2026' : 'Leadership cohort — spring 2026',
    norms: '',
    reportThreshold: 3,
  });
  batch.set(doc(db, 'spaces', space, 'members', me), {
    displayName: rtl ? 'أنت' : 'You',
    role: 'learner',
    joinedAt: at(40),
    normsAcknowledgedAt: at(40),
  });
  for (const goal of scenarioGoals(scenario, me)) {
    const created = at(goal.daysAgo);
    const checkInAt = goal.checkIn ? at(goal.checkIn.daysAgo) : null;
    const content: GoalContent = {
      text: goal.text,
      why: goal.why ?? '',
      firstStep: goal.firstStep ?? '',
      targetDate: null,
    };
    batch.set(doc(db, 'spaces', space, 'goalBoards', board, 'goals', goal.id), {
      ...newGoalFields(goal.ownerId, goal.ownerName, content, goal.visibility ?? 'cohort'),
      status: goal.status ?? 'active',
      cheers: goal.cheers ?? 0,
      checkIns: goal.checkIn ? 1 : 0,
      lastCheckIn: goal.checkIn
        ? { id: `${goal.id}-c`, status: goal.checkIn.status, note: goal.checkIn.note, at: checkInAt, cheers: 0 }
        : null,
      reflection: goal.reflection ? { id: `${goal.id}-r`, text: goal.reflection, at: created } : null,
      createdAt: created,
      updatedAt: checkInAt ?? created,
      lastActivityAt: checkInAt ?? created,
    });
    if (goal.checkIn) {
      batch.set(doc(db, 'spaces', space, 'goalBoards', board, 'goals', goal.id, 'checkIns', `${goal.id}-c`), {
        status: goal.checkIn.status,
        note: goal.checkIn.note,
        by: goal.ownerId,
        at: checkInAt,
        cheers: 0,
      });
    }
  }
  if (scenario === 'cheered') {
    batch.set(doc(db, 'spaces', space, 'goalBoards', board, 'goals', 'peer-1', 'cheers', me), {
      note: '',
      at: at(0),
      hidden: false,
    });
  }
  // Buddies: the learner waits for one, or is paired with Bruno (whose goal has a check-in).
  const buddies = (uid: string) => doc(db, 'spaces', space, 'goalBoards', board, 'buddies', uid);
  if (scenario === 'buddy-waiting') {
    batch.set(buddies(me), { name: 'You', state: 'waiting', pairId: null, since: at(0) });
  }
  if (scenario === 'buddy-paired') {
    batch.set(doc(db, 'spaces', space, 'goalBoards', board, 'pairs', 'preview-pair'), {
      members: ['bruno', me],
      left: [],
      createdAt: at(1),
    });
    batch.set(buddies(me), { name: 'You', state: 'paired', pairId: 'preview-pair', since: at(1) });
    batch.set(buddies('bruno'), { name: 'Bruno Díaz', state: 'paired', pairId: 'preview-pair', since: at(1) });
  }
  // With the network off the commit never resolves; the local write is applied at once, which is all a story needs.
  void batch.commit().catch((error) => console.error('[cohort-kit] preview seed failed', error));
  await new Promise((resolve) => setTimeout(resolve, 50));
}
