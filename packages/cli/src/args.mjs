// Parses and validates the command line. Nothing here touches a backend, so a mistyped flag
// fails at once, before any connection is attempted.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import ids from '@cohort-kit/core/ids.json' with { type: 'json' };
import { UsageError } from './errors.mjs';
import { BADGE_COMMANDS, BADGE_FLAGS, isBadgeCommand, parseBadgeCommand } from './badge-commands.mjs';
import { FEEDBACK_COMMANDS, FEEDBACK_FLAGS, isFeedbackCommand, parseFeedbackCommand } from './feedback-commands.mjs';
import { EMBED_COMMANDS, EMBED_FLAGS, isEmbedCommand, parseEmbedCommand } from './embed-commands.mjs';
import { ROUND_COMMANDS, ROUND_FLAGS, isRoundCommand, parseRoundCommand } from './round-commands.mjs';

/** @typedef {'owner' | 'facilitator' | 'mentor' | 'learner'} Role */

/** Every role, most trusted first. A mentor is a learner with a label (no facilitator powers in the rules). */
/** @type {readonly Role[]} */
export const ROLES = ['owner', 'facilitator', 'mentor', 'learner'];
// The same pattern the elements and the rules use for every id.
export const SPACE_ID_PATTERN = new RegExp(ids.pattern);
export const DEFAULT_REPORT_THRESHOLD = 3;
// The Firestore rules and the web client enforce the same limits.
export const LIMITS = {
  name: 120,
  cohortLabel: 60,
  norms: 4000,
  displayName: 60,
  reportThreshold: { min: 1, max: 50 },
  // The rules match each blocked word whole against a post's words (at most 2000 characters, lowered, split
  // on anything but letters and digits) and read the list on every post: short words, a bounded list.
  blockedWord: 40,
  blockedWords: 200,
};

/**
 * @typedef {{spaceId: string, name?: string, cohortLabel?: string, norms?: string, reportThreshold?: number, update: boolean}} CreateSpaceInput
 * @typedef {{spaceId: string, norms: string}} SetNormsInput
 * @typedef {{spaceId: string, email: string, role: Role, displayName?: string}} GrantInput
 * @typedef {{spaceId: string, words: string[]}} SetBlockedWordsInput
 * @typedef {{spaceId: string, reportThreshold: number}} SetReportThresholdInput
 * @typedef {{spaceId: string}} MembersInput
 * @typedef {{email: string}} OwnerInput
 * @typedef {{spaceId: string, boardId: string}} PairBuddiesInput
 * @typedef {{help: true, command?: string}
 *   | {help: false, command: 'create-space', project?: string, input: CreateSpaceInput}
 *   | {help: false, command: 'set-norms', project?: string, input: SetNormsInput}
 *   | {help: false, command: 'set-blocked-words', project?: string, input: SetBlockedWordsInput}
 *   | {help: false, command: 'set-report-threshold', project?: string, input: SetReportThresholdInput}
 *   | {help: false, command: 'grant', project?: string, input: GrantInput}
 *   | {help: false, command: 'members', project?: string, input: MembersInput}
 *   | {help: false, command: 'pair-buddies', project?: string, input: PairBuddiesInput}
 *   | {help: false, command: 'add-owner' | 'remove-owner', project?: string, input: OwnerInput}} ParsedCommandLine
 */

const FLAGS = /** @type {const} */ ({
  ...BADGE_FLAGS,
  ...FEEDBACK_FLAGS,
  ...EMBED_FLAGS,
  ...ROUND_FLAGS,
  space: { type: 'string' },
  name: { type: 'string' },
  'cohort-label': { type: 'string' },
  norms: { type: 'string' },
  'norms-file': { type: 'string' },
  'report-threshold': { type: 'string' },
  words: { type: 'string' },
  update: { type: 'boolean' },
  email: { type: 'string' },
  role: { type: 'string' },
  board: { type: 'string' },
  project: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
});

const GLOBAL_FLAGS = ['project', 'help'];

/**
 * Each command: the flags it accepts besides the global ones, and its help (the general usage lists every
 * command; `cohort-kit <command> --help` shows one).
 * @type {Record<string, {flags: string[], synopsis: string[], about: string[], limits?: string, example: string}>}
 */
