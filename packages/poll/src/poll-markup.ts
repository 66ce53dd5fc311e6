import type { PollDefinition, StoredOption } from './poll-data.js';

/** An option as the author wrote it. */
export interface PollOption {
  value: string;
  label: string;
}

const VALUE = /^[A-Za-z0-9_-]{1,40}$/;

/** "🤝 Find an accountability buddy" → "find-an-accountability-buddy". */
export function slugify(label: string): string {
  return label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
}

/** The question: the element's own text, outside its options and named slots. */
export function questionFromMarkup(host: Element): string {
  let text = '';
  for (const node of host.childNodes) {
    if (node.nodeType === Node.TEXT_NODE) text += node.textContent;
    else if (node instanceof HTMLElement && node.localName !== 'option' && !node.slot) text += node.textContent;
  }
  return text.replace(/\s+/g, ' ').trim();
}

/** The `<option>` children; a missing or unusable `value` is derived from the label. */
export function optionsFromMarkup(host: Element): PollOption[] {
  return [...host.querySelectorAll(':scope > option')].map((option, index) => {
    const label = (option.textContent ?? '').replace(/\s+/g, ' ').trim();
    const given = option.getAttribute('value')?.trim() ?? '';
    const value = VALUE.test(given) ? given : slugify(given || label) || `option-${index + 1}`;
    return { value, label: label || value };
  });
}

const sameOptions = (a: StoredOption[], b: StoredOption[]) =>
  a.length === b.length && a.every((option, i) => option.value === b[i]!.value && option.label === b[i]!.label);

/** The same option values, in any order: what votes are checked against. */
export const sameValues = (a: StoredOption[], b: StoredOption[]) =>
  a.length === b.length && a.every((option) => b.some((other) => other.value === option.value));

/**
 * Whether the stored poll still says what the page says. A stored anonymous poll matches a page without
 * `anonymous` when `anonymousMatches` (it has votes, so it can only stay anonymous).
 */
export function sameDefinition(stored: PollDefinition, page: PollDefinition, anonymousMatches = true): boolean {
  return (
    stored.question === page.question &&
    sameOptions(stored.options, page.options) &&
    stored.multiple === page.multiple &&
    (stored.anonymous === page.anonymous || (stored.anonymous && anonymousMatches)) &&
    stored.maxChoices === page.maxChoices &&
    stored.allowSuggestions === page.allowSuggestions &&
    (stored.closesAt?.getTime() ?? null) === (page.closesAt?.getTime() ?? null)
  );
}

/**
 * Whether votes from this page would be refused or would break a promise the page makes: other option values,
 * another choice mode or limit, or a page that promises anonymity the stored poll does not give. A stored
 * anonymous poll behind a page without `anonymous` is fine: votes there are simply anonymous.
 */
export function conflicts(stored: PollDefinition, page: PollDefinition): boolean {
  return (
    !sameValues(stored.options, page.options) ||
    stored.multiple !== page.multiple ||
    stored.maxChoices !== page.maxChoices ||
    (page.anonymous && !stored.anonymous)
  );
}
