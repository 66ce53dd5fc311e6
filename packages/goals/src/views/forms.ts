// The goal board's forms: setting or editing a goal, checking in, reflecting. Render only: each form's fields are
// the browser's own, so what a learner typed stays put when a check refuses it.
import { msg, str } from '@lit/localize';
import { html, nothing, type TemplateResult } from 'lit';
import type { Goal, GoalContent } from '../goals-data.js';
import * as LIMITS from '../goals-limits.js';
import { CHECK_IN_STATUSES, type CheckInStatus, type Visibility } from '../goals-limits.js';
import { statusLabel } from './card.js';

import { textProblem } from '@cohort-kit/core/text-problem.js';
export { dateProblem } from '../goals-input.js';

/** A field as the rules check it: its label, the text, and the fewest and most characters. */
export type CheckedField = [label: string, text: string, min: number, max: number];

/** The first field's problem, in words that name it ('' when every field is fine). */
export function fieldsProblem(fields: CheckedField[], locale: string, spaceWords: readonly string[]): string {
  for (const [label, text, min, max] of fields) {
    const problem = textProblem(text, { label, min, max, locale, spaceWords });
    if (problem) return problem;
  }
  return '';
}

export const goalFields = (content: GoalContent): CheckedField[] => [
  [msg('Your goal', { id: 'goals.your-goal' }), content.text, 1, LIMITS.GOAL_TEXT_MAX],
  [msg('Why it matters to you (optional)', { id: 'goals.why' }), content.why, 0, LIMITS.WHY_MAX],
  [msg('Your first step (optional)', { id: 'goals.step' }), content.firstStep, 0, LIMITS.FIRST_STEP_MAX],
];
export const noteFields = (note: string): CheckedField[] => [
  [msg('A short note (optional)', { id: 'goals.note' }), note, 0, LIMITS.NOTE_MAX],
];
export const cheerNoteFields = (note: string): CheckedField[] => [
  [msg('A short note', { id: 'goals.cheer-note' }), note, 0, LIMITS.CHEER_NOTE_MAX],
];
export const reflectionFields = (prompt: string, body: string): CheckedField[] => [
  [prompt, body, 1, LIMITS.REFLECTION_MAX],
];

export interface FormState {
  /** A form id, unique in the element: field ids hang from it. */
  id: string;
  busy: boolean;
  /** Why the last submit was refused, or ''. */
  error: string;
}

const value = (form: HTMLFormElement, name: string) =>
  (form.elements.namedItem(name) as HTMLInputElement | HTMLTextAreaElement | null)?.value ?? '';

/** What the goal form holds. */
export function readGoalForm(form: HTMLFormElement): { content: GoalContent; visibility: Visibility } {
  const date = value(form, 'targetDate');
  return {
    content: {
      text: value(form, 'text').trim(),
      why: value(form, 'why').trim(),
      firstStep: value(form, 'firstStep').trim(),
      targetDate: date || null,
    },
    visibility: form.querySelector<HTMLInputElement>('input[name="visibility"]:checked') ? 'private' : 'cohort',
  };
}

const field = (id: string, label: string, control: TemplateResult, hint: string | typeof nothing = nothing) =>
  html`<div class="field">
    <label for=${id}>${label}</label>
    ${control} ${hint === nothing ? nothing : html`<span class="field__hint" id=${`${id}-hint`}>${hint}</span>`}
  </div>`;

export function renderGoalForm(
  state: FormState & { prompt: string; goal?: Goal },
  onSubmit: (form: HTMLFormElement) => void,
  onCancel?: () => void,
): TemplateResult {
  const { id, goal } = state;
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    if (!state.busy) onSubmit(event.target as HTMLFormElement);
  };
  const visibility = goal?.visibility ?? 'cohort';
  return html`<form class="goal-form" @submit=${submit} aria-labelledby=${`${id}-title`}>
    <p class="goal-form__prompt" id=${`${id}-title`} dir="auto">
      ${goal ? msg('Edit your goal', { id: 'goals.edit-title' }) : state.prompt}
    </p>
    ${field(
      `${id}-text`,
      msg('Your goal', { id: 'goals.your-goal' }),
      html`<textarea
        id=${`${id}-text`}
        name="text"
        rows="2"
        maxlength=${LIMITS.GOAL_TEXT_MAX}
        required
        dir="auto"
        .value=${goal?.text ?? ''}
      ></textarea>`,
      msg(str`Up to ${LIMITS.GOAL_TEXT_MAX} characters.`, { id: 'goals.text-hint' }),
    )}
    ${field(
      `${id}-why`,
      msg('Why it matters to you (optional)', { id: 'goals.why' }),
      html`<textarea
        id=${`${id}-why`}
        name="why"
        rows="2"
        maxlength=${LIMITS.WHY_MAX}
        dir="auto"
        .value=${goal?.why ?? ''}
      ></textarea>`,
    )}
    ${field(
      `${id}-step`,
      msg('Your first step (optional)', { id: 'goals.step' }),
      html`<input
        id=${`${id}-step`}
        name="firstStep"
        type="text"
        maxlength=${LIMITS.FIRST_STEP_MAX}
        dir="auto"
        placeholder=${msg('When …, I will …', { id: 'goals.step-placeholder' })}
        .value=${goal?.firstStep ?? ''}
      />`,
    )}
    ${field(
      `${id}-date`,
      msg('Target date (optional)', { id: 'goals.date' }),
      // A text field, not type="date": Chromium's date field takes three Tab stops and reads its parts one by one.
      html`<input
        id=${`${id}-date`}
        name="targetDate"
        type="text"
        inputmode="numeric"
        autocomplete="off"
        aria-describedby=${`${id}-date-hint`}
        .value=${goal?.targetDate ?? ''}
      />`,
      msg('As year-month-day, for example 2026-12-20.', { id: 'goals.date-hint' }),
    )}
    ${
      goal
        ? nothing
        : html`<label class="goal-form__private"
            ><input type="checkbox" name="visibility" value="private" ?checked=${visibility === 'private'} />
            ${msg('Only me and the facilitators can see it', { id: 'goals.visible-private' })}</label
          >`
    }
    ${state.error ? html`<p class="error" role="alert">${state.error}</p>` : nothing}
    <div class="card__actions">
      <button class="button" type="submit" aria-disabled=${state.busy ? 'true' : 'false'}>
        ${state.busy ? msg('Saving…', { id: 'goals.saving' }) : goal ? msg('Save goal', { id: 'goals.save' }) : msg('Set goal', { id: 'goals.set' })}
      </button>
      ${onCancel ? html`<button class="button button--quiet" type="button" @click=${onCancel}>${msg('Cancel', { id: 'goals.cancel' })}</button>` : nothing}
    </div>
  </form>`;
}

