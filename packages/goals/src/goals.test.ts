import { expect } from '@open-wc/testing';
import { createSpace, listDocuments, uniqueId, useEmulators, waitFor } from '@cohort-kit/core/testing';
import { mountGoals, peerLearner, seedGoals, uidOf, stored } from '../test/support.js';

// What a learner sees and does on the board, what a second learner sees live, what survives a reload, and what the
// rules refuse, on the emulators. The page's learner is the same in every test (one browser, one account); each
// test has its own space, so their ledgers start empty.
const emulators = useEmulators();

async function newSpace(settings: { blockedWords?: string[] } = {}) {
  const space = uniqueId('goals-test');
  await createSpace(space, { name: 'Leadership cohort', ...settings });
  return space;
}

describe('<cohort-goals mode="set">', () => {
  it('sets a goal with why and a first step, announces it, counts it in the ledger and keeps it after a reload', async () => {
    const space = await newSpace();
    const board = uniqueId('b');
    const goals = await mountGoals(space, board, 'mode="set" prompt="What will you be able to do by the end?"');
    expect(goals.text()).to.contain('What will you be able to do by the end?');
    expect(goals.text()).to.contain('No goals yet. Be the first to set one!');
    await goals.setGoal('Run a weekly one-to-one', {
      why: 'My reports asked for it',
      step: 'When I plan Monday, I will book the slots',
    });
    await waitFor(() => goals.announcement().includes('Goal set.'), 'announced');
    expect(goals.cardText('Run a weekly one-to-one')).to.contain('Your goal');
    expect(goals.cardText('Run a weekly one-to-one')).to.contain('My reports asked for it');
    // One active goal: the form is gone.
    expect(goals.findButton('Set goal')).to.equal(undefined);
    const uid = uidOf(goals);
    const ledger = await stored<{ counts: Record<string, number> }>(
      `spaces/${space}/ledger/${uid}`,
      (data) => data?.counts.goals === 1,
      'the ledger counts the goal',
    );
    expect(ledger!.counts).to.deep.equal({ goals: 1 });
    goals.element.remove();
    const again = await mountGoals(space, board, 'mode="set"');
    await waitFor(() => Boolean(again.card('Run a weekly one-to-one')), 'the goal after a reload');
    expect(again.cardText('Run a weekly one-to-one')).to.contain('When I plan Monday, I will book the slots');
  });

  it('one press is one goal: a second press while the first is on its way writes nothing', async () => {
    const space = await newSpace();
    const board = uniqueId('b');
    const goals = await mountGoals(space, board);
    // The first press waits for the name form; the second comes while it does.
    const form = goals.form('Set goal');
    const submit = goals.button('Set goal');
    goals.type('Your goal', 'Ask for feedback every Friday', form);
    submit.click();
    submit.click();
    await waitFor(() => Boolean(goals.root.querySelector('form.join')), 'the name form');
    await goals.joinIfAsked('Ana Learner');
    submit.click();
    await waitFor(() => Boolean(goals.card('Ask for feedback every Friday')), 'the card');
    await stored(`spaces/${space}/ledger/${uidOf(goals)}`, (data) => data !== null, 'the ledger');
    expect(await listDocuments(`spaces/${space}/goalBoards/${board}/goals`)).to.have.length(1);
    expect(goals.cards()).to.have.length(1);
  });

  it('refuses hostile text with a message naming the field, keeps what was typed, and shows markup as text', async () => {
    const space = await newSpace({ blockedWords: ['dolt'] });
    const goals = await mountGoals(space, uniqueId('b'));
    const form = goals.form('Set goal');
    goals.type('Your goal', 'Stop calling people a dolt', form);
    goals.button('Set goal').click();
    await waitFor(() => goals.text().includes('"dolt" is not allowed in this space'), 'the word filter');
    expect(goals.field('Your goal', form).value).to.equal('Stop calling people a dolt');
    goals.type('Your goal', 'Read \u202Egnimrof', form);
    goals.button('Set goal').click();
    await waitFor(() => goals.text().includes('remove the invisible direction characters'), 'the bidi check');
    goals.type('Your goal', 'Ship <img src=x onerror="window.hacked=1"> safely', form);
    goals.type('Target date (optional)', 'next week', form);
    goals.button('Set goal').click();
    await waitFor(() => goals.text().includes('write it as year-month-day'), 'the date check');
    goals.type('Target date (optional)', '2027-01-15', form);
    await goals.setGoal('Ship <img src=x onerror="window.hacked=1"> safely');
    expect(goals.card('Ship <img')!.querySelector('img')).to.equal(null);
    expect(goals.cardText('Ship <img')).to.contain('By 2027-01-15');
    expect((window as { hacked?: number }).hacked).to.equal(undefined);
  });

  it('a private goal shows to its owner, marked private, and another learner cannot read it', async () => {
    const space = await newSpace();
    const board = uniqueId('b');
    const goals = await mountGoals(space, board);
    await goals.setGoal('Get a promotion this year', { private: true });
    expect(goals.cardText('Get a promotion this year')).to.contain('Private');
    await waitFor(() => goals.announcement().includes('Goal set.'), 'saved');
    const ids = await listDocuments(`spaces/${space}/goalBoards/${board}/goals`);
    expect(ids).to.have.length(1);
    const id = ids[0];
    const peer = await peerLearner(emulators, space, board, 'Bea');
    const { getDoc, doc } = await import('firebase/firestore');
    let refused = '';
    await getDoc(doc(peer.db, `spaces/${space}/goalBoards/${board}/goals/${id}`)).catch(
      (error: { code: string }) => (refused = error.code),
    );
    expect(refused).to.equal('permission-denied');
    await peer.close();
  });
});

