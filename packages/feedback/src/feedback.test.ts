import { expect } from '@open-wc/testing';
import { useEmulators, waitFor } from '@cohort-kit/core/testing';
import { mountFeedback, newRound, peerLearner, stored, uidOf } from '../test/support.js';

// What a learner sees and does in a round, what reaches them live from a second learner, and what survives a
// reload, on the emulators. Each test has its own space and round.
const emulators = useEmulators();

const WORK = 'Goal: speak up in meetings. Steps: prepare one point, say it first, ask one question.';
const ANSWERS = [
  'In step two you say "say it first" but not in which meeting you will start.',
  'I learned that preparing a single point is easier than preparing a whole speech.',
  'I suggest you pick the Monday stand-up for the first try and note how it went.',
];

describe('<cohort-feedback>', () => {
  it('shares work, sees a peer review arrive live, rates it once, and keeps it all after a reload', async () => {
    const { space, round } = await newRound('feedback-test');
    const feedback = await mountFeedback(space, round, 'prompt="Share your goal plan."');
    expect(feedback.nextStep()).to.contain('share your work');
    await feedback.share(WORK);
    await waitFor(() => feedback.text().includes('0 of 2 reviews received'), 'the work shows, waiting');
    const peer = await peerLearner(emulators, space, round, 'Bea Peer');
    try {
      await peer.review(ANSWERS);
    } finally {
      await peer.close();
    }
    await waitFor(() => feedback.reviews().length === 1, 'the review arrives live');
    const card = feedback.reviews()[0]!;
    expect(card.textContent).to.contain('I noticed…');
    expect(card.textContent).to.contain(ANSWERS[2]);
    // Anonymous by default: nothing on screen names the reviewer.
    expect(feedback.text()).not.to.contain('Bea Peer');
    expect(feedback.nextStep()).to.contain('rate how helpful');
    card.querySelector<HTMLInputElement>('input[name="rating"][value="4"]')!.checked = true;
    const thanks = card.querySelector<HTMLTextAreaElement>('textarea[name="thanks"]')!;
    thanks.value = 'The Monday idea is perfect.';
    const send = [...card.querySelectorAll('button')].find((each) => each.textContent!.includes('Send rating'))!;
    send.click();
    send.click();
    await waitFor(() => feedback.text().includes('Rated 4 of 5'), 'the rating shows');
    const ledger = await stored<{ counts: Record<string, number> }>(
      `spaces/${space}/ledger/${uidOf(feedback)}`,
      (data) => Boolean(data?.counts?.feedbackReceived),
      'the ledger counts the rating',
    );
    // One share, and two presses that made one rating: the ledger moved once for each.
    expect(ledger?.counts).to.deep.equal({ shared: 1, feedbackReceived: 1 });
    feedback.element.remove();
    const again = await mountFeedback(space, round);
    await waitFor(() => again.text().includes('Rated 4 of 5'), 'the rating after a reload');
    expect(again.text()).to.contain('The Monday idea is perfect.');
  });

  it('empty work and a wrong link get a message tied to their field, and nothing typed is lost', async () => {
    const { space, round } = await newRound('feedback-test');
    const feedback = await mountFeedback(space, round);
    feedback.button('Share my work').click();
    await waitFor(() => feedback.fieldError('Your work') !== '', 'an error on the work field');
    expect(feedback.fieldError('Your work')).to.contain('Write your work here');
    expect(feedback.field('Your work').getAttribute('aria-invalid')).to.equal('true');
    feedback.type('Or a link to it', 'not a link');
    feedback.button('Share my work').click();
    await waitFor(() => feedback.fieldError('Or a link to it').includes('https://'), 'an error on the link');
    expect(feedback.field('Or a link to it').value).to.equal('not a link');
  });
});
