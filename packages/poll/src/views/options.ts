// The question's options: painted at first paint from the author's markup, then with the learner's choices and the
// results once the data is there. One template for both, so nothing moves (and focus stays) when the data arrives.
import { msg } from '@lit/localize';
import { html, nothing, type TemplateResult } from 'lit';
import type { StoredOption } from '../poll-data.js';

/** An option on screen: the author's, or a learner's suggestion. */
export type DisplayedOption = StoredOption & { suggested?: boolean };

export interface OptionsState {
  options: DisplayedOption[];
  multiple: boolean;
  /** The poll and this learner's own vote are known: options take votes. */
  loaded: boolean;
  busy: boolean;
  /** Closed, or in conflict with the stored poll: no votes. */
  locked: boolean;
  mine: readonly string[];
  /** An option tapped before the poll had loaded. */
  queued: string;
  /** The one radio in the tab order. */
  focusable: string | undefined;
  showResults: boolean;
  counts: ReadonlyMap<string, number>;
  voters: number;
  /** "3 votes · 25 %"; until it is there, a skeleton holds the count's place. */
  countText?: (count: number, share: number) => string;
}

export const queuedMessage = () =>
  msg('Your vote will be saved as soon as the poll has loaded.', { id: 'poll.queued' });

export function renderOptions(state: OptionsState, choose: (option: DisplayedOption) => void): TemplateResult {
  const { options, multiple, loaded, counts, voters, showResults, countText } = state;
  return html`<div
    class="poll__options"
    role=${multiple ? 'group' : 'radiogroup'}
    aria-labelledby="poll-question"
    aria-describedby="poll-hint"
    aria-busy=${loaded && !state.busy ? 'false' : 'true'}
  >
    ${options.map((option) => {
      const count = counts.get(option.value) ?? 0;
      const share = voters > 0 ? Math.round((count / voters) * 100) : 0;
      const isMine = state.mine.includes(option.value);
      const isQueued = state.queued === option.value;
      // The mark always holds a character (a no-break space when empty): an empty mark would align by its
      // bottom edge and make the row taller than a marked one.
      return html`<button
        type="button"
        class="option ${isMine ? 'option--chosen' : ''}"
        part="option"
        role=${multiple ? 'checkbox' : 'radio'}
        aria-checked=${isMine ? 'true' : 'false'}
        aria-disabled=${state.locked || !loaded ? 'true' : 'false'}
        tabindex=${multiple || option.value === state.focusable ? 0 : -1}
        data-value=${option.value}
        @click=${() => choose(option)}
        @keydown=${(event: KeyboardEvent) => moveFocus(event, multiple)}
      >
        <span class="option__row">
          <span class="option__main">
            <span class="option__mark" aria-hidden="true">${isMine ? '✓' : isQueued ? '…' : '\u00a0'}</span>
            <span class="option__label" dir="auto"
              >${option.label}${
                option.suggested
                  ? html` <span class="option__tag">${msg('suggested', { id: 'poll.suggested-by' })}</span>`
                  : nothing
              }</span
            >
          </span>
          ${
            loaded && countText
              ? html`<span
                  class="option__count ${showResults ? '' : 'option__count--hidden'}"
                  part="count"
                  dir="auto"
                  aria-hidden=${showResults ? 'false' : 'true'}
                  >${countText(count, share)}</span
                >`
              : html`<span class="option__count skeleton skeleton--line" aria-hidden="true">&nbsp;</span>`
          }
        </span>
        <span class="option__bar ${showResults ? '' : 'option__bar--hidden'}" part="bar" aria-hidden="true"
          ><span style="--share: ${share}%"></span
        ></span>
      </button>`;
    })}
  </div>`;
}

/** Arrow keys, Home and End move among a single-choice poll's options without voting. */
function moveFocus(event: KeyboardEvent, multiple: boolean) {
  if (multiple) return;
  const keys = ['ArrowDown', 'ArrowRight', 'ArrowUp', 'ArrowLeft', 'Home', 'End'];
  if (!keys.includes(event.key)) return;
  event.preventDefault();
  const current = event.currentTarget as HTMLElement;
  const buttons = [...current.parentElement!.querySelectorAll<HTMLElement>('.option')];
  const index = buttons.indexOf(current);
  const rtl = getComputedStyle(current).direction === 'rtl';
  let next = index;
  if (event.key === 'Home') next = 0;
  else if (event.key === 'End') next = buttons.length - 1;
  else {
    const forward = event.key === 'ArrowDown' || event.key === (rtl ? 'ArrowLeft' : 'ArrowRight');
    next = (index + (forward ? 1 : -1) + buttons.length) % buttons.length;
  }
  // Arrow keys move focus without voting: a vote is a deliberate Space, Enter or click.
  for (const [i, button] of buttons.entries()) button.tabIndex = i === next ? 0 : -1;
  buttons[next]?.focus();
}
