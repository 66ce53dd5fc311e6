import { startScormSession, type ScormSession } from './scorm-session.js';

/**
 * Connects the page to the SCORM player it runs in. It renders nothing; a package's page holds one.
 *
 * @summary The page's link to a SCORM 1.2 or 2004 LMS: names the learner, reports completion.
 * @tag cohort-scorm
 * @attr {'first-contribution' | 'none'} completion - `first-contribution` marks the lesson completed once the
 *   learner votes, posts or otherwise contributes; `none` (the default) reports attendance only.
 */
export class CohortScorm extends HTMLElement {
  #session: ScormSession | undefined;

  connectedCallback(): void {
    this.hidden = true;
    if (this.#session) return;
    const completion = this.getAttribute('completion') === 'first-contribution' ? 'first-contribution' : 'none';
    this.#session = startScormSession({ completion });
  }
}
