export { CohortThread } from './thread.js';
export { CohortPostEvent, CohortReplyEvent, CohortReactEvent } from './events.js';
export type { CohortPostDetail, CohortReplyDetail, CohortReactDetail } from './events.js';
export { parseBody, renderBody, countLinks, safeUrl, blockedWordsIn, MAX_BODY, MAX_LINKS } from './format.js';
export { REACTIONS, type ReactionKey } from './reactions.js';
