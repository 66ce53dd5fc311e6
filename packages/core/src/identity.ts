import { msg, str } from '@lit/localize';
import type { FirebaseApp } from 'firebase/app';
import type { ResolvedConfig } from './config.js';
import { CohortConnectionError } from './errors.js';
import { customTokenProvider } from './identity-hook.js';
import { FRAMED_PARAM, isSignInLink, withoutSignInParams } from './sign-in-url.js';

export { CohortConnectionError };

export interface CohortUser {
  uid: string;
  /** Anonymous learners can lose their identity with their browser data; durable accounts cannot. */
  isAnonymous: boolean;
  email?: string;
  /** An email-link sign-in proves the address; invitations are claimed only with a verified one. */
  emailVerified?: boolean;
}

type AuthModule = typeof import('./auth-runtime.js');
const PREVIEW_UID_KEY = 'cohort-kit:preview-uid';
const EMAIL_KEY = 'cohort-kit:sign-in-email';
/** Set while someone is signed in on this device, so a reload knows Auth is worth loading. */
const SIGNED_IN_KEY = 'cohort-kit:signed-in';
/** Auth's answers when too many accounts are made from one network at once (a class in one room). */
const BUSY_CODES = new Set(['auth/quota-exceeded', 'auth/too-many-requests']);
/** The first wait before asking Auth again, doubled each time up to the cap. */
const RETRY_FIRST_MS = 2000;
const RETRY_MAX_MS = 30000;

function randomId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(10)), (b) => b.toString(36).padStart(2, '0')).join('');
}

function storage(action: (store: Storage) => void): void {
  try {
    action(localStorage);
  } catch {
    // storage blocked (a sandboxed iframe): the hint is only an optimisation
  }
}

/** A sentence for an Auth error; with an Auth emulator configured, a network failure names its address. */
function describeAuthError(error: unknown, emulator: string | undefined): CohortConnectionError {
  const code = (error as { code?: string })?.code ?? '';
  if (code === 'auth/network-request-failed') {
    return new CohortConnectionError(
      emulator
        ? msg(
            str`Can't reach the Auth emulator at ${emulator}. Is it running (npm run emulators)? Check data-auth-emulator.`,
            {
              id: 'core.auth.emulator-unreachable',
            },
          )
        : msg('Could not reach the sign-in service. Check the connection and try again.', {
            id: 'core.auth.unreachable',
          }),
      true,
      code,
    );
  }
  if (code === 'auth/operation-not-allowed' || code === 'auth/admin-restricted-operation') {
    return new CohortConnectionError(
      msg(
        'This way of signing in is turned off for this Firebase project. Enable it under Authentication → Sign-in method.',
        {
          id: 'core.auth.disabled',
        },
      ),
      false,
      code,
    );
  }
  if (code === 'auth/invalid-api-key' || code === 'auth/api-key-not-valid.-please-pass-a-valid-api-key.') {
    return new CohortConnectionError(
      msg('The Firebase API key (data-api-key) was refused. Copy it again from the Firebase console.', {
        id: 'core.auth.api-key',
      }),
      false,
      code,
    );
  }
  if (code === 'auth/invalid-action-code' || code === 'auth/expired-action-code') {
    return new CohortConnectionError(
      msg('This sign-in link has expired or was already used. Ask for a new one.', { id: 'core.auth.link-used' }),
      false,
      code,
    );
  }
  if (code === 'auth/invalid-email') {
    return new CohortConnectionError(
      msg('That email address does not look right.', { id: 'core.auth.invalid-email' }),
      false,
      code,
    );
  }
  if (code === 'cohort/email-needed') {
    return new CohortConnectionError(
      msg('Confirm your email to finish signing in.', { id: 'core.auth.confirm-email' }),
      false,
      code,
    );
  }
  if (code === 'auth/invalid-custom-token' || code === 'auth/custom-token-mismatch') {
    return new CohortConnectionError(
      msg("The course's sign-in token was refused. Reload the page; if it happens again, tell the course team.", {
        id: 'core.auth.custom-token',
      }),
      false,
      code,
    );
  }
  return new CohortConnectionError(
    msg(str`Sign-in failed (${code || String(error)}).`, { id: 'core.auth.failed' }),
    true,
    code,
  );
}

