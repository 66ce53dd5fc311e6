import { expect, fixture } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { connect, documentReads, resetDocumentReads } from '@cohort-kit/core';
import { createSpace, grantRole, peerApp, uniqueId, useEmulators, waitFor } from '@cohort-kit/core/testing';
import { openAdminConnection, PulseHarness } from '../test/pulse-harness.js';
import { learnerDocuments, madeUpCohort } from './made-up-cohort.js';
import './cohort-pulse.js';
import '@cohort-kit/thread/cohort-thread.js';

// The pulse on the emulators, as the cohort's facilitator sees it: a made-up cohort of ten learners with three weeks
// of history, three of them quiet (Hana and Jonas never contributed; Ines stopped eleven days ago).
const emulators = useEmulators();
const space = uniqueId('pulse');
const COHORT = madeUpCohort(10, 0.3);

async function mount(attributes = '', inSpace = space): Promise<PulseHarness> {
  const element = await fixture<HTMLElement>(`<cohort-pulse space="${inSpace}" ${attributes}></cohort-pulse>`);
  const pulse = new PulseHarness(element as never);
  await waitFor(() => pulse.loaded(), 'the pulse shows its data', 30000);
  return pulse;
}

async function seed(learners: typeof COHORT, now = Date.now()) {
  await executeServerCommand('cohort-seed-pulse', {
    space,
    learners: learners.map((learner) => ({ uid: learner.uid, ...learnerDocuments(learner, now) })),
  });
}

before(async () => {
  await openAdminConnection();
  await createSpace(space, { name: 'Leadership cohort' });
  const runtime = await connect();
  if (runtime.mode !== 'live') throw new Error('these tests need the emulators');
  const me = await runtime.identity.ensureSignedIn();
  await grantRole(space, me.uid, 'facilitator', 'Fay');
  await seed(COHORT);
});

