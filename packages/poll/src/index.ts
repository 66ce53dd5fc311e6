export { CohortPoll } from './poll.js';
export type { PollOption, CohortVoteDetail } from './poll.js';
