import { lockConfig } from './config.js';
import type { FirebaseRuntime } from './firebase-runtime.js';

export type { FirebaseRuntime };

let runtime: Promise<FirebaseRuntime> | undefined;

/**
 * The page's one Firebase connection, created on first call. The SDK arrives by dynamic import,
 * so nothing of Firebase is fetched before the first element has painted its shell.
 */
export function connect(): Promise<FirebaseRuntime> {
  if (!runtime) {
    // The settings are checked here, after first paint: their messages load with the SDK, not before.
    runtime = import('./config-check.js').then(({ pageConfig }) => {
      const config = pageConfig();
      lockConfig();
      return import('./firebase-runtime.js').then((module) => module.createRuntime(config));
    });
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