describe('<cohort-pulse> for a facilitator', () => {
  it("shows the seeds' metrics, each with its definition one click away", async () => {
    const pulse = await mount();
    expect(pulse.showsPulse()).to.equal(true);
    expect(pulse.text()).to.contain('10 learners · live');
    // Learner 3 did not acknowledge the norms; everyone else did.
    expect(pulse.metric('Norms acknowledged')).to.include({ value: '90%', detail: '9 of 10 learners' });
    const repeat = pulse.metric('Repeat contribution');
    expect(repeat.value).to.match(/^\d+%$/);
    const disclosure = repeat.card.querySelector('details')!;
    expect(disclosure.open).to.equal(false);
    disclosure.querySelector('summary')!.click();
    await waitFor(() => disclosure.open, 'the definition opens');
    expect(disclosure.textContent).to.contain('contributed on 2 or more different days');
    await expect(pulse.element).to.be.accessible();
  });

  it('reads each member and each ledger once, whatever the number of posts', async () => {
    resetDocumentReads();
    await mount();
    // Ten learners and the facilitator; eight learners have a ledger (two never contributed).
    await waitFor(() => documentReads('pulse') >= 19, 'the members and ledgers are read');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(documentReads('pulse')).to.equal(19);
  });

  it('lists the quiet learners with their last activity, and trends with their tables', async () => {
    const pulse = await mount();
    expect(pulse.quietNames()).to.deep.equal(['Hana Sato', 'Ines Moreau', 'Jonas Berg']);
    expect(pulse.text()).to.contain('No contribution yet');
    expect(pulse.text()).to.contain('Last active 2 weeks ago');
    const joined = pulse.trendTable('joined');
    expect(joined.length).to.be.within(3, 4);
    expect(joined.reduce((all, [, count]) => all + Number(count), 0)).to.equal(10);
    expect(pulse.root.querySelectorAll('svg.chart')).to.have.length(2);
  });

  it('moves live: a learner who joins counts at once, and one who comes back leaves the quiet list', async () => {
    const pulse = await mount();
    const peer = await peerApp(emulators, { space, name: 'Nadia New' });
    await waitFor(() => pulse.text().includes('11 learners · live'), 'the new learner counts', 30000);
    const back = COHORT.find((learner) => learner.name === 'Ines Moreau')!;
    await seed([{ ...back, activity: [...back.activity, [0, 'posts']] }]);
    await waitFor(() => !pulse.quietNames().includes('Ines Moreau'), 'Ines is no longer quiet', 30000);
    expect(pulse.quietNames()).to.deep.equal(['Hana Sato', 'Jonas Berg']);
    await peer.close();
    // Put Ines back as she was, for the tests that follow.
    await seed([back]);
  });

  it('nudges the quiet learners with a post in the chosen thread that mentions them', async () => {
    const thread = uniqueId('week-3');
    const pulse = await mount(`threads="${thread} other-thread"`);
    await waitFor(() => pulse.quietNames().length === 3, 'three quiet learners');
    expect(pulse.nudgeText().value).to.match(/^Hi @Hana Sato, @Ines Moreau, @Jonas Berg! /);
    pulse.type(pulse.nudgeText(), 'Hi @Hana Sato, @Ines Moreau, @Jonas Berg! How is week 3 going for you?');
    await pulse.nudge(thread);
    const { posts } = (await executeServerCommand('cohort-pulse-thread-posts', { space, thread })) as {
      posts: { body: string; authorRole: string; mentions: string[] }[];
    };
    expect(posts).to.have.length(1);
    expect(posts[0]!.body).to.contain('How is week 3 going for you?');
    expect(posts[0]!.authorRole).to.equal('facilitator');
    const quiet = COHORT.filter((learner) => ['Hana Sato', 'Ines Moreau', 'Jonas Berg'].includes(learner.name));
    expect([...posts[0]!.mentions].sort()).to.deep.equal(quiet.map((learner) => learner.uid).sort());
    // The thread shows the post, with its mentions.
    const threadElement = await fixture<HTMLElement>(
      `<cohort-thread space="${space}" thread="${thread}"></cohort-thread>`,
    );
    await waitFor(
      () => (threadElement.shadowRoot?.textContent ?? '').includes('How is week 3 going for you?'),
      'the nudge shows in the thread',
      30000,
    );
  });

  it('downloads the member table and the weekly metrics as CSV', async () => {
    const pulse = await mount();
    const saved: Blob[] = [];
    const original = URL.createObjectURL;
    URL.createObjectURL = (blob: Blob | MediaSource) => (saved.push(blob as Blob), 'blob:pulse-test');
    try {
      pulse.button('Member table (CSV)').click();
      pulse.button('Weekly metrics (CSV)').click();
    } finally {
      URL.createObjectURL = original;
    }
    const [members, weeks] = await Promise.all(saved.map((blob) => blob.text()));
    const lines = members!.trim().split('\r\n');
    expect(lines[0]).to.match(/^name,joined,norms_acknowledged,last_activity,active_days,quiet,posts,/);
    // The header, the ten learners and Nadia, who joined in the live test.
    expect(lines).to.have.length(12);
    expect(lines.filter((line) => line.includes(',yes,')).length).to.be.greaterThan(0);
    expect(weeks!.split('\r\n')[0]).to.equal('week_starting,active_learners,joined');
    // The live region is cleared first and then given the text, so it is spoken even when it repeats.
    await waitFor(() => /^Downloaded .*-weekly\.csv\.$/.test(pulse.announcement()), 'the download is announced');
  });
});

describe('<cohort-pulse> for anyone else', () => {
  it('shows a learner a short note, reads nothing of the cohort, and nothing at all with hidden-for-learners', async () => {
    const other = uniqueId('pulse-other');
    await createSpace(other, { name: 'Another cohort' });
    resetDocumentReads();
    const pulse = await mount('', other);
    expect(pulse.showsPulse()).to.equal(false);
    expect(pulse.text()).to.contain("For facilitators The cohort's pulse shows here to its facilitators and owners.");
    expect(documentReads('pulse')).to.equal(0);
    await expect(pulse.element).to.be.accessible();
    const hidden = await fixture<HTMLElement>(`<cohort-pulse space="${other}" hidden-for-learners></cohort-pulse>`);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect((hidden.shadowRoot?.textContent ?? '').trim()).to.equal('');
  });
});
