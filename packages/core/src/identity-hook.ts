/** Returns a Firebase custom token minted by the host (an LMS integration or course back end). */
export type CustomTokenProvider = () => Promise<string>;

let provider: CustomTokenProvider | undefined;

/**
 * Lets a host that can mint Firebase custom tokens sign learners in with them instead of anonymous auth.
 * The provider is called when a learner first contributes.
 */
export function useCustomTokens(tokenProvider: CustomTokenProvider | undefined): void {
  provider = tokenProvider;
}

export function customTokenProvider(): CustomTokenProvider | undefined {
  return provider;
}
