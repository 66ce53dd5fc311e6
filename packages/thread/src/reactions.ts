import type { RateLimit } from '@cohort-kit/core/data.js';

/** The fixed reaction palette: stored keys (safe as field names) and what a reader sees. */
export const REACTIONS = [
  { key: 'thumbs', emoji: '👍' },
  { key: 'heart', emoji: '❤️' },
  { key: 'idea', emoji: '💡' },
  { key: 'party', emoji: '🎉' },
  { key: 'thinking', emoji: '🤔' },
] as const;

export type ReactionKey = (typeof REACTIONS)[number]['key'];

export { REPORT_REASONS, type ReportReason } from '@cohort-kit/core/report-form.js';

export const PAGE_SIZE = 20;
export const REPLY_PAGE = 50;
export const PINNED_LIMIT = 5;
/** The rules' rate limit, mirrored so the composer can say so before the server refuses. */
export const MIN_SECONDS_BETWEEN_POSTS = 10;
export const MAX_POSTS_PER_HOUR = 30;
/** Posts and edits share it. */
export const THREAD_RATE: RateLimit = {
  minSeconds: MIN_SECONDS_BETWEEN_POSTS,
  perWindow: MAX_POSTS_PER_HOUR,
  windowMs: 3600 * 1000,
};