export function readCheckInForm(form: HTMLFormElement): { status: CheckInStatus; note: string } {
  return {
    status: (form.querySelector<HTMLInputElement>('input[name="status"]:checked')?.value ?? 'onTrack') as CheckInStatus,
    note: value(form, 'note').trim(),
  };
}

export function renderCheckInForm(
  state: FormState & { title: string },
  onSubmit: (form: HTMLFormElement) => void,
  onCancel?: () => void,
): TemplateResult {
  const { id } = state;
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    if (!state.busy) onSubmit(event.target as HTMLFormElement);
  };
  return html`<form class="goal-form" @submit=${submit} aria-labelledby=${`${id}-title`}>
    <p class="goal-form__prompt" id=${`${id}-title`} dir="auto">${state.title}</p>
    <fieldset class="choices">
      <legend><span>${msg('How is it going?', { id: 'goals.how' })}</span></legend>
      ${CHECK_IN_STATUSES.map(
        (status, i) =>
          html`<label
            ><input type="radio" name="status" value=${status} ?checked=${i === 0} /> ${statusLabel(status)}</label
          >`,
      )}
    </fieldset>
    ${field(
      `${id}-note`,
      msg('A short note (optional)', { id: 'goals.note' }),
      html`<textarea id=${`${id}-note`} name="note" rows="2" maxlength=${LIMITS.NOTE_MAX} dir="auto"></textarea>`,
    )}
    ${state.error ? html`<p class="error" role="alert">${state.error}</p>` : nothing}
    <div class="card__actions">
      <button class="button" type="submit" aria-disabled=${state.busy ? 'true' : 'false'}>
        ${state.busy ? msg('Saving…', { id: 'goals.saving' }) : msg('Save check-in', { id: 'goals.save-check-in' })}
      </button>
      ${onCancel ? html`<button class="button button--quiet" type="button" @click=${onCancel}>${msg('Cancel', { id: 'goals.cancel' })}</button>` : nothing}
    </div>
  </form>`;
}

export const readReflectForm = (form: HTMLFormElement) => value(form, 'reflection').trim();

export function renderReflectForm(state: FormState & { prompt: string }, onSubmit: (form: HTMLFormElement) => void) {
  const { id } = state;
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    if (!state.busy) onSubmit(event.target as HTMLFormElement);
  };
  return html`<form class="goal-form" @submit=${submit}>
    ${field(
      `${id}-reflection`,
      state.prompt,
      html`<textarea
        id=${`${id}-reflection`}
        name="reflection"
        rows="4"
        maxlength=${LIMITS.REFLECTION_MAX}
        required
        dir="auto"
      ></textarea>`,
    )}
    ${state.error ? html`<p class="error" role="alert">${state.error}</p>` : nothing}
    <div class="card__actions">
      <button class="button" type="submit" aria-disabled=${state.busy ? 'true' : 'false'}>
        ${state.busy ? msg('Saving…', { id: 'goals.saving' }) : msg('Save reflection', { id: 'goals.save-reflection' })}
      </button>
    </div>
  </form>`;
}

export const readCheerForm = (form: HTMLFormElement) => value(form, 'note').trim();

/** A cheer with a short note (≤ 140), from a card that is not the learner's. */
export function renderCheerForm(state: FormState, onSubmit: (form: HTMLFormElement) => void, onCancel: () => void) {
  const { id } = state;
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    if (!state.busy) onSubmit(event.target as HTMLFormElement);
  };
  return html`<form class="goal-form" @submit=${submit}>
    ${field(
      `${id}-note`,
      msg('A short note', { id: 'goals.cheer-note' }),
      html`<input id=${`${id}-note`} name="note" type="text" maxlength=${LIMITS.CHEER_NOTE_MAX} dir="auto" />`,
    )}
    ${state.error ? html`<p class="error" role="alert">${state.error}</p>` : nothing}
    <div class="card__actions">
      <button class="button" type="submit" aria-disabled=${state.busy ? 'true' : 'false'}>
        ${state.busy ? msg('Sending…', { id: 'goals.sending' }) : msg('Send cheer', { id: 'goals.send-cheer' })}
      </button>
      <button class="button button--quiet" type="button" @click=${onCancel}>
        ${msg('Cancel', { id: 'goals.cancel' })}
      </button>
    </div>
  </form>`;
}
