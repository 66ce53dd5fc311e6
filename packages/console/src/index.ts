export { CohortConsole } from './console.js';
export { CohortSpaceCreatedEvent, type CohortSpaceCreatedDetail } from './events.js';
