// <cohort-console> as an owner meets it: fields found by their labels, buttons by their names, rows by what they say.
import { WidgetHarness, waitFor } from '@cohort-kit/core/testing';
import type { CohortConsole } from '../src/console.js';

export class ConsoleHarness extends WidgetHarness<CohortConsole> {
  /** The field whose label starts with `label`. */
  field(label: string): HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement {
    const found = [...this.root.querySelectorAll('label')].find((each) => each.textContent!.trim().startsWith(label));
    const control = found && this.root.getElementById(found.htmlFor);
    if (!control) throw new Error(`no field "${label}"`);
    return control as HTMLInputElement;
  }

  /** Types `value` into the field labelled `label`. */
  fill(label: string, value: string): void {
    const control = this.field(label);
    control.value = value;
    control.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  }

  /** The error read with the field labelled `label`, if any. */
  fieldError(label: string): string {
    const ids = this.field(label).getAttribute('aria-describedby')?.split(' ') ?? [];
    return ids
      .filter((id) => id.endsWith('-error'))
      .map((id) => this.root.getElementById(id)?.textContent?.trim() ?? '')
      .join(' ');
  }

  /** The list item that mentions `text` (an email, a name). */
  row(text: string): HTMLElement | undefined {
    return [...this.root.querySelectorAll<HTMLElement>('li')].find((each) => each.textContent!.includes(text));
  }

  /** Whether the console shows its content (not loading, not a problem). */
  loaded(): boolean {
    return this.root.querySelector('[part="base"]')?.getAttribute('aria-busy') === 'false' && !this.problem();
  }

  async waitForText(text: string, what = `"${text}" shows`): Promise<void> {
    await waitFor(() => this.text().includes(text), what);
  }

  /** Invites `email` as `role` and waits for the invitation to be listed. */
  async invite(email: string, role = 'mentor'): Promise<void> {
    await waitFor(() => Boolean(this.root.querySelector('[name="inviteEmail"]')), 'the invitation form shows');
    this.fill('Email', email);
    (this.field('Role') as HTMLSelectElement).value = role;
    this.button('Invite').click();
    // Addresses are stored lower case, as the sign-in service gives them. Saved once the server has it.
    await waitFor(() => Boolean(this.row(email.toLowerCase())), `the invitation for ${email} is listed`);
    await waitFor(() => this.announcement().startsWith('Invitation for'), 'the invitation is saved');
  }
}
