import { expect } from '@open-wc/testing';
import { disableNetwork, enableNetwork } from 'firebase/firestore';
import { connect } from '@cohort-kit/core';
import { createSpace, readDocument, uniqueId, useEmulators, waitFor } from '@cohort-kit/core/testing';
import { readGoal } from './goals-data.js';
import { mountGoals, peerLearner, uidOf, stored } from '../test/support.js';

// Accountability buddies, check-in cheers with notes, and reports, as the page's learner meets them while another
// learner acts from elsewhere, on the emulators. Each test has its own space and board.
const emulators = useEmulators();

async function newSpace(settings: { reportThreshold?: number } = {}) {
  const space = uniqueId('buddies-test');
  await createSpace(space, { name: 'Leadership cohort', ...settings });
  return space;
}

type Buddy = { state: string; pairId: string };

const panel = (goals: Awaited<ReturnType<typeof mountGoals>>) =>
  (goals.root.querySelector('.buddy')?.textContent ?? '').replace(/\s+/g, ' ');

describe('<cohort-goals> accountability buddies', () => {
  it('pairs the learner with a peer who waits, shows the buddy’s goal first and their check-in live, and lets them leave', async () => {
    const space = await newSpace();
    const board = uniqueId('b');
    const peer = await peerLearner(emulators, space, board, 'Bo Buddy');
    const goalId = await peer.setGoal('Ask for feedback every Friday');
    const goals = await mountGoals(space, board);
    await goals.setGoal('Run a weekly one-to-one');
    await peer.lookForBuddy();
    // A second press while the first is on its way sends nothing more.
    goals.button('Find me a buddy').click();
    goals.findButton('Find me a buddy')?.click();
    await waitFor(() => panel(goals).includes('Your buddy: Bo Buddy'), 'paired with the waiting peer');
    // On screen at once; on the server a moment later.
    const paired = (data: Buddy | null) => data?.state === 'paired';
    const buddy = await stored<Buddy>(`spaces/${space}/goalBoards/${board}/buddies/${peer.uid}`, paired, 'peer paired');
    const mine = await stored<Buddy>(`spaces/${space}/goalBoards/${board}/buddies/${uidOf(goals)}`, paired, 'paired');
    expect([buddy!.state, mine!.state, buddy!.pairId === mine!.pairId]).to.deep.equal(['paired', 'paired', true]);
    await waitFor(
      () => goals.cardText('Ask for feedback every Friday').includes('Your buddy'),
      'the buddy’s card is marked',
    );
    expect(goals.cards()[0]!.textContent).to.contain('Ask for feedback every Friday');
    goals.button('My buddy’s').click();
    await waitFor(() => goals.cards().length === 1, 'the filter shows the buddy’s goal alone');
    goals.button('All').click();
    await peer.checkIn(goalId, 'behind', 'Forgot last Friday');
    await waitFor(() => panel(goals).includes('Your buddy Bo Buddy checked in: Behind'), 'the news arrives live');
    // The name is isolated: a right-to-left name cannot reorder the sentence around it.
    expect(goals.root.querySelector('.buddy__news bdi')?.textContent).to.equal('Bo Buddy');
    await waitFor(() => goals.announcement().includes('Your buddy Bo Buddy checked in'), 'and is announced');
    goals.button('Leave the pairing').click();
    await waitFor(() => panel(goals).includes('Find me a buddy'), 'out of the pairing');
    await stored<{ members: string[] }>(
      `spaces/${space}/goalBoards/${board}/pairs/${mine!.pairId}`,
      (data) => data?.members.length === 1 && data.members[0] === peer.uid,
      'the pair no longer has the learner',
    );
    await peer.close();
  });

  it('a learner who waits alone can join a pair as a third, survives a reload waiting, and is claimed live', async () => {
    const space = await newSpace();
    const board = uniqueId('b');
    const goals = await mountGoals(space, board);
    goals.button('Find me a buddy').click();
    await waitFor(
      () => panel(goals).includes('Looking for a buddy') || Boolean(goals.root.querySelector('form.join')),
      'waiting, or asked to join',
    );
    await goals.joinIfAsked('Jo Waiting');
    await waitFor(() => panel(goals).includes('Looking for a buddy'), 'waiting');
    goals.element.remove();
    const again = await mountGoals(space, board);
    await waitFor(() => panel(again).includes('Looking for a buddy'), 'still waiting after a reload');
    // Nobody else waits: the odd learner may join a pair, and there is none yet.
    again.button('Join a pair as a third').click();
    await waitFor(() => again.text().includes('There is no pair to join yet.'), 'no pair to join, said in words');
    // A peer opts in and their page claims the learner who waited first.
    const peer = await peerLearner(emulators, space, board, 'Cy Late');
    await peer.claim(uidOf(again));
    await waitFor(() => panel(again).includes('Your buddy: Cy Late'), 'paired live');
    await peer.close();
  });

  it('tells the learner of a buddy’s check-in made while their reopened board was offline, once it is back', async () => {
    const space = await newSpace();
    const board = uniqueId('b');
    const peer = await peerLearner(emulators, space, board, 'Bo Buddy');
    const goalId = await peer.setGoal('Ask for feedback every Friday');
    await peer.checkIn(goalId, 'onTrack', 'Asked twice');
    let goals = await mountGoals(space, board);
    await goals.setGoal('Run a weekly one-to-one');
    await peer.lookForBuddy();
    goals.button('Find me a buddy').click();
    await waitFor(() => panel(goals).includes('Your buddy: Bo Buddy'), 'paired with the waiting peer');
    const paired = (data: Buddy | null) => data?.state === 'paired';
    await stored<Buddy>(`spaces/${space}/goalBoards/${board}/buddies/${uidOf(goals)}`, paired, 'paired');
    // The learner reopens the board on a train: it shows the pairing and the buddy's goal from the device.
    const { db } = await connect();
    await disableNetwork(db);
    try {
      goals.element.parentElement!.remove();
      goals = await mountGoals(space, board);
      await waitFor(() => panel(goals).includes('Your buddy: Bo Buddy'), 'the pairing, offline');
      await waitFor(
        () => goals.cardText('Ask for feedback every Friday').includes('Asked twice'),
        'their goal, offline',
      );
      await peer.checkIn(goalId, 'behind', 'Forgot last Friday');
    } finally {
      await enableNetwork(db);
    }
    await waitFor(() => panel(goals).includes('Your buddy Bo Buddy checked in: Behind'), 'the news, once online');
    await waitFor(() => goals.announcement().includes('Your buddy Bo Buddy checked in'), 'and is announced');
    await peer.close();
  });
});

