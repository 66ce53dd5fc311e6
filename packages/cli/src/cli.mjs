// Runs one command line end to end: parse, pick the target, do the work within a deadline,
// and report. Returns the exit code instead of exiting, so it can be driven from tests too.
import { commandUsage, parseCommandLine, USAGE } from './args.mjs';
import { CliError, UsageError } from './errors.mjs';
import { executeBadgeCommand, isBadgeCommand } from './badge-commands.mjs';
import { executeFeedbackCommand, isFeedbackCommand } from './feedback-commands.mjs';
import { executeEmbedCommand, isEmbedCommand } from './embed-commands.mjs';
import { executeRoundCommand, isRoundCommand } from './round-commands.mjs';
import {
  addOwner,
  createSpace,
  formatMembersTable,
  grantRole,
  listMembers,
  normsSummary,
  removeOwner,
  setBlockedWords,
  setNorms,
  setReportThreshold,
} from './commands.mjs';
import { pairBuddies } from './goals-commands.mjs';
import { checkEmulatorsAnswer, connect, explainBackendError, resolveTarget, timeoutMessage } from './target.mjs';

// The admin SDK retries an unreachable Firestore for about a minute; nobody should wait that long.
const DEFAULT_TIMEOUT_MS = 15_000;

/**
 * @param {string[]} argv arguments after the script name
 * @param {{env?: NodeJS.ProcessEnv, print?: (line: string) => void, printError?: (line: string) => void, timeoutMs?: number}} [io]
 * @returns {Promise<number>} the exit code
 */
export async function run(
  argv,
  { env = process.env, print = console.log, printError = console.error, timeoutMs = DEFAULT_TIMEOUT_MS } = {},
) {
  let parsed;
  let target;
  try {
    parsed = parseCommandLine(argv);
    if (parsed.help) {
      print(parsed.command ? commandUsage(parsed.command) : USAGE);
      return 0;
    }
    target = resolveTarget({ project: parsed.project, env, needsAuth: parsed.command === 'grant' });
  } catch (error) {
    return fail(error, printError);
  }

  // stderr, so that `members` output can be piped on its own.
  printError(`Target: ${target.description}`);
  const connection = connect(target);
  try {
    await checkEmulatorsAnswer(target, parsed.command === 'grant');
    const lines = await withTimeout(execute(parsed, connection), timeoutMs, () =>
      timeoutMessage(/** @type {import('./target.mjs').Target} */ (target), Math.round(timeoutMs / 1000)),
    );
    for (const line of lines) print(line);
    return 0;
  } catch (error) {
    return fail(isOurs(error) ? error : explainBackendError(error, target), printError);
  } finally {
    // A stuck channel must not keep the process alive; the bin exits regardless.
    await withTimeout(connection.close(), 2000, () => 'close timed out').catch(() => {});
  }
}

/**
 * @param {Exclude<import('./args.mjs').ParsedCommandLine, {help: true}>} parsed
 * @param {ReturnType<typeof connect>} connection
 * @returns {Promise<string[]>} what to tell the user
 */
