import { expect } from '@open-wc/testing';
import { fixture } from '@open-wc/testing';
import { listDocuments, readDocument, uniqueId, useEmulators, waitFor } from '@cohort-kit/core/testing';
import { GoalsHarness } from '../../goals/test/goals-harness.js';
import '../../goals/src/cohort-goals.js';
import { defineBadge, mountBadge, peerLearner, retireBadge, seedHolders, seedLedger, uidOf } from '../test/support.js';
import { BadgeHarness } from '../test/badge-harness.js';
import { executeServerCommand } from '@web/test-runner-commands';

// What a learner sees and does with a badge on the emulators: progress that follows their real contributions live,
// the claim, what another learner's claim does to the page, what survives a reload, and the moments claiming ends.
// The page's learner is the same in every test (one browser, one account); each test has its own space.
const emulators = useEmulators();

async function newSpace() {
  const space = uniqueId('badge-test');
  await executeServerCommand('cohort-create-space', {
    space,
    name: 'Leading with Purpose',
    cohortLabel: 'Spring 2026 cohort',
  });
  return space;
}

describe('<cohort-badge>', () => {
  it("a learner's real goal turns the checklist green live; they claim #1, hear it, and keep it after a reload", async () => {
    const space = await newSpace();
    const badge = uniqueId('b');
    await defineBadge({
      space,
      badge,
      criteria: { goals: 1 },
      edition: 3,
      hints: { goals: 'Set a goal on the week 2 board' },
      closesInMs: 86_400_000,
    });
    const board = uniqueId('board');
    const view = await mountBadge(space, badge, `<cohort-goals space="${space}" board="${board}"></cohort-goals>`);
    expect(view.criteria()).to.deep.equal(['○ Goals set: 0 of 1 Set a goal on the week 2 board']);
    expect(view.text()).to.contain('3 of 3 left');
    expect(view.claimButton()!.textContent!.trim()).to.equal('Claim #1 of 3');
    expect(view.claimable()).to.equal(false);
    expect(view.artLabel()).to.contain('an edition of 3');
    await expect(view.element).to.be.accessible();

    const goals = new GoalsHarness(view.element.parentElement!.querySelector('cohort-goals')!);
    await waitFor(() => goals.loaded(), 'the goal board shows');
    await goals.setGoal('Ask each of my reports for feedback', { name: 'Ana Learner' });
    await waitFor(() => view.claimable(), 'the checklist turns green live');
    expect(view.criteria()[0]).to.contain('Goals set: 1 of 1 done');

    let claimed: unknown;
    view.element.addEventListener('cohort-badge-claimed', (event) => (claimed = event.detail));
    await view.claim();
    expect(view.text()).to.contain('You hold copy #1 of 3.');
    await waitFor(() => view.announcement().includes('You claimed copy #1 of 3.'), 'announced');
    expect(claimed).to.deep.equal({ space, badge, number: 1 });
    expect(view.artLabel()).to.contain('copy #1 of 3');
    await waitFor(() => view.wall().join() === '#1 Ana Learner', 'the wall shows the holder');
    const uid = uidOf(view);
    expect((await readDocument(`spaces/${space}/badges/${badge}/holders/${uid}`))?.number).to.equal(1);
    expect((await readDocument(`spaces/${space}/badges/${badge}`))?.issued).to.equal(1);
    await expect(view.element).to.be.accessible();

    view.element.parentElement!.remove();
    const again = await mountBadge(space, badge);
    await waitFor(() => again.text().includes('You hold copy #1 of 3.'), 'the copy after a reload');
    expect(again.wall()).to.deep.equal(['#1 Ana Learner']);
  });

  it("another learner's claim appears live: the wall, what is left and the next number", async () => {
    const space = await newSpace();
    const badge = uniqueId('b');
    await defineBadge({ space, badge, criteria: { posts: 2 }, edition: 20 });
    const view = await mountBadge(space, badge);
    expect(view.text()).to.contain('Nobody has claimed a copy yet.');
    // One peer at a time: each keeps connections open, and the browser allows six per server.
    const bo = await peerLearner(emulators, space, 'Bo Chen', { posts: 3 });
    expect(await bo.claim(badge)).to.equal(1);
    await bo.close();
    await waitFor(() => view.wall().join() === '#1 Bo Chen', "Bo's copy on the wall");
    await waitFor(() => view.text().includes('19 of 20 left'), 'one fewer left');
    expect(view.claimButton()!.textContent!.trim()).to.equal('Claim #2 of 20');
    const cy = await peerLearner(emulators, space, 'Cy', { posts: 2 });
    expect(await cy.claim(badge, false)).to.equal(2);
    await cy.close();
    await waitFor(() => view.wall().join(' | ') === '#1 Bo Chen | #2 A cohort member', 'a hidden name on the wall');
    expect(view.claimButton()!.textContent!.trim()).to.equal('Claim #3 of 20');
  });

  it('one press is one claim, a hidden name stays hidden, and the credential downloads once issued', async () => {
    const space = await newSpace();
    const badge = uniqueId('b');
    await defineBadge({ space, badge, criteria: { replies: 1 }, edition: 5 });
    const view = await mountBadge(space, badge);
    // The page's learner is signed in from the first test: their ledger, as their replies left it.
    const uid = uidOf(view) || 'none';
    expect(uid).to.not.equal('none');
    await seedLedger(space, uid, { replies: 2 }, 'Ana Learner');
    await waitFor(() => view.claimable(), 'claimable');
    (view.root.querySelector('input[type="checkbox"]') as HTMLInputElement).click();
    const button = view.claimButton()!;
    button.click();
    button.click();
    await waitFor(() => view.text().includes('You hold copy #1 of 5.'), 'the copy');
    // The copy shows once the server confirmed the claim.
    expect((await readDocument(`spaces/${space}/badges/${badge}`))?.issued).to.equal(1);
    expect(await listDocuments(`spaces/${space}/badges/${badge}/holders`)).to.deep.equal([uid]);
    expect((await readDocument(`spaces/${space}/badges/${badge}/holders/${uid}`))?.name).to.equal('');
    expect(view.wall()).to.deep.equal(['#1 A cohort member']);

    view.button('Download credential').click();
    await waitFor(() => view.text().includes('Your signed credential is not ready yet'), 'not issued yet');
    await executeServerCommand('cohort-badge-credential', {
      space,
      badge,
      uid,
      jwt: 'header.payload.signature',
      number: 1,
    });
    view.button('Download credential').click();
    await waitFor(() => view.announcement().includes('Credential downloaded.'), 'downloaded');
  });

  it('two learners pressing claim for the last copy at the same moment: one gets it, nobody gets edition + 1', async () => {
    const space = await newSpace();
    const badge = uniqueId('b');
    await defineBadge({ space, badge, criteria: { votes: 1 }, edition: 2 });
    await seedHolders(space, badge, 1);
    const view = await mountBadge(space, badge);
    await seedLedger(space, uidOf(view), { votes: 1 }, 'Ana Learner');
    await waitFor(() => view.claimable() && view.text().includes('1 of 2 left'), 'the last copy is claimable');
    const bo = await peerLearner(emulators, space, 'Bo', { votes: 1 });
    const [peer] = await Promise.all([
      bo.claim(badge).then(
        (number) => number,
        (error: { reason?: string }) => error.reason,
      ),
      view.claim('Ana Learner', () => /You hold copy #|All 2 copies were claimed/.test(view.text())),
    ]);
    await bo.close();
    const pageGot = view.text().includes('You hold copy #2 of 2.');
    if (pageGot) {
      expect(peer).to.equal('all-claimed');
    } else {
      expect(peer).to.equal(2);
      expect(view.text()).to.contain('All 2 copies were claimed.');
    }
    const holders = await listDocuments(`spaces/${space}/badges/${badge}/holders`);
    expect(holders).to.have.length(2);
    expect((await readDocument(`spaces/${space}/badges/${badge}`))?.issued).to.equal(2);
    await waitFor(
      () =>
        view
          .wall()
          .map((each) => each.split(' ')[0])
          .join() === '#1,#2',
      'the wall holds #1 and #2',
    );
  });

  it('a badge retired while the page is open says how many were issued, and keeps the wall', async () => {
    const space = await newSpace();
    const badge = uniqueId('b');
    await defineBadge({ space, badge, criteria: { posts: 1 }, edition: 20 });
    await seedHolders(space, badge, 2);
    const view = await mountBadge(space, badge);
    await waitFor(() => view.wall().length === 2, 'the wall');
    await retireBadge(space, badge);
    await waitFor(() => view.text().includes('Retired: 2 of 20 were issued.'), 'retired');
    expect(view.claimButton()).to.equal(undefined);
    expect(view.wall()).to.deep.equal(['#1 Holder 1', '#2 Holder 2']);
  });

  it('names a badge the space does not have, and how the course team creates it', async () => {
    const space = await newSpace();
    const wrapper = await fixture<HTMLDivElement>(
      `<div><cohort-badge space="${space}" badge="no-such-badge"></cohort-badge></div>`,
    );
    const view = new BadgeHarness(wrapper.querySelector('cohort-badge')!);
    await waitFor(() => Boolean(view.problem()), 'a problem shows');
    expect(view.problem()).to.contain(`Space "${space}" has no badge "no-such-badge"`);
    expect(view.problem()).to.contain(`npx cohort-kit create-badge --space ${space} --badge no-such-badge`);
  });
});
