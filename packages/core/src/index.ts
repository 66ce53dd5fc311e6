export {
  configure,
  CohortConfigError,
  pageConfig,
  resolveConfig,
  readScriptTagConfig,
  setKitScriptUrl,
  SPACE_ID,
} from './config.js';
export type { CohortConfig, ResolvedConfig } from './config.js';
export { connect } from './connection.js';
export type { FirebaseRuntime } from './connection.js';
export { CohortElement } from './cohort-element.js';
export type { Problem } from './cohort-element.js';
export { defineElement } from './define.js';
export { cohortEvent } from './events.js';
export type { CohortErrorDetail } from './events.js';
export { CohortConnectionError } from './errors.js';
export type { CohortUser } from './identity.js';
export { useCustomTokens } from './identity-hook.js';
export type { CustomTokenProvider } from './identity-hook.js';
export { LiveAnnouncer } from './live-region.js';
export { registerTranslations, setCohortLocale, cohortLocale, supportedLocale } from './localize.js';
export { documentReads, resetDocumentReads } from './read-meter.js';
export { relativeTime } from './relative-time.js';
export { roleLabel } from './roles.js';
export { tokenStyles, baseStyles } from './styles.js';
export type { Member, Role, SpaceSettings, SpaceState } from './data.js';

import { msg, str } from '@lit/localize';
import { connect } from './connection.js';
import { isSignInLink, setSignInNotice, withoutSignInParams } from './sign-in-link.js';

/** Emails a facilitator a sign-in link (durable account, so their role follows them). */
export async function sendFacilitatorSignInLink(email: string, returnUrl?: string): Promise<void> {
  const runtime = await connect();
  await runtime.identity.sendFacilitatorSignInLink(email, returnUrl);
}

/**
 * Completes a facilitator's email-link sign-in if this page was opened from the link. Every element on
 * the page shows how it went, and the link's one-time code is taken out of the address bar, so a reload
 * or a bookmark does not try it again.
 */
export async function completeFacilitatorSignIn(url = location.href, email?: string): Promise<boolean> {
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
