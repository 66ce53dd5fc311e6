import { expect } from '@open-wc/testing';
import { listDocuments, readDocument, useEmulators, waitFor } from '@cohort-kit/core/testing';
import { mountFeedback, newRound, peerLearner, stored, uidOf } from '../test/support.js';

// Each step of a round as the learner takes it, on the emulators: the review form's checks, withdrawing, reviews
// arriving live from two peers, drafts that survive a reload, and a double press. Each test has its own space and
// round; the page's learner is the same account in every test.
const emulators = useEmulators();

const MY_WORK = 'Goal: speak up in meetings. Steps: prepare one point, say it first, ask one question.';
const PEER_WORK = 'Goal: delegate the monthly report by March. Steps: write it down, pair once, then only review.';
const ANSWERS = [
  'In step two you say "pair once" but not with whom, or when that session will happen.',
  'I learned that writing the steps down first makes handing over much less scary.',
  'I suggest you book the pairing session now and name the colleague in the plan.',
];
const OTHER_ANSWERS = [
  'Your first step, "prepare one point", does not say which meeting you will start with.',
  'I learned that asking one question counts as speaking up too: a gentle way in.',
  'I suggest you write the point on a card before Monday and keep it in front of you.',
];

/** A peer who has shared `PEER_WORK` and left (their connection closed). */
async function peerShares(space: string, round: string, name = 'Bea Peer') {
  const peer = await peerLearner(emulators, space, round, name);
  try {
    await peer.share(PEER_WORK);
  } finally {
    await peer.close();
  }
  return peer.uid;
}

