/**
 * The SCORM player around a page: its API found the way the common wrappers find it, the learner it names,
 * and the few calls a package page makes. The learner name is offered only as the default display name: a page
 * can fake a SCORM API, so this is never proof of who someone is.
 */
import { cleanDisplayName } from './names.js';

interface Scorm12Api {
  LMSInitialize?(empty: ''): string;
  LMSGetValue(element: string): string;
  LMSSetValue?(element: string, value: string): string;
  LMSCommit?(empty: ''): string;
  LMSFinish?(empty: ''): string;
}
interface Scorm2004Api {
  Initialize?(empty: ''): string;
  GetValue(element: string): string;
  SetValue?(element: string, value: string): string;
  Commit?(empty: ''): string;
  Terminate?(empty: ''): string;
}

type ScormWindow = Window & { API?: Scorm12Api; API_1484_11?: Scorm2004Api };

/** One SCORM API, either version, behind the same five calls. */
export interface ScormApi {
  readonly version: '1.2' | '2004';
  initialize(): boolean;
  get(element: 'learner-id' | 'learner-name' | 'completion'): string;
  /** Marks the lesson `incomplete` or `completed` (1.2's lesson_status, 2004's completion_status). */
  setCompletion(status: 'incomplete' | 'completed'): boolean;
  commit(): boolean;
  finish(): boolean;
}

/** Each version's names: its data model elements and its five calls. */
const VERSIONS = {
  '1.2': {
    elements: {
      'learner-id': 'cmi.core.student_id',
      'learner-name': 'cmi.core.student_name',
      completion: 'cmi.core.lesson_status',
    },
    calls: {
      initialize: 'LMSInitialize',
      get: 'LMSGetValue',
      set: 'LMSSetValue',
      commit: 'LMSCommit',
      finish: 'LMSFinish',
    },
  },
  '2004': {
    elements: {
      'learner-id': 'cmi.learner_id',
      'learner-name': 'cmi.learner_name',
      completion: 'cmi.completion_status',
    },
    calls: { initialize: 'Initialize', get: 'GetValue', set: 'SetValue', commit: 'Commit', finish: 'Terminate' },
  },
} as const;

type AnyCall = ((...args: string[]) => unknown) | undefined;

function wrap(version: '1.2' | '2004', api: Scorm12Api | Scorm2004Api): ScormApi {
  const { elements, calls } = VERSIONS[version];
  const call = (name: keyof typeof calls, ...args: string[]) =>
    (api as unknown as Record<string, AnyCall>)[calls[name]]?.apply(api, args);
  const ok = (result: unknown) => result === 'true' || result === true;
  return {
    version,
    initialize: () => ok(call('initialize', '')),
    get: (element) => String(call('get', elements[element]) ?? ''),
    setCompletion: (status) => ok(call('set', elements.completion, status)),
    commit: () => ok(call('commit', '')),
    finish: () => ok(call('finish', '')),
  };
}

function findIn(start: Window | null): ScormApi | undefined {
  // The standard walk: up to seven parents, as the ADL reference implementation does; 2004 first.
  let win = start as ScormWindow | null;
  for (let depth = 0; win && depth <= 7; depth++) {
    try {
      if (win.API_1484_11) return wrap('2004', win.API_1484_11);
      if (win.API) return wrap('1.2', win.API);
    } catch {
      return undefined; // a cross-origin parent: no API reachable that way
    }
    if (win.parent === win) break;
    win = win.parent as ScormWindow;
  }
  return undefined;
}

/** The SCORM API of the player this page runs in: up its parents, then up its opener's (a player's pop-up). */
export function findScormApi(win: Window = window): ScormApi | undefined {
  const found = findIn(win);
  if (found) return found;
  try {
    return win.opener ? findIn(win.opener as Window) : undefined;
  } catch {
    return undefined;
  }
}

/** "Lovelace, Ada" becomes "Ada Lovelace"; blank or odd values give undefined. */
export function formatScormName(raw: string | undefined): string | undefined {
  const value = (raw ?? '').trim();
  if (!value) return undefined;
  const parts = value.split(',').map((part) => part.trim());
  const name = parts.length === 2 && parts[0] && parts[1] ? `${parts[1]} ${parts[0]}` : value;
  return cleanDisplayName(name) || undefined;
}

/** The learner the player names: id and display name, each undefined when the player gives none. */
export function scormLearner(api: ScormApi): { id?: string; name?: string } {
  try {
    const id = api.get('learner-id').trim() || undefined;
    return { id, name: formatScormName(api.get('learner-name')) };
  } catch {
    return {};
  }
}

export function scormLearnerName(win: Window = window): string | undefined {
  const api = findScormApi(win);
  return api ? scormLearner(api).name : undefined;
}
