// Component tests in the system Chromium, against the real emulators when npm test provides them.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { chromiumArgs, chromiumPath } from './scripts/chromium.mjs';
import { countingReporter } from './scripts/wtr-counting-reporter.mjs';
import { defaultReporter, summaryReporter } from '@web/test-runner';
import { seedPlugin } from './scripts/wtr-seed-plugin.mjs';

const emulators = {
  projectId: process.env.COHORT_PROJECT_ID ?? 'demo-cohort-kit',
  firestoreEmulator: process.env.FIRESTORE_EMULATOR_HOST ?? '',
  authEmulator: process.env.FIREBASE_AUTH_EMULATOR_HOST ? `http://${process.env.FIREBASE_AUTH_EMULATOR_HOST}` : '',
};

export default {
  files: ['packages/*/src/**/*.test.ts'],
  nodeResolve: { exportConditions: ['source', 'browser'] },
  plugins: [
    seedPlugin(),
    // esnext: esbuild keeps `import … with { type: 'json' }` (ids.json, the id pattern the CLI shares) only there.
    esbuildPlugin({ ts: true, target: 'esnext', tsconfig: 'tsconfig.base.json' }),
  ],
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: { executablePath: chromiumPath(), headless: true, args: chromiumArgs },
    }),
  ],
  concurrency: 2,
  testFramework: { config: { timeout: 40000 } },
  testsFinishTimeout: 600000,
  browserStartTimeout: 60000,
  reporters: [defaultReporter(), summaryReporter({ flatten: false }), countingReporter()],
  testRunnerHtml: (testFramework) => `<!doctype html>
    <html lang="en"><head><meta charset="utf-8"></head><body>
      <script>window.__cohortTestEmulators = ${JSON.stringify(emulators)};</script>
      <script type="module" src="${testFramework}"></script>
    </body></html>`,
};
