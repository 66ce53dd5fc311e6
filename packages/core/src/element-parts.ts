// Parts of the base element that only matter once it is connected: the "Posting as" line, writes kept on
// this device, the facilitator sign-in notice and the "can't reach" message. Loaded with the data module,
// after first paint, so they cost nothing before it.
import { msg, str } from '@lit/localize';
import { css, html, nothing, type ReactiveControllerHost } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { ResolvedConfig } from './config.js';
import type { CohortConnectionError } from './errors.js';
import type { IdentityService } from './identity.js';
import type { LiveAnnouncer } from './live-region.js';
import { announcesSignInNotice, setSignInNotice, watchSignInNotice, type SignInNotice } from './sign-in-link.js';

export const partStyles = css`
  /* "Posting as Ana · Change": small, below the content, wraps on a 320 px screen. */
  .identity {
    margin: 0;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.35em;
    font-size: 0.875rem;
  }
  .link-button {
    min-block-size: 1.5rem;
    min-inline-size: 1.5rem;
    padding: 0.125rem 0.25rem;
    border: 0;
    background: none;
    color: var(--_accent);
    font-weight: 600;
    text-decoration: underline;
    cursor: pointer;
  }
`;

/** How long a live write waits for the server before it counts as kept on this device. */
const PENDING_AFTER_MS = 3000;
/** Offline, the SDK has stored the write locally within a moment; no need to wait for a server. */
const PENDING_OFFLINE_MS = 300;

/**
 * Before a contribution: loads Auth (a reader never did) and, if this device already has a learner,
 * waits until their membership is known, so a returning member is not asked to join again.
 */
