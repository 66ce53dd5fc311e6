export { CohortGoals } from './goals.js';
export {
  CohortGoalEvent,
  CohortCheckInEvent,
  CohortCheerEvent,
  type CohortGoalDetail,
  type CohortCheckInDetail,
  type CohortCheerDetail,
} from './events.js';
