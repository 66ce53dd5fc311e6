// <cohort-feedback>'s part of npm run bench (scripts/bench.mjs finds this file): its markup, seeded work, and the
// measures a feedback round answers for: reads per learner view as the round grows, the time a review takes to reach
// its author's page, and the spread of reviews when 12 learners share and review on the real rules. Its bytes before
// first paint are the shared size rows (scripts/bundle-size.mjs holds the budget).
import { deleteApp, initializeApp } from 'firebase/app';
import { connectAuthEmulator, getAuth, signInAnonymously } from 'firebase/auth';
import { connectFirestoreEmulator, getFirestore, setLogLevel, terminate } from 'firebase/firestore';
import { Timestamp } from 'firebase-admin/firestore';
import * as fb from '../dist/feedback-data.js';
import { pickWork } from '../dist/feedback-allocation.js';

export const tag = 'cohort-feedback';
/** The name its reads are metered under (documentReads('feedback')). */
export const reads = 'feedback';
/** How many shared works it holds on the page with every widget. */
export const typicalSize = 20;

export const markup = (round) =>
  `<cohort-feedback round="${round}" reviews="2" prompt="Share the first draft of your goal plan."></cohort-feedback>`;

/** In the page: whether this element shows live data (its heading shows once the round has loaded). */
export const liveCheck = `(root) => !!root.querySelector('.feedback__title')`;

/** A round where `works` learners shared a goal plan, as their batches leave it (work, slot, member). */
export async function seed(db, SPACE, round, works) {
  const base = db.doc(`spaces/${SPACE}/feedbackRounds/${round}`);
  await db.recursiveDelete(base);
  let batch = db.batch();
  for (let i = 0; i < works; i++) {
    const uid = `learner-${String(i).padStart(4, '0')}`;
    const at = Timestamp.fromMillis(Date.now() - (works - i) * 60000);
    batch.set(base.collection('submissions').doc(uid), {
      authorId: uid,
      authorName: `Learner ${i}`,
      text: `Goal plan ${i}: one habit a week, three steps, and a way to know it worked.`,
      link: '',
      createdAt: at,
      updatedAt: at,
    });
    batch.set(base.collection('slots').doc(uid), { authorId: uid, done: 0, holds: {}, load: 0, claims: 0 });
    batch.set(
      db.doc(`spaces/${SPACE}/members/${uid}`),
      { displayName: `Learner ${i}`, role: 'learner', joinedAt: at, normsAcknowledgedAt: at },
      { merge: true },
    );
    if ((i + 1) % 150 === 0) {
      await batch.commit();
      batch = db.batch();
    }
  }
  await batch.commit();
}

const round = (tab) => tab.locator('cohort-feedback');

/** Joins the round by sharing work (the name form on a first contribution), so the next view is a member's. */
async function shareAs(tab, name, text = `The goal plan of ${name}: one habit a week.`) {
  await round(tab).getByLabel('Your work').fill(text, { timeout: 60000 });
  await round(tab).getByRole('button', { name: 'Share my work' }).click();
  await round(tab).locator('form.join input[name="displayName"]').fill(name);
  await round(tab).locator('form.join button[type="submit"]').click();
  await round(tab).getByText('Your shared work').waitFor({ timeout: 30000 });
}

export async function measure({ db, space, page, pages, visit, twoLearners, row, median, ms, runs }) {
  console.error('Feedback reads per learner view at 20 and 200 shared works…');
  for (const works of [20, 200]) {
    await seed(db, space, `reads-${works}`, works);
    pages[`/demo/bench-feedback-${works}.html`] = page(markup(`reads-${works}`));
    const views = [];
    for (let i = 0; i < 3; i++) {
      views.push(await visit(`/demo/bench-feedback-${works}.html`, { member: (tab) => shareAs(tab, `Bench ${i}`) }));
    }
    row(
      `Documents read per feedback view, ${works} shared works, a learner who shared`,
      String(median(views.map((r) => r.reads.feedback))),
      'round, own work, reviewer state, own claims, reviews received: constant',
    );
  }

  console.error('A review reaching its author…');
  const times = [];
  for (let i = 0; i < runs; i++) {
    const path = `/demo/bench-feedback-latency-${i}.html`;
    pages[path] = page(markup(`latency-${i}`));
    const [ana, ben, close] = await twoLearners(path);
    try {
      await shareAs(ana, 'Ana');
      await round(ben).getByRole('button', { name: 'Review a peer' }).click();
      await round(ben).locator('form.join input[name="displayName"]').fill('Ben');
      await round(ben).locator('form.join button[type="submit"]').click();
      await round(ben).locator('.work--peer').waitFor({ timeout: 30000 });
      for (const [label, answer] of REVIEW) await round(ben).getByLabel(label).fill(answer);
      const start = Date.now();
      await round(ben).getByRole('button', { name: 'Send review' }).click();
      await round(ana).locator('article[part="review"]').getByText(REVIEW[2][1]).waitFor({ timeout: 30000 });

      times.push(Date.now() - start);
    } finally {
      await close();
    }
  }
  row('Review sent → its author’s page shows it (median)', ms(median(times)), `${runs} reviews, two browser contexts`);

  console.error('12 learners share and review 2 each…');
  for (const order of ['in turns', 'both in a row']) {
    const { worst, final } = await twelveLearners(db, space, `spread-${order.replaceAll(' ', '-')}`, order);
    row(
      `Spread of reviews per work, 12 learners × 2 reviews, ${order}`,
      `${worst}`,
      `most minus least reviewed (claims held count), worst seen after any claim; each work ends with ${final}`,
    );
  }
}

