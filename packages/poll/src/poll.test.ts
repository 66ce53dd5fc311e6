import { aTimeout, expect, fixture, html, oneEvent } from '@open-wc/testing';
import { createSpace, grantRole, readDocument, uniqueId, useEmulators, waitFor } from '@cohort-kit/core/testing';
import {
  layout,
  liveRegion,
  loaded,
  loadedWith,
  mountPoll,
  optionButton,
  otherVoter,
  stored,
  text,
  uid,
  voteFor,
} from '../test/support.js';
import { castVote, createPoll } from './poll-data.js';
import type { CohortPoll } from './poll.js';

// Voting, results and markup. Suggestions and facilitators' tools are in poll-facilitator.test.ts.
const emulators = useEmulators();
const space = uniqueId('poll-test');
const poll = (attributes = '', id = uniqueId('p')) => mountPoll(space, attributes, id);
const peer = () => otherVoter(emulators);

before(async () => {
  await createSpace(space, { name: 'Leadership cohort' });
});

describe('<cohort-poll anonymous>, before this learner has joined the space', () => {
  it('takes a vote without asking a name, and stores nothing that names the voter', async () => {
    const { el, id } = await poll('anonymous results="always"');
    expect(text(el)).to.contain('Anonymous poll: other learners and facilitators cannot see who voted what.');
    optionButton(el, 'game').click();
    await waitFor(() => optionButton(el, 'game').getAttribute('aria-checked') === 'true', 'voted');
    await waitFor(() => liveRegion(el).includes('Vote saved'), 'vote saved');
    // Never asked for a name: no form, and no member document appeared when the count moved.
    expect(el.shadowRoot!.querySelector('form.join')).to.equal(null);
    expect(await readDocument(`spaces/${space}/members/${uid(el)}`)).to.equal(null);
    const vote = await readDocument<Record<string, unknown>>(`spaces/${space}/polls/${id}/votes/${uid(el)}`);
    expect(vote!.choices).to.deep.equal(['game']);
    expect(Object.keys(vote!)).not.to.include('displayName');
    expect(await readDocument(`spaces/${space}/polls/${id}/recent/voters`)).to.equal(null);
    const stored = await readDocument<Record<string, unknown>>(`spaces/${space}/polls/${id}`);
    expect(Object.keys(stored!)).not.to.include('createdBy');
    await waitFor(() => text(el).includes('1 peer voted'), 'counted');
    expect(text(el)).not.to.contain('recently');
  });

  it('takes a suggestion without asking a name, and it names no one', async () => {
    const { el, id } = await poll('anonymous allow-suggestions');
    const input = el.shadowRoot!.querySelector<HTMLInputElement>('input[name="suggestion"]')!;
    input.value = 'Ask a colleague';
    el.shadowRoot!.querySelector<HTMLFormElement>('.poll__suggest')!.requestSubmit();
    await waitFor(() => text(el).includes('Ask a colleague'), 'suggestion shown');
    expect(el.shadowRoot!.querySelector('form.join')).to.equal(null);
    const suggestion = await stored<Record<string, unknown>>(
      `spaces/${space}/polls/${id}/suggestions/ask-a-colleague`,
      (data) => data !== null,
      'suggestion stored',
    );
    expect(suggestion!.label).to.equal('Ask a colleague');
    expect(Object.keys(suggestion!)).not.to.include('createdBy');
    // One per learner: a second one is refused with a clear message, and the field keeps its text.
    input.value = 'Another idea';
    el.shadowRoot!.querySelector<HTMLFormElement>('.poll__suggest')!.requestSubmit();
    await waitFor(() => text(el).includes('You have already suggested an option'), 'one suggestion each');
    expect(input.value).to.equal('Another idea');
  });

  it('keeps a tap made before the poll has loaded, says so, and saves it', async () => {
    const wrapper = await fixture<HTMLDivElement>(`<div>
      <cohort-poll space="${space}" poll="${uniqueId('early')}" anonymous>
        Which goal-setting approach will you try first?
        <option value="smart">🤓 Use the SMART goals framework</option>
        <option value="buddy">🤝 Find an accountability buddy</option>
      </cohort-poll></div>`);
    const el = wrapper.querySelector('cohort-poll') as CohortPoll;
    await el.updateComplete;
    expect(optionButton(el, 'buddy').getAttribute('aria-disabled')).to.equal('true');
    optionButton(el, 'buddy').click();
    await el.updateComplete;
    expect(text(el)).to.contain('Your vote will be saved as soon as the poll has loaded.');
    await waitFor(() => optionButton(el, 'buddy').getAttribute('aria-checked') === 'true', 'early tap saved');
    await waitFor(() => liveRegion(el).includes('Vote saved'), 'saved');
    expect(text(el)).not.to.contain('Your vote will be saved as soon as');
  });

  it("announces other people's votes politely", async () => {
    const { el, id } = await poll('anonymous results="always"');
    await voteFor(el, 'smart');
    await waitFor(() => liveRegion(el).includes('Vote saved'), 'own vote saved');
    expect(liveRegion(el)).not.to.contain('Results updated');
    const other = await peer();
    await castVote(
      other.runtime,
      space,
      id,
      other.uid,
      { added: 'smart', removed: '', choices: ['smart'] },
      {
        firstVote: true,
        shard: 5,
        voterName: null,
        recentSlot: 0,
      },
    );
    await waitFor(() => liveRegion(el).includes('Results updated.'), "other's vote announced");
    expect(liveRegion(el)).to.contain('2 votes');
  });

  it("shows a clear notice instead of taking votes when the stored poll would not keep the page's promise", async () => {
    const id = uniqueId('conflict');
    const { el: first } = await poll('anonymous', id);
    await voteFor(first, 'smart');
    await waitFor(() => liveRegion(first).includes('Vote saved'), 'stored by a first vote');
    first.remove();
    // Stored anonymous behind a page without `anonymous`: that matches, and votes there are anonymous too.
    const { el } = await poll('', id);
    expect(text(el)).not.to.contain('saved settings differ');
    expect(text(el)).to.contain('Anonymous poll');
    el.remove();
    const other = await poll('multiple max-choices="2"', id);
    expect(text(other.el)).to.contain("This poll's saved settings differ from this page");
    expect(optionButton(other.el, 'game').getAttribute('aria-disabled')).to.equal('true');
    optionButton(other.el, 'game').click();
    await aTimeout(300);
    expect(optionButton(other.el, 'game').getAttribute('aria-checked')).to.equal('false');
    expect(other.el.shadowRoot!.querySelector('[role="alert"]')).to.equal(null);
  });
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

  it('hides results until the learner votes, and nothing moves as data, results and tools appear', async () => {
    const id = uniqueId('p');
    const wrapper = await fixture<HTMLDivElement>(`<div>
      <cohort-poll space="${space}" poll="${id}" allow-suggestions>
        Which goal-setting approach will you try first?
        <option value="smart">🤓 Use the SMART goals framework</option>
        <option value="buddy">🤝 Find an accountability buddy</option>
        <option value="game">👾 Gamify your process</option>
      </cohort-poll></div>`);
    const el = wrapper.querySelector('cohort-poll') as CohortPoll;
    await el.updateComplete;
    // First paint: the skeleton, before any data.
    expect(text(el)).to.contain('Loading…');
    const firstPaint = layout(el);
    expect(firstPaint.filter((part) => part.part === 'option')).to.have.length(3);
    expect(firstPaint.some((part) => part.part === 'poll__suggest')).to.equal(true);
    await loaded(el);
    expect(layout(el)).to.deep.equal(firstPaint);
    const count = optionButton(el, 'smart').querySelector('.option__count')!;
    expect(getComputedStyle(count).visibility).to.equal('hidden');
    await voteFor(el, 'smart');
    await waitFor(
      () => getComputedStyle(optionButton(el, 'smart').querySelector('.option__count')!).visibility === 'visible',
      'results shown',
    );
    await waitFor(() => el.shadowRoot!.querySelector('form.join') === null, 'name form gone');
    expect(layout(el)).to.deep.equal(firstPaint);
    // The facilitator's tools appear below everything a learner reads.
    await grantRole(space, uid(el), 'facilitator', 'Ana Learner');
    await waitFor(() => text(el).includes('Close poll'), 'facilitator tools');
    expect(layout(el)).to.deep.equal(firstPaint);
    await grantRole(space, uid(el), 'learner', 'Ana Learner');
    await waitFor(() => !text(el).includes('Close poll'), 'learner again');
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

  it('in an anonymous poll shows how many took part but no names, even for a learner who has a name', async () => {
    const { el, id } = await poll('anonymous results="always"');
    // This learner joined the space in an earlier test: their name exists, and still appears nowhere here.
    expect(await readDocument(`spaces/${space}/members/${uid(el)}`)).not.to.equal(null);
    await voteFor(el, 'game');
    await waitFor(() => liveRegion(el).includes('Vote saved'), 'vote saved');
    await waitFor(() => text(el).includes('1 peer voted'), 'counted');
    expect(text(el)).not.to.contain('Ana Learner');
    expect(text(el)).not.to.contain('recently');
    expect(await readDocument(`spaces/${space}/polls/${id}/recent/voters`)).to.equal(null);
    const vote = await readDocument<Record<string, unknown>>(`spaces/${space}/polls/${id}/votes/${uid(el)}`);
    expect(Object.keys(vote!)).not.to.include('displayName');
    expect(text(el)).to.contain('other learners and facilitators cannot see who voted what');
  });

  it('names recent voters in an open poll, from slots that hold no time and no choice', async () => {
    const { el, id } = await poll();
    await voteFor(el, 'smart');
    await waitFor(() => text(el).includes('recently Ana Learner'), 'recent voter named');
    // On screen at once; the name's own batch reaches the server a moment after the vote.
    const recent = await stored<Record<string, unknown>>(
      `spaces/${space}/polls/${id}/recent/voters`,
      (data) => data !== null,
      'the name reaches the server',
    );
    expect(recent).to.deep.equal({ names: { '0': 'Ana Learner' } });
  });

  it('shows the conflict notice, not a silently closed poll, when whoever stored it first set an earlier closing time', async () => {
    const id = uniqueId('front-run');
    // Another learner's devtools store the poll first, closing in a few seconds; the page sets no closing time.
    const other = await peer();
    await createPoll(
      other.runtime,
      space,
      id,
      {
        question: 'Which goal-setting approach will you try first?',
        options: [
          { value: 'smart', label: '🤓 Use the SMART goals framework' },
          { value: 'buddy', label: '🤝 Find an accountability buddy' },
          { value: 'game', label: '👾 Gamify your process' },
        ],
        multiple: false,
        maxChoices: 1,
        anonymous: true,
        allowSuggestions: false,
        closesAt: new Date(Date.now() + 60000),
      },
      other.uid,
    );
    const { el } = await poll('', id);
    expect(text(el)).to.contain("This poll's saved settings differ from this page");
    expect(optionButton(el, 'smart').getAttribute('aria-disabled')).to.equal('true');
  });

  it('reads the question from the question attribute', async () => {
    const wrapper = await fixture<HTMLDivElement>(`<div>
      <cohort-poll space="${space}" poll="${uniqueId('q')}" question="Which day suits you?">
        <option value="mon">Monday</option>
        <option value="tue">Tuesday</option>
      </cohort-poll></div>`);
    const el = wrapper.querySelector('cohort-poll') as CohortPoll;
    await loadedWith(el, 'mon');
    expect(el.shadowRoot!.querySelector('#poll-question')!.textContent).to.equal('Which day suits you?');
    expect(el.shadowRoot!.querySelector('[role="radiogroup"]')!.getAttribute('aria-labelledby')).to.equal(
      'poll-question',
    );
  });

  it('derives values from labels that have no letters a value can use, and takes votes for them', async () => {
    const id = uniqueId('emoji');
    const wrapper = await fixture<HTMLDivElement>(`<div>
      <cohort-poll space="${space}" poll="${id}" results="always">
        How do you feel?
        <option>👍</option>
        <option>نعم</option>
        <option>Sí, claro</option>
      </cohort-poll></div>`);
    const el = wrapper.querySelector('cohort-poll') as CohortPoll;
    await loadedWith(el, 'option-1');
    const values = [...el.shadowRoot!.querySelectorAll('.option')].map((b) => b.getAttribute('data-value'));
    expect(values).to.deep.equal(['option-1', 'option-2', 'si-claro']);
    await voteFor(el, 'option-2');
    await waitFor(() => /1 vote · 100 %/.test(optionButton(el, 'option-2').textContent!), 'counted');
    const stored = await readDocument<{ optionValues: string[] }>(`spaces/${space}/polls/${id}`);
    expect(stored!.optionValues).to.deep.equal(['option-1', 'option-2', 'si-claro']);
  });

  it('with results="always" shows counts before the learner votes', async () => {
    const { el } = await poll('results="always"');
    const count = optionButton(el, 'smart').querySelector('.option__count')!;
    expect(getComputedStyle(count).visibility).to.equal('visible');
    expect(count.getAttribute('aria-hidden')).to.equal('false');
    expect(count.textContent).to.match(/0 votes · 0 %/);
  });

  it('with results="after-close" keeps counts hidden after voting while the poll is open', async () => {
    const { el } = await poll('results="after-close"');
    expect(text(el)).to.contain('Results appear when the poll closes.');
    await voteFor(el, 'buddy');
    await waitFor(() => text(el).includes('1 peer voted'), 'vote counted');
    for (const value of ['smart', 'buddy', 'game']) {
      const count = optionButton(el, value).querySelector('.option__count')!;
      expect(getComputedStyle(count).visibility).to.equal('hidden');
      expect(count.getAttribute('aria-hidden')).to.equal('true');
    }
  });

  it('moves focus with arrow keys in a right-to-left page the way the options read', async () => {
    const id = uniqueId('rtl');
    const wrapper = await fixture<HTMLDivElement>(`<div dir="rtl" lang="ar">
      <cohort-poll space="${space}" poll="${id}">
        ما الذي سيساعدك أكثر؟
        <option value="a">زميل</option>
        <option value="b">جلسة</option>
        <option value="c">ملخص</option>
      </cohort-poll></div>`);
    const el = wrapper.querySelector('cohort-poll') as CohortPoll;
    await loadedWith(el, 'a');
    const key = (value: string, name: string) =>
      optionButton(el, value).dispatchEvent(new KeyboardEvent('keydown', { key: name, bubbles: true, composed: true }));
    optionButton(el, 'a').focus();
    key('a', 'ArrowLeft');
    expect(el.shadowRoot!.activeElement).to.equal(optionButton(el, 'b'));
    key('b', 'ArrowRight');
    expect(el.shadowRoot!.activeElement).to.equal(optionButton(el, 'a'));
    key('a', 'End');
    expect(el.shadowRoot!.activeElement).to.equal(optionButton(el, 'c'));
    expect(optionButton(el, 'c').getAttribute('aria-checked')).to.equal('false');
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
    await waitFor(() => text(badSpace).includes('space="week 2" is not a valid id'), 'invalid space');
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
