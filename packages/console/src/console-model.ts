// What the console shows and checks, without the SDK: the shapes its data source hands over (times as Dates), the
// limits the rules enforce on a space's settings, the spaces this browser remembers and the snippet to copy.
import { msg, str } from '@lit/localize';
import { ID_PATTERN, invalidIdMessage } from '@cohort-kit/core';

export type TeamRole = 'facilitator' | 'mentor' | 'owner';
export const TEAM_ROLES: readonly TeamRole[] = ['facilitator', 'mentor', 'owner'];

export interface Settings {
  name: string;
  cohortLabel: string;
  norms: string;
  reportThreshold: number;
  blockedWords: string[];
}

export interface MemberRow {
  uid: string;
  displayName: string;
  role: string;
  joinedAt: Date | null;
  normsAcknowledgedAt: Date | null;
}

export interface InviteRow {
  email: string;
  role: TeamRole;
  invitedAt: Date | null;
  claimedBy: string | null;
  claimedAt: Date | null;
}

export interface ConsoleUser {
  uid: string;
  email: string;
}

/** The limits of spaces/{id} in the rules (validSettings), which the CLI's LIMITS share. */
export const LIMITS = {
  name: 120,
  cohortLabel: 60,
  norms: 4000,
  thresholdMin: 1,
  thresholdMax: 50,
  words: 200,
  wordLength: 40,
  displayName: 60,
} as const;
export const DEFAULT_THRESHOLD = 3;
/** The sample space the console opens in preview mode. */
export const PREVIEW_SPACE = 'leadership-2026-spring';

export function existsMessage(): string {
  return msg('A space with this id exists already.', { id: 'console.space-exists' });
}

/** One field's problem, keyed by the form field's name. */
export type FieldErrors = Partial<Record<string, string>>;

/** Blocked words as typed (commas or new lines between them): lower case, trimmed, each once. */
export function parseBlockedWords(text: string): string[] {
  const words = text
    .split(/[\n,]/)
    .map((word) => word.trim().toLowerCase())
    .filter(Boolean);
  return [...new Set(words)];
}

/** The settings form's values, checked against the rules' limits; errors say what to change. */
export function readSettings(form: HTMLFormElement): { settings: Settings; errors: FieldErrors } {
  const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement | null)?.value ?? '';
  const settings: Settings = {
    name: value('name').trim(),
    cohortLabel: value('cohortLabel').trim(),
    norms: value('norms').trim(),
    reportThreshold: Number(value('reportThreshold') || DEFAULT_THRESHOLD),
    blockedWords: parseBlockedWords(value('blockedWords')),
  };
  const errors: FieldErrors = {};
  if (!settings.name) errors.name = msg('Give the space a name.', { id: 'console.name-missing' });
  else if (settings.name.length > LIMITS.name)
    errors.name = msg(str`Use at most ${LIMITS.name} characters for the name.`, { id: 'console.name-long' });
  if (settings.cohortLabel.length > LIMITS.cohortLabel)
    errors.cohortLabel = msg(str`Use at most ${LIMITS.cohortLabel} characters for the cohort label.`, {
      id: 'console.label-long',
    });
  if (settings.norms.length > LIMITS.norms)
    errors.norms = msg(str`Use at most ${LIMITS.norms} characters for the norms.`, { id: 'console.norms-long' });
  const threshold = settings.reportThreshold;
  if (!Number.isInteger(threshold) || threshold < LIMITS.thresholdMin || threshold > LIMITS.thresholdMax)
    errors.reportThreshold = msg(
      str`The report threshold is a whole number from ${LIMITS.thresholdMin} to ${LIMITS.thresholdMax}.`,
      { id: 'console.threshold-range' },
    );
  const long = settings.blockedWords.find((word) => word.length > LIMITS.wordLength);
  if (settings.blockedWords.length > LIMITS.words)
    errors.blockedWords = msg(
      str`At most ${LIMITS.words} blocked words; this list has ${settings.blockedWords.length}.`,
      {
        id: 'console.words-many',
      },
    );
  else if (long)
    errors.blockedWords = msg(str`"${long.slice(0, 50)}" is longer than ${LIMITS.wordLength} characters.`, {
      id: 'console.word-long',
    });
  return { settings, errors };
}

/** A space id as the owner typed it, or the message core gives every wrong id. */
export function spaceIdProblem(id: string): string | undefined {
  if (!id) return msg('Give the space an id, for example leadership-2026-spring.', { id: 'console.id-missing' });
  return ID_PATTERN.test(id) ? undefined : invalidIdMessage('space', id);
}

/** The owner's name in the space, as the member rules take it. */
export function displayNameProblem(name: string): string | undefined {
  if (!name.trim()) return msg('Write your name as the cohort will see it.', { id: 'console.your-name-missing' });
  if (name.length > LIMITS.displayName)
    return msg(str`Use at most ${LIMITS.displayName} characters for your name.`, { id: 'console.your-name-long' });
  return undefined;
}

/** Loose on purpose: the sign-in service has the last word on an address. */
export function emailProblem(email: string): string | undefined {
  return /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)
    ? undefined
    : msg('That email address does not look right.', { id: 'console.email-invalid' });
}

// ---------- spaces this browser created or opened: spaces can't be listed, so the console remembers them ----------

export interface RememberedSpace {
  id: string;
  name: string;
}

const STORE = 'cohort-kit:console-spaces';
const storeKey = (projectId: string) => `${STORE}:${projectId}`;

export function rememberedSpaces(projectId: string): RememberedSpace[] {
  try {
    const list: unknown = JSON.parse(localStorage.getItem(storeKey(projectId)) ?? '[]');
    return Array.isArray(list)
      ? list.filter((each): each is RememberedSpace => typeof each?.id === 'string' && ID_PATTERN.test(each.id))
      : [];
  } catch {
    return []; // storage blocked or a damaged entry: the list starts again
  }
}

/** The space first, then the others; its name refreshed. */
export function rememberSpace(projectId: string, space: RememberedSpace): RememberedSpace[] {
  const list = [space, ...rememberedSpaces(projectId).filter((each) => each.id !== space.id)];
  try {
    localStorage.setItem(storeKey(projectId), JSON.stringify(list));
  } catch {
    // storage blocked: the list lasts this visit
  }
  return list;
}

// ---------- the snippet ----------

export interface PublicSettings {
  kitUrl: string;
  projectId?: string;
  apiKey?: string;
  authDomain?: string;
  appId?: string;
}

const attribute = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** What a course author pastes for this space: the kit's script tag with the project's public settings, and a thread. */
export function snippetFor(space: string, settings: PublicSettings): string {
  const attributes = [
    ['data-project-id', settings.projectId],
    ['data-api-key', settings.apiKey],
    ['data-auth-domain', settings.authDomain],
    ['data-app-id', settings.appId],
    ['data-space', space],
  ]
    .filter((pair): pair is [string, string] => Boolean(pair[1]))
    .map(([name, value]) => `\n  ${name}="${attribute(value)}"`)
    .join('');
  return `<script type="module" src="${attribute(settings.kitUrl)}"${attributes}></script>

<cohort-thread thread="introductions" prompt="Say hello: who are you, and what brings you here?"></cohort-thread>`;
}

/** How many members acknowledged the norms, of those still in the space (the removed left it). */
export function normsCount(members: MemberRow[]): { acknowledged: number; total: number } {
  const counted = members.filter((member) => member.role !== 'removed');
  return { acknowledged: counted.filter((member) => member.normsAcknowledgedAt).length, total: counted.length };
}
