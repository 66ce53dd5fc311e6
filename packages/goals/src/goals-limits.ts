// The goal board's limits and lists, without the SDK: the element checks input with them at first paint, and the
// rules hold the same (goals-parity.rules.test.ts compares them).

export const GOAL_TEXT_MAX = 280;
export const WHY_MAX = 500;
export const FIRST_STEP_MAX = 200;
export const NOTE_MAX = 500;
export const REFLECTION_MAX = 1000;
export const CHEER_NOTE_MAX = 140;
export const PAGE_SIZE = 20;

export const GOAL_STATUSES = ['active', 'done', 'paused'] as const;
export type GoalStatus = (typeof GOAL_STATUSES)[number];
export const CHECK_IN_STATUSES = ['onTrack', 'behind', 'done', 'paused'] as const;
export type CheckInStatus = (typeof CHECK_IN_STATUSES)[number];
export type Visibility = 'cohort' | 'private';
