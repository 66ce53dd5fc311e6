/**
 * What a SCORM package's page does with the player around it: finds the API, names the learner to the rest of
 * the page, marks the lesson completed at the learner's first contribution, and commits and finishes on unload.
 */
import { findScormApi, scormLearner, type ScormApi } from '@cohort-kit/core/scorm.js';

/** The kit's events that mean a learner contributed (see each package's events.ts). */
export const CONTRIBUTION_EVENTS = [
  'cohort-vote',
  'cohort-post',
  'cohort-reply',
  'cohort-react',
  'cohort-goal',
  'cohort-check-in',
  'cohort-cheer',
  'cohort-share',
  'cohort-review',
  'cohort-rate',
  'cohort-badge-claimed',
] as const;

export interface CohortLearner {
  id: string;
  name?: string;
  source: 'scorm';
}

declare global {
  interface Window {
    /** The learner an LMS named to this page, for whatever reports on their behalf (xAPI's actor). */
    cohortKitLearner?: CohortLearner;
  }
  interface GlobalEventHandlersEventMap {
    'cohort-learner-identified': CustomEvent<CohortLearner>;
  }
}

let saidNoLms = false;

export interface ScormSession {
  readonly api: ScormApi | undefined;
  stop(): void;
}

/**
 * Starts the session: returns at once, with `api` undefined outside an LMS (after one console line saying so;
 * the page works as any page).
 */
export function startScormSession(
  { completion }: { completion: 'first-contribution' | 'none' },
  win: Window = window,
): ScormSession {
  const api = findScormApi(win);
  if (!api) {
    if (!saidNoLms) {
      saidNoLms = true;
      console.info(
        '[cohort-kit] No SCORM LMS found (no API or API_1484_11 in this window, its parents or its opener): ' +
          'the page works, and reports nothing to an LMS.',
      );
    }
    return { api, stop() {} };
  }
  api.initialize();
  const { id, name } = scormLearner(api);
  if (id) {
    const learner: CohortLearner = { id, ...(name ? { name } : {}), source: 'scorm' };
    win.cohortKitLearner = learner;
    win.document.dispatchEvent(
      new CustomEvent('cohort-learner-identified', { detail: learner, bubbles: true, composed: true }),
    );
  }
  let completed = false;
  try {
    const status = api.get('completion');
    completed = status === 'completed' || status === 'passed';
    if (!completed && completion === 'first-contribution') api.setCompletion('incomplete');
  } catch {
    // A player that cannot say the status: set it when the learner contributes.
  }
  const onContribution = () => {
    if (completed) return;
    completed = api.setCompletion('completed');
    api.commit();
  };
  if (completion === 'first-contribution') {
    for (const type of CONTRIBUTION_EVENTS) win.document.addEventListener(type, onContribution);
  }
  let finished = false;
  const finish = () => {
    if (finished) return;
    finished = true;
    api.commit();
    api.finish();
  };
  win.addEventListener('pagehide', finish);
  win.addEventListener('beforeunload', finish);
  return {
    api,
    stop() {
      for (const type of CONTRIBUTION_EVENTS) win.document.removeEventListener(type, onContribution);
      win.removeEventListener('pagehide', finish);
      win.removeEventListener('beforeunload', finish);
      finish();
    },
  };
}
