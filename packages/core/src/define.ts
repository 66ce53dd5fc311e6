/**
 * Registers an element unless the tag is taken, so a page that loads the kit twice (two authoring-tool
 * blocks, say) keeps working instead of throwing.
 */
export function defineElement(tag: string, constructor: CustomElementConstructor): void {
  const existing = customElements.get(tag);
  if (existing === constructor) return;
  if (existing) {
    console.warn(`[cohort-kit] <${tag}> is already defined by another copy of the kit; keeping that one.`);
    return;
  }
  customElements.define(tag, constructor);
}
