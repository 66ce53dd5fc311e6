// The suite every widget runs, in the spirit of a shared form-control suite: the promises each Cohort Kit element
// makes whatever it does. It runs in preview mode (the SDK offline with a local cache), as an author or a designer
// first meets the element, so it needs no emulator and can give the element a fresh id each time.
import { expect, fixture } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import { deleteField, doc, setDoc, Timestamp, type Firestore } from 'firebase/firestore';
import { configure } from '@cohort-kit/core';
import { uniqueId, waitFor } from './emulators.js';
import { deepElements, isShown, WidgetHarness } from './harness.js';

export interface WidgetBaseOptions<H extends WidgetHarness> {
  /** The element's tag, e.g. `cohort-poll`. */
  tag: string;
  /** The markup an author pastes, for an id of the widget's kind (a poll id, a thread id…). */
  markup: (id: string) => string;
  /** The widget's harness for a rendered element. */
  harness: (element: HTMLElement) => H;
  /** Whether the element shows its data (not a skeleton, not a problem). */
  loaded: (harness: H) => boolean;
  /** Markup with a wrong id, and the start of the message it must show. */
  wrongId: { markup: string; message: string };
  /**
   * The element's main contribution as a learner makes it (a vote, a post), resolving once the element shows it.
   * The suite runs it after the element moved in the page, to show it still works there.
   */
  contribute: (harness: H) => Promise<void>;
  /** An element that works in no space (the owner console) has no round to end: false leaves that test out. */
  inASpace?: boolean;
}

const REFLOW_WIDTH = 320;

/** Every shown box in the element that reaches past the viewport's edges (WCAG 1.4.10 reflow at 320 px). */
function overflowing(element: HTMLElement): string[] {
  const width = document.documentElement.clientWidth;
  return deepElements(element.shadowRoot!)
    .filter((each) => isShown(each))
    .filter((each) => {
      const box = each.getBoundingClientRect();
      return box.width > 0 && (box.left < -0.5 || box.right > width + 0.5);
    })
    .map((each) => `${each.localName}.${[...each.classList].join('.')} (${each.getBoundingClientRect().width}px)`);
}

