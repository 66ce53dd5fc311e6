// A goal's card: an article with a heading, the goal, why and first step, its latest check-in and reflection, the
// cheers, and the actions its viewer may take. Render only: state and callbacks in, a template out.
import { msg, str } from '@lit/localize';
import { html, nothing, type TemplateResult } from 'lit';
import { relativeTime } from '@cohort-kit/core';
import type { CheckIn, Goal } from '../goals-data.js';
import type { CheckInStatus } from '../goals-limits.js';

export interface CardState {
  goal: Goal;
  mine: boolean;
  locale: string;
  /** The learner may cheer it (signed in or not: a press asks them to join). */
  canCheer: boolean;
  cheered: boolean;
  /** Keys of actions on their way (see GoalsController.busy). */
  busy: ReadonlySet<string>;
  timeline?: CheckIn[] | 'loading';
  /** "It has been 9 days…" on the learner's own card, or ''. */
  nudge: string;
  /** Shown inside the card: the edit, check-in, cheer note or report form, when open. */
  form?: TemplateResult | typeof nothing;
  facilitator: boolean;
  /** The learner cheered the latest check-in. */
  checkInCheered: boolean;
  /** The learner reported this goal from this page. */
  reported: boolean;
  /** A buddy's goal. */
  buddy: boolean;
  /** The cheers' notes, when their list is open (own card, or a facilitator's view). */
  notes?: { uid: string; note: string }[] | 'loading';
}

export interface CardActions {
  checkIn(goal: Goal): void;
  edit(goal: Goal): void;
  status(goal: Goal, status: Goal['status']): void;
  visibility(goal: Goal): void;
  cheer(goal: Goal): void;
  /** Opens the form for a cheer with a short note. */
  cheerWithNote(goal: Goal): void;
  cheerCheckIn(goal: Goal, checkIn: CheckIn): void;
  report(goal: Goal): void;
  notes(goal: Goal): void;
  hideNote(goal: Goal, cheerer: string): void;
  timeline(goal: Goal): void;
  hide(goal: Goal): void;
}

export function statusLabel(status: CheckInStatus): string {
  switch (status) {
    case 'onTrack':
      return msg('On track', { id: 'goals.status-on-track' });
    case 'behind':
      return msg('Behind', { id: 'goals.status-behind' });
    case 'done':
      return msg('Done', { id: 'goals.status-done' });
    case 'paused':
      return msg('Paused', { id: 'goals.status-paused' });
  }
}

const cheersText = (count: number) =>
  count === 1 ? msg('1 cheer', { id: 'goals.cheer-one' }) : msg(str`${count} cheers`, { id: 'goals.cheers' });

const when = (date: Date | null, locale: string) =>
  date ? relativeTime(date, locale) : msg('just now', { id: 'goals.just-now' });

/** A check-in's line. The dots stand between the parts, so they read in the page's direction. */
function renderCheckIn(entry: CheckIn, locale: string) {
  return html`<p class="check-in check-in--${entry.status}">
    <span class="check-in__status">${statusLabel(entry.status)}</span>
    · <span class="check-in__when">${when(entry.at, locale)}</span>
    ${entry.note ? html`<span class="check-in__note" dir="auto">${entry.note}</span>` : nothing}
    ${entry.cheers > 0 ? html`· <span class="check-in__cheers">${cheersText(entry.cheers)}</span>` : nothing}
  </p>`;
}

/** The latest check-in, with a cheer for it when the viewer may give one. */
function renderLatestCheckIn(state: CardState, entry: CheckIn, actions: CardActions) {
  const { goal, busy } = state;
  const pending = busy.has(`cheer:${goal.id}/${entry.id}`);
  return html`<div class="card__check-in">
    ${renderCheckIn(entry, state.locale)}
    ${
      !state.mine && state.canCheer
        ? html`<button
            class="button button--quiet"
            type="button"
            aria-disabled=${state.checkInCheered || pending ? 'true' : 'false'}
            @click=${() => !state.checkInCheered && !pending && actions.cheerCheckIn(goal, entry)}
          >
            ${state.checkInCheered ? msg('Check-in cheered', { id: 'goals.check-in-cheered' }) : msg('Cheer this check-in', { id: 'goals.cheer-check-in' })}
          </button>`
        : nothing
    }
  </div>`;
}

