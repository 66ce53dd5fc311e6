import { lockConfig, pageConfig, type ResolvedConfig } from './config.js';
import type { FirebaseRuntime } from './firebase-runtime.js';

export type { FirebaseRuntime };

let runtime: Promise<FirebaseRuntime> | undefined;

/**
 * The page's one Firebase connection, created on first call. The SDK arrives by dynamic import,
 * so nothing of Firebase is fetched before the first element has painted its shell.
 */
export function connect(): Promise<FirebaseRuntime> {
  if (!runtime) {
    let config: ResolvedConfig;
    try {
      config = pageConfig();
    } catch (error) {
      return Promise.reject(error);
    }
    lockConfig();
    runtime = import('./firebase-runtime.js').then((module) => module.createRuntime(config));
    runtime.catch(() => {
      // A failed start (a blocked script, say) may be retried by the next element that connects.
      runtime = undefined;
    });
  }
  return runtime;
}

/** @internal for tests: drop the memoised connection (the SDK instance itself lives on). */
export function forgetConnectionForTests(): void {
  runtime = undefined;
}
