import { expect } from '@open-wc/testing';
import { documentReads, resetDocumentReads } from '@cohort-kit/core';
import { createSpace, uniqueId, useEmulators, waitFor } from '@cohort-kit/core/testing';
import { WALL_PAGE } from './badge-limits.js';
import { defineBadge, mountBadge, seedHolders } from '../test/support.js';

// What a badge view costs: the definition, a page of the wall, and the learner's ledger and copy, however many
// learners hold the badge.
useEmulators();

async function readsOfView(holders: number) {
  const space = uniqueId('badge-reads');
  const badge = uniqueId('b');
  await createSpace(space, { name: 'Leading with Purpose' });
  await defineBadge({ space, badge, criteria: { posts: 2 }, edition: 1000 });
  await seedHolders(space, badge, holders);
  resetDocumentReads();
  const view = await mountBadge(space, badge);
  await waitFor(() => view.wall().length === Math.min(holders, WALL_PAGE), 'a page of the wall');
  await waitFor(() => documentReads('badge') >= 1 + Math.min(holders, WALL_PAGE), 'the reads are counted');
  const reads = documentReads('badge');
  expect(view.text()).to.contain(
    holders > WALL_PAGE ? `and ${holders - WALL_PAGE} more` : `${1000 - holders} of 1000 left`,
  );
  view.element.remove();
  return reads;
}

describe('<cohort-badge> reads per view', () => {
  it('reads the definition, a page of the wall and the learner’s own two documents, at 5 holders and at 200', async () => {
    const at5 = await readsOfView(5);
    const at200 = await readsOfView(200);
    // The definition, the wall's page, and a signed-in learner's ledger and copy (1 read each).
    expect(at5).to.be.at.most(1 + 5 + 2);
    expect(at200).to.be.at.most(1 + WALL_PAGE + 2);
  });
});
