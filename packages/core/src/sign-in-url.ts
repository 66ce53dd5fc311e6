// Recognising an email sign-in link in the page's address, without Auth and without the connection: identity.ts
// needs it, and the sign-in flow (sign-in-link.ts) needs the connection, which needs identity.

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
