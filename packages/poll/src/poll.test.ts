import { aTimeout, expect, fixture, html, oneEvent } from '@open-wc/testing';
import { createSpace, grantRole, readDocument, uniqueId, useEmulators, waitFor } from '../../core/test/emulators.js';
import type { CohortPoll } from './poll.js';
import './cohort-poll.js';

useEmulators();
const space = uniqueId('poll-test');

function optionButton(el: CohortPoll, value: string): HTMLButtonElement {
  const button = el.shadowRoot!.querySelector<HTMLButtonElement>(`.option[data-value="${value}"]`);
  if (!button) throw new Error(`no option ${value}`);
  return button;
}

const text = (el: CohortPoll) => el.shadowRoot!.textContent!.replace(/\s+/g, ' ');
const liveRegion = (el: CohortPoll) => el.shadowRoot!.querySelector('[aria-live="polite"]')!.textContent ?? '';
const loaded = (el: CohortPoll) =>
  waitFor(
    () => optionButton(el, 'smart').getAttribute('aria-disabled') === 'false' || text(el).includes('closed'),
    'poll loaded',
  );

/** Votes like a learner: click, and give a name the first time the element asks for one. */
async function voteFor(el: CohortPoll, value: string) {
  const wasChecked = optionButton(el, value).getAttribute('aria-checked');
  optionButton(el, value).click();
  const form = () => el.shadowRoot!.querySelector<HTMLInputElement>('input[name="displayName"]');
  // Either the vote shows at once (a returning learner) or the first-contribution form appears.
  await waitFor(
    () =>
      Boolean(form()) ||
      optionButton(el, value).getAttribute('aria-checked') !== wasChecked ||
      text(el).includes('at most'),
    'vote or name form',
  );
  const name = form();
  if (name) {
    name.value = 'Ana Learner';
    el.shadowRoot!.querySelector<HTMLFormElement>('form.join')!.requestSubmit();
  }
}

async function poll(attributes = '', id = uniqueId('p')) {
  const wrapper = await fixture<HTMLDivElement>(`<div>
    <cohort-poll space="${space}" poll="${id}" ${attributes}>
      Which goal-setting approach will you try first?
      <option value="smart">🤓 Use the SMART goals framework</option>
      <option value="buddy">🤝 Find an accountability buddy</option>
      <option value="game">👾 Gamify your process</option>
      <p slot="after-close">What surprised you? Reflect in the thread below.</p>
    </cohort-poll></div>`);
  const el = wrapper.querySelector('cohort-poll') as CohortPoll;
  await loaded(el);
  return { el, id };
}

before(async () => {
  await createSpace(space, { name: 'Leadership cohort' });
});