/** Who the learner is: a local id in preview mode, Firebase Auth otherwise. */
export class IdentityService {
  #auth?: Promise<{ module: AuthModule; auth: import('./auth-runtime.js').Auth }>;
  #listeners = new Set<(user: CohortUser | null) => void>();
  #user: CohortUser | null = null;
  #signingIn?: Promise<CohortUser>;
  #delayListeners = new Set<(delayed: boolean) => void>();
  #delayed = false;

  constructor(
    private readonly app: FirebaseApp,
    private readonly config: ResolvedConfig,
  ) {
    if (config.mode === 'preview') this.#user = { uid: this.#previewUid(), isAnonymous: true };
    // Another page of this origin (a second course frame, another tab) signed the learner in: Firestore's tabs share
    // one connection, run by one of them under its own sign-in, so this page loads Auth and takes the same learner
    // (else a primary tab with no one signed in asks for the others' member-only data, and is refused).
    else if (typeof addEventListener === 'function') {
      addEventListener('storage', (event) => {
        if (event.key !== this.#signedInKey() || event.newValue !== '1' || this.#auth) return;
        this.current().catch((error: unknown) => console.error('[cohort-kit] sign-in state:', error));
      });
    }
  }

  get user(): CohortUser | null {
    return this.#user;
  }

  /** Whether the Auth SDK has been requested (readers with no earlier session never request it). */
  get authLoaded(): boolean {
    return Boolean(this.#auth);
  }

  #previewUid(): string {
    try {
      let uid = localStorage.getItem(PREVIEW_UID_KEY);
      if (!uid) {
        uid = `preview-${randomId()}`;
        localStorage.setItem(PREVIEW_UID_KEY, uid);
      }
      return uid;
    } catch {
      return `preview-${randomId()}`; // storage blocked (a sandboxed iframe): this visit only
    }
  }

  #signedInKey() {
    return `${SIGNED_IN_KEY}:${this.app.options.projectId ?? ''}`;
  }

  /**
   * Reads are public, so a reader needs no Auth at all. It is loaded at once only when someone may be
   * signed in already: a session flag from an earlier visit, an email sign-in link in the address, or a
   * host that signs learners in with custom tokens.
   */
  #mayHaveSession(): boolean {
    if (customTokenProvider() || isSignInLink(location.href)) return true;
    try {
      return localStorage.getItem(this.#signedInKey()) === '1';
    } catch {
      return false;
    }
  }

  #loadAuth() {
    if (this.config.mode === 'preview') throw new Error('Auth is not used in preview mode');
    const emulator = this.config.authEmulator;
    if (this.#auth) return this.#auth;
    const loading = import('./auth-runtime.js').then((module) => {
      const auth = module.createAuth(this.app, emulator);
      module.onAuthStateChanged(auth, (user) => this.#setUser(user));
      return { module, auth };
    });
    // A chunk that failed to load (a dropped connection) is tried again on the next contribution.
    loading.catch(() => {
      if (this.#auth === loading) this.#auth = undefined;
    });
    return (this.#auth = loading);
  }

  #setUser(user: import('./auth-runtime.js').User | null) {
    this.#user = user
      ? {
          uid: user.uid,
          isAnonymous: user.isAnonymous,
          email: user.email ?? undefined,
          emailVerified: user.emailVerified,
        }
      : null;
    storage((store) => (user ? store.setItem(this.#signedInKey(), '1') : store.removeItem(this.#signedInKey())));
    for (const listener of this.#listeners) listener(this.#user);
  }

  #authError(error: unknown) {
    return describeAuthError(error, this.config.mode === 'live' ? this.config.authEmulator : undefined);
  }

  /** The learner already signed in on this device, without signing anyone in. Loads Auth. */
  async current(): Promise<CohortUser | null> {
    if (this.config.mode === 'preview') return this.#user;
    const { auth } = await this.#loadAuth();
    await auth.authStateReady();
    return this.#user;
  }

  /** Calls back now and on every change of user. Loads Auth only if someone may be signed in. */
  subscribe(listener: (user: CohortUser | null) => void): () => void {
    this.#listeners.add(listener);
    listener(this.#user);
    if (this.config.mode === 'live' && !this.#auth && this.#mayHaveSession()) {
      this.current().catch((error: unknown) => console.error('[cohort-kit] sign-in state:', error));
    }
    return () => this.#listeners.delete(listener);
  }

  /**
   * Signs the learner in the first time they contribute: a host's custom token, else anonymously.
   * Concurrent callers (two elements, a double tap) share one sign-in, so one learner gets one account.
   */
  ensureSignedIn(): Promise<CohortUser> {
    this.#signingIn ??= this.#signIn().finally(() => {
      this.#signingIn = undefined;
    });
    return this.#signingIn;
  }

  async #signIn(): Promise<CohortUser> {
    const existing = await this.current();
    if (existing) return existing;
    const { module, auth } = await this.#loadAuth();
    try {
      const provider = customTokenProvider();
      if (provider) await module.signInWithCustomToken(auth, await provider());
      else await this.#signInAnonymously(module, auth);
    } catch (error) {
      throw this.#authError(error);
    } finally {
      this.#setDelayed(false);
    }
    if (!auth.currentUser) {
      throw new CohortConnectionError(msg('Sign-in did not complete. Try again.', { id: 'core.auth.incomplete' }));
    }
    this.#setUser(auth.currentUser);
    return this.#user!;
  }

  /**
   * A room full of learners joining at once shares one address, and Auth refuses new accounts from it for a while.
   * The contribution waiting for the account stays where it is (its promise is simply later); Auth is asked again
   * after 2 s, 4 s, 8 s… at most 30 s apart, and elements say meanwhile that it will be sent.
   */
  async #signInAnonymously(module: AuthModule, auth: import('./auth-runtime.js').Auth): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await module.signInAnonymously(auth);
        return;
      } catch (error) {
        if (!BUSY_CODES.has((error as { code?: string })?.code ?? '')) throw error;
        this.#setDelayed(true);
        await new Promise((resolve) => setTimeout(resolve, Math.min(RETRY_FIRST_MS * 2 ** attempt, RETRY_MAX_MS)));
      }
    }
  }

