import { aTimeout, expect } from '@open-wc/testing';
import { doc, Timestamp, updateDoc } from 'firebase/firestore';
import { createSpace, grantRole, readDocument, uniqueId, useEmulators, waitFor } from '@cohort-kit/core/testing';
import { button, liveRegion, mountPoll, optionButton, runtimeOf, stored, text, uid, voteFor } from '../test/support.js';

// Learners' suggestions and facilitators' tools. Voting itself is in poll.test.ts.
useEmulators();
const space = uniqueId('poll-tools');
const poll = (attributes = '', id = uniqueId('p')) => mountPoll(space, attributes, id);

before(async () => {
  await createSpace(space, { name: 'Leadership cohort' });
  // These tests start where poll.test.ts leaves its learner: signed in by an anonymous vote, then a member after a
  // named one. Signing in and joining in one step starts the membership listener while the join is on its way,
  // and the emulator can then answer that the membership does not exist (as confirmSent in the thread notes).
  const anonymous = await poll('anonymous');
  await voteFor(anonymous.el, 'smart');
  await waitFor(() => liveRegion(anonymous.el).includes('Vote saved'), 'signed in with an anonymous vote');
  anonymous.el.parentElement!.remove();
  const { el } = await poll();
  await voteFor(el, 'smart');
  await waitFor(() => liveRegion(el).includes('Vote saved'), 'joined with a first vote');
  // Saved on this device is not yet on the server: the tests below need the membership there.
  await stored(`spaces/${space}/members/${uid(el)}`, (data) => data !== null, 'membership stored');
  await stored(`spaces/${space}/ledger/${uid(el)}`, (data) => data !== null, 'first vote stored');
  el.parentElement!.remove();
});

