export { CohortSignIn } from './sign-in.js';
export { CohortSignedInEvent, type CohortSignedInDetail } from './events.js';
