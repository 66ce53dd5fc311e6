// Shared by the <cohort-feedback> component tests: mount a round, and act as another learner from elsewhere.
import { fixture } from '@open-wc/testing';
import { getDoc } from 'firebase/firestore';
import { createSpace, peerApp, uniqueId, waitFor, type useEmulators } from '@cohort-kit/core/testing';
import * as fb from '../src/feedback-data.js';
import { pickWork } from '../src/feedback-allocation.js';
import type { CohortFeedback } from '../src/feedback.js';
import { FeedbackHarness } from './feedback-harness.js';
import '../src/cohort-feedback.js';

/** A new space and round id, so a test's ledgers, work and reviews start empty. */
export async function newRound(prefix: string) {
  const space = uniqueId(prefix);
  await createSpace(space, { name: 'Writing cohort' });
  return { space, round: uniqueId('r') };
}

/** A round in `space`, once it has loaded. */
export async function mountFeedback(space: string, round: string, attributes = '') {
  const wrapper = await fixture<HTMLDivElement>(
    `<div><cohort-feedback space="${space}" round="${round}" ${attributes}></cohort-feedback></div>`,
  );
  const feedback = new FeedbackHarness(wrapper.querySelector('cohort-feedback') as CohortFeedback);
  await waitFor(() => feedback.loaded(), 'the round loads');
  return feedback;
}

/** The page learner's account id (one browser, one account, in every test). */
export const uidOf = (feedback: FeedbackHarness) =>
  (feedback.element as unknown as { runtime: { identity: { user: { uid: string } } } }).runtime.identity.user.uid;

/** Another learner, in their own Firebase app and anonymous account, who has joined the space as `name`. */
export async function peerLearner(
  emulators: ReturnType<typeof useEmulators>,
  space: string,
  round: string,
  name: string,
) {
  const { uid, db, close } = await peerApp(emulators, { space, name });
  const w: fb.Writer = { db, space, round, uid };
  const reviewer = async () => fb.readReviewer((await getDoc(fb.reviewerRef(db, space, round, uid))).data());
  return {
    uid,
    /** Closes the peer's connection (the browser allows six per server). */
    close,
    async share(text: string) {
      await fb.share(w, name, { text, link: '' }).commit();
    },
    /** "Review a peer", as the element does: claims the work that most needs a review; resolves with its author. */
    async claim() {
      const slot = pickWork(await fb.loadCandidates(db, space, round, uid), {
        me: uid,
        round,
        taken: new Set(),
        reviewingMe: new Set(),
        claimHours: 48,
      })!;
      await fb.claim(w, slot, await reviewer(), undefined, fb.newId(db)).commit();
      return slot;
    },
    /** "Review a peer" and send the review, as the element does. */
    async review(answers: string[]) {
      const slot = await this.claim();
      const claim = fb.readClaim('', (await getDoc(fb.claimRef(db, space, round, uid, slot.authorId))).data()!);
      const fresh = (await fb.loadSlot(db, space, round, slot.authorId))!;
      await fb.review(w, claim, fresh, fb.newId(db), answers, null).commit();
      return slot.authorId;
    },
  };
}

export { stored } from '@cohort-kit/core/testing';
