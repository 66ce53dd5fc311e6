// What reporting and moderating look like: the report form, the facilitator bar, and a hidden post's notice.
import { msg, str } from '@lit/localize';
import { html } from 'lit';
import { renderReportForm } from '@cohort-kit/core/report-form.js';
import type { Post } from '../thread-data.js';
import type { ThreadController } from '../thread-controller.js';

/** What a facilitator reads on a hidden post: how many reports hid it, or that a facilitator did. */
export function hiddenForFacilitator(reports: number): string {
  if (reports === 0)
    return msg('Hidden by a facilitator. Only you and the author can see it.', { id: 'thread.hidden-by-facilitator' });
  if (reports === 1)
    return msg('Hidden — 1 report. Only you and the author can see it.', { id: 'thread.hidden-facilitator-one' });
  return msg(str`Hidden — ${reports} reports. Only you and the author can see it.`, {
    id: 'thread.hidden-facilitator',
  });
}

/** Why a learner reports a post, in core's form; the controller sends it. */
export function renderPostReportForm(c: ThreadController, post: Post, nextId: string | undefined) {
  return renderReportForm(
    { legend: msg('Why are you reporting this post?', { id: 'thread.report.legend' }), error: c.reportError },
    (form) => void c.submitReport(form, post, nextId),
    () => ((c.reporting = undefined), (c.focusPost = post.id)),
  );
}

export function renderFacilitatorBar(c: ThreadController) {
  return html`<div class="facilitator-bar">
    <button class="button button--quiet" type="button" @click=${() => c.toggleLock()}>
      ${c.locked ? msg('Unlock thread', { id: 'thread.unlock' }) : msg('Lock thread', { id: 'thread.lock' })}
    </button>
  </div>`;
}
