// <cohort-feedback> as a learner meets it: the next step as it reads, the forms by their labels, the buttons by
// their names and the reviews by their headings.
import { WidgetHarness, waitFor } from '@cohort-kit/core/testing';
import type { CohortFeedback } from '../src/feedback.js';

export class FeedbackHarness extends WidgetHarness<CohortFeedback> {
  /** Whether the round has loaded (its heading shows). */
  loaded(): boolean {
    return Boolean(this.root.querySelector('.feedback__title'));
  }

  /** "Your next step: …" as the learner reads it. */
  nextStep(): string {
    return (this.root.querySelector('.feedback__next')?.textContent ?? '').trim();
  }

  /** The field labelled `label` (start of its label's text). */
  field(label: string): HTMLInputElement | HTMLTextAreaElement {
    const found = [...this.root.querySelectorAll('label')].find((each) => each.textContent!.trim().startsWith(label));
    if (!found?.htmlFor) throw new Error(`no field "${label}"`);
    return this.root.getElementById(found.htmlFor) as HTMLInputElement | HTMLTextAreaElement;
  }

  /** Types into a field as a person does. */
  type(label: string, value: string): void {
    const control = this.field(label);
    control.value = value;
    control.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  }

  /** The error tied to a field, read through its aria-describedby. */
  fieldError(label: string): string {
    const control = this.field(label);
    const ids = (control.getAttribute('aria-describedby') ?? '').split(' ').filter((id) => id.endsWith('-error'));
    return ids.map((id) => this.root.getElementById(id)?.textContent?.trim() ?? '').join(' ');
  }

  /** The reviews received, as cards. */
  reviews(): HTMLElement[] {
    return [...this.root.querySelectorAll<HTMLElement>('.reviews article')];
  }

  /** "Review a peer", giving a name if asked; resolves once the peer's work shows above the review form. */
  async reviewPeer(name = 'Ana Learner') {
    this.button('Review a peer').click();
    await waitFor(
      () =>
        Boolean(this.root.querySelector('form.join')) || Boolean(this.root.querySelector('.work--peer .work__text')),
      "the name form or the peer's work",
    );
    await this.joinIfAsked(name);
    await waitFor(() => Boolean(this.root.querySelector('.work--peer .work__text')), "the peer's work to review");
  }

  /** The text of the peer's work being reviewed. */
  peerWork(): string {
    return this.root.querySelector('.work--peer')?.textContent?.trim() ?? '';
  }

  /** Shares work through the form, giving a name if asked; resolves once it is announced. */
  async share(text: string, name = 'Ana Learner') {
    this.type('Your work', text);
    this.button('Share my work').click();
    await waitFor(
      () => Boolean(this.root.querySelector('form.join')) || this.announcement().includes('shared'),
      'the name form or the share',
    );
    await this.joinIfAsked(name);
    await waitFor(() => this.announcement().includes('shared'), 'the work is shared');
  }
}