export async function memberOfReturningLearner(
  identity: IdentityService,
  memberLoadedFor: (uid: string) => boolean,
): Promise<void> {
  const user = await identity.current();
  for (let waited = 0; user && !memberLoadedFor(user.uid) && waited < 10000; waited += 50) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** "Posting as <name> · Change". The name sits in <bdi>, so a right-to-left or odd name cannot reorder the sentence. */
export function renderIdentity(name: string, onChange: () => void) {
  return html`<p class="identity muted" part="identity">
    <span>${msg(html`Posting as <bdi>${name}</bdi>`, { id: 'core.identity.posting-as' })}</span>
    <span aria-hidden="true">·</span>
    <button
      class="link-button"
      part="change-name"
      type="button"
      aria-label=${msg('Change your name', { id: 'core.identity.change-label' })}
      @click=${onChange}
    >
      ${msg('Change', { id: 'core.identity.change' })}
    </button>
  </p>`;
}

export function renamedMessage(name: string): string {
  return msg(str`Your name is now ${name}.`, { id: 'core.identity.renamed' });
}

const dismissLabel = () => msg('Dismiss', { id: 'core.sign-in.dismiss' });

/**
 * Writes the server has not confirmed yet. The SDK keeps them on this device and sends them when the
 * connection returns; the element says so instead of staying busy, and shows a later refusal on its own.
 */
export class PendingWrites {
  count = 0;
  error = '';

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly announcer: LiveAnnouncer,
  ) {
    // The notice says how things are now: a write that was still sending when the connection dropped is waiting
    // for the connection too, whatever the state was when it started.
    const onChange = () => {
      if (this.count > 0) this.host.requestUpdate();
    };
    host.addController({
      hostConnected: () => {
        window.addEventListener('online', onChange);
        window.addEventListener('offline', onChange);
      },
      hostDisconnected: () => {
        window.removeEventListener('online', onChange);
        window.removeEventListener('offline', onChange);
      },
    });
  }

  get offline(): boolean {
    return navigator.onLine === false;
  }

  #message(): string {
    return this.offline
      ? msg("Saved on this device — will send when you're back online.", { id: 'core.pending.offline' })
      : msg('Saved on this device — still sending.', { id: 'core.pending.slow' });
  }

  /**
   * Waits for the server's answer to a write (`answer` resolves to its error, if any), but only briefly:
   * after that, or at once when the browser knows it is offline, the write counts as saved here.
   */
  async settle(answer: Promise<CohortConnectionError | undefined>): Promise<void> {
    const offline = navigator.onLine === false;
    const pending = Symbol('pending');
    const wait = offline ? PENDING_OFFLINE_MS : PENDING_AFTER_MS;
    const first = await Promise.race([answer, new Promise((resolve) => setTimeout(() => resolve(pending), wait))]);
    if (first !== pending) {
      if (first) throw first;
      return;
    }
    this.#track(answer);
  }

  #track(answer: Promise<CohortConnectionError | undefined>): void {
    this.count++;
    this.announcer.announce(this.#message());
    this.host.requestUpdate();
    void answer.then((error) => {
      this.count--;
      if (error) {
        this.error = msg(str`A change saved on this device was refused by the server: ${error.message}`, {
          id: 'core.pending.refused',
        });
      } else if (this.count === 0) {
        this.announcer.announce(msg('Your changes were sent.', { id: 'core.pending.sent' }));
      }
      this.host.requestUpdate();
    });
  }

  render() {
    return html`${this.count > 0 ? html`<p class="notice" part="pending">${this.#message()}</p>` : nothing}
    ${
      this.error
        ? html`<div class="notice notice--error" role="alert" part="write-error">
            <p>${this.error}</p>
            <button
              class="link-button"
              type="button"
              @click=${() => {
                this.error = '';
                this.host.requestUpdate();
              }}
            >
              ${dismissLabel()}
            </button>
          </div>`
        : nothing
    }`;
  }
}

/**
 * The facilitator sign-in notice for one element. Every element shows it; the first one on the page
 * says it (polite for success, an alert for failure), so a screen reader hears it once.
 */
export class SignInNoticeView {
  notice?: SignInNotice;
  readonly stop: () => void;
  #listener = (notice: SignInNotice | undefined) => {
    this.notice = notice;
    if (notice?.ok && announcesSignInNotice(this.#listener)) this.announcer.announce(notice.message);
    this.host.requestUpdate();
  };

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly announcer: LiveAnnouncer,
  ) {
    this.stop = watchSignInNotice(this.#listener);
  }

  render() {
    const notice = this.notice;
    // A link that needs the address typed again is the sign-in form's to show (sign-in-form.ts).
    if (!notice || notice.link) return nothing;
    const alert = !notice.ok && announcesSignInNotice(this.#listener);
    return html`<div
      class="notice sign-in ${notice.ok ? '' : 'notice--error'}"
      part="sign-in-notice"
      role=${ifDefined(alert ? 'alert' : undefined)}
    >
      <p>${notice.message}</p>
      <button class="link-button" type="button" @click=${() => setSignInNotice(undefined)}>${dismissLabel()}</button>
    </div>`;
  }
}

/** "This round has ended on 15 June 2026.": what every element of a closed space says, and why a write was refused. */
export function roundEndedMessage(closedAt: Date, locale: string): string {
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'long' }).format(closedAt);
  return msg(str`This round has ended on ${date}.`, { id: 'core.round-ended' });
}

/** Above the content of a closed space's element, which keeps showing it. */
export function renderRoundEnded(closedAt: Date, locale: string) {
  return html`<p class="notice" role="status" part="round-ended">${roundEndedMessage(closedAt, locale)}</p>`;
}

/** In place of the contribution controls for someone a facilitator took out of the space. */
export function renderRemoved() {
  return html`<p class="notice" role="status" part="removed">
    ${msg('You were removed from this cohort', { id: 'core.removed' })}
  </p>`;
}

/**
 * While Auth refuses new accounts from this network (a class joining at once): the contribution waits on this
 * device and is sent when the account exists.
 */
export function signInDelayMessage(widget: string): string {
  if (widget === 'poll')
    return msg('Many people are joining from your network: your vote will be sent in a moment.', {
      id: 'core.join-busy.vote',
    });
  if (widget === 'thread')
    return msg('Many people are joining from your network: your post will be sent in a moment.', {
      id: 'core.join-busy.post',
    });
  return msg('Many people are joining from your network: yours will be sent in a moment.', {
    id: 'core.join-busy.other',
  });
}

/** What to say when the server has not answered: for an emulator, which address and what to start. */
export function unreachableMessage(config: ResolvedConfig | undefined): string {
  const emulator = config?.mode === 'live' ? config.firestoreEmulator : undefined;
  if (emulator) {
    return msg(
      str`Can't reach the Firestore emulator at ${emulator.host}:${emulator.port}. Is it running (npm run emulators)? Check data-firestore-emulator.`,
      { id: 'core.stale-emulator' },
    );
  }
  return msg("Can't reach the server. Still trying; anything you write is kept.", { id: 'core.stale' });
}
