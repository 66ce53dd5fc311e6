// Shared by component tests: point the kit at the emulators npm test started, and seed data through
// the test runner's server (firebase-admin), the way the cohort-kit CLI would.
import { executeServerCommand } from '@web/test-runner-commands';
import { configure } from '@cohort-kit/core';

export interface TestEmulators {
  projectId: string;
  firestoreEmulator: string;
  authEmulator: string;
}

declare global {
  interface Window {
    __cohortTestEmulators?: TestEmulators;
  }
}

/** Configures the kit for the emulators; throws if the tests were started without them. */
export function useEmulators(): TestEmulators {
  const emulators = window.__cohortTestEmulators;
  if (!emulators?.firestoreEmulator) throw new Error('These tests need the emulators: run them with npm test.');
  configure({
    projectId: emulators.projectId,
    firestoreEmulator: emulators.firestoreEmulator,
    authEmulator: emulators.authEmulator,
  });
  return emulators;
}

export const uniqueId = (prefix: string) =>
  `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`;

export async function createSpace(
  space: string,
  settings: { name?: string; norms?: string; reportThreshold?: number; blockedWords?: string[] } = {},
): Promise<void> {
  await executeServerCommand('cohort-create-space', { space, ...settings });
}

/** Closes the space's round at `closedAt`, as `cohort-kit close-round` does. */
export async function closeRound(space: string, closedAt: Date): Promise<void> {
  await executeServerCommand('cohort-close-round', { space, closedAt: closedAt.toISOString() });
}

export async function grantRole(
  space: string,
  uid: string,
  role: 'owner' | 'facilitator' | 'mentor' | 'learner',
  displayName = 'Facilitator',
): Promise<void> {
  await executeServerCommand('cohort-grant', { space, uid, role, displayName });
}

export async function readDocument<T = Record<string, unknown>>(path: string): Promise<T | null> {
  const answer = (await executeServerCommand('cohort-read', { path })) as { data: T | null };
  return answer.data;
}

/** The ids of the documents in a collection, as the server holds them. */
export async function listDocuments(path: string): Promise<string[]> {
  return ((await executeServerCommand('cohort-list', { path })) as { ids: string[] }).ids;
}

/** What the page's elements show, for a timed-out wait: a CI log then says what the learner saw instead. */
export function onScreen(): string {
  const shown = [...document.querySelectorAll('*')]
    .filter((element) => element.localName.startsWith('cohort-') && element.shadowRoot)
    .map((element) => `<${element.localName}>: ${(element.shadowRoot!.textContent ?? '').replace(/\s+/g, ' ').trim()}`);
  return shown.length ? `\nOn screen:\n${shown.join('\n').slice(0, 3000)}` : '';
}

/** Resolves when `check` returns true, polling; rejects with `message` after `timeout` ms. */
export async function waitFor(check: () => boolean, message: string, timeout = 20000): Promise<void> {
  const deadline = Date.now() + timeout;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`Timed out: ${message}.${onScreen()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