const COMMANDS = {
  'create-space': {
    flags: ['space', 'name', 'cohort-label', 'norms', 'norms-file', 'report-threshold', 'update'],
    synopsis: [
      '--space ID --name TEXT [--cohort-label TEXT] [--norms TEXT | --norms-file FILE]',
      '[--report-threshold N] [--update]',
    ],
    about: ['Create a space. Fails if it exists, unless --update (then only the given fields change).'],
    limits: '--name 1-120 characters; --cohort-label up to 60; norms up to 4000; --report-threshold 1-50 (default 3).',
    example:
      'cohort-kit create-space --space leadership-2026 --name "Leadership cohort, spring 2026" --cohort-label "Spring cohort"',
  },
  'set-norms': {
    flags: ['space', 'norms', 'norms-file'],
    synopsis: ['--space ID (--norms TEXT | --norms-file FILE)'],
    about: ['Replace the space\'s community norms. --norms "" clears them.'],
    limits: 'norms up to 4000 characters.',
    example: 'cohort-kit set-norms --space leadership-2026 --norms-file norms.md',
  },
  'set-blocked-words': {
    flags: ['space', 'words'],
    synopsis: ['--space ID --words "word1, word2"'],
    about: [
      'Replace the words the space blocks in posts, on top of the built-in lists.',
      'Whole words of letters and digits, matched case-insensitively. --words "" clears them.',
    ],
    limits: '--words up to 200 words of up to 40 letters or digits each.',
    example: 'cohort-kit set-blocked-words --space leadership-2026 --words "meanword, otherword"',
  },
  'set-report-threshold': {
    flags: ['space', 'report-threshold'],
    synopsis: ['--space ID --report-threshold N'],
    about: ["How many distinct learners' reports hide a post pending review."],
    limits: '--report-threshold 1-50 (default 3).',
    example: 'cohort-kit set-report-threshold --space leadership-2026 --report-threshold 2',
  },
  grant: {
    flags: ['space', 'email', 'role', 'name'],
    synopsis: ['--space ID --email ADDRESS --role owner|facilitator|mentor|learner [--name TEXT]'],
    about: [
      'Give someone a role in a space, creating their sign-in account (email link) if needed.',
      'A member who was removed from the space is back with this role.',
    ],
    limits: 'member --name 1-60 characters.',
    example:
      'cohort-kit grant --space leadership-2026 --email ada@example.org --role facilitator --name "Ada Lovelace"',
  },
  'pair-buddies': {
    flags: ['space', 'board'],
    synopsis: ['--space ID --board ID'],
    about: [
      'Pair every learner of a goal board who is looking for an accountability buddy: pairs at random, a trio',
      'when their number is odd, and nobody with a buddy they had before while another choice exists.',
    ],
    example: 'cohort-kit pair-buddies --space leadership-2026 --board leadership-goals',
  },
  members: {
    flags: ['space'],
    synopsis: ['--space ID'],
    about: [
      'List the members: uid, name, role and whether they acknowledged the norms,',
      'then how many of them did (members who were removed are listed, not counted).',
    ],
    example: 'cohort-kit members --space leadership-2026',
  },
  ...BADGE_COMMANDS,
  ...FEEDBACK_COMMANDS,
  ...EMBED_COMMANDS,
  ...ROUND_COMMANDS,
  'add-owner': {
    flags: ['email'],
    synopsis: ['--email ADDRESS'],
    about: [
      'Make an address an owner account: signed in with it, verified (an email link does that),',
      'they create spaces in the browser and become their first owner. Nothing changes if it is one.',
    ],
    example: 'cohort-kit add-owner --email ada@example.org',
  },
  'remove-owner': {
    flags: ['email'],
    synopsis: ['--email ADDRESS'],
    about: [
      'Stop an address creating spaces in the browser. The spaces they own, and their roles',
      'there, stay (change those with grant).',
    ],
    example: 'cohort-kit remove-owner --email ada@example.org',
  },
};

/** Flags each command accepts besides the global ones. */
export const COMMAND_FLAGS = Object.fromEntries(
  Object.entries(COMMANDS).map(([name, command]) => [name, command.flags]),
);

const COMMON_HELP = `Flags for every command:
  --project ID  Firebase project id (default: GCLOUD_PROJECT, GOOGLE_CLOUD_PROJECT or COHORT_PROJECT_ID)
  -h, --help    Show this text

Target: with FIRESTORE_EMULATOR_HOST (and FIREBASE_AUTH_EMULATOR_HOST) set, the emulators are used
(start them with "npm run emulators"). Otherwise the real project, signed in with Application Default
Credentials (GOOGLE_APPLICATION_CREDENTIALS, or "gcloud auth application-default login").`;