describe('<cohort-goals> with a second learner', () => {
  it('shows a peer’s goal and check-in live, and takes one cheer on it', async () => {
    const space = await newSpace();
    const board = uniqueId('b');
    const goals = await mountGoals(space, board, 'mode="check-in"');
    // A learner with no goal is offered one in check-in mode.
    expect(goals.text()).to.contain('You have no goal on this board yet');
    const peer = await peerLearner(emulators, space, board, 'Bea Peer');
    const goalId = await peer.setGoal('Delegate one task a week');
    await waitFor(() => Boolean(goals.card('Delegate one task a week')), 'the peer’s goal arrives live');
    expect(goals.cardText('Delegate one task a week')).to.contain("Bea Peer's goal");
    await peer.checkIn(goalId, 'behind', 'Only delegated once so far');
    await waitFor(
      () => goals.cardText('Delegate one task a week').includes('Only delegated once so far'),
      'the check-in arrives live',
    );
    expect(goals.cardText('Delegate one task a week')).to.contain('Behind');
    const card = goals.card('Delegate one task a week')!;
    // A second press while the first cheer is on its way (waiting for the name form) sends nothing more.
    goals.button('Cheer 👏', card).click();
    await goals.pressAndJoin('Delegate one task a week', 'Cheer 👏', () =>
      goals.cardText('Delegate one task a week').includes('Cheered'),
    );
    await waitFor(() => goals.cardText('Delegate one task a week').includes('1 cheer'), 'the count moves');
    const goal = await stored<{ cheers: number }>(
      `spaces/${space}/goalBoards/${board}/goals/${goalId}`,
      (data) => data?.cheers === 1,
      'the cheer is stored',
    );
    expect(goal!.cheers).to.equal(1);
    expect(await listDocuments(`spaces/${space}/goalBoards/${board}/goals/${goalId}/cheers`)).to.deep.equal([
      uidOf(goals),
    ]);
    // The learner's own goal has no cheer button.
    await goals.setGoal('Say no to one meeting a week');
    expect(goals.findButton('Cheer 👏', goals.card('Say no to one meeting a week'))).to.equal(undefined);
    await peer.close();
  });
});

