// End-to-end support for the embed tests: a second origin for host pages, a folder served as an LMS or a web
// server would serve an unzipped package, and a look at an iframe from its host page.
import { createServer } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import type { Frame, Page } from 'playwright-core';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.xml': 'application/xml',
};

/** The demo's own port is COHORT_E2E_PORT; these tests take the ones after it (runtime.e2e takes +1). */
export const portAfterDemo = (n: number) => Number(process.env.COHORT_E2E_PORT ?? 5174) + n;

/**
 * Serves `pages` (path → HTML, read on each request, so a test may add pages) and the files under `folders`
 * (URL prefix → directory) on 127.0.0.1:port.
 */
export async function serve(port: number, pages: Record<string, string> = {}, folders: Record<string, string> = {}) {
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    const send = (status: number, body: string | Buffer, type = 'text/plain') => {
      response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
      response.end(body);
    };
    if (pages[path] !== undefined) return send(200, pages[path], TYPES['.html']);
    for (const [prefix, dir] of Object.entries(folders)) {
      if (!path.startsWith(prefix)) continue;
      const file = normalize(join(dir, path.slice(prefix.length) || 'index.html'));
      if (file.startsWith(dir) && existsSync(file) && statSync(file).isFile())
        return send(200, readFileSync(file), TYPES[extname(file)] ?? 'application/octet-stream');
    }
    send(404, 'not found');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    origin: `http://127.0.0.1:${port}`,
    pages,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The frame whose address contains `part`, once the host page has it. */
export async function frameWith(page: Page, part: string): Promise<Frame> {
  for (let i = 0; i < 200; i++) {
    const frame = page.frames().find((each) => each.url().includes(part));
    if (frame) return frame;
    await page.waitForTimeout(100);
  }
  throw new Error(`no frame at an address with ${part}`);
}

/**
 * How a frame sits in its host page: the iframe's height there, the height of what the frame shows, and how far its
 * document reaches beyond the frame (0 when nothing is cut off or scrolls).
 */
export async function frameFit(page: Page, frame: Frame, iframeSelector: string) {
  const frameHeight = await page.locator(iframeSelector).evaluate((iframe) => (iframe as HTMLElement).clientHeight);
  const inside = await frame.evaluate(() => ({
    content: Math.ceil(document.querySelector('main')!.getBoundingClientRect().height),
    overflow: document.documentElement.scrollHeight - innerHeight,
  }));
  return { frameHeight, ...inside };
}
