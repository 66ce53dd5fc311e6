import { html, type TemplateResult } from 'lit';

/**
 * "Ana, נועה and Bo" in the language's own list form, each name in its own `<bdi>`: a right-to-left name next to
 * a comma would otherwise swap places with its neighbour, and one that opens a sentence would turn the sentence.
 */
export function nameList(names: readonly string[], locale: string): (string | TemplateResult)[] {
  return new Intl.ListFormat(locale, { type: 'conjunction' })
    .formatToParts(names)
    .map((part) => (part.type === 'element' ? html`<bdi>${part.value}</bdi>` : part.value));
}