const REVIEW = [
  ['I noticed…', 'In step two you name the meeting but not the day you will start.'],
  ['I learned…', 'I learned that one prepared point is easier than a prepared speech.'],
  ['I suggest…', 'I suggest you try it at Monday’s stand-up and note how it went.'],
];

/**
 * 12 learners, each in their own app and anonymous account on the emulators, share and then claim and review 2
 * peers' work as the element does (read the least-loaded page, pick, claim; a refused claim reads again): "in turns"
 * is two passes of all 12 at once, "both in a row" is all 12 at once, each giving both reviews before stopping.
 * Returns the widest spread of load any claim left, and the final reviews per work.
 */
async function twelveLearners(admin, space, roundId, order) {
  // A claim made stale by another is refused and asked again: expected here, so the SDK's log of it is not shown.
  setLogLevel('silent');
  const learners = [];
  for (let i = 0; i < 12; i++) {
    const app = initializeApp({ projectId: process.env.GCLOUD_PROJECT, apiKey: 'bench' }, `${roundId}-${i}`);
    const auth = getAuth(app);
    connectAuthEmulator(auth, `http://${process.env.FIREBASE_AUTH_EMULATOR_HOST}`, { disableWarnings: true });
    const db = getFirestore(app);
    const [host, port] = process.env.FIRESTORE_EMULATOR_HOST.split(':');
    connectFirestoreEmulator(db, host, Number(port));
    const { user } = await signInAnonymously(auth);
    const at = Timestamp.now();
    await admin
      .doc(`spaces/${space}/members/${user.uid}`)
      .set({ displayName: `Learner ${i}`, role: 'learner', joinedAt: at, normsAcknowledgedAt: at });
    learners.push({ app, db, uid: user.uid, name: `Learner ${i}`, w: { db, space, round: roundId, uid: user.uid } });
  }
  const slots = admin.collection(`spaces/${space}/feedbackRounds/${roundId}/slots`);
  const spread = async (field) => {
    const values = (await slots.get()).docs.map((each) => Number(each.get(field)));
    return Math.max(...values) - Math.min(...values);
  };
  let worst = 0;
  const reviewOnce = async ({ db, uid, w }, taken) => {
    for (let attempt = 0; attempt < 20; attempt++) {
      const candidates = await fb.loadCandidates(db, space, roundId, uid);
      const slot = pickWork(candidates, { me: uid, round: roundId, taken, reviewingMe: new Set(), claimHours: 48 });
      const reviewer = fb.readReviewer(
        (await admin.doc(`spaces/${space}/feedbackRounds/${roundId}/reviewers/${uid}`).get()).data(),
      );
      const claimed = await fb
        .claim(w, slot, reviewer, undefined, fb.newId(db))
        .commit()
        .then(
          () => true,
          () => false,
        );
      if (!claimed) continue;
      worst = Math.max(worst, await spread('load'));
      taken.add(slot.authorId);
      const claim = fb.readClaim(
        '',
        (await admin.doc(fb.claimRef(db, space, roundId, uid, slot.authorId).path).get()).data(),
      );
      const current = fb.readSlot((await slots.doc(slot.authorId).get()).data());
      // A review moves counts by increments: others' claims on the same work meanwhile never refuse it.
      await fb
        .review(
          w,
          claim,
          current,
          fb.newId(db),
          REVIEW.map(([, answer]) => answer),
          null,
        )
        .commit();
      return;
    }
    throw new Error(`${uid} could not claim work`);
  };
  try {
    await Promise.all(
      learners.map((each) => fb.share(each.w, each.name, { text: `The plan of ${each.uid}.`, link: '' }).commit()),
    );
    const taken = new Map(learners.map((each) => [each.uid, new Set()]));
    if (order === 'in turns') {
      for (let pass = 0; pass < 2; pass++)
        await Promise.all(learners.map((each) => reviewOnce(each, taken.get(each.uid))));
    } else {
      await Promise.all(
        learners.map(async (each) => {
          await reviewOnce(each, taken.get(each.uid));
          await reviewOnce(each, taken.get(each.uid));
        }),
      );
    }
    const done = [...new Set((await slots.get()).docs.map((each) => Number(each.get('done'))))].sort();
    return { worst, final: done.length === 1 ? `${done[0]} reviews` : `${done.join(' or ')} reviews` };
  } finally {
    for (const each of learners) {
      await terminate(each.db);
      await deleteApp(each.app);
    }
  }
}
