import { expect, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { createSpace, grantRole, uniqueId, useEmulators, waitFor } from '@cohort-kit/core/testing';
import {
  articles,
  articleWith,
  bodies,
  button,
  findButton,
  liveRegion,
  mountThread,
  otherLearner,
  readerUid,
  root,
  seedPosts,
  seedReports,
  seedThread,
  storedWhen,
  text,
} from '../test/support.js';
import type { CohortThread } from './thread.js';

useEmulators();
let space = uniqueId('thread-mod');
let thread = uniqueId('t');

const SPAM = 'Buy followers cheap at my shop';
const UNKIND = 'Everyone in this cohort is useless';
const KIND = 'I will ask for feedback every Friday';
const postPath = (id: string) => `spaces/${space}/threads/${thread}/posts/${id}`;
const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((item, i) => item === b[i]);

/** Opens the report form under a post, chooses a reason with the keyboard and sends it. */
async function report(el: CohortThread, body: string, reason: string, note = '') {
  button(articleWith(el, body)!, 'Report').click();
  await waitFor(() => Boolean(root(el).querySelector('form.report')), 'report form open');
  root(el).querySelector<HTMLInputElement>(`form.report input[value="${reason}"]`)!.focus();
  await sendKeys({ press: 'Space' });
  if (note) {
    root(el).querySelector<HTMLTextAreaElement>('#report-note')!.focus();
    await sendKeys({ type: note });
  }
  button(root(el).querySelector('form.report')!, 'Send report').focus();
  await sendKeys({ press: 'Enter' });
}

beforeEach(async () => {
  space = uniqueId('thread-mod');
  thread = uniqueId('t');
  await createSpace(space, { name: 'Leadership cohort', reportThreshold: 3 });
});

describe('<cohort-thread> moderation', () => {
  it('stores a report with its reason, and hides a post from others once reports reach the threshold', async () => {
    const uid = await readerUid();
    await grantRole(space, uid, 'learner', 'Ana Learner');
    const [maya, bruno, chen, dana] = ['Maya Lopez', 'Bruno Diaz', 'Chen Wu', 'Dana Park'].map(otherLearner);
    const [spamId, unkindId] = await seedPosts(space, thread, [
      { author: maya, body: SPAM, minutesAgo: 30 },
      { author: bruno, body: UNKIND, minutesAgo: 20 },
    ]);
    // Two other learners have already reported the unkind post: one report short of the space's threshold of 3.
    await seedReports(space, thread, unkindId!, [
      { ...chen, reason: 'unkind' },
      { ...dana, reason: 'harmful' },
    ]);
    const el = await mountThread(space, thread);
    await waitFor(() => articles(el).length === 2, 'posts shown');

    // A reason is required.
    button(articleWith(el, SPAM)!, 'Report').click();
    await waitFor(() => Boolean(root(el).querySelector('form.report')), 'report form open');
    expect(root(el).querySelector('form.report legend')!.textContent).to.contain('Why are you reporting this post?');
    button(root(el).querySelector('form.report')!, 'Send report').click();
    await waitFor(() => text(el).includes('Choose a reason.'), 'reason asked for');

    await report(el, SPAM, 'spam', 'Posted in every thread');
    await waitFor(() => liveRegion(el).includes('Thanks. A facilitator will review the post.'), 'thanked');
    await waitFor(() => root(el).activeElement === articleWith(el, SPAM), 'focus back on the reported post');
    expect(articleWith(el, SPAM)!.textContent).to.contain('Reported');
    expect(findButton(articleWith(el, SPAM)!, 'Report')).to.equal(undefined);
    const stored = await storedWhen(`${postPath(spamId!)}/reports/${uid}`, () => true);
    expect(stored).to.include({ reason: 'spam', note: 'Posted in every thread' });
    expect(await storedWhen(postPath(spamId!), (data) => data.reportCount === 1)).to.include({
      reportCount: 1,
      hidden: false,
    });
    // One report is not enough: the post stays for everyone.
    expect(bodies(el)).to.deep.equal([UNKIND, SPAM]);

    await report(el, UNKIND, 'unkind');
    await waitFor(() => sameList(bodies(el), [SPAM]), 'the hidden post leaves the feed');
    // The reader's place is not lost with it: focus moves on to the next post.
    await waitFor(() => root(el).activeElement === articleWith(el, SPAM), 'focus on the next post');
    expect(await storedWhen(postPath(unkindId!), (data) => data.hidden === true)).to.include({
      reportCount: 3,
      hidden: true,
    });
    expect((await storedWhen(`${postPath(unkindId!)}/reports/${uid}`, () => true))!.reason).to.equal('unkind');
    await expect(el).to.be.accessible();

    // Someone opening the thread now does not see it either.
    const fresh = await mountThread(space, thread);
    await waitFor(() => articles(fresh).length > 0, 'fresh view loaded');
    expect(bodies(fresh)).to.deep.equal([SPAM]);
  });

  it('lets a facilitator restore a post hidden by reports and hide another; learners see the result', async function () {
    this.timeout(60000);
    const uid = await readerUid();
    await grantRole(space, uid, 'facilitator', 'Fran Facilitator');
    const [maya, bruno, chen, dana, eli] = ['Maya Lopez', 'Bruno Diaz', 'Chen Wu', 'Dana Park', 'Eli Stone'].map(
      otherLearner,
    );
    const [kindId, spamId] = await seedPosts(space, thread, [
      { author: maya, body: KIND, minutesAgo: 30 },
      { author: bruno, body: SPAM, minutesAgo: 20 },
    ]);
    // Three learners reported a harmless post, which hid it pending review.
    await seedReports(space, thread, kindId!, [
      { ...chen, reason: 'off-topic' },
      { ...dana, reason: 'other' },
      { ...eli, reason: 'off-topic' },
    ]);
    expect(await storedWhen(postPath(kindId!), () => true)).to.include({ hidden: true, reportCount: 3 });
    const el = await mountThread(space, thread);
    await waitFor(() => text(el).includes('Lock thread'), 'facilitator tools');
    await waitFor(() => articles(el).length === 2, 'hidden post shown to the facilitator');
    expect(articleWith(el, KIND)!.textContent).to.contain('Hidden — 3 reports. Only you and the author can see it.');

    button(articleWith(el, KIND)!, 'Restore').focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => !articleWith(el, KIND)!.textContent!.includes('Hidden'), 'restored');
    expect(findButton(articleWith(el, KIND)!, 'Hide')).not.to.equal(undefined);
    expect(await storedWhen(postPath(kindId!), (data) => data.hidden === false)).to.include({
      hidden: false,
      reportCount: 0,
    });

    button(articleWith(el, SPAM)!, 'Hide').focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(
      () => Boolean(articleWith(el, SPAM)?.textContent!.includes('Hidden by a facilitator.')),
      'hidden, still shown to the facilitator',
    );
    expect(findButton(articleWith(el, SPAM)!, 'Restore')).not.to.equal(undefined);
    expect(await storedWhen(postPath(spamId!), (data) => data.hidden === true)).to.include({ hidden: true });
    await expect(el).to.be.accessible();

    // One browser holds one identity: as the command-line tool would, make them a learner to see what learners see.
    await grantRole(space, uid, 'learner', 'Fran Facilitator');
    await waitFor(() => !text(el).includes('Lock thread'), 'facilitator tools gone');
    await waitFor(() => sameList(bodies(el), [KIND]), 'learners see the restored post only');
  });

  it('keeps a reported post as it is until a facilitator has looked: no edit or delete for its author, and no replies or reactions while hidden', async function () {
    this.timeout(60000);
    const uid = await readerUid();
    await grantRole(space, uid, 'learner', 'Ana Learner');
    const ana = { uid, displayName: 'Ana Learner' };
    const [chen, dana, eli] = ['Chen Wu', 'Dana Park', 'Eli Stone'].map(otherLearner);
    const [ownId] = await seedPosts(space, thread, [{ author: ana, body: UNKIND, minutesAgo: 30 }]);
    await seedReports(space, thread, ownId!, [{ ...chen, reason: 'unkind' }]);
    const el = await mountThread(space, thread);
    await waitFor(() => Boolean(articleWith(el, UNKIND)), 'own post shown');
    const reported = articleWith(el, UNKIND)!;
    const reviewNote = 'Under review by a facilitator: you can edit or delete it once they have looked at it.';
    expect(reported.textContent).to.contain(reviewNote);
    expect(findButton(reported, 'Edit')).to.equal(undefined);
    expect(findButton(reported, 'Delete')).to.equal(undefined);
    // Still visible to everyone: replies and reactions go on.
    expect(findButton(reported, 'Reply')).not.to.equal(undefined);
    expect(findButton(reported, 'Thumbs up')).not.to.equal(undefined);
    await expect(el).to.be.accessible();

    // Two more reports hide it: its author still sees it, with no way to change it, answer it or react to it.
    await seedReports(space, thread, ownId!, [
      { ...dana, reason: 'unkind' },
      { ...eli, reason: 'harmful' },
    ]);
    const hiddenOwn = () => root(el).querySelector<HTMLElement>(`.my-hidden article[data-post-id="${ownId}"]`);
    await waitFor(() => Boolean(hiddenOwn()), "listed with the reader's hidden posts");
    expect(hiddenOwn()!.textContent).to.contain(reviewNote);
    for (const label of ['Edit', 'Delete', 'Reply', 'Thumbs up'])
      expect(findButton(hiddenOwn()!, label), label).to.equal(undefined);

    // A facilitator sees it with Restore, and no Reply or reactions while it is hidden.
    await grantRole(space, uid, 'facilitator', 'Ana Learner');
    await waitFor(
      () => Boolean(articleWith(el, UNKIND) && findButton(articleWith(el, UNKIND)!, 'Restore')),
      'restore offered',
    );
    expect(findButton(articleWith(el, UNKIND)!, 'Reply')).to.equal(undefined);
    expect(findButton(articleWith(el, UNKIND)!, 'Thumbs up')).to.equal(undefined);
    button(articleWith(el, UNKIND)!, 'Restore').click();
    expect(await storedWhen(postPath(ownId!), (data) => data.hidden === false)).to.include({
      hidden: false,
      reportCount: 0,
    });
    await waitFor(() => Boolean(findButton(articleWith(el, UNKIND)!, 'Reply')), 'reply offered again');
    expect(findButton(articleWith(el, UNKIND)!, 'Thumbs up')).not.to.equal(undefined);

    // Restored, and back to a learner: the author may edit and delete it again.
    await grantRole(space, uid, 'learner', 'Ana Learner');
    await waitFor(() => !findButton(root(el), 'Lock thread') && Boolean(articleWith(el, UNKIND)), 'learner view');
    await waitFor(() => Boolean(findButton(articleWith(el, UNKIND)!, 'Edit')), 'edit offered again');
    expect(findButton(articleWith(el, UNKIND)!, 'Delete')).not.to.equal(undefined);
    expect(articleWith(el, UNKIND)!.textContent).not.to.contain(reviewNote);
    await expect(el).to.be.accessible();
  });

  it('lets a facilitator unlock a locked thread, and learners can write again', async function () {
    this.timeout(60000);
    const uid = await readerUid();
    await grantRole(space, uid, 'learner', 'Ana Learner');
    await seedThread(space, thread, true);
    await seedPosts(space, thread, [{ author: otherLearner('Maya Lopez'), body: KIND, minutesAgo: 30 }]);
    const el = await mountThread(space, thread);
    await waitFor(() => text(el).includes('This thread is locked. You can still read it.'), 'locked notice');
    expect(root(el).querySelector('#composer-text')).to.equal(null);
    expect(findButton(articleWith(el, KIND)!, 'Reply')).to.equal(undefined);

    // The command-line tool makes this learner a facilitator: the tools appear in place.
    await grantRole(space, uid, 'facilitator', 'Ana Learner');
    await waitFor(() => Boolean(findButton(root(el), 'Unlock thread')), 'unlock offered');
    button(root(el), 'Unlock thread').focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => Boolean(findButton(root(el), 'Lock thread')), 'unlocked');
    expect(text(el)).not.to.contain('This thread is locked.');
    expect(await storedWhen(`spaces/${space}/threads/${thread}`, (data) => data.locked === false)).to.include({
      locked: false,
    });
    await expect(el).to.be.accessible();

    // Back to a learner: the composer and Reply are there again, and a post goes through.
    await grantRole(space, uid, 'learner', 'Ana Learner');
    await waitFor(() => !findButton(root(el), 'Lock thread'), 'facilitator tools gone');
    await waitFor(() => Boolean(root(el).querySelector('#composer-text')), 'composer back');
    expect(findButton(articleWith(el, KIND)!, 'Reply')).not.to.equal(undefined);
    root(el).querySelector<HTMLTextAreaElement>('#composer-text')!.focus();
    await sendKeys({ type: 'Glad we can talk again' });
    const posted = oneEvent(el, 'cohort-post');
    await sendKeys({ press: 'Control+Enter' });
    const { detail } = await posted;
    await waitFor(() => articles(el).length === 2 && !articles(el)[0]!.classList.contains('post--pending'), 'stored');
    expect(await storedWhen(postPath(detail.postId), () => true)).to.include({ body: 'Glad we can talk again' });
    await expect(el).to.be.accessible();
  });
});
