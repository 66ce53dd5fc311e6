import { expect } from '@open-wc/testing';
import { disableNetwork, enableNetwork } from 'firebase/firestore';
import { connect } from '@cohort-kit/core';
import { grantRole, useEmulators, waitFor } from '@cohort-kit/core/testing';
import { mountFeedback, newRound, stored, uidOf } from '../test/support.js';
import type { FeedbackHarness } from '../test/feedback-harness.js';

// A learner on a train shares their draft: it shows at once, is still there in a new element (as after a reload),
// and reaches the server once when the network returns, with the ledger's one "shared".
useEmulators();

const WORK = 'Goal: run one walking meeting a week. Steps: pick the day, invite one colleague, note what changed.';

describe('<cohort-feedback> offline', () => {
  it('keeps work shared offline through a new element and sends it once when the network returns', async function () {
    this.timeout(90000);
    const { space, round } = await newRound('feedback-offline');
    let feedback = await mountFeedback(space, round);
    const { db, identity } = await connect();
    const uid = (await identity.ensureSignedIn()).uid;
    await grantRole(space, uid, 'learner', 'Ana Learner');
    await waitFor(() => feedback.element['spaceState']?.member?.displayName === 'Ana Learner', 'a member');
    const shows = (harness: FeedbackHarness) =>
      harness.text().includes('Your shared work') && harness.text().includes(WORK);
    await disableNetwork(db);
    try {
      feedback.type('Your work', WORK);
      feedback.button('Share my work').click();
      // A hurried second press, if the button is still there, is not a second share.
      [...feedback.root.querySelectorAll('button')]
        .find((each) => each.textContent!.includes('Share my work'))
        ?.click();
      await waitFor(() => shows(feedback), 'the work shows at once, offline');
      feedback.element.parentElement!.remove();
      feedback = await mountFeedback(space, round);
      await waitFor(() => shows(feedback), 'the work, in a new element, offline');
      await enableNetwork(db);
      const path = `spaces/${space}/feedbackRounds/${round}`;
      await stored(`${path}/submissions/${uid}`, (data) => data?.text === WORK, 'the work reaches the server');
      const ledger = await stored<{ counts: Record<string, number> }>(
        `spaces/${space}/ledger/${uidOf(feedback)}`,
        (data) => Boolean(data?.counts?.shared),
        'the ledger counts the share',
      );
      expect(ledger?.counts).to.deep.equal({ shared: 1 });
      await waitFor(() => feedback.text().includes('0 of 2 reviews received'), 'the work waits for its reviews');
    } finally {
      await enableNetwork(db);
    }
  });
});
