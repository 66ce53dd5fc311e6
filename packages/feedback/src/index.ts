export { CohortFeedback } from './feedback.js';
export {
  CohortShareEvent,
  CohortReviewEvent,
  CohortRateEvent,
  type CohortShareDetail,
  type CohortReviewDetail,
  type CohortRateDetail,
} from './events.js';
