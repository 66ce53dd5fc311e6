// A feedback round's limits and defaults, without the SDK: the element checks attributes and input with them at
// first paint, and the rules hold the same (feedback-parity.rules.test.ts compares them).

export const WORK_TEXT_MAX = 5000;
export const LINK_MAX = 2000;
export const ANSWER_MAX = 3000;
export const THANKS_MAX = 280;
export const PROMPT_MIN_DEFAULT = 40;
export const REVIEWS_DEFAULT = 2;
export const REVIEWS_MAX = 5;
export const CLAIM_HOURS_DEFAULT = 48;
export const CLAIM_HOURS_MAX = 720;
export const PROMPTS_MIN = 2;
export const PROMPTS_MAX = 5;
/** Submissions the allocation weighs per "Review a peer": the fewest-reviewed page, whatever the round's size. */
export const CANDIDATES = 20;
export const PAGE_SIZE = 20;

export const REVIEWER_MODES = ['anonymous', 'named'] as const;
export type ReviewerMode = (typeof REVIEWER_MODES)[number];

/** Where a learner's unsent work and review answers wait on this device, by space and round. */
export const draftKey = (space: string, round: string) => `cohort-feedback:${space}:${round}`;
