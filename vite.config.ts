import { defaultClientConditions, defineConfig, type Plugin } from 'vite';
import { applyDemoSettings } from './scripts/static-demo.mjs';

/** Points the demo's script tag at the emulators npm start runs, or at preview mode when none could start. */
function demoSettings(): Plugin {
  return { name: 'cohort-demo-settings', transformIndexHtml: (html) => applyDemoSettings(html, process.env) };
}

export default defineConfig({
  resolve: { conditions: ['source', ...defaultClientConditions] },
  plugins: [demoSettings()],
  server: { host: '127.0.0.1', port: Number(process.env.COHORT_DEMO_PORT ?? 5173), strictPort: true },
});
