/** A mistake on the command line: the user fixes it by changing a flag. Exit code 2. */
export class UsageError extends Error {
  name = 'UsageError';
  exitCode = 2;
}

/** The command was understood but could not be carried out (backend, credentials, existing data). Exit code 1. */
export class CliError extends Error {
  name = 'CliError';
  exitCode = 1;
}

/** The one answer for a space id with no space behind it. */
export const noSuchSpace = (/** @type {string} */ spaceId) =>
  new CliError(
    `Space "${spaceId}" does not exist. Create it first: cohort-kit create-space --space ${spaceId} --name "..."`,
  );
