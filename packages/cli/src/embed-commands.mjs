// The embed command: which host pages may hand a space's embed frames a Firebase custom token (the frame at
// /embed/ accepts a token only from a parent origin on this list). Only this tool (firebase-admin) writes the list:
// the space rules let no page change it, not even an owner's.
import { UsageError, CliError } from './errors.mjs';

/** At most this many origins, each at most this long. */
export const EMBED_LIMITS = { origins: 20, origin: 200 };

export const EMBED_FLAGS = /** @type {const} */ ({
  origins: { type: 'string' },
});

/** The embed commands, in the shape of args.mjs's COMMANDS. */
export const EMBED_COMMANDS = {
  'set-embed-origins': {
    flags: ['space', 'origins'],
    synopsis: ['--space ID --origins "https://lms.example.edu, https://sites.example.org"'],
    about: [
      "Set the host pages whose Firebase custom tokens the space's embed frames accept, by origin",
      '(scheme, host and port). An empty list ("") accepts none: learners in frames sign in anonymously.',
    ],
    limits: `Up to ${EMBED_LIMITS.origins} origins of at most ${EMBED_LIMITS.origin} characters, https (http only for localhost and 127.0.0.1).`,
    example: 'cohort-kit set-embed-origins --space leadership-2026 --origins "https://canvas.example.edu"',
  },
};

export const isEmbedCommand = (/** @type {string} */ command) => Object.hasOwn(EMBED_COMMANDS, command);

/**
 * "https://a.example, https://b.example:8443" → the origins, each as the browser spells event.origin.
 * @param {string | undefined} value
 */
export function parseOrigins(value) {
  if (value === undefined) {
    throw new UsageError('--origins is required: the host pages\' origins, e.g. --origins "https://lms.example.edu".');
  }
  const origins = [
    ...new Set(
      value
        .split(/[\s,]+/)
        .filter(Boolean)
        .map((text) => {
          let url;
          try {
            url = new URL(text);
          } catch {
            throw new UsageError(
              `--origins: "${text}" is not an origin; write it as https://host or https://host:port.`,
            );
          }
          const local = url.hostname === 'localhost' || url.hostname === '127.0.0.1';
          if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local))
            throw new UsageError(`--origins: "${text}" must use https (http only for localhost and 127.0.0.1).`);
          if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash || url.username)
            throw new UsageError(
              `--origins: "${text}" has more than an origin; leave out the path, e.g. ${url.origin}.`,
            );
          if (url.origin.length > EMBED_LIMITS.origin)
            throw new UsageError(`--origins: "${text}" is over ${EMBED_LIMITS.origin} characters.`);
          return url.origin;
        }),
    ),
  ];
  if (origins.length > EMBED_LIMITS.origins)
    throw new UsageError(`--origins lists ${origins.length} origins; at most ${EMBED_LIMITS.origins}.`);
  return origins;
}

/**
 * @param {string} command
 * @param {Record<string, string | boolean | undefined>} values
 * @param {{project?: string, spaceId: string}} context
 */
export function parseEmbedCommand(command, values, { project, spaceId }) {
  const origins = parseOrigins(/** @type {string | undefined} */ (values.origins));
  return { help: false, command, project, input: { spaceId, origins } };
}

/**
 * @param {{command: string, input: {spaceId: string, origins: string[]}}} parsed
 * @param {import('firebase-admin/firestore').Firestore} db
 * @returns {Promise<string[]>}
 */
export async function executeEmbedCommand({ input }, db) {
  const { spaceId, origins } = input;
  const space = db.doc(`spaces/${spaceId}`);
  await db.runTransaction(async (transaction) => {
    if (!(await transaction.get(space)).exists) {
      throw new CliError(
        `Space "${spaceId}" does not exist. Create it first: cohort-kit create-space --space ${spaceId} --name "..."`,
      );
    }
    transaction.update(space, { embedOrigins: origins });
  });
  return [
    origins.length
      ? `Space "${spaceId}"'s embed frames now accept custom tokens from ${origins.join(', ')}.`
      : `Space "${spaceId}"'s embed frames accept no custom tokens: learners in frames sign in anonymously.`,
  ];
}
