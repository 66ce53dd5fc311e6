import { msg } from '@lit/localize';

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
/** Bumped whenever the settings change, so the checked copy (config-check.ts) is made again. */
let version = 0;
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
  version++;
}

/** @internal marks that the connection exists, so the settings can no longer change. */
export function lockConfig(): void {
  connectionStarted = true;
}

/** @internal for tests: forget everything configured. */
export function resetConfigForTests(): void {
  explicitConfig = undefined;
  version++;
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
  version++;
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

/** The settings as given: `configure()` wins over the script tag. Not yet checked. */
export function givenConfig(): CohortConfig {
  return { ...readScriptTagConfig(), ...explicitConfig };
}

/** @internal changes whenever the settings may have changed. */
export function configVersion(): number {
  return version;
}

/** Whether these settings mean preview mode: asked for, or no Firebase settings at all. */
export function isPreview(config: CohortConfig): boolean {
  return Boolean(
    config.preview || !(config.projectId || config.apiKey || config.firestoreEmulator || config.authEmulator),
  );
}

/**
 * The language the page asks for (`data-locale` or `configure({ locale })`, else the page's `lang`), read
 * before the settings are checked so that a message about a wrong setting is already in that language.
 */
export function pageLocale(): string {
  return givenConfig().locale || document.documentElement.lang;
}