  #setDelayed(delayed: boolean) {
    if (this.#delayed === delayed) return;
    this.#delayed = delayed;
    for (const listener of this.#delayListeners) listener(delayed);
  }

  /** Calls back now and whenever a new learner's sign-in starts or stops waiting for Auth to accept new accounts. */
  watchSignInDelay(listener: (delayed: boolean) => void): () => void {
    this.#delayListeners.add(listener);
    listener(this.#delayed);
    return () => this.#delayListeners.delete(listener);
  }

  /** Signs the facilitator (or anyone) out on this device: the elements go back to showing a reader. */
  async signOut(): Promise<void> {
    if (this.config.mode === 'preview') return;
    const { module, auth } = await this.#loadAuth();
    await module.signOut(auth);
    this.#setUser(null);
  }

  /** Emails a facilitator a sign-in link that comes back to `returnUrl`. */
  async sendFacilitatorSignInLink(email: string, returnUrl = location.href): Promise<void> {
    const { module, auth } = await this.#loadAuth();
    const url = new URL(withoutSignInParams(returnUrl));
    // Asked inside a course platform's frame: the link opens in a tab of its own, which should say so.
    if (window.top !== window) url.searchParams.set(FRAMED_PARAM, '1');
    try {
      await module.sendSignInLinkToEmail(auth, email, { url: url.href, handleCodeInApp: true });
      storage((store) => store.setItem(EMAIL_KEY, email));
    } catch (error) {
      throw this.#authError(error);
    }
  }

  /**
   * Finishes an email-link sign-in when the page was opened from that link; false when it was not.
   * The facilitator signs in to the account the command-line tool granted the role to. The anonymous
   * account they may have used before is not linked to it: `grant --email` creates that account first,
   * so linking would fail in the usual order, and the learner membership it carried is replaced by the
   * facilitator's own.
   */
  async completeFacilitatorSignIn(url = location.href, email?: string): Promise<CohortUser | false> {
    if (this.config.mode === 'preview') return false;
    const { module, auth } = await this.#loadAuth();
    if (!module.isSignInWithEmailLink(auth, url)) return false;
    let address = email;
    storage((store) => (address ??= store.getItem(EMAIL_KEY) ?? undefined));
    // Opened on another device or browser: the address must be typed again (Auth checks it against the link).
    if (!address) throw this.#authError({ code: 'cohort/email-needed' });
    try {
      await module.signInWithEmailLink(auth, address, url);
      storage((store) => store.removeItem(EMAIL_KEY));
    } catch (error) {
      throw this.#authError(error);
    }
    if (!auth.currentUser) {
      throw new CohortConnectionError(msg('Sign-in did not complete. Try again.', { id: 'core.auth.incomplete' }));
    }
    this.#setUser(auth.currentUser);
    return this.#user!;
  }
}