describe('<cohort-goals> cheers with notes, on check-ins, and reports', () => {
  it('cheers a peer’s latest check-in and their goal with a note; the owner reads the note and may hide it', async () => {
    const space = await newSpace();
    const board = uniqueId('b');
    const peer = await peerLearner(emulators, space, board, 'Di Peer');
    const goalId = await peer.setGoal('Write a team charter');
    await peer.checkIn(goalId, 'onTrack', 'Draft shared');
    const goals = await mountGoals(space, board);
    await waitFor(() => goals.cardText('Write a team charter').includes('Draft shared'), 'the check-in shows');
    await goals.pressAndJoin('Write a team charter', 'Cheer this check-in', () =>
      goals.cardText('Write a team charter').includes('Check-in cheered'),
    );
    await waitFor(() => goals.cardText('Write a team charter').includes('Draft shared · 1 cheer'), 'its count moves');
    goals.button('Cheer with a note', goals.card('Write a team charter')).click();
    await waitFor(() => Boolean(goals.findButton('Send cheer')), 'the note form opens');
    goals.type('A short note', 'Great start <b>team</b>');
    goals.button('Send cheer').click();
    await waitFor(() => goals.cardText('Write a team charter').includes('Cheered'), 'the cheer is sent');
    const path = `spaces/${space}/goalBoards/${board}/goals/${goalId}`;
    const counted = await stored(path, (data) => data?.cheers === 1, 'both cheers reach the server');
    expect(readGoal(goalId, counted!).lastCheckIn?.cheers).to.equal(1);
    const note = await readDocument<{ note: string }>(`${path}/cheers/${uidOf(goals)}`);
    expect(note!.note).to.equal('Great start <b>team</b>');
    // The other way round: the peer cheers the learner's goal with a note; the learner reads it and hides it.
    await goals.setGoal('Hold a retro every sprint');
    const mineId = goals
      .card('Hold a retro every sprint')!
      .getAttribute('aria-labelledby')!
      .replace(/^goal-/, '');
    await stored(`spaces/${space}/goalBoards/${board}/goals/${mineId}`, (data) => data !== null, 'the goal is stored');
    await peer.cheer(mineId, '<img src=x onerror=alert(1)> you got this');
    await waitFor(() => goals.cardText('Hold a retro every sprint').includes('1 cheer'), 'the cheer arrives live');
    goals.button('Notes with cheers', goals.card('Hold a retro every sprint')).click();
    await waitFor(
      () => goals.cardText('Hold a retro every sprint').includes('<img src=x onerror=alert(1)> you got this'),
      'the note shows, as text',
    );
    expect(goals.card('Hold a retro every sprint')!.querySelector('img')).to.equal(null);
    goals.button('Hide note', goals.card('Hold a retro every sprint')).click();
    await stored<{ hidden: boolean }>(
      `spaces/${space}/goalBoards/${board}/goals/${mineId}/cheers/${peer.uid}`,
      (data) => data?.hidden === true,
      'the note is hidden on the server',
    );
    await waitFor(() => !goals.cardText('Hold a retro every sprint').includes('you got this'), 'the note goes');
    await peer.close();
  });

  it('a goal reported past the space’s threshold leaves the board; its owner sees it is under review', async () => {
    const space = await newSpace({ reportThreshold: 2 });
    const board = uniqueId('b');
    const goals = await mountGoals(space, board);
    await goals.setGoal('Coach two new leads');
    const goalPath = `spaces/${space}/goalBoards/${board}/goals`;
    const id = goals
      .cards()[0]!
      .getAttribute('aria-labelledby')!
      .replace(/^goal-/, '');
    await stored(`${goalPath}/${id}`, (data) => data !== null, 'the goal reaches the server');
    for (const name of ['Eve One', 'Fin Two']) {
      const peer = await peerLearner(emulators, space, board, name);
      await peer.report(readGoal(id, (await readDocument(`${goalPath}/${id}`))!), 2);
      await peer.close();
    }
    await waitFor(
      () => goals.cardText('Coach two new leads').includes('Under review by a facilitator'),
      'the owner sees it is under review',
    );
    expect(goals.findButton('Edit', goals.card('Coach two new leads'))).to.equal(undefined);
    await stored(`${goalPath}/${id}`, (data) => data?.hidden === true, 'the goal is hidden on the server');
    const reader = await peerLearner(emulators, space, board, 'Gus Three');
    const visible = await import('./goals-data.js').then(async ({ boardQuery }) => {
      const { getDocs } = await import('firebase/firestore');
      return (await getDocs(boardQuery(reader.db, space, board, 20, false))).size;
    });
    expect(visible).to.equal(0);
    await reader.close();
  });

  it('reports a peer’s goal through the report form: a reason is required, and it is sent once', async () => {
    const space = await newSpace();
    const board = uniqueId('b');
    const peer = await peerLearner(emulators, space, board, 'Hal Peer');
    const goalId = await peer.setGoal('Stop interrupting in meetings');
    const goals = await mountGoals(space, board);
    await waitFor(() => Boolean(goals.card('Stop interrupting in meetings')), 'the goal shows');
    goals.button('Report', goals.card('Stop interrupting in meetings')).click();
    await waitFor(() => Boolean(goals.findButton('Send report')), 'the report form opens');
    goals.button('Send report').click();
    await waitFor(() => goals.text().includes('Choose a reason.'), 'a reason is asked for');
    const spam = [...goals.root.querySelectorAll('label')].find((each) => each.textContent!.includes('Spam'))!;
    spam.querySelector('input')!.checked = true;
    goals.button('Send report').click();
    await waitFor(
      () => goals.findButton('Reported') !== undefined || Boolean(goals.root.querySelector('form.join')),
      'sent or asked to join',
    );
    await goals.joinIfAsked('Ivy Reader');
    await waitFor(() => goals.cardText('Stop interrupting in meetings').includes('Reported'), 'reported');
    await stored<{ reportCount: number }>(
      `spaces/${space}/goalBoards/${board}/goals/${goalId}`,
      (data) => data?.reportCount === 1,
      'the report is counted on the server',
    );
    await peer.close();
  });
});
