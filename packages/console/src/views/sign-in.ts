// Signed out: the email form for a sign-in link, or what to do once it is sent. An account that is no owner: how to
// become one.
import { msg, str } from '@lit/localize';
import { html, type TemplateResult } from 'lit';
import type { FieldErrors } from '../console-model.js';
import { field, onSubmit } from './fields.js';

export interface SignInState {
  linkSentTo: string;
  busy: boolean;
  errors: FieldErrors;
}

export function renderSignIn(
  state: SignInState,
  send: (form: HTMLFormElement) => unknown,
  otherEmail: () => void,
): TemplateResult {
  if (state.linkSentTo) {
    return html`<section class="console__section" aria-labelledby="sign-in-title">
      <h2 id="sign-in-title">${msg('Check your email', { id: 'console.check-email' })}</h2>
      <p>
        ${msg(
          str`We sent a sign-in link to ${state.linkSentTo}. Open it in this browser to come back here signed in.`,
          {
            id: 'console.link-sent-long',
          },
        )}
      </p>
      <button class="button button--quiet" type="button" @click=${otherEmail}>
        ${msg('Use another email', { id: 'console.other-email' })}
      </button>
    </section>`;
  }
  return html`<section class="console__section" aria-labelledby="sign-in-title">
    <h2 id="sign-in-title">${msg('Sign in', { id: 'console.sign-in' })}</h2>
    <p>${msg('Course owners sign in with a link sent by email. No password.', { id: 'console.sign-in-lede' })}</p>
    <form class="console__form" novalidate @submit=${onSubmit(send)}>
      ${field({
        form: 'sign-in',
        name: 'email',
        type: 'email',
        autocomplete: 'email',
        label: msg('Your email', { id: 'console.email' }),
        errors: state.errors,
      })}
      <div>
        <button class="button" type="submit" ?disabled=${state.busy}>
          ${msg('Send sign-in link', { id: 'console.send-link' })}
        </button>
      </div>
    </form>
  </section>`;
}

export function renderNotOwner(email: string): TemplateResult {
  return html`<div class="notice notice--error" role="alert">
    <p class="notice__title">${msg('This email is not a course owner.', { id: 'console.not-owner' })}</p>
    <p>
      ${msg(str`Ask whoever set up Cohort Kit to run: npx cohort-kit add-owner --email ${email}`, {
        id: 'console.not-owner-fix',
      })}
    </p>
  </div>`;
}
