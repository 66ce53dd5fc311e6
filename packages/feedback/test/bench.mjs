// <cohort-feedback>'s part of npm run bench (scripts/bench.mjs finds this file): its markup, seeded work, and the
// measures a feedback round answers for: reads per learner view as the round grows. Its bytes before first paint are the shared size rows (scripts/bundle-size.mjs holds the budget).
import { Timestamp } from 'firebase-admin/firestore';

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

export async function measure({ db, space, page, pages, visit, row, median }) {
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
}
