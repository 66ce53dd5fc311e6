export { configure, CohortConfigError, readScriptTagConfig, setKitScriptUrl } from './config.js';
export { ID_PATTERN, invalidIdMessage } from './ids.js';
export type { CohortConfig, ResolvedConfig } from './config.js';
export { connect } from './connection.js';
export type { FirebaseRuntime } from './connection.js';
export { CohortElement } from './cohort-element.js';
export type { Problem } from './cohort-element.js';
export { defineElement } from './define.js';
export { cohortEvent, CohortEvent, CohortErrorEvent } from './events.js';
export type { CohortErrorDetail, CohortEventDetails } from './events.js';
export type { WidgetHost } from './widget-host.js';
export { whenReady } from './when-ready.js';
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

import { connect } from './connection.js';

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
export async function completeFacilitatorSignIn(url?: string, email?: string): Promise<boolean> {
  const { completeSignIn } = await import('./sign-in-link.js');
  return completeSignIn(url, email);
}
