/** An option as the author wrote it. */
export interface PollOption {
  value: string;
  label: string;
}

/** How many options a poll has, counting learners' suggestions: the rules hold the same bounds. */
export const MIN_OPTIONS = 2;
export const MAX_OPTIONS = 12;

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
