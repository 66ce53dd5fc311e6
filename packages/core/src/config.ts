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
let connectionStarted = false;

/**
 * Sets the Firebase settings from code. Call it before the first element connects; later calls
 * are refused because the page already has its one connection.
 */
export function configure(config: CohortConfig): void {
  if (connectionStarted) {
    throw new CohortConfigError(
      'configure() was called after Cohort Kit had connected. Call it before adding elements.',
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

/** Reads the settings from the first script tag that carries any `data-` setting of the kit. */
export function readScriptTagConfig(doc: Document = document): CohortConfig {
  const selector = Object.keys(ATTRIBUTES)
    .map((attribute) => `script[${attribute}]`)
    .join(',');
  const script = doc.querySelector(selector);
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

/** Checks settings and turns them into a connection plan, or an error that says what to fix. */
export function resolveConfig(config: CohortConfig): ResolvedConfig {
  const { space, locale } = config;
  if (space !== undefined && !SPACE_ID.test(space)) {
    throw new CohortConfigError(
      `data-space="${space}" is not a valid space id: use letters, digits, "-" or "_" (at most 100).`,
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
      'data-project-id is missing: set it to your Firebase project id (for example "my-course").',
    );
  }
  if (!PROJECT_ID.test(config.projectId)) {
    throw new CohortConfigError(
      `data-project-id="${config.projectId}" is not a Firebase project id: 6–30 lowercase letters, digits and hyphens.`,
    );
  }
  let firestoreEmulator: { host: string; port: number } | undefined;
  if (config.firestoreEmulator) {
    firestoreEmulator = parseHostPort(config.firestoreEmulator);
    if (!firestoreEmulator) {
      throw new CohortConfigError(
        `data-firestore-emulator="${config.firestoreEmulator}" should be host:port, for example "127.0.0.1:8080".`,
      );
    }
  }
  if (config.authEmulator && !/^https?:\/\/[^/\s]+:\d{1,5}\/?$/.test(config.authEmulator)) {
    throw new CohortConfigError(
      `data-auth-emulator="${config.authEmulator}" should be a URL with a port, for example "http://127.0.0.1:9099".`,
    );
  }
  const usesEmulators = Boolean(firestoreEmulator);
  if (!config.apiKey && !usesEmulators) {
    throw new CohortConfigError(
      'data-api-key is missing: copy the apiKey from your Firebase web app settings (it is public by design).',
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
  if (!cached) {
    try {
      cached = resolveConfig({ ...readScriptTagConfig(), ...explicitConfig });
    } catch (error) {
      cached = error instanceof CohortConfigError ? error : new CohortConfigError(String(error));
    }
  }
  if (cached instanceof CohortConfigError) throw cached;
  return cached;
}
