import { expect, fixture } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { html, nothing } from 'lit';
import { initializeApp } from 'firebase/app';
import { createSpace, readDocument, uniqueId, useEmulators, waitFor } from '../testing/emulators.js';
import { CohortElement } from './cohort-element.js';
import { resolveConfig } from './config-check.js';
import { describeFirestoreError, describeSpaceReadError } from './data.js';
import { defineElement } from './define.js';
import { IdentityService } from './identity.js';
import { cleanDisplayName } from './names.js';
import { setSignInNotice } from './sign-in-link.js';

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

const emulators = useEmulators();

/** An error shaped like the SDK's (FirestoreError's constructor is not public). */
const firestoreError = (code: string, message: string) =>
  Object.assign(new Error(message), { code, name: 'FirebaseError' });
const space = uniqueId('core-test');

const text = (el: Element) => el.shadowRoot!.textContent!.replace(/\s+/g, ' ');
const $ = <T extends Element>(el: Element, selector: string) => el.shadowRoot!.querySelector<T>(selector);
const liveRegion = (el: Element) => $(el, '[aria-live="polite"]')!.textContent ?? '';

async function widget(spaceId = space): Promise<TestWidget> {
  const el = await fixture<TestWidget>(`<cohort-test-widget space="${spaceId}"></cohort-test-widget>`);
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

  it('lose what shows as nothing, so a blank or look-alike name never reaches the form', () => {
    expect(cleanDisplayName('\u3164')).to.equal('');
    expect(cleanDisplayName('\u00A0\u3000\u2800\u115F\uFFA0\u034F')).to.equal('');
    expect(cleanDisplayName('Fay Facil\uFE0F')).to.equal('Fay Facil');
    expect(cleanDisplayName('Fay\u00A0Facil')).to.equal('Fay Facil');
    expect(cleanDisplayName('Ana ❤️ 🏳️‍🌈 1️⃣')).to.equal('Ana ❤️ 🏳️‍🌈 1️⃣');
    // A cut at 60 inside an emoji sequence leaves no dangling joiner.
    expect(cleanDisplayName(`${'x'.repeat(57)}👩‍💻`)).to.equal(`${'x'.repeat(57)}👩`);
  });

  it('a name of fillers that show as nothing gets a clear message, and nothing is written', async () => {
    const el = await widget();
    $<HTMLButtonElement>(el, '.button')!.click();
    await waitFor(() => Boolean($(el, 'form.join')), 'join form');
    $<HTMLInputElement>(el, '#join-name')!.value = '\u3164\u00A0\u2800';
    $<HTMLFormElement>(el, 'form.join')!.requestSubmit();
    await waitFor(() => text(el).includes('Enter a name with at least one letter, number or emoji.'), 'message');
    expect($(el, '[role="alert"]')!.textContent).to.contain('at least one letter');
    expect(el.contributed).to.equal(0);
    // The form stays, with what was typed, for the learner to correct.
    expect($<HTMLInputElement>(el, '#join-name')!.value).to.equal('\u3164\u00A0\u2800');
  });

  it('a press while the name form is open, or while the name is on its way, waits for that name: each press counts', async () => {
    const ownSpace = uniqueId('core-test');
    await createSpace(ownSpace, { name: 'Core cohort' });
    const el = await widget(ownSpace);
    const sayHello = () => $<HTMLButtonElement>(el, '.button')!.click();
    sayHello();
    await waitFor(() => Boolean($(el, 'form.join')), 'join form');
    sayHello();
    $<HTMLInputElement>(el, '#join-name')!.value = 'Hurried Ana';
    $<HTMLFormElement>(el, 'form.join')!.requestSubmit();
    sayHello();
    await waitFor(() => el.contributed === 3, 'three contributions after one name');
    await el.updateComplete;
    expect($(el, 'form.join')).to.equal(null);
    expect(text(el)).to.contain('Posting as Hurried Ana');
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

describe('an element moved on the page', () => {
  afterEach(() => setSignInNotice(undefined));

  it('shows a facilitator sign-in notice that arrives after the move, and it can be dismissed', async () => {
    const el = await widget();
    // An authoring tool moves a block while the page loads: the same element is taken out and put back elsewhere.
    const elsewhere = await fixture<HTMLElement>('<section></section>');
    elsewhere.append(el);
    // The email-link sign-in finishes a moment later.
    setSignInNotice({ ok: true, message: 'Signed in as fay@example.org.' });
    await waitFor(() => Boolean($(el, '[part="sign-in-notice"]')), 'notice shown after the move');
    expect(text(el)).to.contain('Signed in as fay@example.org.');
    await expect(el).to.be.accessible();
    $<HTMLButtonElement>(el, '[part="sign-in-notice"] button')!.click();
    await waitFor(() => !$(el, '[part="sign-in-notice"]'), 'notice dismissed');
  });
});

describe('errors that look like something else', () => {
  it('a refused read of the public space names data-project-id, not a missing role', () => {
    const refused = describeFirestoreError(firestoreError('permission-denied', 'Missing or insufficient permissions.'));
    const message = describeSpaceReadError(refused, 'my-cours').message;
    expect(message).to.contain('project "my-cours"');
    expect(message).to.contain('Check data-project-id');
    expect(message).not.to.contain('role');
  });

  it('a missing database is explained, never shown as the SDK text', () => {
    const raw = 'The database (default) does not exist for project my-cours';
    const message = describeFirestoreError(firestoreError('not-found', raw)).message;
    expect(message).to.contain('Check data-project-id');
    expect(message).not.to.contain(raw);
  });
});

describe('signing in', () => {
  /** An identity of its own (own app, own project): its sign-in state is not shared with other tests. */
  function freshIdentity() {
    const projectId = `demo-${uniqueId('id').slice(0, 20)}`.toLowerCase().replace(/[^a-z0-9-]/g, '-');
    const app = initializeApp({ projectId, apiKey: 'emulator-api-key' }, uniqueId('app'));
    const config = resolveConfig({
      projectId,
      firestoreEmulator: emulators.firestoreEmulator,
      authEmulator: emulators.authEmulator,
    });
    return new IdentityService(app, config);
  }

  it('a reader with no earlier session does not load Auth', () => {
    const identity = freshIdentity();
    const seen: unknown[] = [];
    const stop = identity.subscribe((user) => seen.push(user));
    expect(seen).to.deep.equal([null]);
    expect(identity.authLoaded).to.equal(false);
    stop();
  });

  it('two contributions at once share one sign-in: one learner, one anonymous account', async () => {
    const identity = freshIdentity();
    const [first, second] = await Promise.all([identity.ensureSignedIn(), identity.ensureSignedIn()]);
    expect(first.uid).to.be.a('string').and.not.equal('');
    expect(second.uid).to.equal(first.uid);
    expect(identity.user?.uid).to.equal(first.uid);
  });
});

describe('in Spanish and right to left', () => {
  let lang = '';
  beforeEach(() => {
    lang = document.documentElement.lang;
  });
  afterEach(async () => {
    document.documentElement.lang = lang;
    const { setCohortLocale } = await import('./localize.js');
    await setCohortLocale(lang);
  });

  it('with lang="es", problems and the name form speak Spanish', async () => {
    document.documentElement.lang = 'es';
    const broken = await fixture<TestWidget>(`<cohort-test-widget space="semana 2"></cohort-test-widget>`);
    await waitFor(() => Boolean($(broken, '[part="problem"]')), 'problem shown');
    expect(text(broken)).to.contain('Este elemento no puede mostrarse');
    expect(text(broken)).to.contain('space="semana 2" no es un identificador válido');
    expect(() => resolveConfig({ projectId: 'mi-curso', firestoreEmulator: '127.0.0.1:8080' })).to.throw(
      /data-firestore-emulator y data-auth-emulator van juntos/,
    );
    expect(describeFirestoreError(firestoreError('permission-denied', 'x')).message).to.contain('No se permitió');
    const { roundEndedMessage } = await import('./element-parts.js');
    expect(roundEndedMessage(new Date(2026, 5, 15, 12), 'es')).to.equal('Esta edición terminó el 15 de junio de 2026.');

    const el = await widget();
    await waitFor(() => Boolean($(el, '.identity')), 'identity line');
    expect(text(el)).to.contain('Publicas como Ana P.');
    expect($(el, '.identity button')!.getAttribute('aria-label')).to.equal('Cambiar tu nombre');
    $<HTMLButtonElement>(el, '.identity button')!.click();
    await waitFor(() => Boolean($(el, 'form.join')), 'rename form');
    expect(text(el)).to.contain('Cambia tu nombre');
    expect(text(el)).to.contain('Guardar nombre');
    await expect(el).to.be.accessible();
  });

  it('with dir="rtl", notices and the name line are laid out from the right', async () => {
    const wrapper = await fixture<HTMLDivElement>(`<div dir="rtl" style="inline-size: 320px">
      <cohort-test-widget space="semana 2"></cohort-test-widget>
      <cohort-test-widget space="${space}"></cohort-test-widget></div>`);
    const [broken, el] = [...wrapper.querySelectorAll<TestWidget>('cohort-test-widget')] as [TestWidget, TestWidget];
    await waitFor(() => Boolean($(broken, '[part="problem"]')), 'problem shown');
    const notice = getComputedStyle($(broken, '[part="problem"]')!);
    // The notice's accent bar is on its start side, which is the right in a right-to-left page.
    expect(notice.borderRightWidth).to.equal('4px');
    expect(notice.borderLeftWidth).to.equal('0px');
    await waitFor(() => Boolean($(el, '.identity')), 'identity line');
    const name = $(el, '.identity bdi')!.getBoundingClientRect();
    const change = $(el, '.identity button')!.getBoundingClientRect();
    // Read from the right: "Posting as <name>" first, then "Change" to its left; nothing overflows 320 px.
    expect(change.right).to.be.at.most(name.left);
    expect(el.getBoundingClientRect().width).to.be.at.most(320);
    await expect(el).to.be.accessible();
  });
});