describe('<cohort-poll> suggestions and facilitator tools', () => {
  it('a suggestion named like a built-in property ("constructor") is counted like any other', async () => {
    const { el } = await poll('allow-suggestions results="always"');
    const input = el.shadowRoot!.querySelector<HTMLInputElement>('input[name="suggestion"]')!;
    input.value = 'Constructor';
    el.shadowRoot!.querySelector<HTMLFormElement>('.poll__suggest')!.requestSubmit();
    await waitFor(() => Boolean(el.shadowRoot!.querySelector('[data-value="constructor"]')), 'suggestion shown');
    expect(optionButton(el, 'constructor').textContent).to.match(/0 votes · 0 %/);
    await voteFor(el, 'constructor');
    await waitFor(() => /1 vote · 100 %/.test(optionButton(el, 'constructor').textContent!), 'counted');
    expect(optionButton(el, 'smart').textContent).to.match(/0 votes · 0 %/);
  });

  it('refuses a suggestion with a blocked word or invisible characters before writing it, says why, and keeps the text', async () => {
    const { el, id } = await poll('allow-suggestions');
    const input = el.shadowRoot!.querySelector<HTMLInputElement>('input[name="suggestion"]')!;
    const submit = () => el.shadowRoot!.querySelector<HTMLFormElement>('.poll__suggest')!.requestSubmit();
    input.value = 'You re\u200Btard';
    submit();
    await waitFor(() => text(el).includes('words this space does not allow: retard'), 'blocked word explained');
    expect(input.value).to.equal('You re\u200Btard');
    input.value = 'Tell a fr\u200Biend';
    submit();
    await waitFor(() => text(el).includes('invisible or direction-changing characters'), 'invisible explained');
    expect(input.value).to.equal('Tell a fr\u200Biend');
    input.value = 'Idea \u202Edrow';
    submit();
    await aTimeout(300);
    expect(text(el)).to.contain('invisible or direction-changing characters');
    expect(el.shadowRoot!.querySelector('form.join')).to.equal(null);
    expect(await readDocument(`spaces/${space}/polls/${id}`)).to.equal(null);
    // Persian with the non-joiner inside a word goes through.
    input.value = 'می\u200Cخواهم تمرین کنم';
    submit();
    await waitFor(() => text(el).includes('می\u200Cخواهم تمرین کنم'), 'Persian suggestion shown');
  });

  it('lets learners suggest an option that everyone can then vote for', async () => {
    const { el } = await poll('allow-suggestions');
    const input = el.shadowRoot!.querySelector<HTMLInputElement>('input[name="suggestion"]')!;
    input.value = 'Write it on a sticky note';
    el.shadowRoot!.querySelector<HTMLFormElement>('.poll__suggest')!.requestSubmit();
    await waitFor(() => text(el).includes('Write it on a sticky note'), 'suggestion shown');
    await voteFor(el, 'write-it-on-a-sticky-note');
    await waitFor(
      () => optionButton(el, 'write-it-on-a-sticky-note').getAttribute('aria-checked') === 'true',
      'voted for suggestion',
    );
  });

  it('closes on screen at the stored closing time, which the page does not know', async () => {
    const { el, id } = await poll();
    await voteFor(el, 'smart');
    await waitFor(() => text(el).includes('1 peer voted'), 'voted');
    await grantRole(space, uid(el), 'facilitator', 'Ana Learner');
    await waitFor(() => text(el).includes('Close poll'), 'facilitator');
    await updateDoc(doc(runtimeOf(el).db, 'spaces', space, 'polls', id), {
      closesAt: Timestamp.fromMillis(Date.now() + 2500),
    });
    await grantRole(space, uid(el), 'learner', 'Ana Learner');
    await waitFor(() => text(el).includes('Closes'), 'closing time shown');
    await waitFor(() => text(el).includes('Poll closed. Final results:'), 'closed at the stored time');
    expect(optionButton(el, 'smart').getAttribute('aria-disabled')).to.equal('true');
  });

  it('lets a facilitator remove a suggestion; a learner who chose it can vote again, by keyboard too', async () => {
    const { el, id } = await poll('allow-suggestions');
    const input = el.shadowRoot!.querySelector<HTMLInputElement>('input[name="suggestion"]')!;
    input.value = 'Tell a friend';
    el.shadowRoot!.querySelector<HTMLFormElement>('.poll__suggest')!.requestSubmit();
    await waitFor(() => text(el).includes('Tell a friend'), 'suggestion shown');
    await voteFor(el, 'tell-a-friend');
    await waitFor(() => optionButton(el, 'tell-a-friend').tabIndex === 0, 'chosen option is the tab stop');
    expect(optionButton(el, 'smart').tabIndex).to.equal(-1);
    await grantRole(space, uid(el), 'facilitator', 'Ana Learner');
    await waitFor(() => Boolean(button(el, 'Remove suggestion')), 'remove offered');
    button(el, 'Remove suggestion')!.click();
    await waitFor(() => !el.shadowRoot!.querySelector('[data-value="tell-a-friend"]'), 'suggestion removed');
    // Nothing is marked, the hint says so, and the first option is the one tab stop.
    expect(text(el)).to.contain('Your earlier choice is no longer in the poll.');
    expect(text(el)).not.to.contain('You can change your vote');
    expect(el.shadowRoot!.querySelectorAll('[aria-checked="true"]')).to.have.length(0);
    expect([...el.shadowRoot!.querySelectorAll<HTMLElement>('.option')].map((b) => b.tabIndex)).to.deep.equal([
      0, -1, -1,
    ]);
    // Close and reopen: voting stops, then starts again. Each is confirmed by the server before the next step: the
    // poll shows "closed" at once, and a reopen checked before the close arrived would find the poll as it was
    // (open), and the demotion below could then overtake the reopen, which the rules refuse a learner.
    button(el, 'Close poll')!.click();
    await waitFor(() => text(el).includes('Poll closed. Final results:'), 'closed');
    await stored<{ closed: boolean }>(`spaces/${space}/polls/${id}`, (data) => data?.closed === true, 'close stored');
    button(el, 'Reopen poll')!.click();
    await waitFor(() => Boolean(button(el, 'Close poll')), 'reopened');
    await stored<{ closed: boolean }>(`spaces/${space}/polls/${id}`, (data) => data?.closed === false, 'reopen stored');
    expect(optionButton(el, 'game').getAttribute('aria-disabled')).to.equal('false');
    await grantRole(space, uid(el), 'learner', 'Ana Learner');
    await voteFor(el, 'game');
    await waitFor(() => optionButton(el, 'game').getAttribute('aria-checked') === 'true', 'voted again');
    expect(text(el)).to.contain('You can change your vote');
  });

  it('gives a facilitator the close action; closing ends voting for everyone', async () => {
    const { el } = await poll();
    await voteFor(el, 'smart');
    await waitFor(() => optionButton(el, 'smart').getAttribute('aria-checked') === 'true', 'voted');
    await grantRole(space, el['runtime']!.identity.user!.uid, 'facilitator', 'Ana Learner');
    await waitFor(() => text(el).includes('Close poll'), 'facilitator action offered');
    const close = [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.includes('Close poll'))!;
    close.click();
    await waitFor(() => text(el).includes('Poll closed. Final results:'), 'closed');
    expect(text(el)).to.contain('Reopen poll');
    // Back to a learner for the other tests in this file.
    await grantRole(space, el['runtime']!.identity.user!.uid, 'learner', 'Ana Learner');
  });

  it('a closed names-cohort poll offers facilitators "Use as cohort name", which sets the space’s cohort label', async () => {
    const { el } = await poll('names-cohort results="always"');
    await voteFor(el, 'buddy');
    await waitFor(() => optionButton(el, 'buddy').getAttribute('aria-checked') === 'true', 'voted');
    const use = 'Use "🤝 Find an accountability buddy" as cohort name';
    await grantRole(space, uid(el), 'facilitator', 'Ana Learner');
    await waitFor(() => Boolean(button(el, 'Close poll')), 'facilitator');
    // Only once the poll has closed.
    expect(text(el)).not.to.contain(use);
    button(el, 'Close poll')!.click();
    await waitFor(() => Boolean(button(el, use)), 'naming offered once closed');
    await expect(el).to.be.accessible();
    button(el, use)!.click();
    await stored<{ cohortLabel: string }>(
      `spaces/${space}`,
      (data) => data?.cohortLabel === '🤝 Find an accountability buddy',
      'cohort label stored',
    );
    await waitFor(() => text(el).includes('This cohort is named "🤝 Find an accountability buddy".'), 'named');
    // The label is isolated: a right-to-left label cannot pull the quotes and the full stop around.
    expect(el.shadowRoot!.querySelector('.poll__hint bdi')?.textContent).to.equal('🤝 Find an accountability buddy');
    await waitFor(
      () => liveRegion(el).includes('The cohort is now named "🤝 Find an accountability buddy".'),
      'announced once stored',
    );
    // A learner gets no such action.
    await grantRole(space, uid(el), 'learner', 'Ana Learner');
    await waitFor(() => !button(el, 'Reopen poll'), 'learner again');
    expect(text(el)).not.to.contain('as cohort name');
  });
});
