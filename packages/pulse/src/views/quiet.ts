// Quiet learners, with their last activity, and the one action the pulse offers: a nudge, a facilitator post in a
// chosen thread that mentions them. Nothing here is ever shown to a learner.
import { msg, str } from '@lit/localize';
import { html, nothing, type TemplateResult } from 'lit';
import { relativeTime } from '@cohort-kit/core';
import type { LearnerRow } from '../pulse-metrics.js';

/** At most this many learners in one post: the thread's rules allow ten mentions. */
export const MAX_MENTIONS = 10;

/** The friendly opening the facilitator edits: each learner's name after an '@', as the thread stores mentions. */
export function defaultNudge(names: readonly string[]): string {
  // Before the names, a space when there are any: "Hi @Ana, @Ben!", or "Hi!" with nobody chosen yet.
  const greeting = names.length ? ` ${names.map((name) => `@${name}`).join(', ')}` : '';
  return msg(
    str`Hi${greeting}! We haven't heard from you for a few days, and we'd love to. What is one thing you tried this week, or one question you have? A short reply is plenty.`,
    { id: 'pulse.nudge-default' },
  );
}

export interface QuietView {
  quiet: readonly LearnerRow[];
  locale: string;
  /** The learners chosen for the nudge. */
  chosen: ReadonlySet<string>;
  /** The threads the page offers (its threads attribute); with none the facilitator types the thread's id. */
  threads: readonly string[];
  thread: string;
  text: string;
  busy: boolean;
  error: string;
  /** The round has ended: the list stays, for the record, and no nudge can be posted. */
  roundEnded: boolean;
}

export interface QuietActions {
  toggle: (uid: string, on: boolean) => void;
  thread: (thread: string) => void;
  text: (text: string) => void;
  send: () => void;
}

function lastActivity(row: LearnerRow, locale: string): string {
  return row.lastAt
    ? msg(str`Last active ${relativeTime(row.lastAt, locale)}`, { id: 'pulse.last-active' })
    : msg('No contribution yet', { id: 'pulse.never' });
}

export function renderQuiet(view: QuietView, actions: QuietActions): TemplateResult {
  if (!view.quiet.length) {
    return html`<p class="hint">
      ${msg('Nobody is quiet: every learner who joined over a week ago contributed in the last 7 days.', {
        id: 'pulse.none-quiet',
      })}
    </p>`;
  }
  const full = view.chosen.size >= MAX_MENTIONS;
  return html`<fieldset class="quiet">
      <legend class="visually-hidden">${msg('Mention in the nudge', { id: 'pulse.choose' })}</legend>
      <ul class="quiet__list">
        ${view.quiet.map(
          (row) =>
            html`<li class="quiet__learner">
              ${
                view.roundEnded
                  ? html`<span class="quiet__name" dir="auto">${row.name}</span>`
                  : html`<label>
                      <input
                        type="checkbox"
                        .checked=${view.chosen.has(row.uid)}
                        ?disabled=${full && !view.chosen.has(row.uid)}
                        @change=${(event: Event) => actions.toggle(row.uid, (event.target as HTMLInputElement).checked)}
                      />
                      <span class="quiet__name" dir="auto">${row.name}</span>
                    </label>`
              }
              <span class="quiet__last">${lastActivity(row, view.locale)}</span>
            </li>`,
        )}
      </ul>
      ${
        full && !view.roundEnded
          ? html`<p class="hint">
              ${msg(str`A nudge mentions at most ${MAX_MENTIONS} learners.`, { id: 'pulse.max-mentions' })}
            </p>`
          : nothing
      }
    </fieldset>
    ${
      view.roundEnded
        ? html`<p class="hint">${msg('This round has ended, so nudges are off.', { id: 'pulse.nudge-ended' })}</p>`
        : renderNudge(view, actions)
    }`;
}

function renderNudge(view: QuietView, actions: QuietActions): TemplateResult {
  return html`<form
    class="nudge"
    @submit=${(event: SubmitEvent) => {
      event.preventDefault();
      actions.send();
    }}
  >
    <label for="nudge-thread">${msg('Thread', { id: 'pulse.nudge-thread' })}</label>
    ${
      view.threads.length
        ? html`<select
            id="nudge-thread"
            .value=${view.thread}
            @change=${(event: Event) => actions.thread((event.target as HTMLSelectElement).value)}
          >
            ${view.threads.map((thread) => html`<option value=${thread} ?selected=${thread === view.thread}>${thread}</option>`)}
          </select>`
        : html`<input
            id="nudge-thread"
            type="text"
            required
            autocomplete="off"
            .value=${view.thread}
            @input=${(event: Event) => actions.thread((event.target as HTMLInputElement).value)}
          />`
    }
    <label for="nudge-text">${msg('Your message', { id: 'pulse.nudge-text' })}</label>
    <textarea
      id="nudge-text"
      rows="4"
      dir="auto"
      .value=${view.text}
      @input=${(event: Event) => actions.text((event.target as HTMLTextAreaElement).value)}
    ></textarea>
    ${view.error ? html`<p class="error" role="alert">${view.error}</p>` : nothing}
    <button
      class="button"
      type="submit"
      ?disabled=${view.busy || !view.chosen.size || !view.thread || !view.text.trim()}
    >
      ${
        view.busy
          ? msg('Posting…', { id: 'pulse.nudging' })
          : msg(str`Nudge ${view.chosen.size} in the thread`, { id: 'pulse.nudge' })
      }
    </button>
  </form>`;
}
