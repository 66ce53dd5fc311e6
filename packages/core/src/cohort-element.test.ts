import { expect, fixture } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { html, nothing } from 'lit';
import { createSpace, readDocument, uniqueId, useEmulators, waitFor } from '../test/emulators.js';
import { CohortElement } from './cohort-element.js';
import { defineElement } from './define.js';
import { cleanDisplayName } from './names.js';

/** The smallest widget: one button that contributes, so the base element asks for a name. */
class TestWidget extends CohortElement {
  protected readonly widget = 'test';
  contributed = 0;

  protected startData() {
    return () => {};
  }

  protected renderContent() {
    if (!this.runtime) return nothing;
    return html`<button class="button" type="button" @click=${() => this.#contribute()}>Say hello</button>`;
  }

  async #contribute() {
    try {
      await this.requireMember('test');
      this.contributed++;
    } catch {
      // cancelled
    }
  }
}
defineElement('cohort-test-widget', TestWidget);

useEmulators();
const space = uniqueId('core-test');

const text = (el: Element) => el.shadowRoot!.textContent!.replace(/\s+/g, ' ');
const $ = <T extends Element>(el: Element, selector: string) => el.shadowRoot!.querySelector<T>(selector);
const liveRegion = (el: Element) => $(el, '[aria-live="polite"]')!.textContent ?? '';

async function widget(): Promise<TestWidget> {
  const el = await fixture<TestWidget>(`<cohort-test-widget space="${space}"></cohort-test-widget>`);
  await waitFor(() => Boolean($(el, '.button')), 'widget connected');
  return el;
}

before(async () => {
  await createSpace(space, { name: 'Core cohort' });
});

describe('display names', () => {
  it('are cleaned of control and invisible format characters, keeping emoji sequences', () => {
    expect(cleanDisplayName('  Ana\u202E gnp\u0007  ')).to.equal('Ana gnp');
    expect(cleanDisplayName('Fa\u200By\u2067')).to.equal('Fay');
    expect(cleanDisplayName('👩‍💻 Dev')).to.equal('👩‍💻 Dev');
    expect(cleanDisplayName('😀'.repeat(40))).to.equal('😀'.repeat(30));
  });

  it('can be changed later from "Posting as … · Change", by keyboard, and the change is announced', async () => {
    const el = await widget();
    $<HTMLButtonElement>(el, '.button')!.click();
    await waitFor(() => Boolean($(el, 'form.join')), 'join form');
    expect(text(el)).to.contain('You can change it later.');
    $<HTMLInputElement>(el, '#join-name')!.value = 'Ana\u202E Learner';
    $<HTMLFormElement>(el, 'form.join')!.requestSubmit();
    await waitFor(() => el.contributed === 1, 'contribution after joining');
    await waitFor(() => Boolean($(el, '.identity')), 'identity line');
    // The hostile bidi override is gone, and the name sits in its own <bdi> inside the sentence.
    expect($(el, '.identity bdi')!.textContent).to.equal('Ana Learner');
    expect(text(el)).to.contain('Posting as Ana Learner');
    await expect(el).to.be.accessible();

    // Keyboard only: focus the Change button and press Enter.
    const change = $<HTMLButtonElement>(el, '.identity button')!;
    expect(change.getAttribute('aria-label')).to.equal('Change your name');
    change.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => Boolean($(el, 'form.join')), 'rename form');
    expect(text(el)).to.contain('Change your name');
    expect(text(el)).not.to.contain('You can change it later.');
    const input = $<HTMLInputElement>(el, '#join-name')!;
    await waitFor(() => el.shadowRoot!.activeElement === input, 'focus in the name field');
    expect(input.value).to.equal('Ana Learner');
    await expect(el).to.be.accessible();
    input.select();
    await sendKeys({ type: 'Ana P.' });
    await sendKeys({ press: 'Enter' });

    await waitFor(() => liveRegion(el) === 'Your name is now Ana P..', 'rename announced');
    await waitFor(() => $(el, '.identity bdi')?.textContent === 'Ana P.', 'new name shown');
    await waitFor(() => el.shadowRoot!.activeElement === $(el, '.identity button'), 'focus back on Change');
    const uid = el['runtime']!.identity.user!.uid;
    // Announced once the server took it: the member document holds the new name.
    const stored = await readDocument<{ displayName: string; role: string }>(`spaces/${space}/members/${uid}`);
    expect(stored).to.include({ displayName: 'Ana P.', role: 'learner' });
    expect(el.contributed).to.equal(1);
  });

  it('Escape closes the rename form without saving, and focus returns to Change', async () => {
    const el = await widget();
    await waitFor(() => Boolean($(el, '.identity button')), 'identity line');
    $<HTMLButtonElement>(el, '.identity button')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => Boolean($(el, 'form.join')), 'rename form');
    await waitFor(() => el.shadowRoot!.activeElement === $(el, '#join-name'), 'focus in the name field');
    await sendKeys({ type: 'Someone else' });
    await sendKeys({ press: 'Escape' });
    await waitFor(() => !$(el, 'form.join'), 'form closed');
    await waitFor(() => el.shadowRoot!.activeElement === $(el, '.identity button'), 'focus back on Change');
    expect($(el, '.identity bdi')!.textContent).to.equal('Ana P.');
  });
});
