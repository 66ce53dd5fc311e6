// <cohort-pulse> as a facilitator meets it: the metrics by their labels, the quiet learners by name, the nudge form
// by its labels and the buttons by their names.
import { executeServerCommand } from '@web/test-runner-commands';
import { WidgetHarness, waitFor } from '@cohort-kit/core/testing';
import type { CohortPulse } from '../src/pulse.js';

export class PulseHarness extends WidgetHarness<CohortPulse> {
  /** Whether the element shows its data: the pulse, or the note a learner sees. */
  loaded(): boolean {
    return Boolean(this.root.querySelector('.pulse[aria-busy="false"]'));
  }

  /** Whether the facilitators' pulse itself shows (not the learners' note). */
  showsPulse(): boolean {
    return Boolean(this.root.querySelector('.pulse__title'));
  }

  /** A metric's card found by its label: its value and the detail under it. */
  metric(label: string): { value: string; detail: string; card: HTMLElement } {
    const card = [...this.root.querySelectorAll<HTMLElement>('.metric')].find(
      (each) => each.querySelector('.metric__label')?.textContent?.trim() === label,
    );
    if (!card) throw new Error(`no metric "${label}"`);
    const text = (selector: string) => card.querySelector(selector)!.textContent!.replace(/\s+/g, ' ').trim();
    return { value: text('.metric__value'), detail: text('.metric__detail'), card };
  }

  /** The names in the quiet list, in order. */
  quietNames(): string[] {
    return [...this.root.querySelectorAll('.quiet__name')].map((each) => each.textContent!.trim());
  }

  /** A trend's table, as rows of cell texts. */
  trendTable(id: 'active' | 'joined'): string[][] {
    return [...this.root.querySelectorAll(`[data-trend="${id}"] tbody tr`)].map((row) =>
      [...row.children].map((cell) => cell.textContent!.trim()),
    );
  }

  /** The nudge form's text box. */
  nudgeText(): HTMLTextAreaElement {
    return this.root.querySelector<HTMLTextAreaElement>('#nudge-text')!;
  }

  /** Types into a field of the nudge form, as a person does. */
  type(control: HTMLInputElement | HTMLTextAreaElement, value: string): void {
    control.value = value;
    control.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  }

  /** Chooses the thread (a typed id, or a choice from the page's list) and sends the nudge; resolves once announced. */
  async nudge(thread?: string): Promise<void> {
    const field = this.root.querySelector<HTMLInputElement | HTMLSelectElement>('#nudge-thread')!;
    if (thread !== undefined) {
      field.value = thread;
      field.dispatchEvent(new Event(field instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
      await this.element.updateComplete;
    }
    const send = [...this.root.querySelectorAll<HTMLButtonElement>('.nudge button')][0]!;
    send.click();
    await waitFor(() => this.announcement().startsWith('Nudge posted'), 'the nudge is announced', 30000);
  }
}

/**
 * Opens the test runner's firebase-admin connection to the emulators. The first command pays for it, which on a
 * loaded machine can take longer than the runner waits for a command's answer (20 s); the connection still opens,
 * and the commands after it answer at once.
 */
export async function openAdminConnection(): Promise<void> {
  await executeServerCommand('cohort-read', { path: 'spaces/warm-up' }).catch(() => undefined);
}
