// Facilitator sign-in where facilitators work: the quiet "Facilitator? Sign in" entry every element ends with, the
// email form behind it (also the whole content of <cohort-sign-in>), the messages for what can go wrong, and the
// "Signed in as … · Sign out" line. Loaded after first paint with the element's other connected parts.
import { msg, str } from '@lit/localize';
import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { SpaceState } from './data.js';
import type { CohortConnectionError } from './errors.js';
import type { IdentityService } from './identity.js';
import { roleLabel } from './roles.js';
import { completeSignIn, setSignInNotice, watchSignInNotice } from './sign-in-link.js';

export type SignInPhase = 'closed' | 'email' | 'sent' | 'confirm';

export interface SignInHost extends ReactiveControllerHost {
  readonly renderRoot: HTMLElement | DocumentFragment;
  readonly identity: IdentityService | undefined;
  announce(message: string): void;
}

const EMAIL_SHAPE = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const TEAM_ROLES = ['facilitator', 'owner', 'mentor'];

/** Whether this page sits in another site's frame (a course platform): its storage is not the tab's. */
export const inFrame = (): boolean => window.top !== window;

/** A sentence for a failed send or sign-in; the codes Auth answers with when the project needs a setting. */
export function signInErrorMessage(error: unknown): string {
  const code = (error as CohortConnectionError)?.code ?? '';
  switch (code) {
    case 'auth/unauthorized-continue-uri':
    case 'auth/unauthorized-domain':
    case 'auth/invalid-continue-uri':
      return msg(
        str`This page's domain (${location.hostname}) is not authorised for sign-in links: add it in Firebase Authentication → Settings → Authorized domains.`,
        { id: 'core.sign-in.unauthorized-domain' },
      );
    case 'auth/quota-exceeded':
      return msg("Today's sign-in emails are used up for this project. Try again tomorrow, or ask the course owner.", {
        id: 'core.sign-in.quota',
      });
    default:
      return (error as Error)?.message || String(error);
  }
}

/** The no-role message: signed in, but this space has no team role and no invitation for the address. */
export const noRoleMessage = () =>
  msg('This email has no facilitator role in this space: ask the course owner.', { id: 'core.sign-in.no-role' });

/**
 * The state of one element's sign-in form. Every element has one; `<cohort-sign-in>` opens it at once. A sign-in
 * link opened where no email was remembered (another browser) comes back as a notice with the link, and every
 * element's form then asks for the address to finish.
 */
export class SignInFlow {
  phase: SignInPhase = 'closed';
  email = '';
  error = '';
  busy = false;
  #link = '';
  #stopNotice: () => void;

