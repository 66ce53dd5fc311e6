import { expect, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { createSpace, grantRole, uniqueId, useEmulators, waitFor } from '@cohort-kit/core/testing';
import {
  articles,
  articleWith,
  bodies,
  button,
  findButton,
  mountThread,
  otherLearner,
  readerUid,
  root,
  seedPosts,
  storedWhen,
  text,
} from '../test/support.js';
import type { CohortThread } from './thread.js';

useEmulators();
let space = uniqueId('thread-feed');
let thread = uniqueId('t');

const HOUR = 60;
const DAY = 24 * HOUR;
const sortSelect = (el: CohortThread) => root(el).querySelector<HTMLSelectElement>('.toolbar select')!;
const mentionOptions = (el: CohortThread) => [...root(el).querySelectorAll<HTMLElement>('[role="option"]')];
const composer = (el: CohortThread) => root(el).querySelector<HTMLTextAreaElement>('#composer-text');
const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((item, i) => item === b[i]);

beforeEach(async () => {
  space = uniqueId('thread-feed');
  thread = uniqueId('t');
  await createSpace(space, { name: 'Leadership cohort', reportThreshold: 3 });
});

describe('<cohort-thread> feed', () => {
  it('orders posts by newest, oldest or most reactions from a labelled select used with the keyboard', async () => {
    const [maya, bruno, chen, dana, eli] = ['Maya Lopez', 'Bruno Diaz', 'Chen Wu', 'Dana Park', 'Eli Stone'].map(
      otherLearner,
    );
    await seedPosts(space, thread, [
      {
        author: maya,
        body: 'Oldest, two reactions',
        minutesAgo: 3 * HOUR,
        reactions: [
          { by: dana, key: 'thumbs' },
          { by: eli, key: 'heart' },
        ],
      },
      {
        author: bruno,
        body: 'Middle, three reactions',
        minutesAgo: 2 * HOUR,
        reactions: [
          { by: dana, key: 'idea' },
          { by: eli, key: 'idea' },
          { by: maya, key: 'party' },
        ],
      },
      { author: chen, body: 'Newest, no reactions', minutesAgo: HOUR },
    ]);
    const el = await mountThread(space, thread);
    await waitFor(() => articles(el).length === 3, 'posts shown');
    expect(bodies(el)).to.deep.equal(['Newest, no reactions', 'Middle, three reactions', 'Oldest, two reactions']);
    expect(sortSelect(el).labels[0]!.textContent).to.contain('Sort by');
    expect(sortSelect(el).value).to.equal('newest');

    sortSelect(el).focus();
    await sendKeys({ press: 'ArrowDown' });
    await waitFor(
      () =>
        sortSelect(el).value === 'oldest' &&
        sameList(bodies(el), ['Oldest, two reactions', 'Middle, three reactions', 'Newest, no reactions']),
      'oldest first',
    );
    await sendKeys({ press: 'ArrowDown' });
    await waitFor(
      () =>
        sortSelect(el).value === 'top' &&
        sameList(bodies(el), ['Middle, three reactions', 'Oldest, two reactions', 'Newest, no reactions']),
      'most reactions first',
    );
    expect(button(articles(el)[0]!, 'Insightful').getAttribute('aria-label')).to.equal('Insightful: 2');
    await sendKeys({ press: 'ArrowUp' });
    await sendKeys({ press: 'ArrowUp' });
    await waitFor(
      () =>
        sortSelect(el).value === 'newest' &&
        sameList(bodies(el), ['Newest, no reactions', 'Middle, three reactions', 'Oldest, two reactions']),
      'newest first again',
    );
    expect(root(el).activeElement).to.equal(sortSelect(el));
    await expect(el).to.be.accessible();
  });

  it('shows 20 posts, then "Load more" adds the rest, moves focus to the first new one and goes away', async () => {
    const authors = ['Maya Lopez', 'Bruno Diaz', 'Chen Wu', 'Dana Park'].map(otherLearner);
    // Post 1 is the oldest; one every five minutes, so newest first is Post 23 … Post 1.
    await seedPosts(
      space,
      thread,
      Array.from({ length: 23 }, (_, i) => ({
        author: authors[i % authors.length],
        body: `Post ${i + 1}`,
        minutesAgo: (23 - i) * 5,
      })),
    );
    const newestFirst = Array.from({ length: 23 }, (_, i) => `Post ${23 - i}`);
    const el = await mountThread(space, thread);
    await waitFor(() => articles(el).length === 20, 'first page shown');
    expect(bodies(el)).to.deep.equal(newestFirst.slice(0, 20));
    // The feed does not claim a size while more can be loaded.
    expect(articles(el)[19]!.getAttribute('aria-setsize')).to.equal('-1');

    button(root(el), 'Load more').focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => articles(el).length === 23, 'next page added');
    expect(bodies(el)).to.deep.equal(newestFirst);
    await waitFor(() => root(el).activeElement === articles(el)[20], 'first new post focused');
    expect(articles(el)[20]!.getAttribute('aria-posinset')).to.equal('21');
    expect(articles(el)[22]!.getAttribute('aria-setsize')).to.equal('23');
    expect(findButton(root(el), 'Load more')).to.equal(undefined);
    await expect(el).to.be.accessible();
  });

  it('offers members for "@" by keyboard, inserts the chosen name and stores their uid with the post', async () => {
    const uid = await readerUid();
    await grantRole(space, uid, 'learner', 'Ana Learner');
    const [mateo, maya, bruno] = ['Mateo Ruiz', 'Maya Lopez', 'Bruno Diaz'].map(otherLearner);
    for (const member of [mateo, maya, bruno]) await grantRole(space, member.uid, 'learner', member.displayName);
    const el = await mountThread(space, thread);

    composer(el)!.focus();
    await sendKeys({ type: 'Great idea @ma' });
    await waitFor(
      () =>
        sameList(
          mentionOptions(el).map((o) => o.textContent!.trim()),
          ['Mateo Ruiz', 'Maya Lopez'],
        ),
      'members starting with "ma" offered',
    );
    const listbox = root(el).querySelector('[role="listbox"]')!;
    expect(listbox.getAttribute('aria-label')).to.equal('Members');
    expect(composer(el)!.getAttribute('aria-controls')).to.equal(listbox.id);
    expect(composer(el)!.getAttribute('aria-activedescendant')).to.equal(mentionOptions(el)[0]!.id);

    await sendKeys({ press: 'ArrowDown' });
    await waitFor(
      () =>
        composer(el)!.getAttribute('aria-activedescendant') === mentionOptions(el)[1]?.id &&
        mentionOptions(el)[1]!.getAttribute('aria-selected') === 'true',
      'second member active',
    );
    await sendKeys({ press: 'Enter' });
    await waitFor(() => composer(el)!.value === 'Great idea @Maya Lopez ', 'name inserted');
    expect(root(el).querySelector('[role="listbox"]')).to.equal(null);
    expect(root(el).activeElement).to.equal(composer(el));

    await sendKeys({ type: 'has a plan' });
    const posted = oneEvent(el, 'cohort-post');
    await sendKeys({ press: 'Control+Enter' });
    const { detail } = await posted;
    const stored = await storedWhen(`spaces/${space}/threads/${thread}/posts/${detail.postId}`, () => true);
    expect(stored).to.include({ body: 'Great idea @Maya Lopez has a plan', authorName: 'Ana Learner' });
    expect(stored!.mentions).to.deep.equal([maya.uid]);
    await expect(el).to.be.accessible();
  });

  it('marks a post that mentions the reader with a visible "Mentions you" label, and only that post', async () => {
    const uid = await readerUid();
    await grantRole(space, uid, 'learner', 'Ana Learner');
    const [maya, bruno] = ['Maya Lopez', 'Bruno Diaz'].map(otherLearner);
    await seedPosts(space, thread, [
      { author: maya, body: '@Ana Learner your plan inspired mine', minutesAgo: 30, mentions: [uid] },
      { author: bruno, body: 'I will practise giving feedback', minutesAgo: 20 },
    ]);
    const el = await mountThread(space, thread);
    await waitFor(() => articles(el).length === 2, 'posts shown');
    await waitFor(
      () => Boolean(articleWith(el, '@Ana Learner your plan inspired mine')?.classList.contains('post--mentioned')),
      'mention marked',
    );
    const mentioned = articleWith(el, '@Ana Learner your plan inspired mine')!;
    const label = mentioned.querySelector('.post__header .badge--accent')!;
    expect(label.textContent!.trim()).to.equal('Mentions you');
    expect(label.closest('[aria-hidden="true"]')).to.equal(null);
    const other = articleWith(el, 'I will practise giving feedback')!;
    expect(other.classList.contains('post--mentioned')).to.equal(false);
    expect(other.textContent).not.to.contain('Mentions you');
    await expect(el).to.be.accessible();
  });

  it('says how many other learners posted in the last week, each counted once', async () => {
    const uid = await readerUid();
    const [maya, bruno, chen, dana] = ['Maya Lopez', 'Bruno Diaz', 'Chen Wu', 'Dana Park'].map(otherLearner);
    await seedPosts(space, thread, [
      { author: dana, body: 'Posted eight days ago', minutesAgo: 8 * DAY },
      { author: bruno, body: 'Posted six days ago', minutesAgo: 6 * DAY },
      { author: maya, body: 'Posted two days ago', minutesAgo: 2 * DAY },
      { author: maya, body: 'Posted again an hour ago', minutesAgo: HOUR },
      { author: chen, body: 'Posted ten minutes ago', minutesAgo: 10 },
      // The reader's own post is not a peer's.
      { author: { uid, displayName: 'Ana Learner' }, body: 'My own post', minutesAgo: 30 },
    ]);
    const el = await mountThread(space, thread);
    await waitFor(() => Boolean(root(el).querySelector('.presence')), 'presence shown');
    expect(root(el).querySelector('.presence')!.textContent!.trim()).to.equal('3 peers posted this week');
    expect(text(el)).to.contain('Posted eight days ago');
    await expect(el).to.be.accessible();
  });
});