const SPACE_ID_LIMIT = 'space id 1-100 of A-Z a-z 0-9 _ - (starting with a letter or digit)';

const EXIT_CODES =
  'Exit codes: 0 done, 1 could not be done (backend, credentials, existing data), 2 wrong command line.';

/** A command's synopsis and description in the command list: the name, then lines indented past it. */
function listEntry(/** @type {string} */ name, /** @type {(typeof COMMANDS)[string]} */ command) {
  const indent = ' '.repeat(16);
  const [first, ...rest] = command.synopsis;
  const head = name.length <= 12 ? `  ${name.padEnd(12)}  ${first}` : `  ${name} ${first}`;
  return [head, ...rest.map((line) => indent + line), ...command.about.map((line) => indent + line)].join('\n');
}

const entries = Object.entries(COMMANDS);

export const USAGE = `Usage: cohort-kit <command> [flags]
       cohort-kit <command> --help

Commands:
${entries.map(([name, command]) => listEntry(name, command)).join('\n')}

${COMMON_HELP}

Limits: ${SPACE_ID_LIMIT}; --name 1-120 characters;
--cohort-label up to 60; norms up to 4000; --report-threshold 1-50 (default 3); member --name 1-60;
--words up to 200 words of up to 40 letters or digits each.

Examples:
${entries.map(([, command]) => `  ${command.example}`).join('\n')}

${EXIT_CODES}`;

/**
 * One command's help, for `cohort-kit <command> --help`.
 * @param {string} name a key of COMMAND_FLAGS
 */
export function commandUsage(name) {
  const command = COMMANDS[name];
  const [first, ...rest] = command.synopsis;
  const indent = ' '.repeat(`Usage: cohort-kit ${name} `.length);
  const limits = [
    ...(command.flags.includes('space') ? [SPACE_ID_LIMIT] : []),
    ...(command.limits ? [command.limits] : []),
  ];
  return [
    `Usage: cohort-kit ${name} ${first}`,
    ...rest.map((line) => indent + line),
    '',
    ...command.about,
    '',
    COMMON_HELP,
    ...(limits.length ? ['', `Limits: ${limits.join('; ')}`] : []),
    '',
    'Example:',
    `  ${command.example}`,
    '',
    EXIT_CODES,
  ].join('\n');
}

const HELP_HINT = 'Run "cohort-kit --help" for usage.';

/** Characters as a reader counts them, so an emoji counts once. */
const characterCount = (/** @type {string} */ text) => [...text].length;

/**
 * @param {string[]} argv arguments after the script name
 * @param {{readFile?: (path: string) => string}} [io] how --norms-file is read
 * @returns {ParsedCommandLine}
 */
