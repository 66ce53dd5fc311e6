// The owner console against the emulators, as an owner uses it. Owners sign in by email link: the link is taken
// from the Auth emulator's outbox, as the facilitator end-to-end test does.
import { expect, fixture } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { completeFacilitatorSignIn, sendFacilitatorSignInLink } from '@cohort-kit/core';
import { createSpace, readDocument, uniqueId, useEmulators, waitFor } from '@cohort-kit/core/testing';
import { ConsoleHarness } from '../test/console-harness.js';
import './cohort-console.js';

const emulators = useEmulators();

/** Signs this page in as `email` through the email-link flow; returns the account's uid. */
async function signInAs(email: string): Promise<string> {
  await sendFacilitatorSignInLink(email, location.href);
  const response = await fetch(`${emulators.authEmulator}/emulator/v1/projects/${emulators.projectId}/oobCodes`);
  const { oobCodes } = (await response.json()) as { oobCodes: { email: string; oobLink: string }[] };
  const link = oobCodes.reverse().find((entry) => entry.email === email)!.oobLink;
  await completeFacilitatorSignIn(link, email);
  const { connect } = await import('@cohort-kit/core');
  return (await (await connect()).identity.current())!.uid;
}

async function owner(): Promise<{ email: string; uid: string }> {
  const email = `${uniqueId('owner')}@example.com`;
  await executeServerCommand('cohort-add-owner', { email });
  return { email, uid: await signInAs(email) };
}

async function mount(attributes = ''): Promise<ConsoleHarness> {
  const harness = new ConsoleHarness(await fixture(`<cohort-console ${attributes}></cohort-console>`));
  // The page's first Firestore connection to an emulator busy with other test files can take over 20 s.
  await waitFor(() => harness.loaded(), 'the console shows', 35000);
  return harness;
}

/** A space created server-side with `uid` as its owner. */
async function ownedSpace(uid: string, settings: { norms?: string } = {}): Promise<string> {
  const space = uniqueId('console');
  await createSpace(space, { name: 'Leading with Purpose', ...settings });
  await executeServerCommand('cohort-grant', { space, uid, role: 'owner', displayName: 'Olu Owner' });
  return space;
}

