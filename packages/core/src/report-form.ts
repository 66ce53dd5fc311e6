// Reporting, one way in every widget: the reasons the rules accept (validReport in packages/core/rules/helpers.rules)
// and the form a learner fills in (its layout is in core's styles). Render only: the widget sends the report and
// says how it went.
import { msg } from '@lit/localize';
import { html, nothing, type TemplateResult } from 'lit';

export const REPORT_REASONS = ['unkind', 'harmful', 'spam', 'off-topic', 'other'] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];
export const REPORT_NOTE_MAX = 300;

export interface ReportFormState {
  /** "Why are you reporting this post?" */
  legend: string;
  /** Why the last send was refused, or ''. */
  error: string;
}

export interface Report {
  reason: ReportReason;
  note: string;
}

/** The reason and note a learner chose, or the message to show when no reason was chosen. */
export function readReportForm(form: HTMLFormElement): Report | string {
  const reason = (form.elements.namedItem('reason') as RadioNodeList).value as ReportReason;
  const note = (form.elements.namedItem('note') as HTMLTextAreaElement).value.trim();
  if (!REPORT_REASONS.includes(reason)) return msg('Choose a reason.', { id: 'core.report.reason-needed' });
  return { reason, note };
}

export function renderReportForm(
  state: ReportFormState,
  submit: (form: HTMLFormElement) => void,
  cancel: () => void,
): TemplateResult {
  const labels: Record<ReportReason, string> = {
    unkind: msg('Unkind or disrespectful', { id: 'core.report.unkind' }),
    harmful: msg('Harmful or unsafe', { id: 'core.report.harmful' }),
    spam: msg('Spam or advertising', { id: 'core.report.spam' }),
    'off-topic': msg('Off topic', { id: 'core.report.off-topic' }),
    other: msg('Something else', { id: 'core.report.other' }),
  };
  return html`<form
    class="report"
    @submit=${(event: SubmitEvent) => {
      event.preventDefault();
      submit(event.target as HTMLFormElement);
    }}
  >
    <fieldset>
      <legend><span>${state.legend}</span></legend>
      ${REPORT_REASONS.map(
        (reason) =>
          html`<label class="check"><input type="radio" name="reason" value=${reason} />${labels[reason]}</label>`,
      )}
    </fieldset>
    <div class="field">
      <label for="report-note"
        >${msg('Anything the facilitator should know (optional)', { id: 'core.report.note' })}</label
      >
      <textarea id="report-note" name="note" rows="2" maxlength=${REPORT_NOTE_MAX}></textarea>
    </div>
    ${state.error ? html`<p class="error" role="alert">${state.error}</p>` : nothing}
    <div class="report__actions">
      <button class="button" type="submit">${msg('Send report', { id: 'core.report.submit' })}</button>
      <button class="button button--quiet" type="button" @click=${cancel}>
        ${msg('Cancel', { id: 'core.report.cancel' })}
      </button>
    </div>
  </form>`;
}
