// <cohort-goals> as a learner meets it: the board's cards by their headings, the forms by their labels, and the
// buttons by their names.
import { WidgetHarness, waitFor } from '@cohort-kit/core/testing';
import type { CohortGoals } from '../src/goals.js';

export class GoalsHarness extends WidgetHarness<CohortGoals> {
  /** Whether the board has loaded (its heading shows). */
  loaded(): boolean {
    return Boolean(this.root.querySelector('.goals__title'));
  }

  /** The cards on the board, in order. */
  cards(): HTMLElement[] {
    return [...this.root.querySelectorAll<HTMLElement>('.goals__list article')];
  }

  /** The card whose goal reads `text` (or contains it). */
  card(text: string): HTMLElement | undefined {
    return this.cards().find((card) => card.querySelector('.card__goal')?.textContent?.includes(text));
  }

  /** A card's text, white space collapsed. */
  cardText(text: string): string {
    return (this.card(text)?.textContent ?? '').replace(/\s+/g, ' ');
  }

  /** The field labelled `label` (start of its label's text) in `scope`. */
  field(label: string, scope: ParentNode = this.root): HTMLInputElement | HTMLTextAreaElement {
    const found = [...scope.querySelectorAll('label')].find((each) => each.textContent!.trim().startsWith(label));
    if (!found) throw new Error(`no field "${label}"`);
    const control = found.htmlFor ? this.root.getElementById(found.htmlFor) : found.querySelector('input');
    if (!control) throw new Error(`no control for "${label}"`);
    return control as HTMLInputElement | HTMLTextAreaElement;
  }

  /** Types into a field as a person does. */
  type(label: string, value: string, scope: ParentNode = this.root): void {
    const control = this.field(label, scope);
    control.value = value;
    control.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  }

  /** The form whose submit button reads `label`. */
  form(label: string): HTMLFormElement {
    const submit = this.button(label);
    return submit.closest('form')!;
  }

  /** Sets a goal through the form, giving a name if asked; resolves once its card shows. */
  async setGoal(text: string, options: { why?: string; step?: string; private?: boolean; name?: string } = {}) {
    const form = this.form('Set goal');
    this.type('Your goal', text, form);
    if (options.why) this.type('Why it matters', options.why, form);
    if (options.step) this.type('Your first step', options.step, form);
    if (options.private) (this.field('Only me', form) as HTMLInputElement).checked = true;
    this.button('Set goal').click();
    const shown = () => Boolean(this.card(text));
    await waitFor(() => shown() || Boolean(this.root.querySelector('form.join')), 'the goal or the name form');
    await this.joinIfAsked(options.name ?? 'Ana Learner');
    await waitFor(() => Boolean(this.card(text)), `the card "${text}" shows`);
  }

  /** Presses `label` in the card of `goal` and answers the name form if it comes. */
  async pressAndJoin(goal: string, label: string, done: () => boolean, name = 'Ana Learner') {
    this.button(label, this.card(goal)).click();
    await waitFor(() => done() || Boolean(this.root.querySelector('form.join')), `${label}: done or the name form`);
    await this.joinIfAsked(name);
    await waitFor(done, `${label} done`);
  }

  /** Checks in from the form in view (check-in mode, or a card's open form). */
  async checkIn(status: string, note: string) {
    const form = this.form('Save check-in');
    const radio = [...form.querySelectorAll('label')]
      .find((each) => each.textContent!.trim() === status)!
      .querySelector('input')!;
    radio.checked = true;
    this.type('A short note', note, form);
    this.button('Save check-in').click();
    await waitFor(
      () => [...this.root.querySelectorAll('.check-in__note')].some((each) => each.textContent === note),
      'the check-in shows on the card',
    );
  }
}
