// Labelled form fields whose error is read with the field (aria-describedby) and marks it invalid.
import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { FieldErrors } from '../console-model.js';

export interface FieldOptions {
  name: string;
  label: string;
  errors: FieldErrors;
  value?: string;
  hint?: string;
  type?: 'text' | 'email' | 'number';
  multiline?: boolean;
  autocomplete?: 'email' | 'name';
  /** Ids are unique per form in the shadow root: one prefix per form. */
  form: string;
}

export function field(options: FieldOptions): TemplateResult {
  const id = `${options.form}-${options.name}`;
  const error = options.errors[options.name];
  const described = [options.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  const common = {
    described: described || undefined,
    invalid: error ? ('true' as const) : undefined,
  };
  return html`<div class="field">
    <label for=${id}>${options.label}</label>
    ${options.hint ? html`<span class="muted hint" id="${id}-hint">${options.hint}</span>` : nothing}
    ${
      options.multiline
        ? html`<textarea
            id=${id}
            name=${options.name}
            rows="3"
            .value=${options.value ?? ''}
            aria-describedby=${ifDefined(common.described)}
            aria-invalid=${ifDefined(common.invalid)}
          ></textarea>`
        : html`<input
            id=${id}
            name=${options.name}
            type=${options.type ?? 'text'}
            .value=${options.value ?? ''}
            autocomplete=${ifDefined(options.autocomplete)}
            aria-describedby=${ifDefined(common.described)}
            aria-invalid=${ifDefined(common.invalid)}
          />`
    }
    ${error ? html`<span class="error" id="${id}-error">${error}</span>` : nothing}
  </div>`;
}

/** Calls `action` with the form instead of submitting it. */
export const onSubmit = (action: (form: HTMLFormElement) => unknown) => (event: SubmitEvent) => {
  event.preventDefault();
  void action(event.target as HTMLFormElement);
};
