// <cohort-poll>'s part of npm run bench (scripts/bench.mjs finds this file): its markup, seeded votes, and the
// measures a poll answers for: reads per view as votes grow, and how fast a vote reaches another learner.
import { FieldValue, Timestamp } from 'firebase-admin/firestore';

export const tag = 'cohort-poll';
/** The name its reads are metered under (documentReads('poll')). */
export const reads = 'poll';
/** How many votes it holds on the page with every widget. */
export const typicalSize = 10;

const OPTIONS = [
  ['smart', '🤓 Use the SMART goals framework'],
  ['buddy', '🤝 Find an accountability buddy'],
  ['game', '👾 Gamify your process'],
];

export const markup = (poll) => `<cohort-poll poll="${poll}" results="always">
  Which goal-setting approach will you try first?
  ${OPTIONS.map(([value, label]) => `<option value="${value}">${label}</option>`).join('\n')}
</cohort-poll>`;

/** In the page: whether this element shows live data (its options stopped being busy). */
export const liveCheck = `(root) => !!root.querySelector('[aria-busy="false"][role="radiogroup"], [aria-busy="false"][role="group"]')`;

/** A poll with `votes` first votes, as learners' batches leave it. */
export async function seed(db, SPACE, poll, votes) {
  const base = db.doc(`spaces/${SPACE}/polls/${poll}`);
  await db.recursiveDelete(base);
  await base.set({
    question: 'Which goal-setting approach will you try first?',
    optionValues: OPTIONS.map(([value]) => value),
    optionLabels: OPTIONS.map(([, label]) => label),
    multiple: false,
    maxChoices: 1,
    anonymous: false,
    allowSuggestions: false,
    closesAt: null,
    closed: false,
    createdBy: 'bench',
    createdAt: FieldValue.serverTimestamp(),
  });
  const shards = Array.from({ length: 8 }, () => ({ counts: {}, voters: 0 }));
  let batch = db.batch();
  for (let i = 0; i < votes; i++) {
    const value = OPTIONS[i % 3][0];
    const shard = shards[i % 8];
    shard.counts[value] = (shard.counts[value] ?? 0) + 1;
    shard.voters++;
    batch.set(base.collection('votes').doc(`voter-${i}`), {
      choices: [value],
      added: value,
      removed: '',
      shard: i % 8,
      votedAt: Timestamp.fromMillis(Date.now() - i * 1000),
      updatedAt: Timestamp.now(),
    });
    if ((i + 1) % 200 === 0) {
      await batch.commit();
      batch = db.batch();
    }
  }
  shards.forEach((shard, i) => batch.set(base.collection('shards').doc(String(i)), shard));
  // As first votes in a poll that is not anonymous leave it: a few names in three slots, apart from any choice.
  const names = Object.fromEntries(
    Array.from({ length: Math.min(votes, 3) }, (_, slot) => [String(slot), `Learner ${slot}`]),
  );
  batch.set(base.collection('recent').doc('voters'), { names });
  await batch.commit();
}

export async function measure({ db, space, page, pages, visit, twoLearners, row, median, ms, runs: RUNS }) {
  const seedPoll = (poll, votes) => seed(db, space, poll, votes);
  const pollMarkup = (poll) => markup(poll);
  console.error('Poll reads at 10 and 1,000 votes…');
  for (const votes of [10, 1000]) {
    await seedPoll(`reads-${votes}`, votes);
    pages[`/demo/bench-poll-${votes}.html`] = page(pollMarkup(`reads-${votes}`));
    const visits = [];
    for (let i = 0; i < 3; i++) visits.push(await visit(`/demo/bench-poll-${votes}.html`));
    row(`Documents read per poll view, ${votes} votes`, String(median(visits.map((r) => r.reads.poll))));
  }
  console.error('Vote in one browser → count in another…');
  await seedPoll('latency', 0);
  pages['/demo/bench-poll-latency.html'] = page(pollMarkup('latency'));
  const [voter, watcher, closeBoth] = await twoLearners('/demo/bench-poll-latency.html');
  const radio = (tab, value) => tab.locator(`cohort-poll [data-value="${value}"]`);
  await radio(voter, 'smart').click();
  await voter.locator('cohort-poll form.join input[name="displayName"]').fill('Voter');
  await voter.locator('cohort-poll form.join button[type="submit"]').click();
  await radio(watcher, 'smart').filter({ hasText: '1 vote' }).waitFor({ timeout: 30000 });
  const voteTimes = [];
  for (let i = 0; i < RUNS; i++) {
    const target = i % 2 === 0 ? 'buddy' : 'smart';
    const started = performance.now();
    await radio(voter, target).click();
    await radio(watcher, target)
      .filter({ hasText: /1 vote · 100 %/ })
      .waitFor({ timeout: 30000 });
    voteTimes.push(performance.now() - started);
  }
  row('Vote in one context → count updated in another (median)', ms(median(voteTimes)), `${RUNS} votes`);
  await closeBoth();
}
