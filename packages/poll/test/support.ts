// Shared by the <cohort-poll> component tests: read and drive the element the way a learner does, and vote as
// someone else from elsewhere.
import { fixture } from '@open-wc/testing';
import type { FirebaseRuntime } from '@cohort-kit/core';
import { peerApp, uniqueId, waitFor, type useEmulators } from '@cohort-kit/core/testing';
import type { CohortPoll } from '../src/poll.js';
import '../src/cohort-poll.js';

export function optionButton(el: CohortPoll, value: string): HTMLButtonElement {
  const button = el.shadowRoot!.querySelector<HTMLButtonElement>(`.option[data-value="${value}"]`);
  if (!button) throw new Error(`no option ${value}`);
  return button;
}

export const text = (el: CohortPoll) => el.shadowRoot!.textContent!.replace(/\s+/g, ' ');
export const liveRegion = (el: CohortPoll) => el.shadowRoot!.querySelector('[aria-live="polite"]')!.textContent ?? '';
export const loadedWith = (el: CohortPoll, value: string) =>
  waitFor(
    () =>
      el.shadowRoot!.querySelector(`.option[data-value="${value}"]`)?.getAttribute('aria-disabled') === 'false' ||
      text(el).includes('closed') ||
      text(el).includes('saved settings differ'),
    'poll loaded',
  );
export const loaded = (el: CohortPoll) => loadedWith(el, 'smart');

/** Votes like a learner: click, and give a name the first time the element asks for one. */
export async function voteFor(el: CohortPoll, value: string) {
  const wasChecked = optionButton(el, value).getAttribute('aria-checked');
  optionButton(el, value).click();
  const form = () => el.shadowRoot!.querySelector<HTMLInputElement>('input[name="displayName"]');
  // Either the vote shows at once (a returning learner) or the first-contribution form appears.
  await waitFor(
    () =>
      Boolean(form()) ||
      optionButton(el, value).getAttribute('aria-checked') !== wasChecked ||
      text(el).includes('at most'),
    'vote or name form',
  );
  const name = form();
  if (name) {
    name.value = 'Ana Learner';
    el.shadowRoot!.querySelector<HTMLFormElement>('form.join')!.requestSubmit();
  }
}

/** Another learner, in their own Firebase app and anonymous account: someone else voting from elsewhere. */
export async function otherVoter(emulators: ReturnType<typeof useEmulators>) {
  const { uid, db } = await peerApp(emulators);
  return { uid, runtime: { db } as unknown as FirebaseRuntime };
}

export const uid = (el: CohortPoll) => el['runtime']!.identity.user!.uid;
export const runtimeOf = (el: CohortPoll) => el['runtime']!;
export const button = (el: CohortPoll, label: string) =>
  [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.includes(label));

/** Where the parts a learner reads sit on screen. */
export function layout(el: CohortPoll) {
  const parts = [
    ...el.shadowRoot!.querySelectorAll<HTMLElement>('.poll__question, .option, .poll__participation, .poll__suggest'),
  ];
  return parts.map((part) => {
    const { x, y, width, height } = part.getBoundingClientRect();
    return {
      part: part.className.split(' ')[0],
      x: Math.round(x),
      y: Math.round(y),
      width: Math.round(width),
      height: Math.round(height),
    };
  });
}

/** A poll of three options in `space`, once it has loaded. */
export async function mountPoll(space: string, attributes = '', id = uniqueId('p')) {
  const wrapper = await fixture<HTMLDivElement>(`<div>
    <cohort-poll space="${space}" poll="${id}" ${attributes}>
      Which goal-setting approach will you try first?
      <option value="smart">🤓 Use the SMART goals framework</option>
      <option value="buddy">🤝 Find an accountability buddy</option>
      <option value="game">👾 Gamify your process</option>
      <p slot="after-close">What surprised you? Reflect in the thread below.</p>
    </cohort-poll></div>`);
  const el = wrapper.querySelector('cohort-poll') as CohortPoll;
  await loaded(el);
  return { el, id };
}

export { stored } from '@cohort-kit/core/testing';
