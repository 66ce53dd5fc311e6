/**
 * The learner name a SCORM player knows, offered only as the default display name: a page can fake a
 * SCORM API, so this is never proof of who someone is.
 */
import { cleanDisplayName } from './names.js';

interface Scorm12Api {
  LMSGetValue(element: string): string;
}
interface Scorm2004Api {
  GetValue(element: string): string;
}

type ScormWindow = Window & { API?: Scorm12Api; API_1484_11?: Scorm2004Api };

function findIn(start: Window | null): { api12?: Scorm12Api; api2004?: Scorm2004Api } | undefined {
  // The standard walk: up to seven parents, as the ADL reference implementation does.
  let win = start as ScormWindow | null;
  for (let depth = 0; win && depth <= 7; depth++) {
    try {
      if (win.API_1484_11) return { api2004: win.API_1484_11 };
      if (win.API) return { api12: win.API };
    } catch {
      return undefined; // a cross-origin parent: no API reachable that way
    }
    if (win.parent === win) break;
    win = win.parent as ScormWindow;
  }
  return undefined;
}

/** "Lovelace, Ada" becomes "Ada Lovelace"; blank or odd values give undefined. */
export function formatScormName(raw: string | undefined): string | undefined {
  const value = (raw ?? '').trim();
  if (!value) return undefined;
  const parts = value.split(',').map((part) => part.trim());
  const name = parts.length === 2 && parts[0] && parts[1] ? `${parts[1]} ${parts[0]}` : value;
  return cleanDisplayName(name) || undefined;
}

export function scormLearnerName(win: Window = window): string | undefined {
  let found = findIn(win);
  if (!found) {
    try {
      if (win.opener) found = findIn(win.opener as Window);
    } catch {
      found = undefined;
    }
  }
  try {
    if (found?.api2004) return formatScormName(found.api2004.GetValue('cmi.learner_name'));
    if (found?.api12) return formatScormName(found.api12.LMSGetValue('cmi.core.student_name'));
  } catch {
    return undefined;
  }
  return undefined;
}
