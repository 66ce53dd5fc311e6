/**
 * Every element the kit can load, by tag. Each loader is a dynamic import, so a page pays only for
 * the elements it contains.
 */
export const elementLoaders: Record<string, () => Promise<unknown>> = {
  'cohort-poll': () => import('@cohort-kit/poll/cohort-poll.js'),
  'cohort-thread': () => import('@cohort-kit/thread/cohort-thread.js'),
};