export function parseCommandLine(argv, { readFile = (path) => readFileSync(path, 'utf8') } = {}) {
  const { values, positionals } = parseOrExplain(argv);
  const [command, ...extra] = positionals;
  const known = (/** @type {string | undefined} */ name) => name !== undefined && Object.hasOwn(COMMAND_FLAGS, name);
  // `cohort-kit grant --help` and `cohort-kit help grant` show that command's help.
  if (command === 'help') return known(extra[0]) ? { help: true, command: extra[0] } : { help: true };
  if (values.help || command === undefined) return known(command) ? { help: true, command } : { help: true };
  if (!known(command)) {
    throw new UsageError(
      `Unknown command "${command}". Commands: ${Object.keys(COMMAND_FLAGS).join(', ')}. ${HELP_HINT}`,
    );
  }
  if (extra.length > 0) {
    // Usually an unquoted value with spaces: --name Leadership cohort
    throw new UsageError(
      `Unexpected argument "${extra[0]}". Put values with spaces in quotes, e.g. --name "Spring cohort".`,
    );
  }
  const accepted = [...COMMAND_FLAGS[/** @type {keyof typeof COMMAND_FLAGS} */ (command)], ...GLOBAL_FLAGS];
  for (const flag of Object.keys(values)) {
    if (!accepted.includes(flag)) {
      throw new UsageError(`--${flag} does not apply to ${command}. Run "cohort-kit ${command} --help" for its flags.`);
    }
  }
  const project = values.project === undefined ? undefined : requireText(values.project, 'project', 1, 100);
  if (command === 'add-owner' || command === 'remove-owner') {
    return { help: false, command, project, input: { email: requireOwnerEmail(values.email) } };
  }
  const spaceId = requireSpaceId(values.space);
  if (isBadgeCommand(command))
    return parseBadgeCommand(command, values, { project, spaceId, requireText, idPattern: SPACE_ID_PATTERN });
  if (isFeedbackCommand(command))
    return parseFeedbackCommand(command, values, { project, spaceId, idPattern: SPACE_ID_PATTERN });
  if (isEmbedCommand(command)) return parseEmbedCommand(command, values, { project, spaceId });
  if (isRoundCommand(command))
    return parseRoundCommand(command, values, { project, spaceId, requireText, idPattern: SPACE_ID_PATTERN });

  switch (command) {
    case 'create-space': {
      const update = values.update === true;
      // With --update the space may already have a name worth keeping.
      const name = values.name === undefined && update ? undefined : requireText(values.name, 'name', 1, LIMITS.name);
      return {
        help: false,
        command,
        project,
        input: {
          spaceId,
          name,
          cohortLabel: optionalText(values['cohort-label'], 'cohort-label', LIMITS.cohortLabel),
          norms: readNorms(values, readFile, false),
          reportThreshold: optionalReportThreshold(values['report-threshold']),
          update,
        },
      };
    }
    case 'set-norms':
      return {
        help: false,
        command,
        project,
        input: { spaceId, norms: /** @type {string} */ (readNorms(values, readFile, true)) },
      };
    case 'set-blocked-words':
      return { help: false, command, project, input: { spaceId, words: requireWords(values.words) } };
    case 'set-report-threshold': {
      const reportThreshold = optionalReportThreshold(values['report-threshold']);
      if (reportThreshold === undefined) throw new UsageError('--report-threshold is required: a number from 1 to 50.');
      return { help: false, command, project, input: { spaceId, reportThreshold } };
    }
    case 'grant':
      return {
        help: false,
        command,
        project,
        input: {
          spaceId,
          email: requireEmail(values.email),
          role: requireRole(values.role),
          displayName: values.name === undefined ? undefined : requireText(values.name, 'name', 1, LIMITS.displayName),
        },
      };
    case 'pair-buddies': {
      const boardId = values.board;
      if (boardId === undefined || !SPACE_ID_PATTERN.test(boardId)) {
        throw new UsageError(
          boardId === undefined
            ? '--board is required: the id of the goal board, as in <cohort-goals board="…">.'
            : `--board "${boardId}" is not a board id: letters, digits, - and _, starting with a letter or digit.`,
        );
      }
      return { help: false, command, project, input: { spaceId, boardId } };
    }
    default:
      return { help: false, command: 'members', project, input: { spaceId } };
  }
}

/** node:util's messages are long and suggest "--" tricks; say what to fix instead. */
function parseOrExplain(/** @type {string[]} */ argv) {
  try {
    return parseArgs({ args: argv, options: FLAGS, allowPositionals: true, strict: true });
  } catch (error) {
    const message = String(/** @type {Error} */ (error).message);
    const unknown = /Unknown option '([^']+)'/.exec(message);
    if (unknown) throw new UsageError(`Unknown flag ${unknown[1]}. ${HELP_HINT}`);
    const flag = /Option '(-[^' ]+)/.exec(message)?.[1];
    if (flag && /argument missing/.test(message)) throw new UsageError(`${flag} needs a value.`);
    if (flag && /ambiguous/.test(message)) {
      throw new UsageError(`${flag} needs a value. If the value starts with "-", write ${flag}=VALUE.`);
    }
    if (flag && /does not take an argument/.test(message)) throw new UsageError(`${flag} takes no value.`);
    throw new UsageError(`${message.split('\n')[0]} ${HELP_HINT}`);
  }
}

function requireSpaceId(/** @type {string | undefined} */ value) {
  if (value === undefined || value === '') {
    throw new UsageError('--space is required: the id of the space, e.g. --space leadership-2026.');
  }
  if (!SPACE_ID_PATTERN.test(value)) {
    throw new UsageError(`--space "${value}" is not a valid id: use ${ids.hint}.`);
  }
  return value;
}

/**
 * @param {string | undefined} value
 * @param {string} flag
 * @param {number} min
 * @param {number} max
 */
