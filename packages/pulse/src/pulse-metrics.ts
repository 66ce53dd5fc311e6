// What the pulse shows, computed from the members and their ledgers alone: no reads, so the same numbers come
// out of a live cohort, a story's preview cache and a unit test (core's data module gives only the ledger's list of
// kinds). Days are UTC day numbers, as the ledger stores them.

import { CONTRIBUTION_KINDS, type ContributionKind } from '@cohort-kit/core/data.js';

/** The ledger's counters, as the pulse reads them. */
export type Kind = ContributionKind;
export const KINDS: readonly Kind[] = CONTRIBUTION_KINDS;

/** Contributions that take thought: posts, replies, check-ins, reflections and reviews. */
export const SUBSTANTIVE: readonly Kind[] = ['posts', 'replies', 'checkIns', 'reflections', 'feedbackGiven'];
/** One-tap contributions: reactions, votes and cheers. */
export const REACTIONS: readonly Kind[] = ['reactions', 'votes', 'cheers'];

export const DAY_MS = 86_400_000;
/** A week, in days: first-week participation, "quiet", a recent check-in and the trends all use it. */
export const WEEK = 7;
/** How many weeks the trends go back at most. */
export const MAX_WEEKS = 12;

export const dayOf = (date: Date) => Math.floor(date.getTime() / DAY_MS);
export const dateOfDay = (day: number) => new Date(day * DAY_MS);
/** 2026-03-02: the ISO date of a UTC day, for tables and CSV. */
export const isoDay = (day: number) => dateOfDay(day).toISOString().slice(0, 10);

export interface PulseMember {
  uid: string;
  name: string;
  role: string;
  joinedAt: Date | null;
  normsAt: Date | null;
}

export interface PulseLedger {
  counts: Partial<Record<Kind, number>>;
  /** The UTC days with a contribution. */
  days: number[];
  /** The last UTC day of each kind (ledgers written before this field existed lack it). */
  lastDays: Partial<Record<Kind, number>>;
  lastAt: Date | null;
}

export interface Badge {
  id: string;
  name: string;
  issued: number;
  edition: number;
}

/** One learner's row in the member table. */
export interface LearnerRow {
  uid: string;
  name: string;
  joinedDay: number | null;
  normsAcknowledged: boolean;
  lastAt: Date | null;
  lastDay: number | null;
  activeDays: number;
  counts: Record<Kind, number>;
  quiet: boolean;
}

/** A share: how many of how many (the rate is shown as a percentage). */
export interface Share {
  count: number;
  of: number;
}

export interface Metrics {
  learners: number;
  firstWeek: Share;
  repeat: Share;
  substantive: number;
  reactions: number;
  feedbackPerMember: number;
  norms: Share;
  goalsSet: Share;
  recentCheckIns: Share;
  badges: { issued: number; edition: number; count: number };
}

export interface Week {
  /** The week's first UTC day. */
  start: number;
  /** Learners with a contribution in the week. */
  active: number;
  /** Learners who joined in the week. */
  joined: number;
}

export interface Pulse {
  rows: LearnerRow[];
  metrics: Metrics;
  weeks: Week[];
  quiet: LearnerRow[];
}

/** Only learners are measured: the course team's own activity would flatter the cohort. */
const isLearner = (member: PulseMember) => member.role === 'learner';

const sum = (counts: Record<Kind, number>, kinds: readonly Kind[]) =>
  kinds.reduce((total, kind) => total + counts[kind], 0);

function rowOf(member: PulseMember, ledger: PulseLedger | undefined, today: number): LearnerRow {
  const counts = Object.fromEntries(
    KINDS.map((kind) => [kind, Math.max(0, Number(ledger?.counts[kind]) || 0)]),
  ) as Record<Kind, number>;
  const days = ledger?.days ?? [];
  const lastDay = days.length ? Math.max(...days) : null;
  const joinedDay = member.joinedAt ? dayOf(member.joinedAt) : null;
  const settledIn = joinedDay !== null && joinedDay <= today - WEEK;
  return {
    uid: member.uid,
    name: member.name,
    joinedDay,
    normsAcknowledged: Boolean(member.normsAt),
    lastAt: ledger?.lastAt ?? null,
    lastDay,
    activeDays: new Set(days).size,
    counts,
    quiet: settledIn && (lastDay === null || lastDay <= today - WEEK),
  };
}

