import { expect, fixture } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { connect, documentReads, resetDocumentReads } from '@cohort-kit/core';
import { createSpace, grantRole, uniqueId, useEmulators, waitFor } from '@cohort-kit/core/testing';
import { openAdminConnection, PulseHarness } from '../test/pulse-harness.js';
import { learnerDocuments, madeUpCohort } from './made-up-cohort.js';
import './cohort-pulse.js';

// What a facilitator's view of the pulse costs: one read per member and one per ledger, whatever the cohort has
// posted, plus one per badge the page names. Measured at 20 and at 200 learners.
useEmulators();

for (const size of [20, 200]) {
  describe(`<cohort-pulse> reads, ${size} learners`, () => {
    const space = uniqueId(`pulse-reads-${size}`);
    const cohort = madeUpCohort(size, 0.25);
    const ledgers = cohort.filter((learner) => learner.activity.length).length;

    before(async () => {
      await openAdminConnection();
      await createSpace(space, { name: 'Reads' });
      const runtime = await connect();
      if (runtime.mode !== 'live') throw new Error('these tests need the emulators');
      const me = await runtime.identity.ensureSignedIn();
      await grantRole(space, me.uid, 'facilitator', 'Fay');
      await executeServerCommand('cohort-seed-pulse', {
        space,
        learners: cohort.map((learner) => ({ uid: learner.uid, ...learnerDocuments(learner, Date.now()) })),
      });
    });

    it(`reads the ${size + 1} members and ${ledgers} ledgers once, and one badge`, async () => {
      resetDocumentReads();
      const element = await fixture<HTMLElement>(
        `<cohort-pulse space="${space}" badges="founding-voices"></cohort-pulse>`,
      );
      const pulse = new PulseHarness(element as never);
      await waitFor(() => pulse.showsPulse(), 'the pulse shows', 30000);
      await waitFor(() => pulse.text().includes(`${size} learners · live`), 'every learner counts', 30000);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const expected = size + 1 + ledgers + 1;
      console.log(`pulse reads per view, ${size} learners: ${documentReads('pulse')}`);
      expect(documentReads('pulse')).to.equal(expected);
    });
  });
}
