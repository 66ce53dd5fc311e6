/**
 * A failure the learner can act on; `retryable` means trying again later may work. `code` keeps the
 * Firebase error code it came from, when there was one.
 */
export class CohortConnectionError extends Error {
  override name = 'CohortConnectionError';
  constructor(
    message: string,
    readonly retryable = true,
    readonly code = '',
  ) {
    super(message);
  }
}
