import { aTimeout, expect, fixture, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { disableNetwork, enableNetwork } from 'firebase/firestore';
import { connect } from '@cohort-kit/core';
import {
  closeRound,
  createSpace,
  grantRole,
  listDocuments,
  readDocument,
  uniqueId,
  useEmulators,
  waitFor,
} from '@cohort-kit/core/testing';
import { articleWith, button, mountThread, readerUid, root, storedWhen, text } from '../test/support.js';
import type { CohortThread } from './thread.js';

// Posts kept on this device (core's contribution queue) and sent as the rate limit allows, across a new element.
useEmulators();

/** Types a post in the composer and presses Post, as a learner does. */
async function typeAndPost(el: CohortThread, body: string) {
  const box = root(el).querySelector<HTMLTextAreaElement>('#composer-text')!;
  box.focus();
  await sendKeys({ type: body });
  await waitFor(() => box.value === body, 'typed');
  button(root(el), 'Post').click();
  await waitFor(() => root(el).querySelector<HTMLTextAreaElement>('#composer-text')!.value === '', 'post taken');
}

/** A new space and thread, with this page's reader a member of the space. */
async function learnerInNewThread() {
  const space = uniqueId('thread-queue');
  const thread = uniqueId('t');
  await createSpace(space, { name: 'Leadership cohort' });
  const uid = await readerUid();
  await grantRole(space, uid, 'learner', 'Ana Learner');
  const { db } = await connect();
  return { space, thread, uid, db };
}

describe('<cohort-thread> posts on this device', () => {
  it('keeps a post written offline through a new element, as after a reload, and sends each post once', async function () {
    this.timeout(80000); // two posts, each 10 s after the last by the rules, and a reconnect
    const { space, thread, uid, db } = await learnerInNewThread();
    const first = 'Written on the train.';
    const second = 'Written in the tunnel.';
    const el = await mountThread(space, thread);
    await disableNetwork(db);
    try {
      const firstPosted = oneEvent(el, 'cohort-post');
      await typeAndPost(el, first);
      const firstId = (await firstPosted).detail.postId;
      // The first is with Firestore, waiting for the server; the second waits here for its turn.
      await waitFor(() => text(el).includes(first) && text(el).includes('Waiting to send'), 'first pending');
      // Focus follows the new post; the learner then goes back to the composer.
      await waitFor(() => root(el).activeElement?.matches('.feed > article') === true, 'focus on the new post');
      const box = root(el).querySelector<HTMLTextAreaElement>('#composer-text')!;
      box.focus();
      await sendKeys({ type: second });
      await waitFor(() => box.value === second, 'second typed');
      // Offline too, the composer keeps to the rules' pace.
      button(root(el), 'Post').click();
      await waitFor(() => /You can post again in \d+ seconds?\./.test(text(el)), 'rate limit explained');
      await aTimeout(10500);
      const secondPosted = oneEvent(el, 'cohort-post');
      button(root(el), 'Post').click();
      const secondId = (await secondPosted).detail.postId;
      expect(secondId).not.to.equal(firstId);
      await waitFor(() => text(el).includes('Your posts on this device'), 'second kept on this device');
      // Stored under the key earlier versions used, so a post queued before an update is still found.
      const stored = JSON.parse(localStorage.getItem(`cohort-kit:thread-queue:${space}:${thread}:${uid}`) ?? '[]');
      expect(stored.map((entry: { body: string }) => entry.body)).to.deep.equal([first, second]);

      el.parentElement!.remove();
      const wrapper = await fixture<HTMLDivElement>(
        `<div><cohort-thread space="${space}" thread="${thread}"></cohort-thread></div>`,
      );
      const again = wrapper.querySelector('cohort-thread') as CohortThread;
      // Still offline: the new element lists the post nothing has sent yet, with its text.
      await waitFor(
        () => text(again).includes('Your posts on this device') && text(again).includes(second),
        'kept through a new element',
      );
      expect(text(again)).to.contain('Waiting to send');
      await enableNetwork(db);
      await waitFor(() => !text(again).includes('Waiting to send'), 'both sent', 40000);
      expect(text(again)).not.to.contain('Your posts on this device');
      expect(articleWith(again, first)).not.to.equal(undefined);
      expect(articleWith(again, second)).not.to.equal(undefined);
      const posts = `spaces/${space}/threads/${thread}/posts`;
      expect((await readDocument(`${posts}/${firstId}`))!.body).to.equal(first);
      expect((await readDocument(`${posts}/${secondId}`))!.body).to.equal(second);
      // One press, one post: the ledger counts two, however many elements handled them.
      const ledger = await storedWhen(
        `spaces/${space}/ledger/${uid}`,
        (data) => ((data.counts as Record<string, number> | undefined)?.posts ?? 0) >= 2,
      );
      expect((ledger!.counts as Record<string, number>).posts).to.equal(2);
      expect(localStorage.getItem(`cohort-kit:thread-queue:${space}:${thread}:${uid}`)).to.equal(null);
    } finally {
      await enableNetwork(db);
    }
  });

  it('a post written offline that reaches the server after the round closed says the round ended, and keeps its text', async () => {
    const { space, thread, db } = await learnerInNewThread();
    const body = 'Written on the last train of the round.';
    const el = await mountThread(space, thread);
    await disableNetwork(db);
    try {
      await typeAndPost(el, body);
      await waitFor(() => text(el).includes('Waiting to send'), 'kept on this device');
      await closeRound(space, new Date(2026, 5, 15, 12));
    } finally {
      await enableNetwork(db);
    }
    await waitFor(
      () => text(el).includes('This post was not sent: This round has ended on June 15, 2026.'),
      'the refusal names the end of the round',
    );
    expect(text(el)).to.contain(body);
    expect(text(el)).not.to.contain('insufficient permissions');
    expect(await listDocuments(`spaces/${space}/threads/${thread}/posts`)).to.deep.equal([]);
  });
});