describe('<cohort-poll>', () => {
  it("shows the author's question and options, accessibly, with a gentle prompt to vote", async () => {
    const { el } = await poll();
    expect(text(el)).to.contain('Which goal-setting approach will you try first?');
    expect(el.shadowRoot!.querySelectorAll('[role="radio"]')).to.have.length(3);
    expect(text(el)).to.contain('Tap an option to vote');
    expect(text(el)).to.contain('No one has voted yet');
    expect(text(el)).not.to.contain('Preview');
    await expect(el).to.be.accessible();
  });

  it('records a vote in one tap, marks the choice, shows results and tells the page', async () => {
    const { el, id } = await poll();
    const voted = oneEvent(el, 'cohort-vote');
    await voteFor(el, 'buddy');
    const event = await voted;
    expect(event.detail).to.deep.equal({ space, poll: id, choices: ['buddy'] });
    await waitFor(() => text(el).includes('1 peer voted'), 'participation shown');
    expect(optionButton(el, 'buddy').getAttribute('aria-checked')).to.equal('true');
    expect(optionButton(el, 'buddy').textContent).to.match(/1 vote · 100 %/);
    expect(optionButton(el, 'smart').textContent).to.match(/0 votes · 0 %/);
    await waitFor(() => liveRegion(el).includes('Vote saved: 🤝 Find an accountability buddy'), 'vote announced');
    // The tally really reached the database, in the voter's shard.
    const vote = await readDocument<{ choices: string[]; shard: number }>(
      `spaces/${space}/polls/${id}/votes/${el['runtime']!.identity.user!.uid}`,
    );
    expect(vote!.choices).to.deep.equal(['buddy']);
    const shard = await readDocument<{ counts: Record<string, number> }>(
      `spaces/${space}/polls/${id}/shards/${vote!.shard}`,
    );
    expect(shard!.counts.buddy).to.equal(1);
    await expect(el).to.be.accessible();
  });

  it('lets a learner change their vote, moving exactly one count', async () => {
    const { el } = await poll();
    await voteFor(el, 'smart');
    await waitFor(() => optionButton(el, 'smart').getAttribute('aria-checked') === 'true', 'first vote');
    await voteFor(el, 'game');
    await waitFor(() => optionButton(el, 'game').getAttribute('aria-checked') === 'true', 'changed vote');
    await waitFor(() => /0 votes/.test(optionButton(el, 'smart').textContent!), 'old choice decremented');
    expect(optionButton(el, 'game').textContent).to.match(/1 vote · 100 %/);
    expect(text(el)).to.contain('1 peer voted');
  });

  it('hides results until the learner votes, without moving the layout', async () => {
    const { el } = await poll();
    const count = optionButton(el, 'smart').querySelector('.option__count')!;
    expect(getComputedStyle(count).visibility).to.equal('hidden');
    const heightBefore = el.getBoundingClientRect().height;
    await voteFor(el, 'smart');
    await waitFor(
      () => getComputedStyle(optionButton(el, 'smart').querySelector('.option__count')!).visibility === 'visible',
      'results shown',
    );
    // The name form has gone by now; the options themselves kept their size.
    expect(Math.round(optionButton(el, 'smart').getBoundingClientRect().height)).to.be.greaterThan(0);
    expect(el.getBoundingClientRect().height).to.be.closeTo(heightBefore, 40);
  });

  it('moves focus with arrow keys without voting, and votes with Space or Enter', async () => {
    const { el } = await poll();
    const first = optionButton(el, 'smart');
    first.focus();
    first.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true, composed: true }));
    expect(el.shadowRoot!.activeElement).to.equal(optionButton(el, 'buddy'));
    expect(optionButton(el, 'buddy').getAttribute('aria-checked')).to.equal('false');
    expect(optionButton(el, 'buddy').tabIndex).to.equal(0);
    expect(first.tabIndex).to.equal(-1);
    // Buttons turn Space and Enter into clicks natively.
    await voteFor(el, 'buddy');
    await waitFor(() => optionButton(el, 'buddy').getAttribute('aria-checked') === 'true', 'voted by key');
  });

  it('with multiple, toggles choices up to max-choices and says why a further one is refused', async () => {
    const { el } = await poll('multiple max-choices="2" results="always"');
    expect(el.shadowRoot!.querySelectorAll('[role="checkbox"]')).to.have.length(3);
    await voteFor(el, 'smart');
    await waitFor(() => optionButton(el, 'smart').getAttribute('aria-checked') === 'true', 'first choice');
    await voteFor(el, 'buddy');
    await waitFor(() => optionButton(el, 'buddy').getAttribute('aria-checked') === 'true', 'second choice');
    await voteFor(el, 'game');
    await waitFor(() => text(el).includes('You can choose at most 2'), 'limit explained');
    expect(optionButton(el, 'game').getAttribute('aria-checked')).to.equal('false');
    await voteFor(el, 'smart');
    await waitFor(() => optionButton(el, 'smart').getAttribute('aria-checked') === 'false', 'choice removed');
    await waitFor(() => /0 votes/.test(optionButton(el, 'smart').textContent!), 'count removed');
    await expect(el).to.be.accessible();
  });

  it("once closed shows final results and the author's follow-up, and takes no votes", async () => {
    const { el } = await poll('results="after-close" closes-at="2020-01-01T00:00:00Z"');
    expect(text(el)).to.contain('Poll closed. Final results:');
    const slot = el.shadowRoot!.querySelector<HTMLSlotElement>('slot[name="after-close"]')!;
    expect(slot.assignedElements()[0]!.textContent).to.contain('What surprised you?');
    expect(optionButton(el, 'smart').getAttribute('aria-disabled')).to.equal('true');
    optionButton(el, 'smart').click();
    await aTimeout(300);
    expect(optionButton(el, 'smart').getAttribute('aria-checked')).to.equal('false');
    await expect(el).to.be.accessible();
  });

  it('in an anonymous poll shows how many took part but no names', async () => {
    const { el } = await poll('anonymous results="always"');
    await voteFor(el, 'game');
    await waitFor(() => text(el).includes('1 peer voted'), 'counted');
    expect(text(el)).not.to.contain('Ana Learner');
    expect(text(el)).to.contain('nobody can see who voted what');
  });

  it('names recent voters in an open poll', async () => {
    const { el } = await poll();
    await voteFor(el, 'smart');
    await waitFor(() => text(el).includes('recently Ana Learner'), 'recent voter named');
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
});

describe('<cohort-poll> with wrong markup', () => {
  it('says what to fix instead of showing a blank box', async () => {
    const wrapper = await fixture<HTMLDivElement>(
      html`<div>
        <cohort-poll space=${space} poll="one-option"
          >Only one?
          <option>Yes</option></cohort-poll
        >
      </div>`,
    );
    const el = wrapper.querySelector('cohort-poll') as CohortPoll;
    await waitFor(() => text(el).includes('A poll needs 2 to 12'), 'problem shown');
    expect(el.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.contain('this one has 1');
    await expect(el).to.be.accessible();
  });

  it('names a missing poll id and a missing space', async () => {
    const noId = await fixture<CohortPoll>(
      html`<cohort-poll space=${space}
        >Q?
        <option>A</option>
        <option>B</option></cohort-poll
      >`,
    );
    await waitFor(() => text(noId).includes('The poll attribute is missing'), 'missing poll id');
    const badSpace = await fixture<CohortPoll>(
      html`<cohort-poll space="week 2" poll="x"
        >Q?
        <option>A</option>
        <option>B</option></cohort-poll
      >`,
    );
    await waitFor(() => text(badSpace).includes('is not a valid space id'), 'invalid space');
  });

  it('says a space that does not exist must be created', async () => {
    const el = await fixture<CohortPoll>(
      html`<cohort-poll space="no-such-space-here" poll="x"
        >Q?
        <option>A</option>
        <option>B</option></cohort-poll
      >`,
    );
    await waitFor(
      () => text(el).includes('npx cohort-kit create-space --space no-such-space-here'),
      'missing space explained',
    );
  });
});
