import { resolve } from 'node:path';
import { defaultClientConditions, defineConfig, type Plugin } from 'vite';

/**
 * The demo pages carry the script tag exactly as an author pastes it, pointing at the emulators on
 * firebase.json's ports. When `npm start` runs the emulators elsewhere, or could not start them at all,
 * this rewrites the tag's settings: other ports, or preview mode with the reason shown in the console.
 */
function demoSettings(): Plugin {
  const preview = process.env.COHORT_DEMO_PREVIEW;
  const firestore = process.env.FIRESTORE_EMULATOR_HOST;
  const auth = process.env.FIREBASE_AUTH_EMULATOR_HOST;
  return {
    name: 'cohort-demo-settings',
    transformIndexHtml(html) {
      if (preview) {
        return html.replace(
          /(<script\s+type="module"\s+src="[^"]*cohort-kit[^"]*")[^>]*>/,
          `$1 data-preview data-space="leadership-2026-spring">`,
        );
      }
      let out = html;
      if (firestore) out = out.replace(/data-firestore-emulator="[^"]*"/g, `data-firestore-emulator="${firestore}"`);
      if (auth) out = out.replace(/data-auth-emulator="[^"]*"/g, `data-auth-emulator="http://${auth}"`);
      return out;
    },
  };
}

export default defineConfig({
  resolve: { conditions: ['source', ...defaultClientConditions] },
  plugins: [demoSettings()],
  server: { host: '127.0.0.1', port: Number(process.env.COHORT_DEMO_PORT ?? 5173), strictPort: true },
  build: {
    outDir: 'demo-dist',
    rolldownOptions: {
      input: {
        index: resolve(import.meta.dirname, 'demo/index.html'),
        learner: resolve(import.meta.dirname, 'demo/learner.html'),
        'two-learners': resolve(import.meta.dirname, 'demo/two-learners.html'),
      },
    },
  },
});
