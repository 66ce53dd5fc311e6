// Facilitator email-link sign-in around the Auth SDK: recognising the link in the address, completing it,
// cleaning the address up afterwards, and the notice that says how it went. Loaded only when needed.
import { msg, str } from '@lit/localize';
import { connect } from './connection.js';
import type { CohortConnectionError } from './errors.js';
import { isSignInLink, openedOutsideItsFrame, withoutSignInParams } from './sign-in-url.js';

/**
 * The outcome of a facilitator's email-link sign-in, shown by every element on the page (the link lands
 * on the course page, so that is where the facilitator looks). The first element listening also
 * announces it; the others show it silently, so a screen reader hears it once.
 */
export interface SignInNotice {
  ok: boolean;
  message: string;
  /** The link, kept when it was opened where no email was remembered: the elements ask for the address. */
  link?: string;
}

type Listener = (notice: SignInNotice | undefined) => void;

let current: SignInNotice | undefined;
const listeners = new Set<Listener>();

export function setSignInNotice(notice: SignInNotice | undefined): void {
  current = notice;
  for (const listener of listeners) listener(current);
}

export function watchSignInNotice(listener: Listener): () => void {
  listeners.add(listener);
  listener(current);
  return () => listeners.delete(listener);
}

/** Whether this listener is the one that announces (the first still listening). */
export function announcesSignInNotice(listener: Listener): boolean {
  return listeners.values().next().value === listener;
}

/** Completes the sign-in if `url` is a sign-in link; see completeFacilitatorSignIn in index.ts. */
export async function completeSignIn(url = location.href, email?: string): Promise<boolean> {
  const fromThisPage = url === location.href;
  try {
    const runtime = await connect();
    const user = await runtime.identity.completeFacilitatorSignIn(url, email);
    if (!user) return false;
    setSignInNotice({
      ok: true,
      // The course page in the platform's frame keeps its own storage: this tab's sign-in does not reach it.
      message: openedOutsideItsFrame(url)
        ? msg("You're signed in in this tab. Go back to the course page and reload it.", {
            id: 'core.sign-in.other-tab',
          })
        : msg(str`Signed in as ${user.email ?? ''}. Your role shows in every space where you have one.`, {
            id: 'core.sign-in.done',
          }),
    });
    return true;
  } catch (error) {
    if ((error as CohortConnectionError).code === 'cohort/email-needed') {
      setSignInNotice({ ok: false, message: (error as Error).message, link: url });
      throw error;
    }
    setSignInNotice({
      ok: false,
      message: msg(str`The sign-in link could not be used. ${(error as Error).message}`, {
        id: 'core.sign-in.failed',
      }),
    });
    throw error;
  } finally {
    if (fromThisPage && isSignInLink(location.href)) {
      history.replaceState(history.state, '', withoutSignInParams(location.href));
    }
  }
}
