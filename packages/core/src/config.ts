import { msg, str } from '@lit/localize';
import { cohortLocale } from './localize.js';

/**
 * Where a page's Firebase settings come from: the `data-` attributes of the script tag that loaded the kit,
 * or `configure()` for authors who bundle the kit themselves. No settings at all means preview mode.
 */
export interface CohortConfig {
  projectId?: string;
  apiKey?: string;
  authDomain?: string;
  appId?: string;
  /** `host:port` of a Firestore emulator. */
  firestoreEmulator?: string;
  /** `http://host:port` of an Auth emulator. */
  authEmulator?: string;
  /** Space used by elements that do not set their own `space`. */
  space?: string;
  /** Forces preview mode even when settings are present. */
  preview?: boolean;
  /** UI language (`en`, `es`); defaults to the page's `lang`. */
  locale?: string;
}

export type ResolvedConfig =
  | { mode: 'preview'; space?: string; locale?: string; reason: string }
  | {
      mode: 'live';
      projectId: string;
      apiKey: string;
      authDomain?: string;
      appId?: string;
      firestoreEmulator?: { host: string; port: number };
      authEmulator?: string;
      space?: string;
      locale?: string;
    };

/** A setting an author must fix; `message` names the attribute and what it should hold. */
export class CohortConfigError extends Error {
  override name = 'CohortConfigError';
}

const ATTRIBUTES: Record<string, keyof CohortConfig> = {
  'data-project-id': 'projectId',
  'data-api-key': 'apiKey',
  'data-auth-domain': 'authDomain',
  'data-app-id': 'appId',
  'data-firestore-emulator': 'firestoreEmulator',
  'data-auth-emulator': 'authEmulator',
  'data-space': 'space',
  'data-locale': 'locale',
};

let explicitConfig: CohortConfig | undefined;
let cached: ResolvedConfig | CohortConfigError | undefined;
/** The language a cached error was written in: a later switch of language writes it again. */
let cachedLocale = '';
let connectionStarted = false;

/**
 * Sets the Firebase settings from code. Call it before the first element connects; later calls
 * are refused because the page already has its one connection.
 */
export function configure(config: CohortConfig): void {
  if (connectionStarted) {
    throw new CohortConfigError(
      msg('configure() was called after Cohort Kit had connected. Call it before adding elements.', {
        id: 'core.config.configure-late',
      }),
    );
  }
  explicitConfig = { ...explicitConfig, ...config };
  cached = undefined;
}

/** @internal marks that the connection exists, so the settings can no longer change. */
export function lockConfig(): void {
  connectionStarted = true;
}

/** @internal for tests: forget everything configured. */
export function resetConfigForTests(): void {
  explicitConfig = undefined;
  cached = undefined;
  connectionStarted = false;
}

let kitScriptUrl: string | undefined;

/**
 * Tells the runtime the address the kit's own module was loaded from (`import.meta.url` of the script-tag
 * entry), so its settings are read from that script tag and not from another vendor's tag that happens to
 * carry a `data-project-id` or `data-space` too.
 */
export function setKitScriptUrl(url: string | undefined): void {
  kitScriptUrl = url;
  cached = undefined;
}

function resolvedSrc(script: HTMLScriptElement, doc: Document): string | undefined {
  const src = script.getAttribute('src');
  if (!src) return undefined;
  try {
    return new URL(src, doc.baseURI).href;
  } catch {
    return undefined;
  }
}

/**
 * Reads the settings from the kit's own script tag: the one whose `src` resolves to `scriptUrl` (the kit's
 * module address). When none does (the kit bundled into another script), the first script tag that carries
 * any `data-` setting of the kit.
 */
export function readScriptTagConfig(doc: Document = document, scriptUrl = kitScriptUrl): CohortConfig {
  const own = scriptUrl
    ? [...doc.querySelectorAll<HTMLScriptElement>('script[src]')].find((each) => resolvedSrc(each, doc) === scriptUrl)
    : undefined;
  const selector = Object.keys(ATTRIBUTES)
    .map((attribute) => `script[${attribute}]`)
    .join(',');
  const script = own ?? doc.querySelector(selector);
  const config: CohortConfig = {};
  if (!script) return config;
  for (const [attribute, key] of Object.entries(ATTRIBUTES)) {
    const value = script.getAttribute(attribute);
    if (value !== null) (config as Record<string, string>)[key] = value.trim();
  }
  if (script.hasAttribute('data-preview')) config.preview = true;
  return config;
}

const PROJECT_ID = /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/;
export const SPACE_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/;

