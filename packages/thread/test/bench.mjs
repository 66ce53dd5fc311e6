// <cohort-thread>'s part of npm run bench (scripts/bench.mjs finds this file): its markup, seeded posts, and the
// measures a thread answers for: reads per view as posts grow, for a member and for "Load more", and how fast a
// post reaches another learner.
import { Timestamp } from 'firebase-admin/firestore';

export const tag = 'cohort-thread';
/** The name its reads are metered under (documentReads('thread')). */
export const reads = 'thread';
/** How many posts it holds on the page with every widget. */
export const typicalSize = 20;

export const markup = (thread) =>
  `<cohort-thread thread="${thread}" prompt="Share one goal for the cohort."></cohort-thread>`;

/** In the page: whether this element shows live data (its feed, or its empty state). */
export const liveCheck = `(root) => !!root.querySelector('[role="feed"][aria-busy="false"], .empty[part="feed"]')`;

/** A thread of `posts` posts by 40 learners, a minute apart. */
export async function seed(db, SPACE, thread, posts) {
  const base = db.doc(`spaces/${SPACE}/threads/${thread}`);
  await db.recursiveDelete(base);
  let batch = db.batch();
  for (let i = 0; i < posts; i++) {
    batch.set(base.collection('posts').doc(`post-${String(i).padStart(5, '0')}`), {
      authorId: `learner-${i % 40}`,
      authorName: `Learner ${i % 40}`,
      authorRole: 'learner',
      body: `Goal number ${i}: practise one **specific** habit each week and report back.`,
      parentId: null,
      createdAt: Timestamp.fromMillis(Date.now() - (posts - i) * 60000),
      editedAt: null,
      deleted: false,
      hidden: false,
      pinned: false,
      reactionCounts: {},
      reactionTotal: 0,
      replyCount: 0,
      reportCount: 0,
      lastReplyId: null,
      mentions: [],
      linkCount: 0,
    });
    if ((i + 1) % 200 === 0) {
      await batch.commit();
      batch = db.batch();
    }
  }
  await batch.commit();
}

/** Joins a thread by posting once (the name form on a first contribution), so the next view is a member's. */
async function joinByPosting(tab) {
  await tab.locator('cohort-thread #composer-text').fill('Joining the bench thread.');
  await tab.locator('cohort-thread').getByRole('button', { name: 'Post', exact: true }).click();
  await tab.locator('cohort-thread form.join input[name="displayName"]').fill('Bench member');
  await tab.locator('cohort-thread form.join button[type="submit"]').click();
  await tab
    .locator('cohort-thread article')
    .filter({ hasText: 'Joining the bench thread.' })
    .filter({ hasNotText: 'Waiting to send' })
    .first()
    .waitFor({ timeout: 30000 });
}

export async function measure({ db, space, page, pages, visit, twoLearners, row, median, ms }) {
  const seedThread = (thread, posts) => seed(db, space, thread, posts);
  const threadMarkup = (thread) => markup(thread);
  console.error('Thread reads and first page at 20 and 1,000 posts…');
  for (const posts of [20, 1000]) {
    await seedThread(`reads-${posts}`, posts);
    pages[`/demo/bench-thread-${posts}.html`] = page(threadMarkup(`reads-${posts}`));
    const visits = [];
    for (let i = 0; i < 3; i++) visits.push(await visit(`/demo/bench-thread-${posts}.html`));
    row(`Documents read per thread view, ${posts} posts`, String(median(visits.map((r) => r.reads.thread))));
    if (posts === 1000)
      row('Thread of 1,000 posts: script load → first page shown (median)', ms(median(visits.map((r) => r.live))));
  }

  console.error('Thread reads for a signed-in member, and for "Load more", at 1,000 posts…');
  {
    const members = [];
    for (let i = 0; i < 3; i++) members.push(await visit('/demo/bench-thread-1000.html', { member: joinByPosting }));
    row(
      'Documents read per thread view, 1,000 posts, signed-in member',
      String(median(members.map((r) => r.reads.thread))),
      'page of 20 + constant (reactions, rate, hidden, arrivals…); the peers count() is one more',
    );
    const more = [];
    for (let i = 0; i < 3; i++)
      more.push(
        await visit('/demo/bench-thread-1000.html', {
          act: async (tab) => {
            await tab.locator('cohort-thread').getByRole('button', { name: 'Load more' }).click();
            await tab.waitForFunction(
              () => document.querySelector('cohort-thread').shadowRoot.querySelectorAll('.feed > article').length >= 40,
              null,
              { timeout: 30000 },
            );
          },
        }),
      );
    row('Documents read by "Load more", 1,000 posts', String(median(more.map((r) => r.actReads))), 'the next 20 only');
  }
  await seedThread('latency', 0);
  pages['/demo/bench-thread-latency.html'] = page(threadMarkup('latency'));
  const [voter, watcher, closeBoth] = await twoLearners('/demo/bench-thread-latency.html');
  // The poster joins first, then waits out the rate limit that post started.
  await joinByPosting(voter);
  await voter.waitForTimeout(10500);
  console.error('Post in one browser → arrives in another (10 s apart: the rate limit)…');
  const composer = (tab) => tab.locator('cohort-thread #composer-text');
  const postTimes = [];
  for (let i = 0; i < 3; i++) {
    if (i > 0) await voter.waitForTimeout(10500);
    await composer(voter).fill(`Benchmark post ${i}`);
    const started = performance.now();
    await voter.locator('cohort-thread').getByRole('button', { name: 'Post', exact: true }).click();
    await watcher
      .locator('cohort-thread')
      .getByText(`Benchmark post ${i}`)
      .or(watcher.locator('cohort-thread').getByText(/new posts? — show/))
      .first()
      .waitFor({ timeout: 30000 });
    postTimes.push(performance.now() - started);
    const show = watcher.locator('cohort-thread').getByText(/new posts? — show/);
    if (await show.count()) await show.first().click();
  }
  row('Post in one context → reaches another open thread (median)', ms(median(postTimes)), '3 posts');
  await closeBoth();
}
