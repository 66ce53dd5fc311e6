// <cohort-pulse>'s part of npm run bench (scripts/bench.mjs finds this file): its markup, a cohort of members with
// their ledgers, and the measure the pulse answers for: documents read per facilitator's view at 20 and at 200
// members (one per member and one per ledger, whatever the number of posts). Its bytes before first paint are the
// bundle rows every widget gets.
import { getAuth } from 'firebase-admin/auth';
import { commands } from './seed.mjs';

export const tag = 'cohort-pulse';
/** The name its reads are metered under (documentReads('pulse')). */
export const reads = 'pulse';
/** How many learners it has on the page with every widget. */
export const typicalSize = 20;

export const markup = (threads, extra = '') => `<cohort-pulse threads="${threads}" ${extra}></cohort-pulse>`;

/** In the page: whether this element shows live data (the pulse, or the note anyone else sees). */
export const liveCheck = `(root) => !!root.querySelector('.pulse[aria-busy="false"]')`;

const DAY = 86_400_000;

/** `size` learners who joined over three weeks; three in four have contributed on a day or two. */
export async function seed(db, space, _id, size) {
  const now = Date.now();
  const today = Math.floor(now / DAY);
  const learners = Array.from({ length: size }, (_, i) => {
    const joinedAtMs = now - (21 - (i % 15)) * DAY;
    const days = [today - (i % 10), today - (i % 10) - 3];
    return {
      uid: `bench-pulse-${i}`,
      member: { displayName: `Learner ${i}`, role: 'learner', joinedAtMs, normsAcknowledgedAtMs: joinedAtMs },
      ledger:
        i % 4 === 3
          ? null
          : {
              counts: { posts: 1, reactions: 2 },
              days,
              lastDays: { posts: days[0], reactions: days[1] },
              lastAtMs: days[0] * DAY,
              lastKind: 'posts',
              lastRef: `bench/${i}`,
            },
    };
  });
  await commands['cohort-seed-pulse']({ space, learners }, db);
}

/** The sign-in code the Auth emulator "emailed" to `email`. */
async function signInCode(email) {
  const project = process.env.COHORT_PROJECT_ID ?? 'demo-cohort-kit';
  const outbox = `http://${process.env.FIREBASE_AUTH_EMULATOR_HOST}/emulator/v1/projects/${project}/oobCodes`;
  const { oobCodes } = await (await fetch(outbox)).json();
  return oobCodes.reverse().find((entry) => entry.email === email && entry.requestType === 'EMAIL_SIGNIN').oobCode;
}

/** A facilitator of `space`, granted as the CLI does, signed in on the tab by her emailed link. */
const signInAsFacilitator = (db, space) => async (tab) => {
  const email = `bench-fay-${Date.now()}-${Math.random().toString(36).slice(2, 7)}@example.org`;
  const account = await getAuth().createUser({ email, emailVerified: true });
  await db.doc(`spaces/${space}/members/${account.uid}`).set({
    displayName: 'Fay',
    role: 'facilitator',
    joinedAt: new Date(),
    normsAcknowledgedAt: null,
  });
  await tab.evaluate(
    async (address) => (await import('/kit/cohort-kit.js')).sendFacilitatorSignInLink(address, location.href),
    email,
  );
  const url = new URL(tab.url());
  url.search = `?mode=signIn&oobCode=${await signInCode(email)}&apiKey=emulator-api-key&lang=en`;
  await tab.goto(url.href);
  await tab.waitForFunction(
    () => !!document.querySelector('cohort-pulse')?.shadowRoot?.querySelector('.pulse__title'),
    null,
    { timeout: 60000 },
  );
};

export async function measure({ db, page, pages, visit, row, median, runs }) {
  console.error('Pulse reads per facilitator view at 20 and 200 members…');
  for (const size of [20, 200]) {
    // A space of its own: the members are the whole space's, and other widgets' seeds add theirs to the bench space.
    const space = `bench-pulse-${size}`;
    await db.recursiveDelete(db.doc(`spaces/${space}`));
    await db.doc(`spaces/${space}`).set({ name: 'Bench pulse', cohortLabel: '', norms: '', reportThreshold: 3 });
    await seed(db, space, '', size);
    pages[`/demo/bench-pulse-${size}.html`] = page(markup('week-1', `space="${space}"`));
    const views = [];
    for (let i = 0; i < Math.min(runs, 3); i++)
      // A reload shows anyone's note until the stored sign-in is back; the settle waits for the facilitator's view.
      views.push(
        await visit(`/demo/bench-pulse-${size}.html`, { member: signInAsFacilitator(db, space), settle: 6000 }),
      );
    const ledgers = size - Math.floor(size / 4);
    row(
      `Documents read per pulse view, ${size} members`,
      String(median(views.map((view) => view.reads.pulse))),
      `${size} learners and the facilitator, ${ledgers} ledgers; constant in the number of posts`,
    );
  }
}
