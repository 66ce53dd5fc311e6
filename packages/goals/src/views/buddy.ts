// The accountability buddy panel: opt in, wait, see who the buddy is and what they did last, leave. Render only.
import { msg } from '@lit/localize';
import { nameList } from '@cohort-kit/core/name-list.js';
import { html, nothing, type TemplateResult } from 'lit';
import type { BuddyNews, BuddyState } from '../buddy-data.js';
import type { GoalsController } from '../goals-controller.js';

export interface BuddyPanelState {
  /** The learner's state: 'out' when they never opted in (or nobody is signed in yet). */
  state: BuddyState;
  /** The buddies' names, when paired. */
  names: string[];
  locale: string;
  /** Paired, but the buddy left. */
  buddyLeft: boolean;
  /** Others waiting now (while the learner waits). */
  othersWaiting: number;
  /** A buddy's check-in made while the page is open, if any. */
  news: BuddyNews | undefined;
  busy: boolean;
  /** The element may not take part (a removed learner). */
  disabled: boolean;
}

export interface BuddyPanelActions {
  find(): void;
  stop(): void;
  joinPair(): void;
}

export function renderBuddyPanel(state: BuddyPanelState, actions: BuddyPanelActions): TemplateResult {
  const button = (label: string, onClick: () => void, quiet = false) =>
    html`<button
      class="button ${quiet ? 'button--quiet' : ''}"
      type="button"
      aria-disabled=${state.busy ? 'true' : 'false'}
      @click=${() => !state.busy && onClick()}
    >
      ${label}
    </button>`;
  let body: TemplateResult;
  if (state.state === 'paired' && !state.buddyLeft) {
    body = html`<p>
        ${
          state.names.length > 1
            ? msg(html`Your buddies: ${nameList(state.names, state.locale)}. Their goals come first on the board.`, {
                id: 'goals.buddies-are',
              })
            : msg(html`Your buddy: ${nameList(state.names, state.locale)}. Their goal comes first on the board.`, {
                id: 'goals.buddy-is',
              })
        }
      </p>
      ${
        state.news
          ? html`<p class="buddy__news">
              ${msg(html`Your buddy <bdi>${state.news.name}</bdi> checked in: ${state.news.status}`, {
                id: 'goals.buddy-news-line',
              })}
            </p>`
          : nothing
      }
      <div class="buddy__actions">
        ${button(msg('Leave the pairing', { id: 'goals.buddy-leave' }), actions.stop, true)}
      </div>`;
  } else if (state.state === 'paired') {
    body = html`<p>${msg('Your buddy left the pairing.', { id: 'goals.buddy-gone' })}</p>
      <div class="buddy__actions">
        ${button(msg('Find a new buddy', { id: 'goals.buddy-find-new' }), actions.find)}
      </div>`;
  } else if (state.state === 'waiting') {
    body = html`<p>
        ${msg('Looking for a buddy… You will be paired with the next learner who looks too.', { id: 'goals.buddy-looking' })}
      </p>
      <div class="buddy__actions">
        ${state.othersWaiting === 0 ? button(msg('Join a pair as a third', { id: 'goals.buddy-join-pair' }), actions.joinPair, true) : nothing}
        ${button(msg('Stop looking', { id: 'goals.buddy-stop' }), actions.stop, true)}
      </div>`;
  } else {
    body = html`<p class="hint">
        ${msg('Pair up with a peer: you see each other’s goal first and hear when the other checks in.', { id: 'goals.buddy-pitch' })}
      </p>
      ${state.disabled ? nothing : html`<div class="buddy__actions">${button(msg('Find me a buddy', { id: 'goals.buddy-find' }), actions.find)}</div>`}`;
  }
  return html`<section class="buddy" aria-labelledby="buddy-title">
    <h3 class="buddy__title" id="buddy-title">${msg('Accountability buddy', { id: 'goals.buddy-title' })}</h3>
    ${body}
  </section>`;
}

/** The panel for the controller's buddy state, its buttons wired to it (here, so the element's first paint is lighter). */
export function renderBuddyOf(controller: GoalsController, disabled: boolean, locale: string): TemplateResult {
  const buddies = controller.buddies;
  return renderBuddyPanel(
    {
      state: buddies.own?.state ?? 'out',
      names: buddies.buddyNames,
      locale,
      buddyLeft: buddies.buddyLeft,
      othersWaiting: buddies.othersWaiting,
      news: buddies.news,
      busy: controller.busy.has('buddy'),
      disabled,
    },
    {
      find: () => void buddies.findBuddy(),
      stop: () => void buddies.stop(),
      joinPair: () => void buddies.joinPair(),
    },
  );
}
