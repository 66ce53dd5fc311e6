// An owner account with no space open: the spaces this browser remembers, "Open a space" by id, and the form that
// creates one.
import { msg, str } from '@lit/localize';
import { html, nothing, type TemplateResult } from 'lit';
import { DEFAULT_THRESHOLD, type FieldErrors, type RememberedSpace } from '../console-model.js';
import { field, onSubmit } from './fields.js';
import { settingsFields } from './settings.js';

export interface SpacesState {
  spaces: RememberedSpace[];
  busy: boolean;
  errors: FieldErrors;
}

export interface SpacesActions {
  openSpace: (id: string) => unknown;
  openById: (form: HTMLFormElement) => unknown;
  createSpace: (form: HTMLFormElement) => unknown;
}

export function renderSpaces(state: SpacesState, actions: SpacesActions): TemplateResult {
  return html`<section class="console__section" aria-labelledby="spaces-title">
      <h2 id="spaces-title">${msg('Your spaces', { id: 'console.your-spaces' })}</h2>
      ${
        state.spaces.length
          ? html`<ul class="console__list">
              ${state.spaces.map(
                (space) =>
                  html`<li class="console__row">
                    <span><strong>${space.name || space.id}</strong> <span class="muted">${space.id}</span></span>
                    <button
                      class="button button--quiet"
                      type="button"
                      aria-label=${msg(str`Open ${space.name || space.id}`, { id: 'console.open-named' })}
                      @click=${() => actions.openSpace(space.id)}
                    >
                      ${msg('Open', { id: 'console.open' })}
                    </button>
                  </li>`,
              )}
            </ul>`
          : html`<p class="muted">
              ${msg('Spaces you create or open in this browser are listed here.', { id: 'console.no-spaces' })}
            </p>`
      }
      <form class="console__inline-form" novalidate @submit=${onSubmit(actions.openById)}>
        ${field({
          form: 'open',
          name: 'openId',
          label: msg('Open a space by its id', { id: 'console.open-id' }),
          errors: state.errors,
        })}
        <div>
          <button class="button button--quiet" type="submit">${msg('Open space', { id: 'console.open-space' })}</button>
        </div>
      </form>
    </section>
    <section class="console__section" aria-labelledby="create-title">
      <h2 id="create-title">${msg('Create a space', { id: 'console.create-title' })}</h2>
      <form class="console__form" novalidate @submit=${onSubmit(actions.createSpace)}>
        ${field({
          form: 'create',
          name: 'spaceId',
          label: msg('Space id', { id: 'console.space-id' }),
          hint: msg('Letters, digits, "-" or "_"; it goes in every course page, for example leadership-2026-spring.', {
            id: 'console.space-id-hint',
          }),
          errors: state.errors,
        })}
        ${settingsFields('create', { name: '', cohortLabel: '', norms: '', reportThreshold: DEFAULT_THRESHOLD, blockedWords: [] }, state.errors)}
        ${field({
          form: 'create',
          name: 'displayName',
          autocomplete: 'name',
          label: msg('Your name in this space', { id: 'console.your-name' }),
          errors: state.errors,
        })}
        <div>
          <button class="button" type="submit" ?disabled=${state.busy}>
            ${msg('Create space', { id: 'console.create' })}
          </button>
        </div>
        ${state.errors.form ? html`<p class="error" role="alert">${state.errors.form}</p>` : nothing}
      </form>
    </section>`;
}
