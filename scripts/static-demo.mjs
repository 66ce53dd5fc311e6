// The demo as a course page on a CDN sees it: the built kit (packages/kit/dist/cohort-kit.js and its lazy
// chunks) served as static files, with each demo page's script tag pointing at it. Used by the end-to-end
// tests, the benchmark and the hosting build. Run `npm run build` first.
import { createServer } from 'node:http';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, extname, join, normalize, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const kitDist = join(root, 'packages', 'kit', 'dist');
const embedDist = join(root, 'packages', 'embed', 'dist', 'web');
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.png': 'image/png',
};

/**
 * A demo page with its script tag pointed at `kitUrl` and its settings for these emulators
 * (or preview mode when `preview` is set).
 */
export function renderDemoPage(file, { kitUrl = '../kit/cohort-kit.js', env = process.env } = {}) {
  // Pages in a folder of demo/ (the console) reach the kit's source one level further up.
  const html = readFileSync(join(root, 'demo', file), 'utf8').replace(
    /(\.\.\/)+packages\/kit\/src\/cohort-kit\.ts/,
    kitUrl,
  );
  return applyDemoSettings(html, env);
}

/**
 * The demo pages carry the script tag as an author pastes it, pointing at the emulators on firebase.json's
 * ports; this points it at the emulators actually running, or switches it to preview mode.
 */
export function applyDemoSettings(html, env = process.env) {
  if (env.COHORT_DEMO_DEPLOY) return applyProjectSettings(html, deploySettings(env));
  if (env.COHORT_DEMO_PREVIEW) {
    return html.replace(
      /(<script\s+type="module"\s+src="[^"]*cohort-kit[^"]*")[^>]*>/,
      '$1 data-preview data-space="leadership-2026-spring">',
    );
  }
  let out = html;
  if (env.FIRESTORE_EMULATOR_HOST) {
    out = out.replace(/data-firestore-emulator="[^"]*"/g, `data-firestore-emulator="${env.FIRESTORE_EMULATOR_HOST}"`);
  }
  if (env.FIREBASE_AUTH_EMULATOR_HOST) {
    out = out.replace(/data-auth-emulator="[^"]*"/g, `data-auth-emulator="http://${env.FIREBASE_AUTH_EMULATOR_HOST}"`);
  }
  return out;
}

/**
 * The real project a hosted demo talks to, from COHORT_PROJECT_ID, COHORT_API_KEY, COHORT_AUTH_DOMAIN (default
 * PROJECT.firebaseapp.com), COHORT_APP_ID and COHORT_SPACE; null unless both the project id and the API key are set.
 * @returns {{projectId: string, apiKey: string, authDomain: string, appId?: string, space?: string} | null}
 */
export function deploySettings(env = process.env) {
  if (!env.COHORT_PROJECT_ID || !env.COHORT_API_KEY) return null;
  return {
    projectId: env.COHORT_PROJECT_ID,
    apiKey: env.COHORT_API_KEY,
    authDomain: env.COHORT_AUTH_DOMAIN || `${env.COHORT_PROJECT_ID}.firebaseapp.com`,
    appId: env.COHORT_APP_ID || undefined,
    space: env.COHORT_SPACE || undefined,
  };
}

const escapeAttribute = (value) =>
  String(value).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Rewrites the kit's script tag to talk to a real Firebase project: no emulators, the project's settings. */
export function applyProjectSettings(html, settings) {
  if (!settings) throw new Error('Set COHORT_PROJECT_ID and COHORT_API_KEY to build the demo for a project.');
  return html.replace(/<script\s+type="module"\s+src="([^"]*cohort-kit[^"]*)"([^>]*)>/, (_, src, rest) => {
    const space = settings.space ?? /data-space="([^"]*)"/.exec(rest)?.[1];
    const attributes = {
      'data-project-id': settings.projectId,
      'data-api-key': settings.apiKey,
      'data-auth-domain': settings.authDomain,
      'data-app-id': settings.appId,
      'data-space': space,
    };
    const written = Object.entries(attributes)
      .filter(([, value]) => value)
      .map(([name, value]) => ` ${name}="${escapeAttribute(value)}"`)
      .join('');
    return `<script type="module" src="${src}"${written}>`;
  });
}

