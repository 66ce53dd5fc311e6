export { CohortBadge } from './badge.js';
export { CohortBadgeClaimedEvent, type CohortBadgeClaimedDetail } from './events.js';
