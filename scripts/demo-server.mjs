// Serves the demo with Vite's dev server (used by npm start and the end-to-end tests).
import { createServer } from 'vite';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** @param {{ port?: number, env?: Record<string, string> }} options */
export async function startDemoServer({ port = Number(process.env.COHORT_DEMO_PORT ?? 5173), env = {} } = {}) {
  Object.assign(process.env, env);
  const server = await createServer({
    root,
    configFile: join(root, 'vite.config.ts'),
    logLevel: 'warn',
    server: { port, strictPort: true, host: '127.0.0.1' },
  });
  await server.listen();
  const url = `http://127.0.0.1:${port}/demo/`;
  return { url, port, close: () => server.close() };
}
