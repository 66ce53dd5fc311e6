// The base of every widget's test harness: what a person reads, hears and presses in one element, found the way
// they find it (by text and accessible name), never by a widget's private fields.
import { waitFor } from './emulators.js';

/** Every element under `root`, through open shadow roots (a widget may nest elements of its own). */
export function deepElements(root: ParentNode): Element[] {
  return [...root.querySelectorAll('*')].flatMap((element) => [
    element,
    ...(element.shadowRoot ? deepElements(element.shadowRoot) : []),
  ]);
}

/** Whether a person could see this element: laid out, not hidden, not clipped to nothing. */
export function isShown(element: Element): boolean {
  if (!(element instanceof HTMLElement) || !element.getClientRects().length) return false;
  const style = getComputedStyle(element);
  return style.visibility !== 'hidden' && style.display !== 'none';
}

/** The button a person would find by its text or the start of its accessible name. */
export function findButton(scope: ParentNode, label: string): HTMLButtonElement | undefined {
  return [...scope.querySelectorAll<HTMLButtonElement>('button')].find(
    (button) => button.textContent!.trim() === label || button.getAttribute('aria-label')?.startsWith(label),
  );
}

/** That button, or a failure naming the label that is missing. */
export function button(scope: ParentNode, label: string): HTMLButtonElement {
  const found = findButton(scope, label);
  if (!found) throw new Error(`no button "${label}"`);
  return found;
}

export class WidgetHarness<E extends HTMLElement = HTMLElement> {
  constructor(readonly element: E) {}

  get root(): ShadowRoot {
    if (!this.element.shadowRoot) throw new Error(`<${this.element.localName}> has no shadow root`);
    return this.element.shadowRoot;
  }

  /** All the element's text, white space collapsed. */
  text(): string {
    return (this.root.textContent ?? '').replace(/\s+/g, ' ');
  }

  /** What the polite live region last announced. */
  announcement(): string {
    return this.root.querySelector('[aria-live="polite"]')?.textContent?.trim() ?? '';
  }

  /** The problem shown in place of the element's content ("This element cannot be shown…"), if any. */
  problem(): string | undefined {
    return this.root.querySelector('[part="problem"]')?.textContent?.replace(/\s+/g, ' ').trim();
  }

  /** Whether the "Preview — only you can see this" marker shows. */
  previewMarked(): boolean {
    const marker = this.root.querySelector('[part="preview-marker"]');
    return Boolean(marker && isShown(marker) && marker.textContent?.includes('Preview'));
  }

  findButton(label: string, scope: ParentNode = this.root): HTMLButtonElement | undefined {
    return findButton(scope, label);
  }

  button(label: string, scope: ParentNode = this.root): HTMLButtonElement {
    return button(scope, label);
  }

  /** Controls Tab can reach, in document order: enabled, shown, not taken out of the tab order. */
  tabbable(): HTMLElement[] {
    const selector = 'button, input, textarea, select, a[href], [tabindex], [contenteditable="true"]';
    return deepElements(this.root).filter(
      (element): element is HTMLElement =>
        element instanceof HTMLElement &&
        element.matches(selector) &&
        element.tabIndex >= 0 &&
        !element.matches(':disabled') &&
        !element.closest('[inert]') &&
        isShown(element),
    );
  }

  /** The focused element inside this widget (through nested shadow roots), if focus is in it. */
  focused(): Element | null {
    let active: Element | null = this.root.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    return active;
  }

  /** Answers the first-contribution form, if the element shows it, and waits for it to go. */
  async joinIfAsked(displayName: string): Promise<boolean> {
    const form = () => this.root.querySelector<HTMLFormElement>('form.join');
    if (!form()) return false;
    const name = form()!.querySelector<HTMLInputElement>('input[name="displayName"]')!;
    name.value = displayName;
    name.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    form()!.requestSubmit();
    await waitFor(() => !form(), 'the name form closes');
    return true;
  }
}
