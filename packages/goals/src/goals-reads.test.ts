import { expect } from '@open-wc/testing';
import { documentReads, resetDocumentReads } from '@cohort-kit/core';
import { createSpace, uniqueId, useEmulators, waitFor } from '@cohort-kit/core/testing';
import { PAGE_SIZE } from './goals-limits.js';
import { mountGoals, seedGoals } from '../test/support.js';

// What a board view costs: a page of goals plus a constant, however many goals the board holds.
useEmulators();

async function readsOfView(goals: number) {
  const space = uniqueId('goals-reads');
  const board = uniqueId('b');
  await createSpace(space, { name: 'Leadership cohort' });
  await seedGoals(
    space,
    board,
    Array.from({ length: goals }, (_, i) => ({ ownerId: `peer-${i}`, ownerName: `Peer ${i}`, text: `Goal ${i}` })),
  );
  resetDocumentReads();
  const view = await mountGoals(space, board);
  await waitFor(() => view.cards().length === Math.min(goals, PAGE_SIZE), 'a page of goals');
  // Reads are counted from the server's answer, the whole page at once.
  await waitFor(() => documentReads('goals') >= Math.min(goals, PAGE_SIZE), 'the page read is counted');
  const reads = documentReads('goals');
  expect(Boolean(view.findButton('Load more'))).to.equal(goals > PAGE_SIZE);
  view.element.remove();
  return reads;
}

describe('<cohort-goals> reads per view', () => {
  it('reads a page of 20 plus a constant, at 20 goals and at 500', async () => {
    const at20 = await readsOfView(20);
    const at500 = await readsOfView(500);
    // The page, one more to know whether "Load more" has anything, and a signed-in learner's own goals (1 read).
    expect(at20).to.be.at.most(PAGE_SIZE + 2);
    expect(at500).to.be.at.most(PAGE_SIZE + 2);
    expect(at500 - at20).to.be.at.most(1);
  });
});
