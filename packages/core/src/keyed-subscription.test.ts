import { aTimeout, expect, fixture } from '@open-wc/testing';
import { html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { getAuth, signOut } from 'firebase/auth';
import { createSpace, grantRole, uniqueId, useEmulators, waitFor } from '../testing/emulators.js';
import { CohortElement } from './cohort-element.js';
import { connect, type FirebaseRuntime } from './connection.js';
import { defineElement } from './define.js';
import { KeyedSubscription } from './keyed-subscription.js';
import { documentReads } from './read-meter.js';

type DataModule = typeof import('./data.js');

/**
 * A widget built the way the poll and the thread are: its listeners are keyed on the space the element started
 * with and on the signed-in learner, and read through data.ts's metered listeners.
 */
class KeyedTestWidget extends CohortElement {
  protected readonly widget = 'keyed-test';
  /** What the listeners are metered as: one name per element, so each test counts its own reads. */
  readonly meter = uniqueId('keyed');
  @state() private spaceName = '';
  @state() private myName = '';
  @state() private failure = '';
  #source?: { runtime: FirebaseRuntime; data: DataModule; space: string };

  readonly #space = new KeyedSubscription(this, {
    key: () => (this.#source ? ([this.#source.space] as const) : undefined),
    subscribe: ([space]) => {
      const { runtime, data } = this.#source!;
      return data.watchDoc(runtime, this.meter, data.spaceRef(runtime.db, space), {
        next: (snapshot) => (this.spaceName = String(snapshot.get('name') ?? '')),
        error: (error) => (this.failure = error.message),
      });
    },
  });

  readonly #me = new KeyedSubscription(this, {
    key: () => {
      const uid = this.spaceState?.user?.uid;
      return this.#source && uid ? ([this.#source.space, uid] as const) : undefined;
    },
    subscribe: ([space, uid]) => {
      const { runtime, data } = this.#source!;
      return data.watchDoc(runtime, `${this.meter}:me`, data.memberRef(runtime.db, space, uid), {
        next: (snapshot) => {
          if (snapshot.exists()) this.myName = String(snapshot.get('displayName'));
          else if (!snapshot.metadata.fromCache) this.myName = 'Not joined yet';
        },
        error: (error) => (this.failure = error.message),
      });
    },
  });

  protected startData(runtime: FirebaseRuntime, data: DataModule) {
    this.#source = { runtime, data, space: this.spaceId };
    this.#space.refresh();
    this.#me.refresh();
    return () => {
      this.#source = undefined;
      this.#space.refresh();
      this.#me.refresh();
    };
  }

  protected renderContent() {
    return html`<p class="space">${this.spaceName}</p>
      <p class="me">${this.myName}</p>
      ${this.failure ? html`<p role="alert">${this.failure}</p>` : nothing}`;
  }
}
defineElement('cohort-keyed-test', KeyedTestWidget);

useEmulators();

const shown = (el: KeyedTestWidget, part: 'space' | 'me') =>
  el.shadowRoot!.querySelector(`.${part}`)?.textContent ?? '';
const alert = (el: KeyedTestWidget) => el.shadowRoot!.querySelector('[role="alert"]');
/** Time for a late snapshot (a listener started again, a change still on its way) to land before reads are counted. */
const settle = () => aTimeout(750);

async function spaceNamed(name: string): Promise<string> {
  const space = uniqueId('keyed-space');
  await createSpace(space, { name });
  return space;
}

async function widget(space: string): Promise<KeyedTestWidget> {
  const el = await fixture<KeyedTestWidget>(`<cohort-keyed-test space="${space}"></cohort-keyed-test>`);
  await waitFor(() => shown(el, 'space') !== '', 'space name shown');
  await settle();
  return el;
}

describe('a keyed subscription', () => {
  it('keeps an element moved in the page live, without reading again, and reads each change once', async () => {
    const space = await spaceNamed('Week 1');
    const el = await widget(space);
    const reads = documentReads(el.meter);
    expect(reads).to.equal(1);
    // Renders with the same key (a new tuple each time) read nothing again.
    for (let i = 0; i < 3; i++) {
      el.requestUpdate();
      await el.updateComplete;
    }
    // An authoring tool moves the block: the same element is taken out and put back elsewhere.
    const elsewhere = await fixture<HTMLElement>('<section></section>');
    elsewhere.append(el);
    await settle();
    expect(documentReads(el.meter)).to.equal(reads);

    await createSpace(space, { name: 'Week 2' });
    await waitFor(() => shown(el, 'space') === 'Week 2', 'the change shown after the move');
    await settle();
    expect(documentReads(el.meter)).to.equal(reads + 1);
    expect(alert(el)).to.equal(null);
  });

  it('stops reading while the element is off the page, and shows what changed once it is back', async () => {
    const space = await spaceNamed('Week 1');
    const el = await widget(space);
    const reads = documentReads(el.meter);
    const parent = el.parentElement!;
    el.remove();
    await createSpace(space, { name: 'Week 2' });
    await settle();
    expect(documentReads(el.meter)).to.equal(reads);
    expect(shown(el, 'space')).to.equal('Week 1');

    parent.append(el);
    await waitFor(() => shown(el, 'space') === 'Week 2', 'the change made while it was away');
    await settle();
    expect(documentReads(el.meter)).to.equal(reads + 1);
  });

  it('follows a new space attribute, and no longer reads the old space', async () => {
    const [first, second] = await Promise.all([spaceNamed('First cohort'), spaceNamed('Second cohort')]);
    const el = await widget(first);
    el.space = second;
    await waitFor(() => shown(el, 'space') === 'Second cohort', 'the new space shown');
    await settle();
    const reads = documentReads(el.meter);

    await createSpace(first, { name: 'First cohort, renamed' });
    await settle();
    expect(shown(el, 'space')).to.equal('Second cohort');
    expect(documentReads(el.meter)).to.equal(reads);
  });

  it('signing in as another learner shows their name, and stops reading the first learner', async () => {
    const space = await spaceNamed('Week 1');
    const el = await widget(space);
    const runtime = await connect();
    const first = await runtime.identity.ensureSignedIn();
    // The emulator can miss a write made while a listener starts: join once this page has heard it has not.
    await waitFor(() => shown(el, 'me') === 'Not joined yet', 'the first learner, not joined yet');
    await grantRole(space, first.uid, 'learner', 'Ana');
    await waitFor(() => shown(el, 'me') === 'Ana', "the first learner's name");

    // Another learner on the same device: the first signs out, the next one signs in.
    await signOut(getAuth(runtime.app));
    const second = await runtime.identity.ensureSignedIn();
    expect(second.uid).not.to.equal(first.uid);
    await waitFor(() => shown(el, 'me') === 'Not joined yet', 'the second learner, not joined yet');
    await grantRole(space, second.uid, 'learner', 'Ben');
    await waitFor(() => shown(el, 'me') === 'Ben', "the second learner's name");
    await settle();
    const reads = documentReads(`${el.meter}:me`);

    // The first learner renames themselves elsewhere: this page no longer watches them.
    await grantRole(space, first.uid, 'learner', 'Ana P.');
    await settle();
    expect(shown(el, 'me')).to.equal('Ben');
    expect(documentReads(`${el.meter}:me`)).to.equal(reads);
    // A listener left on the first learner would have been refused once they signed out.
    expect(alert(el)).to.equal(null);
  });
});