function parseHostPort(value: string): { host: string; port: number } | undefined {
  const match = /^([A-Za-z0-9.-]+|\[[0-9a-fA-F:]+\]):(\d{1,5})$/.exec(value);
  if (!match) return undefined;
  const port = Number(match[2]);
  return port > 0 && port < 65536 ? { host: match[1]!, port } : undefined;
}

/**
 * The language the page asks for (`data-locale` or `configure({ locale })`, else the page's `lang`), read
 * before the settings are checked so that a message about a wrong setting is already in that language.
 */
export function pageLocale(): string {
  return { ...readScriptTagConfig(), ...explicitConfig }.locale || document.documentElement.lang;
}

/** Checks settings and turns them into a connection plan, or an error that says what to fix. */
export function resolveConfig(config: CohortConfig): ResolvedConfig {
  const { space, locale } = config;
  if (space !== undefined && !SPACE_ID.test(space)) {
    throw new CohortConfigError(
      msg(str`data-space="${space}" is not a valid space id: use letters, digits, "-" or "_" (at most 100).`, {
        id: 'core.config.space-invalid',
      }),
    );
  }
  const hasSettings = Boolean(config.projectId || config.apiKey || config.firestoreEmulator || config.authEmulator);
  if (config.preview || !hasSettings) {
    return {
      mode: 'preview',
      space,
      locale,
      reason: config.preview ? 'preview was requested' : 'no Firebase settings were given',
    };
  }
  if (!config.projectId) {
    throw new CohortConfigError(
      msg('data-project-id is missing: set it to your Firebase project id (for example "my-course").', {
        id: 'core.config.project-missing',
      }),
    );
  }
  if (!PROJECT_ID.test(config.projectId)) {
    throw new CohortConfigError(
      msg(
        str`data-project-id="${config.projectId}" is not a Firebase project id: 6–30 lowercase letters, digits and hyphens.`,
        { id: 'core.config.project-invalid' },
      ),
    );
  }
  let firestoreEmulator: { host: string; port: number } | undefined;
  if (config.firestoreEmulator) {
    firestoreEmulator = parseHostPort(config.firestoreEmulator);
    if (!firestoreEmulator) {
      throw new CohortConfigError(
        msg(
          str`data-firestore-emulator="${config.firestoreEmulator}" should be host:port, for example "127.0.0.1:8080".`,
          { id: 'core.config.firestore-emulator-invalid' },
        ),
      );
    }
  }
  if (config.authEmulator && !/^https?:\/\/[^/\s]+:\d{1,5}\/?$/.test(config.authEmulator)) {
    throw new CohortConfigError(
      msg(
        str`data-auth-emulator="${config.authEmulator}" should be a URL with a port, for example "http://127.0.0.1:9099".`,
        { id: 'core.config.auth-emulator-invalid' },
      ),
    );
  }
  // One emulator without the other would send sign-ins (or data) to the real project, with a placeholder key.
  if (Boolean(config.firestoreEmulator) !== Boolean(config.authEmulator)) {
    throw new CohortConfigError(
      msg(
        'data-firestore-emulator and data-auth-emulator go together: set both (for example "127.0.0.1:8080" and "http://127.0.0.1:9099"), or neither to use the real Firebase project.',
        { id: 'core.config.emulators-together' },
      ),
    );
  }
  const usesEmulators = Boolean(firestoreEmulator);
  if (!config.apiKey && !usesEmulators) {
    throw new CohortConfigError(
      msg('data-api-key is missing: copy the apiKey from your Firebase web app settings (it is public by design).', {
        id: 'core.config.api-key-missing',
      }),
    );
  }
  return {
    mode: 'live',
    projectId: config.projectId,
    apiKey: config.apiKey || 'emulator-api-key',
    authDomain: config.authDomain,
    appId: config.appId,
    firestoreEmulator,
    authEmulator: config.authEmulator?.replace(/\/$/, ''),
    space,
    locale,
  };
}

/** The page's settings: `configure()` wins over the script tag. Throws a CohortConfigError when wrong. */
export function pageConfig(): ResolvedConfig {
  if (cached instanceof CohortConfigError && cachedLocale !== cohortLocale()) cached = undefined;
  if (!cached) {
    cachedLocale = cohortLocale();
    try {
      cached = resolveConfig({ ...readScriptTagConfig(), ...explicitConfig });
    } catch (error) {
      cached = error instanceof CohortConfigError ? error : new CohortConfigError(String(error));
    }
  }
  if (cached instanceof CohortConfigError) throw cached;
  return cached;
}
