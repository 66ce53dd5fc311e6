/**
 * One element described by an address: what `/embed/?element=cohort-poll&space=…&poll=…` renders, what the
 * builder writes, both checked against the kit's custom-elements manifest.
 */

export interface ManifestAttribute {
  name: string;
  /** The manifest's type text: `string`, `number`, `boolean`, or a union of literals (`'light' | 'dark'`). */
  type: string;
  description: string;
  default?: string;
}

export interface ManifestElement {
  tag: string;
  summary: string;
  attributes: ManifestAttribute[];
}

/** An element, its attributes (true for a boolean that is set), a poll's options and a feedback round's prompts. */
export interface EmbedSpec {
  tag: string;
  attributes: Record<string, string | true>;
  options: { value: string; label: string }[];
  prompts: string[];
}

/** Elements that are no part of a course page's content: the owner console, and the SCORM package's link. */
const NOT_EMBEDDABLE = new Set(['cohort-console', 'cohort-scorm']);
/** Address parameters that are not attributes. */
export const RESERVED = ['element', 'preview', 'option', 'cohort-prompt'];

interface RawManifest {
  modules?: {
    declarations?: {
      tagName?: string;
      summary?: string;
      customElement?: boolean;
      attributes?: { name: string; type?: { text?: string }; description?: string; default?: string }[];
    }[];
  }[];
}

export function embeddableElements(manifest: RawManifest): ManifestElement[] {
  const found: ManifestElement[] = [];
  for (const module of manifest.modules ?? []) {
    for (const declaration of module.declarations ?? []) {
      const tag = declaration.tagName;
      if (!declaration.customElement || !tag || NOT_EMBEDDABLE.has(tag)) continue;
      found.push({
        tag,
        summary: declaration.summary ?? '',
        attributes: (declaration.attributes ?? []).map((attribute) => ({
          name: attribute.name,
          type: attribute.type?.text ?? 'string',
          description: attribute.description ?? '',
          ...(attribute.default !== undefined ? { default: attribute.default } : {}),
        })),
      });
    }
  }
  return found.sort((a, b) => a.tag.localeCompare(b.tag));
}

/** The literal values of a union type (`'light' | 'dark'` gives both), or none for an open type. */
export function choicesOf(type: string): string[] {
  const literals = type.split('|').map((part) => part.trim());
  return literals.every((part) => /^'[^']*'$/.test(part)) ? literals.map((part) => part.slice(1, -1)) : [];
}

/** What is wrong with a value for this attribute, or undefined. */
function valueProblem(tag: string, attribute: ManifestAttribute, value: string): string | undefined {
  const choices = choicesOf(attribute.type);
  if (choices.length && !choices.includes(value))
    return `<${tag}> takes ${attribute.name} ${choices.map((choice) => `"${choice}"`).join(', ')}, not "${value}".`;
  if (attribute.type === 'number' && value !== '' && !Number.isFinite(Number(value)))
    return `<${tag}>'s ${attribute.name} is a number, not "${value}".`;
  return undefined;
}

/** Reads an embed address's parameters: the element they describe, or what is wrong with them, in words. */
export function parseEmbedParams(
  params: URLSearchParams,
  elements: ManifestElement[],
): { spec: EmbedSpec } | { problem: string } {
  const tag = params.get('element')?.trim();
  const names = elements.map((element) => element.tag).join(', ');
  if (!tag) return { problem: `This embed names no element. Add element= with one of: ${names}.` };
  const element = elements.find((each) => each.tag === tag);
  if (!element) return { problem: `Cohort Kit has no element "${tag}" to embed. Use one of: ${names}.` };
  const spec: EmbedSpec = { tag, attributes: {}, options: [], prompts: [] };
  for (const [name, value] of params) {
    if (name === 'option') {
      const at = value.indexOf(':');
      const label = value.slice(at + 1).trim();
      if (at < 1 || !label) return { problem: `Each option is value:label, as in option=smart:Use SMART goals.` };
      spec.options.push({ value: value.slice(0, at).trim(), label });
    } else if (name === 'cohort-prompt') {
      if (value.trim()) spec.prompts.push(value.trim());
    } else if (!RESERVED.includes(name)) {
      const attribute = element.attributes.find((each) => each.name === name);
      if (!attribute) {
        const known = element.attributes.map((each) => each.name).join(', ');
        return { problem: `<${tag}> has no attribute "${name}". Its attributes are: ${known}.` };
      }
      const problem = valueProblem(tag, attribute, value);
      if (problem) return { problem };
      if (attribute.type === 'boolean') {
        if (value !== 'false') spec.attributes[name] = true;
      } else {
        spec.attributes[name] = value;
      }
    }
  }
  return { spec };
}

/** The address parameters for this element (the inverse of parseEmbedParams). */
export function embedParams(spec: EmbedSpec): URLSearchParams {
  const params = new URLSearchParams({ element: spec.tag });
  for (const [name, value] of Object.entries(spec.attributes)) params.append(name, value === true ? '' : value);
  for (const option of spec.options) params.append('option', `${option.value}:${option.label}`);
  for (const prompt of spec.prompts) params.append('cohort-prompt', prompt);
  return params;
}

/** The element as a page holds it, built in `doc`. */
export function createEmbedded(spec: EmbedSpec, doc: Document = document): HTMLElement {
  const element = doc.createElement(spec.tag);
  for (const [name, value] of Object.entries(spec.attributes)) element.setAttribute(name, value === true ? '' : value);
  for (const { value, label } of spec.options) {
    const option = doc.createElement('option');
    option.value = value;
    option.textContent = label;
    element.append(option);
  }
  for (const label of spec.prompts) {
    const prompt = doc.createElement('cohort-prompt');
    prompt.textContent = label;
    element.append(prompt);
  }
  return element;
}

export const escapeHtml = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The element as markup an author pastes, children indented one level. */
export function elementMarkup(spec: EmbedSpec): string {
  const attributes = Object.entries(spec.attributes)
    .map(([name, value]) => (value === true ? ` ${name}` : ` ${name}="${escapeHtml(value)}"`))
    .join('');
  const children = [
    ...spec.options.map(({ value, label }) => `  <option value="${escapeHtml(value)}">${escapeHtml(label)}</option>`),
    ...spec.prompts.map((label) => `  <cohort-prompt>${escapeHtml(label)}</cohort-prompt>`),
  ];
  return children.length
    ? `<${spec.tag}${attributes}>\n${children.join('\n')}\n</${spec.tag}>`
    : `<${spec.tag}${attributes}></${spec.tag}>`;
}
