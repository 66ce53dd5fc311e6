import { disableNetwork, enableNetwork, waitForPendingWrites } from 'firebase/firestore';
import { connect } from '@cohort-kit/core';
import { createSpace, grantRole, uniqueId, useEmulators, waitFor } from '@cohort-kit/core/testing';
import { mountGoals, stored, uidOf } from '../test/support.js';
import type { GoalsHarness } from '../test/goals-harness.js';

// A learner on a train: a goal and a check-in written offline show at once, are still there in a new element (as
// after a reload), and reach the server once, when the network returns.
useEmulators();

const GOAL = 'Read one leadership case a week';
const idOf = (goals: GoalsHarness) =>
  goals
    .card(GOAL)!
    .getAttribute('aria-labelledby')!
    .replace(/^goal-/, '');

describe('<cohort-goals> offline', () => {
  it('keeps a goal and a check-in written offline through a new element, and sends each once', async function () {
    this.timeout(90000);
    const space = uniqueId('goals-offline');
    const board = uniqueId('b');
    await createSpace(space, { name: 'Leadership cohort' });
    let goals = await mountGoals(space, board, 'mode="check-in"');
    const { db, identity } = await connect();
    await grantRole(space, (await identity.ensureSignedIn()).uid, 'learner', 'Ana Learner');
    await waitFor(() => goals.element['spaceState']?.member?.displayName === 'Ana Learner', 'a member');
    const path = `spaces/${space}/goalBoards/${board}/goals`;
    /** A new element in place of the old, as after a reload. */
    const anew = async () => {
      goals.element.parentElement!.remove();
      goals = await mountGoals(space, board, 'mode="check-in"');
    };
    await disableNetwork(db);
    try {
      await goals.setGoal(GOAL);
      await anew();
      await waitFor(() => Boolean(goals.card(GOAL)), 'the goal, in a new element, offline');
      await enableNetwork(db);
      const id = idOf(goals);
      await stored(`${path}/${id}`, (data) => data?.text === GOAL, 'the goal reaches the server');
      // The device has heard back: the check-in builds on the rate the server holds (a write still unsent waits).
      await waitForPendingWrites(db);

      await disableNetwork(db);
      await goals.checkIn('Behind', 'Only one case so far.');
      await anew();
      await waitFor(() => goals.cardText(GOAL).includes('Only one case so far.'), 'the check-in, offline');
      await enableNetwork(db);
      await stored<{ checkIns: number; lastCheckIn: { note: string } }>(
        `${path}/${id}`,
        (data) => data?.checkIns === 1 && data.lastCheckIn.note === 'Only one case so far.',
        'the check-in reaches the server, once',
      );
      await stored<{ counts: Record<string, number> }>(
        `spaces/${space}/ledger/${uidOf(goals)}`,
        (data) => data?.counts.goals === 1 && data.counts.checkIns === 1,
        'the ledger counts one goal and one check-in',
      );
    } finally {
      await enableNetwork(db);
    }
  });
});
