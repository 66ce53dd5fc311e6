import { defineConfig } from 'vitest/config';

// Node-side suites: the Firestore rules (against the real emulator) and the end-to-end tests (Playwright
// driving the system Chromium over the demo). Each widget keeps its own beside its code, in packages/<name>/test/;
// tests/ holds those that span widgets. Storybook's stories run from .storybook/vitest.config.ts.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'rules',
          include: ['tests/rules/**/*.rules.test.ts', 'packages/*/test/**/*.rules.test.ts'],
          environment: 'node',
          testTimeout: 20000,
          hookTimeout: 30000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.e2e.test.ts', 'packages/*/test/**/*.e2e.test.ts'],
          environment: 'node',
          testTimeout: 90000,
          hookTimeout: 60000,
          fileParallelism: false,
        },
      },
    ],
  },
});
