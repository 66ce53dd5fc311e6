// Typings for using the elements in React 19 (JSX.IntrinsicElements) and Vue 3 (GlobalComponents), written from the
// kit's custom-elements.json so they follow every attribute and event a widget declares. Run by npm run build;
// they land in packages/kit/dist/frameworks/ and ship as @cohort-kit/kit/react and @cohort-kit/kit/vue.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const kit = join(dirname(fileURLToPath(import.meta.url)), '..');
const HEADER = '// Written by packages/kit/scripts/framework-types.mjs from custom-elements.json: do not edit.\n';

/** A manifest type TypeScript can read alone (primitives and string literals); anything else is the attribute's string. */
const PRIMITIVE = /^\s*('[^']*'|string|number|boolean)(\s*\|\s*('[^']*'|string|number|boolean|undefined|null))*\s*$/;
const typeOf = (attribute) => (PRIMITIVE.test(attribute.type?.text ?? '') ? attribute.type.text : 'string');
const camel = (name) => name.replace(/-([a-z])/g, (_, letter) => letter.toUpperCase());
const pascal = (name) => camel(name).replace(/^./, (letter) => letter.toUpperCase());
const key = (name) => (/^[A-Za-z_$][\w$]*$/.test(name) ? name : `'${name}'`);
const doc = (text) => (text ? `  /** ${text.replace(/\*\//g, '*\\/').replace(/\s+/g, ' ').trim()} */\n` : '');

/** Every element in the manifest: its tag, summary, attributes and events. */
export function elementsOf(manifest) {
  return manifest.modules
    .flatMap((module) => module.declarations ?? [])
    .filter((declaration) => declaration.customElement && declaration.tagName)
    .map((declaration) => ({
      tag: declaration.tagName,
      summary: declaration.summary ?? '',
      attributes: declaration.attributes ?? [],
      events: (declaration.events ?? []).filter((event) => event.name),
    }))
    .sort((a, b) => a.tag.localeCompare(b.tag));
}

/** One props interface per element: each property by its field name, its attribute name when that differs. */
function props(element, eventKey) {
  let body = '';
  for (const attribute of element.attributes) {
    const field = attribute.fieldName ?? camel(attribute.name);
    body += `${doc(attribute.description)}  ${key(field)}?: ${typeOf(attribute)};\n`;
    if (field !== attribute.name) body += `  ${key(attribute.name)}?: ${typeOf(attribute)} | string;\n`;
  }
  for (const event of element.events) {
    body += `${doc(event.description)}  ${key(eventKey(event.name))}?: (event: CustomEvent) => void;\n`;
  }
  return `/** \`<${element.tag}>\`: ${element.summary} */\nexport interface ${pascal(element.tag)}Props {\n${body}}\n`;
}

export function reactTypes(elements) {
  // React 19 listens for a custom element's event when a prop is "on" + the event's name.
  const interfaces = elements.map((element) => props(element, (name) => `on${name}`)).join('\n');
  const entries = elements
    .map((element) => `      ${key(element.tag)}: CohortElementProps<${pascal(element.tag)}Props>;`)
    .join('\n');
  return `${HEADER}import type { DetailedHTMLProps, HTMLAttributes } from 'react';

type CohortElementProps<Props> = DetailedHTMLProps<HTMLAttributes<HTMLElement>, HTMLElement> & Props;

${interfaces}
declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
${entries}
    }
  }
}
`;
}

export function vueTypes(elements) {
  // Vue binds \`onCohortVote\` (or @cohort-vote in a template) to the cohort-vote event.
  const interfaces = elements.map((element) => props(element, (name) => `on${pascal(name)}`)).join('\n');
  const entries = elements
    .map((element) => `    ${key(element.tag)}: DefineComponent<${pascal(element.tag)}Props>;`)
    .join('\n');
  return `${HEADER}import type { DefineComponent } from 'vue';

${interfaces}
declare module 'vue' {
  interface GlobalComponents {
${entries}
  }
}
`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const elements = elementsOf(JSON.parse(readFileSync(join(kit, 'custom-elements.json'), 'utf8')));
  const out = join(kit, 'dist', 'frameworks');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'react.d.ts'), reactTypes(elements));
  writeFileSync(join(out, 'vue.d.ts'), vueTypes(elements));
}
