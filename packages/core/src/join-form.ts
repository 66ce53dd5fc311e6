// The first-contribution form: a display name and, when the space has norms, their acknowledgement.
// The same form renames a member later. Loaded only when a learner first contributes or renames, so
// readers never download it.
import { msg } from '@lit/localize';
import { html, nothing, type TemplateResult } from 'lit';
import type { SpaceState } from './data.js';
import { cleanDisplayName, MAX_NAME_LENGTH } from './names.js';
import { scormLearnerName } from './scorm.js';

export interface JoinFormView {
  state: SpaceState | undefined;
  /** `join` before a first contribution; `rename` from the "Change" button. */
  mode: 'join' | 'rename';
  error: string;
  busy: boolean;
  onSubmit: (event: SubmitEvent) => void;
  onCancel: () => void;
}

export function needsNorms(state: SpaceState | undefined): boolean {
  return Boolean(state?.settings.norms) && !state?.member?.normsAcknowledgedAt;
}

/** Reads the form: the learner's answers, or the sentence that says what is missing. */
export function readJoinForm(
  form: HTMLFormElement,
): { displayName: string; acknowledgeNorms: boolean } | { error: string } {
  const displayName = cleanDisplayName((form.elements.namedItem('displayName') as HTMLInputElement).value);
  const normsBox = form.elements.namedItem('acknowledge') as HTMLInputElement | null;
  if (!displayName)
    return { error: msg('Enter a name with at least one letter, number or emoji.', { id: 'core.join.name-needed' }) };
  if (normsBox && !normsBox.checked) {
    return { error: msg('Confirm the group norms to continue.', { id: 'core.join.norms-needed' }) };
  }
  return { displayName, acknowledgeNorms: Boolean(normsBox?.checked) };
}

export function renderJoinForm(view: JoinFormView): TemplateResult {
  const { state, mode } = view;
  const norms = state?.settings.norms;
  const renaming = mode === 'rename';
  // The LMS's name is only a default the learner can change; it proves nothing about who they are.
  const suggested = state?.member?.displayName || scormLearnerName() || '';
  const onKeydown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && !view.busy) {
      event.preventDefault();
      view.onCancel();
    }
  };
  return html`<style>
      .join {
        display: grid;
        gap: var(--_gap);
      }
      .check {
        display: flex;
        align-items: flex-start;
        gap: 0.5rem;
      }
      .check input {
        inline-size: 1.25rem;
        block-size: 1.25rem;
        margin-block-start: 0.15rem;
        accent-color: var(--_accent);
      }
      .norms {
        white-space: pre-line;
        margin: 0;
      }
    </style>
    <form
      class="join notice"
      part="join"
      @submit=${view.onSubmit}
      @keydown=${onKeydown}
      aria-labelledby="join-title"
      aria-busy=${view.busy ? 'true' : 'false'}
    >
      <p class="notice__title" id="join-title">
        ${
          renaming
            ? msg('Change your name', { id: 'core.join.rename-title' })
            : msg('Before your first contribution', { id: 'core.join.title' })
        }
      </p>
      <div class="field">
        <label for="join-name">${msg('Your name, as peers will see it', { id: 'core.join.name' })}</label>
        <input
          id="join-name"
          name="displayName"
          type="text"
          maxlength=${MAX_NAME_LENGTH}
          autocomplete="nickname"
          .value=${suggested}
          aria-describedby=${renaming ? nothing : 'join-hint'}
        />
        ${
          renaming
            ? nothing
            : html`<span id="join-hint" class="muted"
                >${msg('You can change it later.', { id: 'core.join.name-hint' })}</span
              >`
        }
      </div>
      ${
        !renaming && needsNorms(state)
          ? html`<div class="field">
              <p class="notice__title">${msg('Group norms', { id: 'core.join.norms' })}</p>
              <p class="norms">${norms}</p>
              <label class="check"
                ><input type="checkbox" name="acknowledge" />${msg('I have read the group norms and will follow them', {
                  id: 'core.join.acknowledge',
                })}</label
              >
            </div>`
          : nothing
      }
      ${view.error ? html`<p class="error" role="alert">${view.error}</p>` : nothing}
      <div class="actions">
        <button class="button" type="submit" ?disabled=${view.busy}>
          ${renaming ? msg('Save name', { id: 'core.join.save' }) : msg('Continue', { id: 'core.join.submit' })}
        </button>
        <button class="button button--quiet" type="button" @click=${view.onCancel}>
          ${msg('Cancel', { id: 'core.join.cancel' })}
        </button>
      </div>
    </form>`;
}