  constructor(
    private readonly host: SignInHost,
    /** The form's ids, unique in the element's shadow root. */
    readonly idPrefix = 'cohort-sign-in',
  ) {
    this.#stopNotice = watchSignInNotice((notice) => {
      if (!notice?.link) return;
      this.#link = notice.link;
      this.#set({ phase: 'confirm', error: '' });
    });
  }

  stop(): void {
    this.#stopNotice();
  }

  #set(patch: Partial<Pick<SignInFlow, 'phase' | 'email' | 'error' | 'busy'>>) {
    Object.assign(this, patch);
    this.host.requestUpdate();
  }

  #focus(selector: string) {
    void this.host.updateComplete.then(() =>
      (this.host.renderRoot as ParentNode).querySelector<HTMLElement>(selector)?.focus(),
    );
  }

  /** Opens the email form; `focus` takes the keyboard there (not when a page shows it from the start). */
  open(focus = true): void {
    this.#set({ phase: 'email', error: '' });
    if (focus) this.#focus(`#${this.idPrefix}-email`);
  }

  close(): void {
    this.#set({ phase: 'closed', error: '', busy: false });
    this.#focus('.sign-in-entry');
  }

  async send(email: string): Promise<void> {
    const address = email.trim();
    if (!EMAIL_SHAPE.test(address)) {
      this.#set({ error: msg('That email address does not look right.', { id: 'core.auth.invalid-email' }) });
      return;
    }
    const identity = this.host.identity;
    if (!identity) {
      this.#set({
        error: msg('Preview: no email is sent here. Sign-in links work on the live course page.', {
          id: 'core.sign-in.preview',
        }),
      });
      return;
    }
    this.#set({ busy: true, error: '', email: address });
    try {
      await identity.sendFacilitatorSignInLink(address, location.href);
      this.#set({ phase: 'sent' });
      this.host.announce(this.sentMessage());
    } catch (error) {
      this.#set({ error: signInErrorMessage(error) });
    } finally {
      this.#set({ busy: false });
    }
  }

  sentMessage(): string {
    return msg(str`We sent a sign-in link to ${this.email}. Open it to finish signing in.`, {
      id: 'core.sign-in.sent',
    });
  }

  /** Finishes with a link pasted into the frame, or with the address typed where the link was opened. */
  async finish(link: string, email = this.email): Promise<void> {
    if (!link.trim()) return;
    this.#set({ busy: true, error: '' });
    try {
      await completeSignIn(link.trim(), email || undefined);
      this.#link = '';
      this.#set({ phase: 'closed' });
    } catch (error) {
      // The form says why, in place; the page-wide notice would say it a second time.
      setSignInNotice(undefined);
      const code = (error as CohortConnectionError).code;
      this.#set({
        error:
          code === 'auth/argument-error' || !code
            ? msg('That is not the link from the sign-in email. Copy the whole link and paste it again.', {
                id: 'core.sign-in.not-a-link',
              })
            : signInErrorMessage(error),
      });
    } finally {
      this.#set({ busy: false });
    }
  }

  /** The link opened here without a remembered address: the address typed now finishes it. */
  confirm(email: string): Promise<void> {
    const address = email.trim();
    if (!EMAIL_SHAPE.test(address)) {
      this.#set({ error: msg('That email address does not look right.', { id: 'core.auth.invalid-email' }) });
      return Promise.resolve();
    }
    return this.finish(this.#link, address);
  }

  async signOut(): Promise<void> {
    await this.host.identity?.signOut();
    this.#set({ phase: 'closed', error: '', email: '' });
    this.host.announce(msg('You are signed out.', { id: 'core.sign-in.signed-out' }));
  }
}

/** One step of the sign-in: a title or status line, one field, the submit button. */
interface Step {
  heading: TemplateResult;
  name: 'email' | 'link';
  label: string;
  button: string;
  value?: string;
  action: (value: string) => Promise<void>;
}

/** The step the flow is at: the email to send to, the address to confirm, or the link pasted into a frame. */
function currentStep(flow: SignInFlow, id: string): Step {
  const finish = msg('Finish signing in', { id: 'core.sign-in.finish' });
  if (flow.phase === 'confirm')
    return {
      heading: html`<p class="notice__title" id="${id}-title">
        ${msg('Confirm your email to finish signing in', { id: 'core.sign-in.confirm-title' })}
      </p>`,
      name: 'email',
      label: msg('The email the link was sent to', { id: 'core.sign-in.confirm-label' }),
      button: finish,
      action: (value) => flow.confirm(value),
    };
  if (flow.phase === 'sent') {
    // A course platform's frame keeps its own storage: the tab the link opens in cannot sign this frame in.
    const heading = html`<p role="status" id="${id}-title">${flow.sentMessage()}</p>`;
    if (!inFrame()) return { heading, name: 'link', label: '', button: '', action: async () => {} };
    return {
      heading,
      name: 'link',
      label: msg('Paste the link from the email here', { id: 'core.sign-in.paste' }),
      button: finish,
      action: (value) => flow.finish(value),
    };
  }
  return {
    heading: html`<p class="notice__title" id="${id}-title">
      ${msg('Facilitator sign-in', { id: 'core.sign-in.title' })}
    </p>`,
    name: 'email',
    label: msg('Your email', { id: 'core.sign-in.email' }),
    button: msg('Email me a sign-in link', { id: 'core.sign-in.send' }),
    value: flow.email,
    action: (value) => flow.send(value),
  };
}