const share = (rows: LearnerRow[], test: (row: LearnerRow) => boolean): Share => ({
  count: rows.filter(test).length,
  of: rows.length,
});

/** The cohort's pulse on `today` (a UTC day): its learners' rows, the seeds' metrics, the weekly trends, the quiet. */
export function computePulse(
  members: readonly PulseMember[],
  ledgers: ReadonlyMap<string, PulseLedger>,
  badges: readonly Badge[],
  today: number,
): Pulse {
  const learners = members.filter(isLearner);
  const rows = learners
    .map((member) => rowOf(member, ledgers.get(member.uid), today))
    .sort((a, b) => a.name.localeCompare(b.name));
  const total = (kinds: readonly Kind[]) => rows.reduce((all, row) => all + sum(row.counts, kinds), 0);
  const withGoal = rows.filter((row) => row.counts.goals > 0);
  const daysOf = new Map(learners.map((member) => [member.uid, ledgers.get(member.uid)?.days ?? []]));
  const metrics: Metrics = {
    learners: rows.length,
    firstWeek: share(rows, (row) =>
      (daysOf.get(row.uid) ?? []).some((day) => row.joinedDay !== null && day < row.joinedDay + WEEK),
    ),
    repeat: share(rows, (row) => row.activeDays >= 2),
    substantive: total(SUBSTANTIVE),
    reactions: total(REACTIONS),
    feedbackPerMember: rows.length ? total(['feedbackGiven']) / rows.length : 0,
    norms: share(rows, (row) => row.normsAcknowledged),
    goalsSet: share(rows, (row) => row.counts.goals > 0),
    recentCheckIns: share(withGoal, (row) => {
      const last = ledgers.get(row.uid)?.lastDays.checkIns;
      return last !== undefined && last > today - WEEK;
    }),
    badges: {
      issued: badges.reduce((all, badge) => all + badge.issued, 0),
      edition: badges.reduce((all, badge) => all + badge.edition, 0),
      count: badges.length,
    },
  };
  return { rows, metrics, weeks: weeksOf(rows, daysOf, today), quiet: rows.filter((row) => row.quiet) };
}

/** Weeks ending today, from the first join (at most MAX_WEEKS): learners active in each, and learners who joined. */
function weeksOf(rows: LearnerRow[], daysOf: Map<string, number[]>, today: number): Week[] {
  const first = Math.min(today, ...rows.map((row) => row.joinedDay ?? today));
  const count = Math.min(MAX_WEEKS, Math.floor((today - first) / WEEK) + 1);
  const weeks: Week[] = [];
  for (let index = count - 1; index >= 0; index--) {
    const start = today - WEEK * index - (WEEK - 1);
    const within = (day: number | null) => day !== null && day >= start && day < start + WEEK;
    weeks.push({
      start,
      active: rows.filter((row) => (daysOf.get(row.uid) ?? []).some(within)).length,
      joined: rows.filter((row) => within(row.joinedDay)).length,
    });
  }
  return weeks;
}

/** A rate as a whole percentage, or null with nobody to measure. */
export const percent = (value: Share): number | null => (value.of ? Math.round((value.count / value.of) * 100) : null);

// ---------- CSV ----------

/** One CSV cell: quoted when it must be, and never read as a formula by a spreadsheet. */
export function csvCell(value: string | number | boolean | null): string {
  let text = value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const csv = (lines: (string | number | boolean | null)[][]) =>
  lines.map((line) => line.map(csvCell).join(',')).join('\r\n') + '\r\n';

/** The member table: one learner a line, with every ledger counter. */
export function membersCsv(rows: readonly LearnerRow[]): string {
  return csv([
    ['name', 'joined', 'norms_acknowledged', 'last_activity', 'active_days', 'quiet', ...KINDS],
    ...rows.map((row) => [
      row.name,
      row.joinedDay === null ? null : isoDay(row.joinedDay),
      row.normsAcknowledged ? 'yes' : 'no',
      row.lastAt ? row.lastAt.toISOString() : null,
      row.activeDays,
      row.quiet ? 'yes' : 'no',
      ...KINDS.map((kind) => row.counts[kind]),
    ]),
  ]);
}

/** The weekly metrics: one week a line, from its first day. */
export function weeksCsv(weeks: readonly Week[]): string {
  return csv([
    ['week_starting', 'active_learners', 'joined'],
    ...weeks.map((week) => [isoDay(week.start), week.active, week.joined]),
  ]);
}