function renderNotes(state: CardState, actions: CardActions) {
  const notes = state.notes;
  if (!notes) return nothing;
  if (notes === 'loading') return html`<p class="card__meta">${msg('Loading…', { id: 'core.loading' })}</p>`;
  if (notes.length === 0)
    return html`<p class="card__meta">${msg('No notes with these cheers.', { id: 'goals.no-notes' })}</p>`;
  return html`<ul class="card__notes" aria-label=${msg('Notes with cheers', { id: 'goals.notes-label' })}>
    ${notes.map(
      (each) =>
        html`<li>
          <span dir="auto">${each.note}</span>
          <button
            class="button button--quiet"
            type="button"
            aria-disabled=${state.busy.has(`hide-note:${state.goal.id}/${each.uid}`) ? 'true' : 'false'}
            @click=${() => actions.hideNote(state.goal, each.uid)}
          >
            ${msg('Hide note', { id: 'goals.hide-note' })}
          </button>
        </li>`,
    )}
  </ul>`;
}

export function renderCard(state: CardState, actions: CardActions): TemplateResult {
  const { goal, mine, locale, busy } = state;
  const headingId = `goal-${goal.id}`;
  const heading = mine
    ? msg('Your goal', { id: 'goals.your-goal' })
    : msg(html`<bdi>${goal.ownerName}</bdi>'s goal`, { id: 'goals.their-goal' });
  const badge =
    goal.status === 'done'
      ? html`<span class="badge badge--done">${msg('Done 🎉', { id: 'goals.badge-done' })}</span>`
      : goal.status === 'paused'
        ? html`<span class="badge">${msg('Paused', { id: 'goals.status-paused' })}</span>`
        : nothing;
  const timeline = state.timeline;
  return html`<article class="card ${mine ? 'card--mine' : ''}" aria-labelledby=${headingId} part="card">
    <h3 class="card__heading" id=${headingId}>
      <span>${heading}</span> ${badge}
      ${state.buddy ? html`<span class="badge badge--buddy">${msg('Your buddy', { id: 'goals.buddy-badge' })}</span>` : nothing}
      ${goal.visibility === 'private' ? html`<span class="badge">${msg('Private', { id: 'goals.private' })}</span>` : nothing}
      ${goal.hidden ? html`<span class="badge">${msg('Hidden', { id: 'goals.hidden' })}</span>` : nothing}
    </h3>
    <p class="card__goal" dir="auto">${goal.text}</p>
    ${goal.edited ? html`<p class="card__meta">${msg('Edited', { id: 'goals.edited' })}</p>` : nothing}
    ${goal.why ? html`<p class="card__why" dir="auto"><strong>${msg('Why:', { id: 'goals.why-label' })}</strong> ${goal.why}</p>` : nothing}
    ${goal.firstStep ? html`<p class="card__step" dir="auto"><strong>${msg('First step:', { id: 'goals.step-label' })}</strong> ${goal.firstStep}</p>` : nothing}
    ${goal.targetDate ? html`<p class="card__meta">${msg(str`By ${goal.targetDate}`, { id: 'goals.by-date' })}</p>` : nothing}
    ${goal.reflection ? html`<p class="card__reflection" dir="auto"><strong>${msg('Reflection:', { id: 'goals.reflection-label' })}</strong> ${goal.reflection.text}</p>` : nothing}
    ${goal.lastCheckIn ? renderLatestCheckIn(state, goal.lastCheckIn, actions) : nothing}
    ${state.nudge ? html`<p class="card__nudge">${state.nudge}</p>` : nothing}
    ${
      mine && (goal.reportCount > 0 || goal.hidden) && !state.facilitator
        ? html`<p class="card__meta">${msg('Under review by a facilitator', { id: 'goals.under-review' })}</p>`
        : nothing
    }
    ${state.form ?? nothing}
    <p class="card__cheers" part="cheers">${cheersText(goal.cheers)}</p>
    <div class="card__actions">
      ${mine ? renderOwnActions(goal, busy, actions) : nothing}
      ${
        (mine || state.facilitator) && goal.cheers > 0
          ? html`<button
              class="button button--quiet"
              type="button"
              aria-expanded=${state.notes ? 'true' : 'false'}
              @click=${() => actions.notes(goal)}
            >
              ${msg('Notes with cheers', { id: 'goals.notes-label' })}
            </button>`
          : nothing
      }
      ${
        !mine && state.canCheer
          ? html`<button
                class="button ${state.cheered ? 'button--quiet' : ''}"
                type="button"
                aria-disabled=${state.cheered || busy.has(`cheer:${goal.id}`) ? 'true' : 'false'}
                @click=${() => !state.cheered && actions.cheer(goal)}
              >
                ${state.cheered ? msg('Cheered', { id: 'goals.cheered' }) : msg('Cheer 👏', { id: 'goals.cheer' })}
              </button>
              ${
                state.cheered
                  ? nothing
                  : html`<button class="button button--quiet" type="button" @click=${() => actions.cheerWithNote(goal)}>
                      ${msg('Cheer with a note', { id: 'goals.cheer-with-note' })}
                    </button>`
              }`
          : nothing
      }
      ${
        !mine && state.canCheer && !state.facilitator
          ? html`<button
              class="button button--quiet"
              type="button"
              aria-disabled=${state.reported ? 'true' : 'false'}
              @click=${() => !state.reported && actions.report(goal)}
            >
              ${state.reported ? msg('Reported', { id: 'goals.reported' }) : msg('Report', { id: 'goals.report' })}
            </button>`
          : nothing
      }
      ${
        goal.checkIns > 0
          ? html`<button
              class="button button--quiet"
              type="button"
              aria-expanded=${timeline ? 'true' : 'false'}
              @click=${() => actions.timeline(goal)}
            >
              ${msg(str`Check-ins (${goal.checkIns})`, { id: 'goals.timeline' })}
            </button>`
          : nothing
      }
      ${
        state.facilitator
          ? html`<button class="button button--quiet" type="button" @click=${() => actions.hide(goal)}>
              ${goal.hidden ? msg('Restore', { id: 'goals.restore' }) : msg('Hide', { id: 'goals.hide' })}
            </button>`
          : nothing
      }
    </div>
    ${
      timeline === 'loading'
        ? html`<p class="card__meta">${msg('Loading…', { id: 'core.loading' })}</p>`
        : timeline
          ? html`<ol class="timeline">
              ${timeline.map((entry) => html`<li>${renderCheckIn(entry, locale)}</li>`)}
            </ol>`
          : nothing
    }
    ${renderNotes(state, actions)}
  </article>`;
}

