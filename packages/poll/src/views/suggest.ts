// The learner's suggestion form: painted with the options, so nothing moves when the data arrives; it takes input
// once it has.
import { msg } from '@lit/localize';
import { html, type TemplateResult } from 'lit';

export function renderSuggestForm(ready: boolean, submit: (form: HTMLFormElement) => void): TemplateResult {
  return html`<form
    class="poll__suggest"
    @submit=${(event: SubmitEvent) => {
      event.preventDefault();
      if (ready) submit(event.target as HTMLFormElement);
    }}
  >
    <div class="field">
      <label for="suggestion">${msg('Suggest an option', { id: 'poll.suggest' })}</label>
      <input id="suggestion" name="suggestion" type="text" maxlength="80" autocomplete="off" ?disabled=${!ready} />
    </div>
    <button class="button button--quiet" type="submit" ?disabled=${!ready}>
      ${msg('Add', { id: 'poll.suggest-submit' })}
    </button>
  </form>`;
}
