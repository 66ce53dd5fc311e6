import type { FirebaseApp } from 'firebase/app';
import type { ResolvedConfig } from './config.js';
import { CohortConnectionError } from './errors.js';
import { customTokenProvider } from './identity-hook.js';

export { CohortConnectionError };

export interface CohortUser {
  uid: string;
  /** Anonymous learners can lose their identity with their browser data; durable accounts cannot. */
  isAnonymous: boolean;
  email?: string;
}

type AuthModule = typeof import('./auth-runtime.js');
const PREVIEW_UID_KEY = 'cohort-kit:preview-uid';
const EMAIL_KEY = 'cohort-kit:sign-in-email';

function randomId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(10)), (b) => b.toString(36).padStart(2, '0')).join('');
}

function describeAuthError(error: unknown): CohortConnectionError {
  const code = (error as { code?: string })?.code ?? '';
  if (code === 'auth/network-request-failed') {
    return new CohortConnectionError('Could not reach the sign-in service. Check the connection and try again.');
  }
  if (code === 'auth/operation-not-allowed' || code === 'auth/admin-restricted-operation') {
    return new CohortConnectionError(
      'Anonymous sign-in is turned off for this Firebase project. Enable it under Authentication → Sign-in method.',
      false,
    );
  }
  if (code === 'auth/invalid-api-key' || code === 'auth/api-key-not-valid.-please-pass-a-valid-api-key.') {
    return new CohortConnectionError(
      'The Firebase API key (data-api-key) was refused. Copy it again from the Firebase console.',
      false,
    );
  }
  return new CohortConnectionError(`Sign-in failed (${code || String(error)}).`);
}

/** Who the learner is: a local id in preview mode, Firebase Auth otherwise. */
export class IdentityService {
  #auth?: Promise<{ module: AuthModule; auth: import('./auth-runtime.js').Auth }>;
  #listeners = new Set<(user: CohortUser | null) => void>();
  #user: CohortUser | null = null;

  constructor(
    private readonly app: FirebaseApp,
    private readonly config: ResolvedConfig,
  ) {
    if (config.mode === 'preview') this.#user = { uid: this.#previewUid(), isAnonymous: true };
  }

  get user(): CohortUser | null {
    return this.#user;
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

  #loadAuth() {
    if (this.config.mode === 'preview') throw new Error('Auth is not used in preview mode');
    const emulator = this.config.authEmulator;
    this.#auth ??= import('./auth-runtime.js').then((module) => {
      const auth = module.createAuth(this.app, emulator);
      module.onAuthStateChanged(auth, (user) => this.#setUser(user));
      return { module, auth };
    });
    return this.#auth;
  }

  #setUser(user: import('./auth-runtime.js').User | null) {
    this.#user = user ? { uid: user.uid, isAnonymous: user.isAnonymous, email: user.email ?? undefined } : null;
    for (const listener of this.#listeners) listener(this.#user);
  }

  /** The learner already signed in on this device, without signing anyone in. */
  async current(): Promise<CohortUser | null> {
    if (this.config.mode === 'preview') return this.#user;
    const { auth } = await this.#loadAuth();
    await auth.authStateReady();
    return this.#user;
  }

  /** Calls back now and on every change of user. */
  subscribe(listener: (user: CohortUser | null) => void): () => void {
    this.#listeners.add(listener);
    listener(this.#user);
    if (this.config.mode === 'live') void this.current();
    return () => this.#listeners.delete(listener);
  }

  /** Signs the learner in the first time they contribute: a host's custom token, else anonymously. */
  async ensureSignedIn(): Promise<CohortUser> {
    const existing = await this.current();
    if (existing) return existing;
    const { module, auth } = await this.#loadAuth();
    try {
      const provider = customTokenProvider();
      if (provider) await module.signInWithCustomToken(auth, await provider());
      else await module.signInAnonymously(auth);
    } catch (error) {
      throw describeAuthError(error);
    }
    if (!auth.currentUser) throw new CohortConnectionError('Sign-in did not complete. Try again.');
    this.#setUser(auth.currentUser);
    return this.#user!;
  }

  /** Emails a facilitator a sign-in link that comes back to `returnUrl`. */
  async sendFacilitatorSignInLink(email: string, returnUrl = location.href): Promise<void> {
    const { module, auth } = await this.#loadAuth();
    try {
      await module.sendSignInLinkToEmail(auth, email, { url: returnUrl, handleCodeInApp: true });
      localStorage.setItem(EMAIL_KEY, email);
    } catch (error) {
      throw describeAuthError(error);
    }
  }

  /** Finishes an email-link sign-in when the page was opened from that link; false when it was not. */
  async completeFacilitatorSignIn(url = location.href, email?: string): Promise<boolean> {
    if (this.config.mode === 'preview') return false;
    const { module, auth } = await this.#loadAuth();
    if (!module.isSignInWithEmailLink(auth, url)) return false;
    const address = email ?? localStorage.getItem(EMAIL_KEY);
    if (!address) throw new CohortConnectionError('Open the sign-in link on the device where you asked for it.', false);
    try {
      await module.signInWithEmailLink(auth, address, url);
      localStorage.removeItem(EMAIL_KEY);
    } catch (error) {
      throw describeAuthError(error);
    }
    return true;
  }
}
