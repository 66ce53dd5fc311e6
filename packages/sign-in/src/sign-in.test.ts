import { expect, fixture, html } from '@open-wc/testing';
import { useEmulators, createSpace, uniqueId, waitFor } from '@cohort-kit/core/testing';
import type { CohortSignIn } from './sign-in.js';
import './cohort-sign-in.js';

useEmulators();

async function signInElement(space: string) {
  const el = await fixture<CohortSignIn>(html`<cohort-sign-in space=${space}></cohort-sign-in>`);
  const root = el.shadowRoot!;
  await waitFor(() => Boolean(root.querySelector('input[type="email"]')), 'the email form');
  return { el, root };
}

function submit(root: ShadowRoot, email: string) {
  root.querySelector<HTMLInputElement>('input[type="email"]')!.value = email;
  root.querySelector<HTMLButtonElement>('form button[type="submit"]')!.click();
}

describe('<cohort-sign-in> messages', () => {
  it('is accessible with its form open', async () => {
    const space = uniqueId('sign-in');
    await createSpace(space);
    const { el } = await signInElement(space);
    await expect(el).to.be.accessible();
  });

  it('says an address that is not one does not look right, before asking Auth', async () => {
    const space = uniqueId('sign-in');
    await createSpace(space);
    const { root } = await signInElement(space);
    submit(root, 'fay.example.org');
    await waitFor(() => Boolean(root.querySelector('[role="alert"]')), 'the message');
    expect(root.querySelector('[role="alert"]')!.textContent).to.contain('That email address does not look right.');
  });

  it('sends the link through the Auth emulator and says where it went', async () => {
    const space = uniqueId('sign-in');
    await createSpace(space);
    const { root } = await signInElement(space);
    const email = `${uniqueId('fay')}@example.org`;
    submit(root, email);
    await waitFor(() => root.textContent!.includes(`We sent a sign-in link to ${email}.`), 'the sent message', 20000);
  });
});