/**
 * The response headers firebase.json gives a hosted path (`hosting.headers`, by glob), so that what the demo
 * server sends is what Firebase Hosting will: the kit's CORS header above all, which a course page on another
 * origin (an LMS) needs to load it as a module script.
 */
export function hostingHeaders(path) {
  const hosting = JSON.parse(readFileSync(join(root, 'firebase.json'), 'utf8')).hosting ?? {};
  const glob = (source) =>
    new RegExp(
      `^${source
        .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
        .replace(/\*\*/g, '\0')
        .replace(/\*/g, '[^/]*')
        .replace(/\0/g, '.*')}$`,
    );
  const headers = {};
  for (const rule of hosting.headers ?? []) {
    if (glob(rule.source).test(path)) for (const { key, value } of rule.headers) headers[key.toLowerCase()] = value;
  }
  return headers;
}

/** The owner console's page, served at /console/ beside /demo/ and /kit/. */
const CONSOLE_PAGE = 'console/index.html';

/**
 * The embed pages, served at /embed/ (the iframe page) and /embed/builder/: the kit's script tag as in any demo page,
 * their own scripts from the embed package's build beside them, with the kit's manifest and its list of files.
 */
const EMBED_PAGES = { 'index.html': '', 'builder/index.html': '../' };

export function renderEmbedPage(file, { env = process.env } = {}) {
  const up = EMBED_PAGES[file];
  return renderDemoPage(`embed/${file}`, { env, kitUrl: `${up}../kit/cohort-kit.js` }).replace(
    /(\.\.\/)+packages\/embed\/src\/([\w-]+)\.ts/g,
    (_, _up, name) => `${up || './'}${name}.js`,
  );
}

/** The kit's files an embed package carries: its modules, without source maps or the build manifest. */
export function kitFiles(dir = kitDist) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && !entry.name.endsWith('.map'))
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split('\\').join('/'))
    .filter((file) => !file.startsWith('.vite/'))
    .sort();
}

/** An /embed/ path's body and type, or undefined when there is none. */
function embedResponse(path, env) {
  const name = path.slice('/embed/'.length);
  if (name === '' || name === 'index.html') return [renderEmbedPage('index.html', { env }), TYPES['.html']];
  if (name === 'builder/' || name === 'builder/index.html')
    return [renderEmbedPage('builder/index.html', { env }), TYPES['.html']];
  if (name === 'custom-elements.json')
    return [readFileSync(join(root, 'packages', 'kit', 'custom-elements.json')), TYPES['.json']];
  if (name === 'kit-files.json') return [JSON.stringify(kitFiles()), TYPES['.json']];
  const file = normalize(join(embedDist, name));
  if (!file.startsWith(embedDist) || !existsSync(file)) return undefined;
  return [readFileSync(file), TYPES[extname(file)] ?? 'application/octet-stream'];
}

/**
 * Serves /demo/* (rendered pages and assets), /console/ (the owner console) and /kit/* (the built kit) on 127.0.0.1,
 * with firebase.json's headers.
 */
