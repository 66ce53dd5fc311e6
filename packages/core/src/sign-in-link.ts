// Facilitator email-link sign-in around the Auth SDK: recognising the link in the address, completing it,
// cleaning the address up afterwards, and the notice that says how it went. Loaded only when needed.
import { msg, str } from '@lit/localize';
import { connect } from './connection.js';

/** Query parameters an email sign-in link adds to the course page's address. */
const LINK_PARAMS = ['mode', 'oobCode', 'apiKey', 'lang', 'continueUrl', 'tenantId'];

/** Whether this address is an email sign-in link (checked without loading Auth). */
export function isSignInLink(url: string): boolean {
  const params = new URL(url, location.href).searchParams;
  return params.get('mode') === 'signIn' && params.has('oobCode');
}

/** The address without the sign-in link's parameters, so a reload does not try a used code again. */
export function withoutSignInParams(url: string): string {
  const address = new URL(url, location.href);
  for (const name of LINK_PARAMS) address.searchParams.delete(name);
  return address.href;
}

/**
 * The outcome of a facilitator's email-link sign-in, shown by every element on the page (the link lands
 * on the course page, so that is where the facilitator looks). The first element listening also
 * announces it; the others show it silently, so a screen reader hears it once.
 */
export interface SignInNotice {
  ok: boolean;
  message: string;
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
      message: msg(str`Signed in as ${user.email ?? ''}. Your role shows in every space where you have one.`, {
        id: 'core.sign-in.done',
      }),
    });
    return true;
  } catch (error) {
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
