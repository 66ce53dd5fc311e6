// The facilitator's tools under the poll: update a drifted stored poll, remove suggestions, close or reopen, and for
// a closed names-cohort poll, make its leading option the cohort's name.
// Loaded with the controller after first paint.
import { msg, str } from '@lit/localize';
import { html, nothing, type TemplateResult } from 'lit';
import type { DisplayedOption } from './options.js';

export interface FacilitatorState {
  /** The stored poll differs from the page. */
  drift: boolean;
  suggestions: DisplayedOption[];
  closed: boolean;
  /** A closed names-cohort poll with a leading option: its label, and whether the cohort already bears it. */
  cohortName?: { label: string; current: boolean };
}

export interface FacilitatorActions {
  sync: () => void;
  remove: (option: DisplayedOption) => void;
  toggleClosed: () => void;
  useAsCohortName: () => void;
}

export function renderFacilitatorTools(state: FacilitatorState, on: FacilitatorActions): TemplateResult {
  return html`
    ${
      state.drift
        ? html`<div class="notice" role="status">
            <p>${msg('The poll on this page differs from the stored poll.', { id: 'poll.drift' })}</p>
            <button class="button button--quiet" type="button" @click=${on.sync}>
              ${msg('Update the stored poll', { id: 'poll.drift-sync' })}
            </button>
          </div>`
        : nothing
    }
    ${
      state.suggestions.length
        ? html`<ul class="poll__suggestions">
            ${state.suggestions.map(
              (option) =>
                html`<li>
                  <button class="button button--quiet poll__remove" type="button" @click=${() => on.remove(option)}>
                    ${msg(str`Remove suggestion "${option.label}"`, { id: 'poll.remove-suggestion' })}
                  </button>
                </li>`,
            )}
          </ul>`
        : nothing
    }
    ${
      state.cohortName?.current
        ? html`<p class="poll__hint" role="status">
            ${msg(html`This cohort is named "<bdi>${state.cohortName.label}</bdi>".`, { id: 'poll.cohort-name-current' })}
          </p>`
        : nothing
    }
    <div class="actions">
      ${
        state.cohortName && !state.cohortName.current
          ? html`<button class="button" type="button" @click=${on.useAsCohortName}>
              <span
                >${msg(html`Use "<bdi>${state.cohortName.label}</bdi>" as cohort name`, { id: 'poll.use-as-cohort-name' })}</span
              >
            </button>`
          : nothing
      }
      <button class="button button--quiet" type="button" @click=${on.toggleClosed}>
        ${state.closed ? msg('Reopen poll', { id: 'poll.reopen' }) : msg('Close poll', { id: 'poll.close' })}
      </button>
    </div>
  `;
}
