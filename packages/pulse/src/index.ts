export { CohortPulse } from './pulse.js';
export { CohortNudgeEvent, type CohortNudgeDetail } from './events.js';