export async function startStaticDemo({ port = 5174, env = process.env, extraPages = {} } = {}) {
  if (!existsSync(join(kitDist, 'cohort-kit.js'))) throw new Error('No built kit: run npm run build first.');
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    const send = (status, body, type = 'text/plain') => {
      response.writeHead(status, { 'cache-control': 'no-store', ...hostingHeaders(path), 'content-type': type });
      response.end(body);
    };
    try {
      if (extraPages[path]) return send(200, extraPages[path], TYPES['.html']);
      if (path === '/console/' || path === '/console/index.html') {
        return send(200, renderDemoPage(CONSOLE_PAGE, { env }), TYPES['.html']);
      }
      if (path === '/embed' || path === '/embed/builder') {
        response.writeHead(301, { location: `${path}/` });
        return response.end();
      }
      if (path.startsWith('/embed/')) {
        const found = embedResponse(path, env);
        return found ? send(200, ...found) : send(404, 'not found');
      }
      if (path.startsWith('/kit/')) {
        const file = normalize(join(kitDist, path.slice('/kit/'.length)));
        if (!file.startsWith(kitDist) || !existsSync(file)) return send(404, 'not found');
        return send(200, readFileSync(file), TYPES[extname(file)] ?? 'application/octet-stream');
      }
      if (path.startsWith('/demo/')) {
        const name = path.slice('/demo/'.length) || 'index.html';
        if (name.includes('/') || name.includes('..')) return send(404, 'not found');
        if (name.endsWith('.html')) return send(200, renderDemoPage(name, { env }), TYPES['.html']);
        const file = join(root, 'demo', name);
        if (!existsSync(file)) return send(404, 'not found');
        return send(200, readFileSync(file), TYPES[extname(file)] ?? 'application/octet-stream');
      }
      send(404, 'not found');
    } catch (error) {
      send(500, String(error));
    }
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return {
    url: `http://127.0.0.1:${port}/demo/`,
    port,
    close: () => new Promise((resolve) => server.close(() => resolve(undefined))),
  };
}

/** The hosting root: the course page is the demo, so lead there. */
const ROOT_INDEX = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta http-equiv="refresh" content="0; url=demo/" />
    <title>Cohort Kit demo</title>
  </head>
  <body>
    <p><a href="demo/">Week 2 · Goal setting — the Cohort Kit demo course page</a></p>
    <p><a href="demo/two-learners.html">Two learners side by side</a></p>
    <p><a href="demo/feedback.html">Week 3 · Feedback</a>: a peer-feedback round on the goal plans from week 2</p>
    <p><a href="demo/week-4.html">Week 4</a> and <a href="demo/week-6.html">week 6</a>: checking in on the goal set in week 2, and reflecting on it</p>
    <p><a href="demo/badge.html">The cohort badge</a>: a numbered, limited-edition badge earned by taking part</p>
    <p><a href="demo/space.html">Try a space</a>: a test page for any space, named in the address (?space=)</p>
    <p><a href="console/">Owner console</a>: create and manage spaces</p>
    <p><a href="embed/builder/">Embed builder</a>: a script tag, an iframe, a web object or a SCORM package for any element</p>
    <p>The kit itself: <a href="kit/cohort-kit.js">kit/cohort-kit.js</a></p>
  </body>
</html>
`;

/**
 * Writes the demo with the built kit into demo-dist/, for `firebase deploy --only hosting`: a root page that
 * leads to the course page, demo/ with its script tags set by `env` (see applyDemoSettings), console/ and kit/.
 */
export function writeHostingDemo(outDir = join(root, 'demo-dist'), env = {}, { kitDir = kitDist } = {}) {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(join(outDir, 'demo'), { recursive: true });
  cpSync(kitDir, join(outDir, 'kit'), { recursive: true, filter: (file) => !file.includes('.vite') });
  writeFileSync(join(outDir, 'index.html'), ROOT_INDEX);
  mkdirSync(join(outDir, 'console'), { recursive: true });
  writeFileSync(join(outDir, CONSOLE_PAGE), renderDemoPage(CONSOLE_PAGE, { env }));
  mkdirSync(join(outDir, 'embed', 'builder'), { recursive: true });
  for (const page of Object.keys(EMBED_PAGES))
    writeFileSync(join(outDir, 'embed', page), renderEmbedPage(page, { env }));
  cpSync(embedDist, join(outDir, 'embed'), { recursive: true, filter: (file) => !file.endsWith('.map') });
  cpSync(join(root, 'packages', 'kit', 'custom-elements.json'), join(outDir, 'embed', 'custom-elements.json'));
  writeFileSync(join(outDir, 'embed', 'kit-files.json'), JSON.stringify(kitFiles(kitDir)));
  for (const name of readdirSync(join(root, 'demo'))) {
    if (name === 'console' || name === 'embed') continue; // written at the hosting root
    const target = join(outDir, 'demo', name);
    if (name.endsWith('.html')) writeFileSync(target, renderDemoPage(name, { env }));
    else cpSync(join(root, 'demo', name), target);
  }
  return outDir;
}
