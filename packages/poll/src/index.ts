export { CohortPoll } from './poll.js';
export type { PollOption } from './poll.js';
export { CohortVoteEvent, type CohortVoteDetail } from './events.js';
