import { runWidgetBaseTests, waitFor } from '@cohort-kit/core/testing';
import { BadgeHarness } from '../test/badge-harness.js';
import { seedPreviewBadge } from './preview-seed.js';
import './cohort-badge.js';

runWidgetBaseTests({
  tag: 'cohort-badge',
  markup: (id) => `<cohort-badge space="base-tests" badge="${id}" name="Founding Voices"
    criteria="posts>=2, replies>=1" edition="20"></cohort-badge>`,
  harness: (element) => new BadgeHarness(element as never),
  loaded: (badge) => badge.loaded(),
  wrongId: {
    markup: '<cohort-badge space="base-tests" badge="founding voices"></cohort-badge>',
    message: 'badge="founding voices" is not a valid id',
  },
  contribute: async (badge) => {
    // The learner's posts and reply, as the thread would have counted them.
    await seedPreviewBadge('base-tests', badge.element.badge, { counts: { posts: 2, replies: 1 } });
    await waitFor(() => badge.claimable(), 'the claim opens once every criterion holds');
    await badge.claim();
    await waitFor(() => badge.announcement().includes('You claimed copy #1 of 20'), 'the claim is announced');
  },
});