function requireText(value, flag, min, max) {
  if (value === undefined) throw new UsageError(`--${flag} is required.`);
  const text = value.trim();
  const length = characterCount(text);
  if (length < min) throw new UsageError(`--${flag} must not be empty.`);
  if (length > max) throw new UsageError(`--${flag} must be at most ${max} characters (it has ${length}).`);
  return text;
}

/**
 * @param {string | undefined} value
 * @param {string} flag
 * @param {number} max
 */
function optionalText(value, flag, max) {
  return value === undefined ? undefined : requireText(value, flag, 0, max);
}

/**
 * @param {Record<string, string | boolean | undefined>} values
 * @param {(path: string) => string} readFile
 * @param {boolean} required
 */
function readNorms(values, readFile, required) {
  const text = /** @type {string | undefined} */ (values.norms);
  const file = /** @type {string | undefined} */ (values['norms-file']);
  if (text !== undefined && file !== undefined) throw new UsageError('Give either --norms or --norms-file, not both.');
  if (file !== undefined) {
    let contents;
    try {
      contents = readFile(file);
    } catch (error) {
      const code = /** @type {NodeJS.ErrnoException} */ (error).code;
      const reason =
        code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : String(code ?? error);
      throw new UsageError(`--norms-file ${file} could not be read: ${reason}.`);
    }
    return requireText(contents, 'norms-file', 0, LIMITS.norms);
  }
  if (text !== undefined) return requireText(text, 'norms', 0, LIMITS.norms);
  if (required) throw new UsageError('Give the norms with --norms TEXT or --norms-file FILE (--norms "" clears them).');
  return undefined;
}

function optionalReportThreshold(/** @type {string | undefined} */ value) {
  if (value === undefined) return undefined;
  const { min, max } = LIMITS.reportThreshold;
  const number = Number(value.trim());
  if (!/^\d+$/.test(value.trim()) || number < min || number > max) {
    throw new UsageError(`--report-threshold must be a whole number from ${min} to ${max} (got "${value}").`);
  }
  return number;
}

function requireEmail(/** @type {string | undefined} */ value) {
  if (value === undefined || value.trim() === '')
    throw new UsageError('--email is required: the address the person signs in with.');
  const email = value.trim();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new UsageError(`--email "${email}" is not an email address.`);
  return email;
}

/**
 * Owner accounts are keyed by the address lowercased, as the rules compare it with the sign-in token's
 * (owners/{email}); a document id cannot hold a slash.
 */
function requireOwnerEmail(/** @type {string | undefined} */ value) {
  const email = requireEmail(value).toLowerCase();
  if (email.includes('/')) throw new UsageError(`--email "${email}" holds a "/", which an owner account cannot.`);
  return email;
}

/** @returns {Role} */
function requireRole(/** @type {string | undefined} */ value) {
  const choices = 'owner, facilitator, mentor or learner';
  if (value === undefined || value === '') throw new UsageError(`--role is required: ${choices}.`);
  const role = /** @type {Role} */ (value.trim().toLowerCase());
  if (!ROLES.includes(role)) throw new UsageError(`--role must be ${choices} (got "${value}").`);
  return role;
}

/**
 * The space's blocked words from "a, b" (commas or new lines between words): lower case, each once. A word the
 * rules could never match (a space, a hyphen, punctuation inside it) is refused rather than stored uselessly.
 * @returns {string[]}
 */
function requireWords(/** @type {string | undefined} */ value) {
  if (value === undefined) {
    throw new UsageError('--words is required: the words to block, separated by commas (--words "" clears them).');
  }
  const words = [];
  for (const raw of value.split(/[,\n]/)) {
    const word = raw.trim().normalize('NFC').toLowerCase();
    if (!word) continue;
    if (!/^[\p{L}\p{N}]+$/u.test(word)) {
      throw new UsageError(
        `--words: "${raw.trim()}" is not one word. Posts are checked word by word (letters and digits), ` +
          'so give each word on its own, separated by commas.',
      );
    }
    const length = characterCount(word);
    if (length > LIMITS.blockedWord) {
      throw new UsageError(
        `--words: "${word}" is ${length} characters; a word may have at most ${LIMITS.blockedWord}.`,
      );
    }
    if (!words.includes(word)) words.push(word);
  }
  if (words.length > LIMITS.blockedWords) {
    throw new UsageError(`--words has ${words.length} words; a space may block at most ${LIMITS.blockedWords}.`);
  }
  return words;
}