describe('<cohort-goals> checking in and reflecting', () => {
  it('asks for a check-in first, shows the latest on the card and the timeline on demand', async () => {
    const space = await newSpace();
    const board = uniqueId('b');
    const setter = await mountGoals(space, board, 'mode="set"');
    await setter.setGoal('Give feedback within a day');
    setter.element.remove();
    const goals = await mountGoals(space, board, 'mode="check-in"');
    await waitFor(() => Boolean(goals.findButton('Save check-in')), 'the check-in form comes first');
    expect(goals.text()).to.contain('Check in on your goal: Give feedback within a day');
    await goals.checkIn('Behind', 'Two of five were late');
    await waitFor(() => goals.announcement().includes('Check-in saved.'), 'announced');
    expect(goals.cardText('Give feedback within a day')).to.contain('Two of five were late');
    const card = goals.card('Give feedback within a day')!;
    goals.button('Check-ins (1)', card).click();
    await waitFor(() => Boolean(card.querySelector('.timeline li')), 'the timeline opens');
    expect(card.querySelector('.timeline')!.textContent).to.contain('Two of five were late');
    const uid = uidOf(goals);
    await stored<{ counts: Record<string, number> }>(
      `spaces/${space}/ledger/${uid}`,
      (data) => data?.counts.checkIns === 1,
      'the ledger counts the check-in',
    );
  });

  it('nudges on the learner’s own card when the last check-in is older than check-in-every', async () => {
    const space = await newSpace();
    const board = uniqueId('b');
    const first = await mountGoals(space, board);
    await first.setGoal('Warm-up goal');
    const uid = uidOf(first);
    first.element.remove();
    const other = uniqueId('b');
    await seedGoals(space, other, [{ ownerId: uid, ownerName: 'Ana Learner', text: 'Coach one person', daysAgo: 9 }]);
    const goals = await mountGoals(space, other, 'check-in-every="P7D"');
    await waitFor(() => Boolean(goals.card('Coach one person')), 'the goal');
    expect(goals.cardText('Coach one person')).to.contain(
      'It has been 9 days since you set this goal: how is it going?',
    );
    const fresh = await mountGoals(space, other, 'check-in-every="P2W"');
    await waitFor(() => Boolean(fresh.card('Coach one person')), 'the goal');
    expect(fresh.cardText('Coach one person')).not.to.contain('It has been');
  });

  it('takes a reflection in reflect mode and shows it under the goal', async () => {
    const space = await newSpace();
    const board = uniqueId('b');
    const setter = await mountGoals(space, board);
    await setter.setGoal('Run better retros');
    setter.element.remove();
    const goals = await mountGoals(space, board, 'mode="reflect" prompt="What helped you most?"');
    await waitFor(() => Boolean(goals.findButton('Save reflection')), 'the reflection form');
    goals.type('What helped you most?', 'Asking one question at the start');
    goals.button('Save reflection').click();
    await waitFor(() => goals.cardText('Run better retros').includes('Asking one question at the start'), 'shown');
    await waitFor(() => goals.announcement().includes('Reflection saved.'), 'announced');
  });

  it('marks a goal done, then frees the learner to set another', async () => {
    const space = await newSpace();
    const board = uniqueId('b');
    const goals = await mountGoals(space, board);
    await goals.setGoal('Finish the course project');
    goals.button('Mark done 🎉', goals.card('Finish the course project')).click();
    await waitFor(() => goals.cardText('Finish the course project').includes('Done 🎉'), 'done');
    await waitFor(() => goals.announcement().includes('Goal done.'), 'announced');
    await waitFor(() => Boolean(goals.findButton('Set goal')), 'a new goal may be set');
  });
});

describe('<cohort-goals> markup', () => {
  it('says what is wrong with a mode or a check-in period, and what to write', async () => {
    const space = await newSpace();
    const { fixture } = await import('@open-wc/testing');
    const wrapper = await fixture<HTMLDivElement>(
      `<div><cohort-goals space="${space}" board="b1" mode="checkin"></cohort-goals>
        <cohort-goals space="${space}" board="b1" check-in-every="weekly"></cohort-goals></div>`,
    );
    const [mode, every] = [...wrapper.querySelectorAll('cohort-goals')];
    const problem = (el: Element) => el.shadowRoot!.querySelector('[part="problem"]')?.textContent ?? '';
    await waitFor(() => Boolean(problem(mode!) && problem(every!)), 'problems show');
    expect(problem(mode!)).to.contain('mode="checkin" is not one of set, check-in, reflect.');
    expect(problem(every!)).to.contain('check-in-every="weekly" is not a duration in days or weeks');
  });
});
