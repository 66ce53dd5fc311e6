// A made-up cohort with a three-week history, shaped like a real one: joins spread over three weeks, most learners
// active early and coming back every few days, some going quiet. Plain data (times in milliseconds), so the preview
// cache, the emulators' seeding (test/seed.mjs) and the tests all build the same documents. No SDK here.
import { DAY_MS, dayOf, type Kind } from './pulse-metrics.js';

const NAMES = [
  'Amara Okafor',
  'Bruno Díaz',
  'Chen Wei',
  'Dana Kowalski',
  'Eli Haddad',
  'Fatima Zahra',
  'Gabriel Souza',
  'Hana Sato',
  'Ines Moreau',
  'Jonas Berg',
  'Kofi Mensah',
  'Lucía Romero',
  'Mei Lin',
  'Nikhil Rao',
  'Olga Petrova',
  'Pablo Ortiz',
  'Quinn Avery',
  'Rosa Marín',
  'Sami Nieminen',
  'Tariq Aziz',
];
export const RTL_NAMES = [
  'ليلى حسن',
  'נועה לוי',
  'عمر خالد',
  'דניאל כהן',
  'سارة أحمد',
  'יעל מזרחי',
  'يوسف علي',
  'אבי לוי',
];

/** One made-up learner: when they joined and on which days (days ago) they did what. */
export interface SeedLearner {
  uid: string;
  name: string;
  joinedDaysAgo: number;
  norms: boolean;
  /** Days ago of each contribution, with its kind. */
  activity: [daysAgo: number, kind: Kind][];
}

const CYCLE: Kind[] = ['posts', 'reactions', 'votes', 'replies', 'goals', 'checkIns', 'cheers', 'feedbackGiven'];

/**
 * A cohort of `size` learners who joined over three weeks. `quietShare` of them (the last ones) stopped contributing
 * over a week ago, or never started; the others come back every few days.
 */
export function madeUpCohort(size: number, quietShare: number, names: readonly string[] = NAMES): SeedLearner[] {
  return Array.from({ length: size }, (_, i) => {
    const joinedDaysAgo = 21 - (i % 15);
    const quiet = i >= size - Math.round(size * quietShare);
    const activity: [number, Kind][] = [];
    if (!(quiet && i % 2 === 1)) {
      // Everyone else starts in their first days; the active come back every 2-4 days.
      const stopAt = quiet ? 8 + (i % 5) : 0;
      for (let ago = joinedDaysAgo - (i % 3), step = 0; ago >= stopAt; ago -= 2 + ((i + step) % 3), step++) {
        activity.push([ago, CYCLE[(i + step) % CYCLE.length]!]);
        if (step % 2 === 0) activity.push([ago, 'reactions']);
      }
    }
    const name = names[i % names.length]!;
    return {
      uid: `learner-${i}`,
      name: i < names.length ? name : `${name} ${Math.floor(i / names.length) + 1}`,
      joinedDaysAgo,
      norms: i % 7 !== 3,
      activity,
    };
  });
}

/**
 * The member document and the ledger a learner's history leaves, as the widgets would have written them, with each
 * time in milliseconds under a name ending in `Ms` (the caller makes them timestamps).
 */
export function learnerDocuments(learner: SeedLearner, now: number) {
  const at = (daysAgo: number) => now - daysAgo * DAY_MS;
  const today = dayOf(new Date(now));
  const member = {
    displayName: learner.name,
    role: 'learner',
    joinedAtMs: at(learner.joinedDaysAgo),
    normsAcknowledgedAtMs: learner.norms ? at(learner.joinedDaysAgo) : null,
  };
  if (!learner.activity.length) return { member, ledger: null };
  const counts: Partial<Record<Kind, number>> = {};
  const lastDays: Partial<Record<Kind, number>> = {};
  const days: number[] = [];
  for (const [ago, kind] of [...learner.activity].sort((a, b) => b[0] - a[0])) {
    counts[kind] = (counts[kind] ?? 0) + 1;
    lastDays[kind] = today - ago;
    if (!days.includes(today - ago)) days.push(today - ago);
  }
  const last = Math.min(...learner.activity.map(([ago]) => ago));
  const lastKind = learner.activity.find(([ago]) => ago === last)![1];
  return {
    member,
    ledger: { counts, days, lastDays, lastAtMs: at(last), lastKind, lastRef: `seed/${learner.uid}` },
  };
}