async function execute(parsed, { db, auth }) {
  if (isBadgeCommand(parsed.command)) return executeBadgeCommand(parsed, db);
  if (isFeedbackCommand(parsed.command)) return executeFeedbackCommand(parsed, db);
  if (isEmbedCommand(parsed.command)) return executeEmbedCommand(/** @type {any} */ (parsed), db);
  if (isRoundCommand(parsed.command)) return executeRoundCommand(parsed, db);
  switch (parsed.command) {
    case 'create-space': {
      const { spaceId } = parsed.input;
      const { created } = await createSpace(db, parsed.input);
      return [created ? `Created space "${spaceId}".` : `Updated space "${spaceId}".`];
    }
    case 'set-norms': {
      const { spaceId, norms } = parsed.input;
      await setNorms(db, parsed.input);
      return [
        norms
          ? `Set the norms of space "${spaceId}" (${[...norms].length} characters).`
          : `Cleared the norms of space "${spaceId}".`,
      ];
    }
    case 'set-blocked-words': {
      const { spaceId, words } = parsed.input;
      await setBlockedWords(db, parsed.input);
      return [
        words.length
          ? `Space "${spaceId}" now blocks ${words.length} word${words.length === 1 ? '' : 's'}: ${words.join(', ')}.`
          : `Cleared the blocked words of space "${spaceId}" (the built-in lists still apply).`,
      ];
    }
    case 'set-report-threshold': {
      const { spaceId, reportThreshold } = parsed.input;
      const { previous } = await setReportThreshold(db, parsed.input);
      return [
        `In space "${spaceId}", a post reported by ${reportThreshold} learner${reportThreshold === 1 ? '' : 's'} ` +
          `is now hidden pending review (was ${previous}).`,
      ];
    }
    case 'grant': {
      const { spaceId, email, role } = parsed.input;
      const result = await grantRole(db, auth, parsed.input);
      const lines = [];
      if (result.createdUser)
        lines.push(`Created a sign-in account for ${email} (uid ${result.uid}); they sign in with an email link.`);
      const change = result.previousRole && result.previousRole !== role ? ` (was ${result.previousRole})` : '';
      lines.push(`${result.displayName} <${email}> is now ${role} in space "${spaceId}"${change}.`);
      if (result.disabled)
        lines.push(`Note: the account ${email} is disabled, so they cannot sign in until it is enabled.`);
      return lines;
    }
    case 'pair-buddies': {
      const { pairs, waiting } = await pairBuddies(db, parsed.input);
      const { spaceId, boardId } = parsed.input;
      if (pairs.length === 0) {
        return [
          `${waiting === 1 ? 'One learner is' : `${waiting} learners are`} looking for a buddy on board "${boardId}" in "${spaceId}": at least two are needed. Nothing changed.`,
        ];
      }
      return [
        `Paired ${waiting} learners on board "${boardId}" in "${spaceId}":`,
        ...pairs.map((pair) => `  ${pair.map((learner) => learner.name || learner.uid).join(' + ')}`),
      ];
    }
    case 'members': {
      const members = await listMembers(db, parsed.input.spaceId);
      if (members.length === 0) return [`Space "${parsed.input.spaceId}" has no members yet.`];
      return [formatMembersTable(members), '', normsSummary(members)];
    }
    case 'add-owner': {
      const { email } = parsed.input;
      const { added, addedAt } = await addOwner(db, parsed.input);
      if (!added) {
        const since = addedAt ? ` (since ${addedAt.toISOString().slice(0, 10)})` : '';
        return [`${email} is already an owner account${since}; nothing changed.`];
      }
      return [
        `${email} is now an owner account: signed in with this address, verified, they can create spaces in the browser.`,
      ];
    }
    case 'remove-owner': {
      const { email } = parsed.input;
      const { removed } = await removeOwner(db, parsed.input);
      return [
        removed
          ? `${email} is no longer an owner account. The spaces they own, and their roles there, stay.`
          : `${email} was not an owner account; nothing changed.`,
      ];
    }
  }
}

/**
 * @template T
 * @param {Promise<T>} work
 * @param {number} ms
 * @param {() => string} describeTimeout
 * @returns {Promise<T>}
 */
async function withTimeout(work, ms, describeTimeout) {
  /** @type {NodeJS.Timeout | undefined} */
  let timer;
  const expired = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new CliError(describeTimeout())), ms);
  });
  try {
    return await Promise.race([work, /** @type {Promise<never>} */ (expired)]);
  } finally {
    clearTimeout(timer);
  }
}

const isOurs = (/** @type {unknown} */ error) => error instanceof CliError || error instanceof UsageError;

/**
 * @param {unknown} error
 * @param {(line: string) => void} printError
 */
function fail(error, printError) {
  if (!isOurs(error)) throw error;
  const { message, exitCode } = /** @type {CliError | UsageError} */ (error);
  printError(`Error: ${message}`);
  return exitCode;
}