/** The sign-in form in its current phase: render-only, the same markup in every element and in <cohort-sign-in>. */
export function renderSignInForm(flow: SignInFlow, options: { closable: boolean }): TemplateResult {
  const id = flow.idPrefix;
  const step = currentStep(flow, id);
  const onSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    const value = new FormData(event.target as HTMLFormElement).get(step.name);
    if (!flow.busy) void step.action(typeof value === 'string' ? value : '');
  };
  const onKeydown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && options.closable && !flow.busy) {
      event.preventDefault();
      flow.close();
    }
  };
  const described = flow.error ? `${id}-error` : nothing;
  return html`<form
    class="sign-in-form notice"
    part="sign-in-form"
    novalidate
    aria-labelledby="${id}-title"
    aria-busy=${flow.busy ? 'true' : 'false'}
    @keydown=${onKeydown}
    @submit=${onSubmit}
  >
    ${step.heading}
    ${
      step.label
        ? html`<div class="field">
            <label for="${id}-${step.name}">${step.label}</label>
            <input
              id="${id}-${step.name}"
              name=${step.name}
              type=${step.name === 'email' ? 'email' : 'url'}
              autocomplete=${step.name === 'email' ? 'email' : 'off'}
              .value=${step.value ?? ''}
              aria-describedby=${described}
            />
          </div>`
        : nothing
    }
    ${flow.error ? html`<p class="error" role="alert" id="${id}-error">${flow.error}</p>` : nothing}
    <div class="actions">
      ${step.button ? html`<button class="button" type="submit" ?disabled=${flow.busy}>${step.button}</button>` : nothing}
      ${
        options.closable
          ? html`<button class="button button--quiet" type="button" @click=${() => flow.close()}>
              ${msg('Cancel', { id: 'core.join.cancel' })}
            </button>`
          : nothing
      }
    </div>
  </form>`;
}

/**
 * The end of every element: "Signed in as Fay · Facilitator · Sign out" for someone signed in with an email (with
 * the no-role message when this space gives them none), else the quiet "Facilitator? Sign in" and its form.
 */
export function renderAccount(flow: SignInFlow, state: SpaceState | undefined, offerEntry: boolean) {
  const user = state?.user;
  if (user && !user.isAnonymous && user.email) {
    const member = state?.member;
    if (member?.role === 'removed') return nothing;
    const hasRole = Boolean(member && TEAM_ROLES.includes(member.role));
    const name = member?.displayName || user.email;
    const role = hasRole ? roleLabel(member?.role) : undefined;
    return html`${
        state?.teamRole === 'none' && !hasRole
          ? html`<p class="notice" part="sign-in-no-role">${noRoleMessage()}</p>`
          : nothing
      }
      <p class="identity muted" part="signed-in">
        <span
          >${
            role
              ? msg(html`Signed in as <bdi>${name}</bdi> · ${role}`, { id: 'core.sign-in.as-role' })
              : msg(html`Signed in as <bdi>${name}</bdi>`, { id: 'core.sign-in.as' })
          }</span
        >
        <span aria-hidden="true">·</span>
        <button class="link-button" part="sign-out" type="button" @click=${() => flow.signOut()}>
          ${msg('Sign out', { id: 'core.sign-in.sign-out' })}
        </button>
      </p>`;
  }
  if (flow.phase !== 'closed') return renderSignInForm(flow, { closable: offerEntry });
  if (!offerEntry) return nothing;
  return html`<p class="sign-in-entry-line">
    <button class="link-button sign-in-entry muted" part="sign-in-entry" type="button" @click=${() => flow.open()}>
      ${msg('Facilitator? Sign in', { id: 'core.sign-in.entry' })}
    </button>
  </p>`;
}
