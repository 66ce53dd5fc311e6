import { aTimeout, expect, fixture, oneEvent } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { connect } from '@cohort-kit/core';
import { createSpace, grantRole, readDocument, uniqueId, useEmulators, waitFor } from '@cohort-kit/core/testing';
import { otherLearner, seedPosts, storedWhen } from '../test/support.js';
import { CohortPostEvent } from './events.js';
import type { CohortThread } from './thread.js';
import './cohort-thread.js';

useEmulators();
// The rate limit is per learner across a space, and these tests share one learner: a space per test.
let space = uniqueId('thread-test');
const PROMPT = 'Share one goal you want to reach by the end of the cohort, and why it matters to you.';

declare global {
  interface Window {
    __threadPwned?: boolean;
  }
}

const root = (el: CohortThread) => el.shadowRoot!;
const text = (el: CohortThread) => root(el).textContent!.replace(/\s+/g, ' ');
const liveRegion = (el: CohortThread) => root(el).querySelector('[aria-live="polite"]')!.textContent ?? '';
const articles = (el: CohortThread) => [...root(el).querySelectorAll<HTMLElement>('.feed > article')];
const postDocPath = (thread: string, id: string) => `spaces/${space}/threads/${thread}/posts/${id}`;

async function thread(id = uniqueId('t')) {
  const wrapper = await fixture<HTMLDivElement>(
    `<div><cohort-thread space="${space}" thread="${id}" prompt="${PROMPT}"></cohort-thread></div>`,
  );
  const el = wrapper.querySelector('cohort-thread') as CohortThread;
  await waitFor(
    () => !root(el).querySelector('[aria-busy="true"]') && Boolean(root(el).querySelector('[role="feed"], .empty')),
    'thread loaded',
  );
  return { el, id };
}

function button(
  el: CohortThread | HTMLElement,
  label: string,
  scope: ParentNode = (el as CohortThread).shadowRoot ?? el,
): HTMLButtonElement {
  const found = [...scope.querySelectorAll<HTMLButtonElement>('button')].find(
    (b) => b.textContent!.trim() === label || b.getAttribute('aria-label')?.startsWith(label),
  );
  if (!found) throw new Error(`no button "${label}"`);
  return found;
}

function type(box: HTMLTextAreaElement, value: string) {
  box.value = value;
  box.setSelectionRange(value.length, value.length);
  box.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
}

/** Writes and sends a post like a learner, giving a name the first time the element asks for one. */
async function post(el: CohortThread, body: string, box = '#composer-text', submit = 'Post') {
  type(root(el).querySelector<HTMLTextAreaElement>(box)!, body);
  await el.updateComplete;
  button(el, submit).click();
  // The element either asks for a name (first contribution; the form loads on demand), sends, or explains a problem.
  await waitFor(
    () =>
      Boolean(root(el).querySelector('input[name="displayName"], .error')) ||
      root(el).querySelector<HTMLTextAreaElement>(box)?.value === '',
    'join form, post sent or problem shown',
  );
  const name = root(el).querySelector<HTMLInputElement>('input[name="displayName"]');
  if (name) {
    name.value = 'Ana Learner';
    root(el).querySelector<HTMLFormElement>('form.join')!.requestSubmit();
  }
}

beforeEach(async () => {
  space = uniqueId('thread-test');
  await createSpace(space, { name: 'Leadership cohort', reportThreshold: 3 });
});

