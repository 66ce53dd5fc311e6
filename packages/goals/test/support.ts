// Shared by the <cohort-goals> component tests: mount the board, and act as another learner from elsewhere.
import { fixture } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { peerApp, waitFor, type useEmulators } from '@cohort-kit/core/testing';
import * as buddyData from '../src/buddy-data.js';
import * as goalsData from '../src/goals-data.js';
import type { CohortGoals } from '../src/goals.js';
import { GoalsHarness } from './goals-harness.js';
import '../src/cohort-goals.js';

/** A board in `space`, once it has loaded. */
export async function mountGoals(space: string, board: string, attributes = '') {
  const wrapper = await fixture<HTMLDivElement>(
    `<div><cohort-goals space="${space}" board="${board}" ${attributes}></cohort-goals></div>`,
  );
  const el = wrapper.querySelector('cohort-goals') as CohortGoals;
  const goals = new GoalsHarness(el);
  await waitFor(() => goals.loaded(), 'the board loads');
  return goals;
}

/** The signed-in learner of the page (every element of the page shares one). */
export const uidOf = (goals: GoalsHarness) => goals.element['runtime']!.identity.user!.uid;

/** Another learner, in their own Firebase app and anonymous account, who has joined the space as `name`. */
export async function peerLearner(
  emulators: ReturnType<typeof useEmulators>,
  space: string,
  board: string,
  name: string,
) {
  const { uid, db, close } = await peerApp(emulators, { space, name });
  const writer = async (): Promise<goalsData.Writer> => ({
    db,
    space,
    board,
    uid,
    rate: await goalsData.loadRate(db, space, board, uid),
  });
  /** Lets the peer's next write pass the rate limit at once (their last one moved 10 s back). */
  const rewind = () => executeServerCommand('cohort-goals-rewind-rate', { space, board, uid });
  return {
    uid,
    db,
    close,
    async setGoal(text: string, visibility: goalsData.Visibility = 'cohort') {
      const id = goalsData.newId(db, space, board);
      const content = { text, why: '', firstStep: '', targetDate: null };
      await goalsData.setGoal(await writer(), id, name, content, visibility).commit();
      return id;
    },
    async checkIn(goalId: string, status: goalsData.CheckInStatus, note: string) {
      await rewind();
      const id = goalsData.newId(db, space, board);
      await goalsData.checkIn(await writer(), { id: goalId }, id, status, note).commit();
      return id;
    },
    /** "Find me a buddy", as the peer's own element sends it. */
    lookForBuddy: () => buddyData.lookForBuddy({ db, space, board, uid, name }, null).commit(),
    /** Claims a waiting learner, as the peer's page does when the peer is next in line. */
    claim: (other: string) => buddyData.claimBuddy({ db, space, board, uid, name }, other).commit(),
    cheer: (goalId: string, note = '') => goalsData.cheer({ db, space, board, uid }, { id: goalId }, note).commit(),
    /** Reports a goal, hiding it when this report reaches the space's `threshold`. */
    report: (goal: goalsData.Goal, threshold: number) =>
      goalsData.reportGoal(db, space, board, goal, uid, { reason: 'unkind', note: '' }, threshold).commit(),
  };
}

/** Other learners' goals, written on the server. */
export async function seedGoals(
  space: string,
  board: string,
  goals: { ownerId: string; ownerName: string; text: string; daysAgo?: number; visibility?: string; cheers?: number }[],
) {
  return (await executeServerCommand('cohort-seed-goals', { space, board, goals })) as { ids: string[] };
}

export { stored } from '@cohort-kit/core/testing';
