// <cohort-goals>' part of npm run bench (scripts/bench.mjs finds this file): its markup, a board of goals, and the
// measures a board answers for: documents read per view as the board grows (a page of 20 plus a constant), and the
// time from a check-in in one browser context to the buddy's page saying so in another.
import { commands } from './seed.mjs';

export const tag = 'cohort-goals';
/** The name its reads are metered under (documentReads('goals')). */
export const reads = 'goals';
/** How many goals it has on the page with every widget. */
export const typicalSize = 12;

export const markup = (board, extra = '') => `<cohort-goals board="${board}" ${extra}></cohort-goals>`;

/** In the page: whether this element shows live data (the board's heading, not the skeleton). */
export const liveCheck = `(root) => !!root.querySelector('.goals__title')`;

/** A board with `size` goals of as many learners, newest activity first. */
export async function seed(db, SPACE, board, size) {
  await db.recursiveDelete(db.doc(`spaces/${SPACE}/goalBoards/${board}`));
  const goals = Array.from({ length: size }, (_, i) => ({
    ownerId: `bench-learner-${i}`,
    ownerName: `Learner ${i}`,
    text: `Goal number ${i}: practise one new leadership habit each week`,
    cheers: i % 4,
  }));
  await commands['cohort-seed-goals']({ space: SPACE, board, goals }, db);
}

/** One learner in `tab` sets a goal (naming themselves) and presses "Find me a buddy". */
async function setGoalAndLook(tab, name) {
  const board = tab.locator('cohort-goals');
  await board.getByLabel('Your goal').fill(`${name}'s goal: ask one open question in every meeting`);
  await board.getByRole('button', { name: 'Set goal' }).click();
  await board.locator('form.join input[name="displayName"]').fill(name);
  await board.locator('form.join button[type="submit"]').click();
  await board.locator('.card--mine').waitFor({ timeout: 30000 });
  await board.getByRole('button', { name: 'Find me a buddy' }).click();
}

export async function measure({ db, space, page, pages, visit, twoLearners, row, median, ms, runs }) {
  console.error('Goal board reads at 20 and 500 goals…');
  for (const size of [20, 500]) {
    await seed(db, space, `reads-${size}`, size);
    pages[`/demo/bench-goals-${size}.html`] = page(markup(`reads-${size}`));
    const visits = [];
    for (let i = 0; i < runs; i++) visits.push(await visit(`/demo/bench-goals-${size}.html`, { reads: 'goals' }));
    row(
      `Documents read per board view, ${size} goals`,
      String(median(visits.map((r) => r.reads.goals))),
      'a page of 20, and one more to know whether there are more',
    );
  }

  console.error('A check-in reaching the buddy…');
  await seed(db, space, 'buddies', 0);
  pages['/demo/bench-goals-buddies.html'] = page(markup('buddies', 'mode="check-in"'));
  const [ana, ben, close] = await twoLearners('/demo/bench-goals-buddies.html');
  try {
    await setGoalAndLook(ana, 'Ana');
    await ana.locator('cohort-goals .buddy').getByText('Looking for a buddy…').waitFor({ timeout: 30000 });
    await setGoalAndLook(ben, 'Ben');
    await ben.locator('cohort-goals .buddy').getByText('Your buddy: Ana.').waitFor({ timeout: 30000 });
    const times = [];
    for (let i = 0; i < runs; i++) {
      const status = i % 2 === 0 ? 'Behind' : 'On track';
      const board = ana.locator('cohort-goals');
      await board.getByRole('radio', { name: status }).check();
      // The rules allow one write of one's own goals per 3 seconds.
      await ana.waitForTimeout(3200);
      const start = Date.now();
      await board.getByRole('button', { name: 'Save check-in' }).click();
      await ben
        .locator('cohort-goals .buddy__news')
        .getByText(`Your buddy Ana checked in: ${status}`)
        .waitFor({ timeout: 30000 });
      times.push(Date.now() - start);
    }
    row('Check-in → the buddy’s page says so (median)', ms(median(times)), `${runs} check-ins, two browser contexts`);
  } finally {
    await close();
  }
}