function renderOwnActions(goal: Goal, busy: ReadonlySet<string>, actions: CardActions) {
  const statusBusy = busy.has(`status:${goal.id}`);
  const button = (label: string, onClick: () => void, pending = false) =>
    html`<button
      class="button button--quiet"
      type="button"
      aria-disabled=${pending ? 'true' : 'false'}
      @click=${() => !pending && onClick()}
    >
      ${label}
    </button>`;
  return html`
    ${goal.status === 'active' ? button(msg('Check in', { id: 'goals.check-in' }), () => actions.checkIn(goal)) : nothing}
    ${goal.reportCount === 0 && !goal.hidden ? button(msg('Edit', { id: 'goals.edit' }), () => actions.edit(goal)) : nothing}
    ${goal.status !== 'done' ? button(msg('Mark done 🎉', { id: 'goals.mark-done' }), () => actions.status(goal, 'done'), statusBusy) : nothing}
    ${goal.status === 'active' ? button(msg('Pause', { id: 'goals.pause' }), () => actions.status(goal, 'paused'), statusBusy) : nothing}
    ${goal.status !== 'active' ? button(msg('Make active', { id: 'goals.resume' }), () => actions.status(goal, 'active'), statusBusy) : nothing}
    ${button(
      goal.visibility === 'private'
        ? msg('Show to my cohort', { id: 'goals.make-cohort' })
        : msg('Make private', { id: 'goals.make-private' }),
      () => actions.visibility(goal),
      busy.has(`visibility:${goal.id}`),
    )}
  `;
}