describe('<cohort-thread>', () => {
  it('shows the prompt and invites a first, low-effort reply instead of an empty box', async () => {
    const { el } = await thread();
    expect(text(el)).to.contain(PROMPT);
    expect(text(el)).to.contain('No one has replied yet.');
    button(el, 'Start with one sentence').click();
    await el.updateComplete;
    await aTimeout(0);
    const box = root(el).querySelector<HTMLTextAreaElement>('#composer-text')!;
    expect(box.value).to.equal('One goal I have is ');
    expect(root(el).activeElement).to.equal(box);
    expect(text(el)).to.contain('19 / 2000 characters');
    await expect(el).to.be.accessible();
  });

  it('reports a missing thread attribute instead of showing an empty thread', async () => {
    const wrapper = await fixture<HTMLDivElement>(`<div><cohort-thread space="${space}"></cohort-thread></div>`);
    const el = wrapper.querySelector('cohort-thread') as CohortThread;
    await waitFor(() => text(el).includes('thread attribute is missing'), 'problem shown');
    await expect(el).to.be.accessible();
  });

  it('posts with formatting, shows it at once, focuses it, announces it and stores it', async () => {
    const { el, id } = await thread();
    const posted = oneEvent(el, 'cohort-post');
    await post(el, 'I want to **delegate** more. Notes: https://example.com/notes');
    const event = await posted;
    // A page can tell the events apart by class as well as by name.
    expect(event).to.be.instanceOf(CohortPostEvent);
    expect(event.detail).to.include({ space, thread: id });
    await waitFor(() => articles(el).length === 1, 'post shown');
    const article = articles(el)[0]!;
    expect(article.querySelector('strong')!.textContent).to.equal('delegate');
    expect(article.querySelector('a')!.getAttribute('rel')).to.equal('noopener noreferrer nofollow ugc');
    expect(article.getAttribute('aria-posinset')).to.equal('1');
    expect(article.textContent).to.contain('Ana Learner');
    await waitFor(() => root(el).activeElement === article, 'new post focused');
    await waitFor(() => liveRegion(el).includes('Your post was added.'), 'announced');
    expect(root(el).querySelector<HTMLTextAreaElement>('#composer-text')!.value).to.equal('');
    await waitFor(() => !article.textContent!.includes('Waiting to send'), 'confirmed by the server');
    const stored = await readDocument<Record<string, unknown>>(postDocPath(id, event.detail.postId));
    expect(stored).to.include({
      body: 'I want to **delegate** more. Notes: https://example.com/notes',
      authorName: 'Ana Learner',
      linkCount: 1,
      parentId: null,
    });
    await expect(el).to.be.accessible();
  });

  it('takes a press of Post once: pressing again around the name prompt and during the write stores one post', async () => {
    const { el, id } = await thread();
    const posted: string[] = [];
    el.addEventListener('cohort-post', (event) => posted.push(event.detail.postId));
    const box = root(el).querySelector<HTMLTextAreaElement>('#composer-text')!;
    const submit = () => root(el).querySelector<HTMLButtonElement>('form.composer button[type="submit"]')!;
    const pressAgain = () => {
      submit().click();
      box.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true, bubbles: true, composed: true }));
    };
    type(box, 'One press, one post.');
    await el.updateComplete;
    submit().click();
    await waitFor(() => Boolean(root(el).querySelector('input[name="displayName"]')), 'name prompt');
    expect(submit().textContent!.trim()).to.equal('Sending…');
    expect(submit().getAttribute('aria-disabled')).to.equal('true');
    root(el).querySelector<HTMLInputElement>('input[name="displayName"]')!.value = 'Ana Learner';
    root(el).querySelector<HTMLFormElement>('form.join')!.requestSubmit();
    // An impatient learner presses again at once, and keeps pressing until the post has gone out.
    pressAgain();
    while (!posted.length) {
      await aTimeout(10);
      pressAgain();
    }
    // And once more while the write is on its way to the server.
    pressAgain();
    await waitFor(() => articles(el).length > 0, 'post shown');
    await waitFor(() => !articles(el)[0]!.textContent!.includes('Waiting to send'), 'confirmed by the server');
    await aTimeout(500);
    expect(posted).to.have.length(1);
    expect(articles(el).map((article) => article.querySelector('.post__body')!.textContent!.trim())).to.deep.equal([
      'One press, one post.',
    ]);
    expect(text(el)).not.to.contain('Your posts on this device');
    const stored = (await executeServerCommand('cohort-list', { path: `spaces/${space}/threads/${id}/posts` })) as {
      ids: string[];
    };
    expect(stored.ids).to.deep.equal(posted);
  });

  it('refuses oversized text, too many links and blocked words with a clear message, writing nothing', async () => {
    const { el } = await thread();
    const box = root(el).querySelector<HTMLTextAreaElement>('#composer-text')!;
    type(box, 'x'.repeat(2001));
    await el.updateComplete;
    expect(text(el)).to.contain('2001 / 2000 characters');
    expect(box.getAttribute('aria-invalid')).to.equal('true');
    button(el, 'Post').click();
    await waitFor(() => text(el).includes('Shorten your post to 2000 characters.'), 'length error');
    await post(el, 'https://a.io https://b.io https://c.io https://d.io');
    await waitFor(() => text(el).includes('Use at most 3 links in one post.'), 'links error');
    await post(el, 'You are such a retard');
    await waitFor(() => text(el).includes('words this space does not allow: retard'), 'blocked word error');
    expect(root(el).querySelector('[role="alert"]')).not.to.equal(null);
    expect(articles(el)).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('reacts once per emoji, toggles off, and keeps the count on the post', async function () {
    this.timeout(60000); // four round trips to the server; the full suite runs two browsers at once
    const { el, id } = await thread();
    const posted = oneEvent(el, 'cohort-post');
    await post(el, 'React to me');
    const { detail } = await posted;
    await waitFor(() => articles(el).length === 1, 'post shown');
    const reacted = oneEvent(el, 'cohort-react');
    button(el, 'Thumbs up').click();
    expect((await reacted).detail).to.include({ reaction: 'thumbs', active: true });
    await waitFor(() => button(el, 'Thumbs up').getAttribute('aria-pressed') === 'true', 'pressed');
    await waitFor(() => button(el, 'Thumbs up').getAttribute('aria-label') === 'Thumbs up: 1', 'count 1');
    await waitFor(() => !articles(el)[0]!.classList.contains('post--pending'), 'confirmed');
    // The server has the reaction a moment later (the element shows it at once and does not wait).
    const counts = (data: Record<string, unknown>) => data.reactionCounts as Record<string, number>;
    const afterReacting = await storedWhen(postDocPath(id, detail.postId), (data) => counts(data).thumbs === 1);
    expect(counts(afterReacting!).thumbs).to.equal(1);
    button(el, 'Thumbs up').click();
    await waitFor(() => button(el, 'Thumbs up').getAttribute('aria-pressed') === 'false', 'unpressed');
    await waitFor(() => !articles(el)[0]!.classList.contains('post--pending'), 'confirmed again');
    await waitFor(() => button(el, 'Thumbs up').getAttribute('aria-label') === 'Thumbs up: 0', 'count 0');
    const stored = await storedWhen(postDocPath(id, detail.postId), (data) => counts(data).thumbs === 0);
    expect(counts(stored!).thumbs).to.equal(0);
    expect(stored!.reactionTotal).to.equal(0);
    await expect(el).to.be.accessible();
  });

  it('edits with an "edited" marker, then deletes and moves focus to the composer', async () => {
    const { el, id } = await thread();
    const posted = oneEvent(el, 'cohort-post');
    await post(el, 'First draft');
    const { detail } = await posted;
    await waitFor(
      () => articles(el).length === 1 && !articles(el)[0]!.classList.contains('post--pending'),
      'post stored',
    );
    await aTimeout(10500); // an edit is rate-limited like a post: one per 10 seconds
    button(el, 'Edit').click();
    await el.updateComplete;
    await aTimeout(0);
    const editor = root(el).querySelector<HTMLTextAreaElement>('#edit-text')!;
    expect(root(el).activeElement).to.equal(editor);
    type(editor, 'Second _draft_');
    await el.updateComplete;
    button(el, 'Save').click();
    await waitFor(() => text(el).includes('(edited)'), 'edited marker');
    expect(articles(el)[0]!.querySelector('em')!.textContent).to.equal('draft');
    // Confirmed by the server, not only shown from the cache.
    expect(await storedWhen(postDocPath(id, detail.postId), (data) => data.editedAt !== null)).to.include({
      body: 'Second _draft_',
    });
    const original = window.confirm;
    window.confirm = () => true;
    try {
      button(el, 'Delete').click();
    } finally {
      window.confirm = original;
    }
    await waitFor(() => articles(el).length === 0, 'post removed from the feed');
    expect(root(el).activeElement).to.equal(root(el).querySelector('#composer-text'));
    await waitFor(() => liveRegion(el).includes('Post deleted.'), 'announced');
    const stored = await storedWhen(postDocPath(id, detail.postId), (data) => data.deleted === true);
    expect(stored).to.include({ deleted: true, body: '' });
    await expect(el).to.be.accessible();
  });

  it('asks for a wait before an edit within 10 seconds, keeps the text, then stores the edit with its rate update', async function () {
    this.timeout(40000);
    const { el, id } = await thread();
    const posted = oneEvent(el, 'cohort-post');
    await post(el, 'Goal: one conversation a week');
    const { detail } = await posted;
    await waitFor(
      () => articles(el).length === 1 && !articles(el)[0]!.classList.contains('post--pending'),
      'post stored',
    );
    button(el, 'Edit').click();
    await el.updateComplete;
    const editor = root(el).querySelector<HTMLTextAreaElement>('#edit-text')!;
    type(editor, 'Goal: two conversations a week');
    await el.updateComplete;
    button(el, 'Save').click();
    await waitFor(() => /You can edit again in (1 second|\d+ seconds)\./.test(text(el)), 'edit rate limit explained');
    expect(root(el).querySelector('#edit-text-error')!.getAttribute('role')).to.equal('alert');
    expect(root(el).querySelector<HTMLTextAreaElement>('#edit-text')!.value).to.equal('Goal: two conversations a week');
    expect((await readDocument(postDocPath(id, detail.postId)))!.body).to.equal('Goal: one conversation a week');
    await expect(el).to.be.accessible();

    await aTimeout(10500);
    button(el, 'Save').click();
    await waitFor(() => text(el).includes('(edited)'), 'edited marker');
    const stored = await storedWhen(postDocPath(id, detail.postId), (data) => data.editedAt !== null);
    expect(stored!.body).to.equal('Goal: two conversations a week');
    const uid = (await (await connect()).identity.ensureSignedIn()).uid;
    const rate = await readDocument<Record<string, unknown>>(`spaces/${space}/threadRates/${uid}`);
    expect(rate).to.include({ count: 2, lastThreadId: id, lastPostId: detail.postId });
  });

  it('refuses bidi controls and a blocked word hidden by invisible characters, keeping the draft; Persian and emoji go through', async function () {
    this.timeout(30000);
    const { el, id } = await thread();
    const box = root(el).querySelector<HTMLTextAreaElement>('#composer-text')!;
    await post(el, 'Open invoice\u202Egpj.exe');
    await waitFor(() => text(el).includes('change the direction of text'), 'bidi refused');
    expect(root(el).querySelector('#composer-text-error')!.textContent!.trim()).to.equal(
      'Your post contains invisible characters that change the direction of text, so it could read differently to others. Remove them and try again.',
    );
    expect(box.value).to.equal('Open invoice\u202Egpj.exe');
    await post(el, 'you are a re\u200Btard');
    await waitFor(() => text(el).includes('words this space does not allow: retard.'), 'hidden blocked word refused');
    expect(box.value).to.equal('you are a re\u200Btard');
    expect(articles(el)).to.have.length(0);
    expect(text(el)).not.to.contain('Waiting to send');

    const welcome = 'می\u200Cخواهم یاد بگیرم 👩\u200D💻 👨\u200D👩\u200D👧';
    const posted = oneEvent(el, 'cohort-post');
    await post(el, welcome);
    const { detail } = await posted;
    await waitFor(
      () => articles(el).length === 1 && !articles(el)[0]!.classList.contains('post--pending'),
      'post stored',
    );
    expect((await readDocument(postDocPath(id, detail.postId)))!.body).to.equal(welcome);
    expect(articles(el)[0]!.querySelector('.post__body')!.textContent!.trim()).to.equal(welcome);
  });

  it('shows the real address of a link whose label names another host', async () => {
    const id = uniqueId('t');
    await seedPosts(space, id, [
      {
        author: otherLearner('Maya Lopez'),
        body: 'Log in here: [https://bank.example/login](https://evil.example/login)',
        minutesAgo: 5,
      },
    ]);
    const { el } = await thread(id);
    await waitFor(() => articles(el).length === 1, 'post shown');
    const link = articles(el)[0]!.querySelector('.post__body a')!;
    expect(link.getAttribute('href')).to.equal('https://evil.example/login');
    expect(link.textContent).to.contain('https://evil.example/login');
    expect(articles(el)[0]!.textContent).not.to.contain('bank.example');
  });

  it('replies under a post after the rate limit allows, raising the reply count', async function () {
    this.timeout(30000);
    const { el, id } = await thread();
    const posted = oneEvent(el, 'cohort-post');
    await post(el, 'Ask me about goals');
    const { detail } = await posted;
    await waitFor(
      () => articles(el).length === 1 && !articles(el)[0]!.classList.contains('post--pending'),
      'post stored',
    );
    button(el, 'Reply').click();
    await el.updateComplete;
    type(root(el).querySelector<HTMLTextAreaElement>('#reply-text')!, 'Replying too soon');
    await el.updateComplete;
    button(el, 'Send reply').click();
    await waitFor(() => /You can post again in (1 second|\d+ seconds)\./.test(text(el)), 'rate limit explained');
    await aTimeout(10500); // the rules allow one post per 10 seconds
    const replied = oneEvent(el, 'cohort-reply');
    button(el, 'Send reply').click();
    expect((await replied).detail).to.include({ parentId: detail.postId });
    await waitFor(() => root(el).querySelectorAll('.replies article').length === 1, 'reply shown');
    await waitFor(() => text(el).includes('Hide replies'), 'replies expanded');
    const parent = await storedWhen(postDocPath(id, detail.postId), (data) => data.replyCount === 1);
    expect(parent!.replyCount).to.equal(1);
    await expect(el).to.be.accessible();
  });

  it('renders hostile text posted for real as inert, visible text', async () => {
    window.__threadPwned = undefined;
    const hostile = [
      '<script>window.__threadPwned = true</script>',
      '<img src=x onerror="window.__threadPwned = true">',
      '[click](javascript:window.__threadPwned=true)',
      'https://ok.example/"><svg onload=window.__threadPwned=true>',
    ].join('\n\n');
    const { el, id } = await thread();
    const posted = oneEvent(el, 'cohort-post');
    await post(el, hostile);
    const { detail } = await posted;
    await waitFor(
      () => articles(el).length === 1 && !articles(el)[0]!.classList.contains('post--pending'),
      'post stored',
    );
    await aTimeout(100);
    expect(root(el).querySelectorAll('script, img, svg, iframe')).to.have.length(0);
    const body = articles(el)[0]!.querySelector('.post__body')!;
    expect(body.textContent).to.contain('<script>window.__threadPwned = true</script>');
    expect(body.textContent).to.contain('<img src=x onerror="window.__threadPwned = true">');
    expect([...body.querySelectorAll('a')].map((a) => a.protocol)).to.deep.equal(['https:']);
    expect(window.__threadPwned).to.equal(undefined);
    expect((await readDocument(postDocPath(id, detail.postId)))!.body).to.equal(hostile);
  });

  it('lets a facilitator pin a post and lock the thread, with a role label on their name', async () => {
    const runtime = await connect();
    const user = await runtime.identity.ensureSignedIn();
    await grantRole(space, user.uid, 'facilitator', 'Fran Facilitator');
    const { el, id } = await thread();
    await waitFor(() => text(el).includes('Lock thread'), 'facilitator tools');
    await post(el, 'An exemplar answer');
    await waitFor(
      () => articles(el).length === 1 && !articles(el)[0]!.classList.contains('post--pending'),
      'post stored',
    );
    expect(articles(el)[0]!.querySelector('.badge[data-role="facilitator"]')?.textContent?.trim()).to.equal(
      'Facilitator',
    );
    button(el, 'Pin').click();
    await waitFor(() => Boolean(root(el).querySelector('.pinned article')), 'pinned at the top');
    expect(text(el)).to.contain('Pinned by a facilitator');
    button(el, 'Lock thread').click();
    await waitFor(() => text(el).includes('This thread is locked.'), 'locked notice');
    const stored = await storedWhen(`spaces/${space}/threads/${id}`, (data) => data.locked === true);
    expect(stored!.locked).to.equal(true);
    await expect(el).to.be.accessible();
  });
});
