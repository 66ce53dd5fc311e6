// A course page on another origin (an LMS, a school's site) loading the hosted kit, as Firebase Hosting serves it
// with firebase.json's headers: a module script from another origin loads only with a CORS header, for the entry
// and for every lazy chunk it imports.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, learner } from '@cohort-kit/core/testing/e2e.js';

let hosted: Awaited<ReturnType<typeof launch>>;
let coursePage: Server;
let courseUrl = '';

beforeAll(async () => {
  hosted = await launch();
  const kit = new URL('/kit/cohort-kit.js', hosted.demoUrl).href;
  coursePage = createServer((_, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Week 2 · another site</title>
      <script type="module" src="${kit}" data-preview data-space="lms-course"></script></head>
      <body><main><h1>Week 2</h1>
        <cohort-poll poll="lms-check-in">How is week 2 going?<option>🙂 Well</option><option>😬 Stuck</option></cohort-poll>
      </main></body></html>`);
  });
  await new Promise<void>((resolve) => coursePage.listen(0, '127.0.0.1', resolve));
  courseUrl = `http://127.0.0.1:${(coursePage.address() as AddressInfo).port}/`;
});
afterAll(async () => {
  await new Promise((resolve) => coursePage?.close(resolve));
  await hosted?.close();
});

describe('the hosted kit', () => {
  it('answers a request from another origin with the CORS header firebase.json sets', async () => {
    const response = await fetch(new URL('/kit/cohort-kit.js', hosted.demoUrl), {
      headers: { origin: 'https://lms.example.edu' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('loads in a course page on another origin, lazy chunks and all, and its element works there', async () => {
    expect(new URL(courseUrl).origin).not.toBe(new URL(hosted.demoUrl).origin);
    const { context, page } = await learner(hosted.browser, courseUrl);
    const refused: string[] = [];
    page.on('console', (message) => {
      if (/CORS|Access-Control/i.test(message.text())) refused.push(message.text());
    });
    const poll = page.locator('cohort-poll');
    await poll.getByText('Preview — only you can see this').waitFor({ timeout: 30000 });
    await poll.getByRole('radio', { name: /Well/ }).click();
    // A first vote asks for the learner's name, even in a preview.
    const form = poll.locator('form.join');
    await form
      .or(poll.getByRole('radio', { name: /Well/, checked: true }))
      .first()
      .waitFor();
    if (await form.count()) {
      await form.locator('input[name="displayName"]').fill('Ana');
      await form.getByRole('button', { name: 'Continue' }).click();
    }
    await expect.poll(() => poll.getByRole('radio', { name: /Well/, checked: true }).count()).toBe(1);
    expect(refused).toEqual([]);
    await context.close();
  });
});
