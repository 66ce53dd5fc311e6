/** A failure the learner can act on; `retryable` means trying again later may work. */
export class CohortConnectionError extends Error {
  override name = 'CohortConnectionError';
  constructor(
    message: string,
    readonly retryable = true,
  ) {
    super(message);
  }
}
