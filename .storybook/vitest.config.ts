// Runs every story (render, play function, axe check) as a test in the system Chromium:
//   npx vitest run --config .storybook/vitest.config.ts
import { fileURLToPath } from 'node:url';
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';
import { chromiumArgs, chromiumPath } from '../scripts/chromium.mjs';

const configDir = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  // The plugin applies main.ts's viteFinal too: the `source` condition and the optimizeDeps list that keeps Vite
  // from re-optimising (and reloading the page) in the middle of a run.
  plugins: [storybookTest({ configDir })],
  test: {
    name: 'storybook',
    browser: {
      enabled: true,
      headless: true,
      // The system Chromium with offline-friendly flags: nothing here may download a browser.
      provider: playwright({ launchOptions: { executablePath: chromiumPath(), args: chromiumArgs } }),
      instances: [{ browser: 'chromium' }],
    },
  },
});
