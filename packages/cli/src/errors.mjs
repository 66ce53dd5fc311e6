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
