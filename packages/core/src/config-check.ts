// Checking the page's settings, with a message for each mistake that says what to fix. Loaded after the
// element's first paint (the messages weigh more than the rest of the configuration code).
import { msg, str } from '@lit/localize';
import {
  CohortConfigError,
  configVersion,
  givenConfig,
  isPreview,
  type CohortConfig,
  type ResolvedConfig,
} from './config.js';
import { ID_PATTERN, invalidIdMessage } from './ids.js';
import { cohortLocale } from './localize.js';

export { CohortConfigError };

const PROJECT_ID = /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/;

function parseHostPort(value: string): { host: string; port: number } | undefined {
  const match = /^([A-Za-z0-9.-]+|\[[0-9a-fA-F:]+\]):(\d{1,5})$/.exec(value);
  if (!match) return undefined;
  const port = Number(match[2]);
  return port > 0 && port < 65536 ? { host: match[1]!, port } : undefined;
}

/** Checks settings and turns them into a connection plan, or an error that says what to fix. */
export function resolveConfig(config: CohortConfig): ResolvedConfig {
  const { space, locale } = config;
  if (space !== undefined && !ID_PATTERN.test(space))
    throw new CohortConfigError(invalidIdMessage('data-space', space));
  if (isPreview(config)) {
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

let cached: ResolvedConfig | CohortConfigError | undefined;
let cachedFor = '';

/**
 * The page's settings, checked: `configure()` wins over the script tag. Throws a CohortConfigError that
 * says what to fix, in the page's language (a switch of language, or new settings, check them again).
 */
export function pageConfig(): ResolvedConfig {
  const key = `${configVersion()}:${cohortLocale()}`;
  if (!cached || cachedFor !== key) {
    cachedFor = key;
    try {
      cached = resolveConfig(givenConfig());
    } catch (error) {
      cached = error instanceof CohortConfigError ? error : new CohortConfigError(String(error));
    }
  }
  if (cached instanceof CohortConfigError) throw cached;
  return cached;
}

/** What is wrong with an element's space (its `space` attribute, else the page's `data-space`), if anything. */
export function spaceProblem(spaceId: string): string | undefined {
  if (!spaceId) {
    return msg('The space attribute is missing: name the course or cohort this element belongs to.', {
      id: 'core.space-required',
    });
  }
  if (!ID_PATTERN.test(spaceId)) return invalidIdMessage('space', spaceId);
  return undefined;
}

export function missingSpaceMessage(spaceId: string): string {
  return msg(
    str`The space "${spaceId}" does not exist. A course owner creates it in the owner console, or with: npx cohort-kit create-space --space ${spaceId} --name "Course name"`,
    { id: 'core.space-missing' },
  );
}