export function runWidgetBaseTests<H extends WidgetHarness>(options: WidgetBaseOptions<H>): void {
  configure({ preview: true });
  const uncaught: string[] = [];
  const onError = (event: ErrorEvent) => uncaught.push(event.message);
  const onRejection = (event: PromiseRejectionEvent) => uncaught.push(String(event.reason));

  async function mount(wrapper = '<div></div>', id = uniqueId('base')): Promise<H> {
    const container = await fixture<HTMLElement>(wrapper);
    container.innerHTML = options.markup(id);
    const element = container.querySelector<HTMLElement>(options.tag)!;
    const harness = options.harness(element);
    await waitFor(() => options.loaded(harness), `<${options.tag}> shows its data`);
    return harness;
  }

  describe(`<${options.tag}>: what every Cohort Kit element promises`, () => {
    before(() => {
      window.addEventListener('error', onError);
      window.addEventListener('unhandledrejection', onRejection);
    });
    after(async () => {
      window.removeEventListener('error', onError);
      window.removeEventListener('unhandledrejection', onRejection);
      await setViewport({ width: 800, height: 600 });
    });

    it('marks itself as a preview that only the author sees', async () => {
      const harness = await mount();
      expect(harness.previewMarked()).to.equal(true);
    });

    it('names a wrong id and says what to write instead', async () => {
      const container = await fixture<HTMLElement>('<div></div>');
      container.innerHTML = options.wrongId.markup;
      const harness = options.harness(container.querySelector<HTMLElement>(options.tag)!);
      await waitFor(() => Boolean(harness.problem()), 'a problem shows');
      expect(harness.problem()).to.contain('This element cannot be shown');
      expect(harness.problem()).to.contain(options.wrongId.message);
      await expect(harness.element).to.be.accessible();
    });

    it('passes axe in the light theme and in the dark theme', async () => {
      const harness = await mount();
      await expect(harness.element).to.be.accessible();
      harness.element.setAttribute('theme', 'dark');
      await (harness.element as HTMLElement & { updateComplete?: Promise<unknown> }).updateComplete;
      expect(getComputedStyle(harness.root.querySelector('[part="base"]')!).colorScheme).to.contain('dark');
      await expect(harness.element).to.be.accessible();
    });

    it('lays out from the right in a right-to-left page, and passes axe there', async () => {
      const harness = await mount('<div dir="rtl" lang="ar"></div>');
      const base = harness.root.querySelector<HTMLElement>('[part="base"]')!;
      expect(getComputedStyle(base).direction).to.equal('rtl');
      // The first line of content starts at the right edge, not the left.
      const first = deepElements(base).find((each) => isShown(each) && (each.textContent ?? '').trim())!;
      const frame = base.getBoundingClientRect();
      const line = first.getBoundingClientRect();
      expect(frame.right - line.right).to.be.lessThan(line.left - frame.left + 1);
      await expect(harness.element).to.be.accessible();
    });

    it(`fits a ${REFLOW_WIDTH} px wide phone with nothing cut off or scrolling sideways`, async () => {
      await setViewport({ width: REFLOW_WIDTH, height: 640 });
      const harness = await mount();
      expect(document.documentElement.scrollWidth).to.be.at.most(REFLOW_WIDTH);
      expect(overflowing(harness.element)).to.deep.equal([]);
      await setViewport({ width: 800, height: 600 });
    });

    if (options.inASpace !== false)
      it('says when its round ended, above the content it keeps showing', async () => {
        const harness = await mount();
        const element = harness.element as HTMLElement & { spaceId: string; runtime?: { db: Firestore } };
        expect(element.spaceId, 'the element has a space').not.to.equal('');
        await waitFor(() => Boolean(element.runtime), 'connected');
        const space = doc(element.runtime!.db, 'spaces', element.spaceId);
        const ended = () => harness.root.querySelector('[part="round-ended"]')?.textContent?.trim() ?? '';
        // Preview mode: the write lands in this page's cache at once and is never confirmed by a server.
        void setDoc(space, { closedAt: Timestamp.fromDate(new Date(2026, 5, 15, 12)) }, { merge: true });
        await waitFor(() => ended() === 'This round has ended on June 15, 2026.', 'the round ended');
        expect(options.loaded(harness), 'the content stays').to.equal(true);
        await expect(harness.element).to.be.accessible();
        void setDoc(space, { closedAt: deleteField() }, { merge: true });
        await waitFor(() => ended() === '', 'open again');
      });

    it('lets the keyboard reach every control with Tab, in order', async () => {
      const before = await fixture<HTMLButtonElement>('<button>before</button>');
      const container = before.parentElement!;
      container.insertAdjacentHTML('beforeend', options.markup(uniqueId('keys')));
      const harness = options.harness(container.querySelector<HTMLElement>(options.tag)!);
      await waitFor(() => options.loaded(harness), `<${options.tag}> shows its data`);
      const expected = harness.tabbable();
      expect(expected.length, 'the element offers something to do').to.be.greaterThan(0);
      before.focus();
      const reached: Element[] = [];
      for (let press = 0; press < expected.length; press++) {
        await sendKeys({ press: 'Tab' });
        const focused = harness.focused();
        if (focused) reached.push(focused);
      }
      expect(reached).to.deep.equal(expected);
    });

    it('keeps working after the page moves it', async () => {
      const harness = await mount();
      const elsewhere = await fixture<HTMLElement>('<section></section>');
      elsewhere.append(harness.element);
      await waitFor(() => options.loaded(harness), 'shows its data after the move');
      await options.contribute(harness);
    });

    it('raises no uncaught error or unhandled rejection', () => {
      expect(uncaught).to.deep.equal([]);
    });
  });
}
