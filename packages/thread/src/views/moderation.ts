// What reporting and moderating look like: the report form, the facilitator bar, and a hidden post's notice.
import { msg, str } from '@lit/localize';
import { html, nothing } from 'lit';
import { REPORT_REASONS, type ReportReason } from '../reactions.js';
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

/** The thread's view and behaviour, rendered into the element that owns it. */

export function renderReportForm(c: ThreadController, post: Post, nextId: string | undefined) {
  const labels: Record<ReportReason, string> = {
    unkind: msg('Unkind or disrespectful', { id: 'thread.report.unkind' }),
    harmful: msg('Harmful or unsafe', { id: 'thread.report.harmful' }),
    spam: msg('Spam or advertising', { id: 'thread.report.spam' }),
    'off-topic': msg('Off topic', { id: 'thread.report.off-topic' }),
    other: msg('Something else', { id: 'thread.report.other' }),
  };
  return html`<form class="report" @submit=${(e: SubmitEvent) => void c.submitReport(e, post, nextId)}>
    <fieldset>
      <legend>${msg('Why are you reporting this post?', { id: 'thread.report.legend' })}</legend>
      ${REPORT_REASONS.map((reason) => html`<label class="check"><input type="radio" name="reason" value=${reason} />${labels[reason]}</label>`)}
    </fieldset>
    <div class="field">
      <label for="report-note"
        >${msg('Anything the facilitator should know (optional)', { id: 'thread.report.note' })}</label
      >
      <textarea id="report-note" name="note" rows="2" maxlength="300"></textarea>
    </div>
    ${c.reportError ? html`<p class="error" role="alert">${c.reportError}</p>` : nothing}
    <div class="composer__actions">
      <button class="button" type="submit">${msg('Send report', { id: 'thread.report.submit' })}</button>
      <button
        class="button button--quiet"
        type="button"
        @click=${() => ((c.reporting = undefined), (c.focusPost = post.id))}
      >
        ${msg('Cancel', { id: 'thread.cancel' })}
      </button>
    </div>
  </form>`;
}

export function renderFacilitatorBar(c: ThreadController) {
  return html`<div class="facilitator-bar">
    <button class="button button--quiet" type="button" @click=${() => c.toggleLock()}>
      ${c.locked ? msg('Unlock thread', { id: 'thread.unlock' }) : msg('Lock thread', { id: 'thread.lock' })}
    </button>
  </div>`;
}
