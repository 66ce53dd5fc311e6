// Recognising an email sign-in link in the page's address, without Auth and without the connection: identity.ts
// needs it, and the sign-in flow (sign-in-link.ts) needs the connection, which needs identity.

/** Marks a link asked for inside a course platform's frame: the tab it opens in says where to go next. */
export const FRAMED_PARAM = 'cohort-framed';

/** Query parameters an email sign-in link adds to the course page's address (and our own marker). */
const LINK_PARAMS = ['mode', 'oobCode', 'apiKey', 'lang', 'continueUrl', 'tenantId', FRAMED_PARAM];

/** Whether this address is an email sign-in link (checked without loading Auth). */
export function isSignInLink(url: string): boolean {
  const params = new URL(url, location.href).searchParams;
  return params.get('mode') === 'signIn' && params.has('oobCode');
}

/** Whether the link was asked for inside a frame and is now open as a page of its own. */
export function openedOutsideItsFrame(url: string): boolean {
  return new URL(url, location.href).searchParams.has(FRAMED_PARAM) && window.top === window;
}

/** The address without the sign-in link's parameters, so a reload does not try a used code again. */
export function withoutSignInParams(url: string): string {
  const address = new URL(url, location.href);
  for (const name of LINK_PARAMS) address.searchParams.delete(name);
  return address.href;
}