describe('<cohort-feedback> step by step', () => {
  it('an answer shorter than its minimum gets a message on its field and keeps every answer; the fixed review is sent', async () => {
    const { space, round } = await newRound('feedback-steps');
    const author = await peerShares(space, round);
    const feedback = await mountFeedback(space, round);
    await feedback.reviewPeer();
    expect(feedback.peerWork()).to.contain(PEER_WORK);
    feedback.type('I noticed…', 'Nice plan.');
    feedback.type('I learned…', ANSWERS[1]!);
    feedback.type('I suggest…', ANSWERS[2]!);
    feedback.button('Send review').click();
    await waitFor(() => feedback.fieldError('I noticed…') !== '', 'an error on the first answer');
    expect(feedback.fieldError('I noticed…')).to.contain('I noticed…: write at least 40 characters (this has 10).');
    const noticed = feedback.field('I noticed…');
    expect(noticed.getAttribute('aria-invalid')).to.equal('true');
    expect(feedback.root.activeElement).to.equal(noticed);
    // Nothing typed is lost, and nothing was sent.
    expect(noticed.value).to.equal('Nice plan.');
    expect(feedback.field('I learned…').value).to.equal(ANSWERS[1]);
    expect(feedback.field('I suggest…').value).to.equal(ANSWERS[2]);
    expect(feedback.fieldError('I learned…')).to.equal('');
    const claimPath = `spaces/${space}/feedbackRounds/${round}/claims/${uidOf(feedback)}_${author}`;
    await stored(claimPath, (claim) => claim?.done === false, 'the claim is open, nothing sent');

    feedback.type('I noticed…', ANSWERS[0]!);
    feedback.button('Send review').click();
    await waitFor(() => feedback.announcement().includes('Your review is sent'), 'the review is sent');
    await waitFor(() => feedback.text().includes('You have given 1 of 2 reviews.'), 'one review given');
    expect(feedback.findButton('Send review')).to.equal(undefined);
    await stored(claimPath, (claim) => claim?.done === true, 'the claim is closed by the review');
    const reviews = await listDocuments(`spaces/${space}/feedbackRounds/${round}/submissions/${author}/reviews`);
    expect(reviews).to.have.length(1);
  });

  it('withdraws work before anyone starts a review; once a peer has started, the work stays and says why', async () => {
    const { space, round } = await newRound('feedback-steps');
    const feedback = await mountFeedback(space, round);
    await feedback.share(MY_WORK);
    await waitFor(() => feedback.text().includes('Your shared work'), 'the shared work shows');
    const uid = uidOf(feedback);
    const submission = `spaces/${space}/feedbackRounds/${round}/submissions/${uid}`;
    feedback.button('Withdraw').click();
    await waitFor(() => feedback.announcement().includes('Your work is withdrawn.'), 'announced');
    await waitFor(() => feedback.nextStep().includes('share your work'), 'the share form is back');
    expect(feedback.text()).not.to.contain('Your shared work');
    await stored(submission, (data) => data === null, 'the work is gone from the server');
    expect(await readDocument(`spaces/${space}/feedbackRounds/${round}/slots/${uid}`)).to.equal(null);

    await feedback.share(MY_WORK);
    await waitFor(() => feedback.text().includes('Your shared work'), 'shared again');
    const peer = await peerLearner(emulators, space, round, 'Bea Peer');
    try {
      await peer.claim();
    } finally {
      await peer.close();
    }
    feedback.button('Withdraw').click();
    await waitFor(
      () => feedback.text().includes('Someone has started reviewing your work, so it can no longer change.'),
      'the refusal says why',
    );
    expect(feedback.text()).to.contain(MY_WORK);
    expect((await readDocument(submission))?.text).to.equal(MY_WORK);
  });

  it("a second peer's review arrives live under the first, and the count follows", async () => {
    const { space, round } = await newRound('feedback-steps');
    const feedback = await mountFeedback(space, round);
    await feedback.share(MY_WORK);
    await waitFor(() => feedback.text().includes('0 of 2 reviews received'), 'waiting for reviews');
    for (const [name, answers] of [
      ['Bea Peer', ANSWERS],
      ['Cai Peer', OTHER_ANSWERS],
    ] as const) {
      const peer = await peerLearner(emulators, space, round, name);
      try {
        await peer.review([...answers]);
      } finally {
        await peer.close();
      }
    }
    await waitFor(() => feedback.reviews().length === 2, 'both reviews arrive live');
    await waitFor(() => feedback.text().includes('2 of 2 reviews received'), 'the count follows');
    const [first, second] = feedback.reviews();
    expect(first!.textContent).to.contain('Review 1');
    expect(first!.textContent).to.contain(ANSWERS[0]);
    expect(second!.textContent).to.contain('Review 2');
    expect(second!.textContent).to.contain(OTHER_ANSWERS[2]);
    expect(feedback.text()).not.to.contain('Cai Peer');
    // Reviewed: the work can no longer change.
    expect(feedback.findButton('Edit')).to.equal(undefined);
    expect(feedback.findButton('Withdraw')).to.equal(undefined);
  });

  it('unsent work and an unsent review survive a reload of the page', async () => {
    const { space, round } = await newRound('feedback-steps');
    await peerShares(space, round);
    const feedback = await mountFeedback(space, round);
    feedback.type('Your work', MY_WORK);
    feedback.type('Or a link to it', 'https://example.org/my-plan');
    feedback.element.remove();
    const again = await mountFeedback(space, round);
    expect(again.field('Your work').value).to.equal(MY_WORK);
    expect(again.field('Or a link to it').value).to.equal('https://example.org/my-plan');

    await again.reviewPeer();
    again.type('I noticed…', ANSWERS[0]!);
    again.type('I learned…', ANSWERS[1]!);
    again.element.remove();
    const third = await mountFeedback(space, round);
    await waitFor(() => third.peerWork().includes(PEER_WORK), 'the claimed work after a reload');
    expect(third.field('I noticed…').value).to.equal(ANSWERS[0]);
    expect(third.field('I learned…').value).to.equal(ANSWERS[1]);
    expect(third.field('I suggest…').value).to.equal('');
    expect(third.field('Your work').value).to.equal(MY_WORK);
  });

  it('two presses of "Send review" send one review and move the ledger once', async () => {
    const { space, round } = await newRound('feedback-steps');
    const author = await peerShares(space, round);
    const feedback = await mountFeedback(space, round);
    await feedback.reviewPeer();
    ANSWERS.forEach((answer, i) => feedback.type(['I noticed…', 'I learned…', 'I suggest…'][i]!, answer));
    const send = feedback.button('Send review');
    send.click();
    send.click();
    await waitFor(() => feedback.text().includes('You have given 1 of 2 reviews.'), 'one review given');
    const ledger = await stored<{ counts: Record<string, number> }>(
      `spaces/${space}/ledger/${uidOf(feedback)}`,
      (data) => Boolean(data?.counts?.feedbackGiven),
      'the ledger counts the review',
    );
    expect(ledger!.counts).to.deep.equal({ feedbackGiven: 1 });
    expect(await listDocuments(`spaces/${space}/feedbackRounds/${round}/submissions/${author}/reviews`)).to.have.length(
      1,
    );
    expect(feedback.text()).not.to.contain('went wrong');
  });
});
