// <cohort-sign-in> as a facilitator meets it: the email field by its label, the send button by its name.
import { WidgetHarness, waitFor } from '@cohort-kit/core/testing';
import type { CohortSignIn } from '../src/sign-in.js';

export class SignInHarness extends WidgetHarness<CohortSignIn> {
  get email(): HTMLInputElement | null {
    return this.root.querySelector<HTMLInputElement>('input[type="email"]');
  }

  /** The email form is there to use (not a skeleton, not a problem). */
  loaded(): boolean {
    return Boolean(this.email) && !this.problem();
  }

  /** Types `address` and asks for the link; resolves once the element answers (a message or "we sent"). */
  async askForLink(address: string): Promise<string> {
    const before = this.text();
    this.email!.value = address;
    this.email!.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    this.button('Email me a sign-in link').click();
    await waitFor(() => this.text() !== before, 'the answer to the request');
    return this.text();
  }
}