describe('<cohort-console>', () => {
  it('tells an account that is not a course owner how to become one', async () => {
    const email = `${uniqueId('someone')}@example.com`;
    await signInAs(email);
    const console = await mount();
    await console.waitForText('This email is not a course owner.');
    expect(console.text()).to.contain(`npx cohort-kit add-owner --email ${email}`);
    await expect(console.element).to.be.accessible();
  });

  it('lets an owner create a space, which then exists with them as its owner', async () => {
    const { uid } = await owner();
    const console = await mount();
    await console.waitForText('Create a space');
    const space = uniqueId('created');
    console.fill('Space id', space);
    console.fill('Name', 'Leading with Purpose');
    console.fill('Cohort label', 'Spring 2026');
    console.fill('Blocked words', 'Spoiler, spoiler\nleak');
    console.fill('Your name in this space', 'Olu Owner');
    console.button('Create space').click();
    await console.waitForText('Course team', 'the new space opens');
    const stored = await readDocument<Record<string, unknown>>(`spaces/${space}`);
    expect(stored).to.include({ name: 'Leading with Purpose', cohortLabel: 'Spring 2026', reportThreshold: 3 });
    expect(stored!.blockedWords).to.deep.equal(['spoiler', 'leak']);
    expect(await readDocument(`spaces/${space}/members/${uid}`)).to.include({
      role: 'owner',
      displayName: 'Olu Owner',
    });
    await expect(console.element).to.be.accessible();
  });

  it('signs the owner out, back to the email form', async () => {
    const { email } = await owner();
    const console = await mount();
    await console.waitForText(`Signed in as ${email}`);
    console.button('Sign out').click();
    await console.waitForText('Course owners sign in with a link sent by email.', 'the sign-in form');
    await waitFor(() => console.announcement().includes('You are signed out.'), 'the sign-out announced');
    const { connect } = await import('@cohort-kit/core');
    expect(await (await connect()).identity.current()).to.equal(null);
  });

  it('says so when the id is taken', async () => {
    await owner();
    const taken = uniqueId('taken');
    await createSpace(taken, { name: 'Someone else' });
    const console = await mount();
    await console.waitForText('Create a space');
    console.fill('Space id', taken);
    console.fill('Name', 'Mine');
    console.fill('Your name in this space', 'Olu Owner');
    console.button('Create space').click();
    await waitFor(() => console.fieldError('Space id').includes('A space with this id exists already'), 'the message');
  });

  it('checks the settings before saving, field by field', async () => {
    await owner();
    const console = await mount();
    await console.waitForText('Create a space');
    console.fill('Space id', 'spring 2026');
    console.fill('Name', '');
    console.fill('Report threshold', '99');
    console.fill('Blocked words', 'x'.repeat(41));
    console.button('Create space').click();
    await waitFor(() => Boolean(console.fieldError('Name')), 'the errors show');
    expect(console.fieldError('Space id')).to.contain('space="spring 2026" is not a valid id');
    expect(console.fieldError('Name')).to.equal('Give the space a name.');
    expect(console.fieldError('Report threshold')).to.equal('The report threshold is a whole number from 1 to 50.');
    expect(console.fieldError('Blocked words')).to.contain('is longer than 40 characters');
    expect(console.fieldError('Your name in this space')).to.equal('Write your name as the cohort will see it.');
    expect(console.field('Name').getAttribute('aria-invalid')).to.equal('true');
    await expect(console.element).to.be.accessible();
  });

  it("saves a space's settings", async () => {
    const { uid } = await owner();
    const space = await ownedSpace(uid);
    const console = await mount(`space="${space}"`);
    await console.waitForText('Course team');
    console.fill('Norms', 'Be kind.');
    console.fill('Report threshold', '5');
    console.button('Save settings').click();
    await waitFor(() => console.announcement() === 'Settings saved.', 'the save is announced');
    expect(await readDocument(`spaces/${space}`)).to.include({ norms: 'Be kind.', reportThreshold: 5 });
  });

  it('shows an invitation as pending, then as accepted once claimed', async () => {
    const { uid } = await owner();
    const space = await ownedSpace(uid);
    const console = await mount(`space="${space}"`);
    await console.waitForText('Course team');
    await console.invite('Mentor.Mo@Example.com', 'mentor');
    const row = () => console.row('mentor.mo@example.com')!.textContent!;
    expect(row()).to.contain('Pending');
    expect(await readDocument(`spaces/${space}/invites/mentor.mo@example.com`)).to.include({
      role: 'mentor',
      invitedBy: uid,
      claimedBy: null,
    });
    await executeServerCommand('cohort-claim-invite', {
      space,
      email: 'mentor.mo@example.com',
      uid: 'mo-uid',
      displayName: 'Mo Mentor',
    });
    await waitFor(() => row().includes('Accepted'), 'the invitation shows as accepted');
    expect(console.findButton('Revoke', console.row('mentor.mo@example.com'))).to.equal(undefined);
  });

  it('revokes an unclaimed invitation', async () => {
    const { uid } = await owner();
    const space = await ownedSpace(uid);
    const console = await mount(`space="${space}"`);
    await console.waitForText('Course team');
    await console.invite('fac@example.com', 'facilitator');
    console.button('Revoke', console.row('fac@example.com')).click();
    await waitFor(
      () => console.announcement() === 'Invitation for fac@example.com revoked.',
      'the revocation is saved',
    );
    expect(console.row('fac@example.com')).to.equal(undefined);
    expect(await readDocument(`spaces/${space}/invites/fac@example.com`)).to.equal(null);
  });

  it('lists members with the norms count, and removes one only after asking', async () => {
    const { uid } = await owner();
    const space = await ownedSpace(uid, { norms: 'Be kind.' });
    await executeServerCommand('cohort-seed-members', {
      space,
      members: [
        { uid: 'ana', displayName: 'Ana Learner', acknowledged: true },
        { uid: 'ben', displayName: 'Ben Learner', acknowledged: false },
      ],
    });
    const console = await mount(`space="${space}"`);
    await console.waitForText('Ben Learner');
    expect(console.text()).to.contain('1 of 3 acknowledged the norms');
    expect(console.findButton('Remove', console.row('Olu Owner'))).to.equal(undefined); // owners stay
    console.button('Remove', console.row('Ben Learner')).click();
    await console.waitForText('Remove Ben Learner from this space?');
    expect((await readDocument(`spaces/${space}/members/ben`))!.role).to.equal('learner'); // nothing yet
    await expect(console.element).to.be.accessible();
    console.button('Yes, remove Ben Learner').click();
    await waitFor(() => console.announcement() === 'Ben Learner was removed from the space.', 'the removal is saved');
    expect(console.row('Ben Learner')!.textContent).to.contain('Removed');
    expect(await readDocument(`spaces/${space}/members/ben`)).to.include({ role: 'removed', removedBy: uid });
    expect(console.text()).to.contain('1 of 2 acknowledged the norms');
  });

  it('remembers the spaces this browser opened, and opens one by id', async () => {
    const { uid } = await owner();
    const space = await ownedSpace(uid);
    const console = await mount();
    await console.waitForText('Open a space by its id');
    console.fill('Open a space by its id', space);
    console.button('Open space').click();
    await console.waitForText('Course team');
    console.button('All spaces').click();
    await waitFor(() => Boolean(console.row(space)), 'the space is listed');
    expect(console.row(space)!.textContent).to.contain('Leading with Purpose');
  });

  it('gives the snippet for the space, and copies it', async () => {
    const { uid } = await owner();
    const space = await ownedSpace(uid);
    const console = await mount(`space="${space}"`);
    await console.waitForText('Course team');
    const snippet = (console.root.querySelector('#snippet') as HTMLTextAreaElement).value;
    expect(snippet).to.contain(`data-space="${space}"`);
    expect(snippet).to.contain('<cohort-thread');
    console.button('Copy snippet').click();
    await waitFor(() => console.announcement().length > 0, 'the copy is announced');
    expect(console.announcement()).to.match(/Snippet copied|copy it yourself/);
  });
});
