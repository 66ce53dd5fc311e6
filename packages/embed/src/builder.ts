/**
 * The embed builder, /embed/builder/: pick an element, fill its attributes from the kit's manifest (and a poll's
 * options or a feedback round's prompts), watch it live in preview mode, and take one of four outputs.
 */
import { choicesOf, embeddableElements, type EmbedSpec, type ManifestElement } from './embed-spec.js';
import {
  fetchKit,
  frameUrl,
  iframeSnippet,
  scormZip,
  scriptSnippet,
  webObjectZip,
  type Deployment,
} from './outputs.js';

const $ = <T extends Element>(selector: string) => document.querySelector<T>(selector)!;
const form = $<HTMLFormElement>('#builder');
const picker = $<HTMLSelectElement>('#element');
const fields = $<HTMLElement>('#attributes');
const optionsField = $<HTMLElement>('#options-field');
const promptsField = $<HTMLElement>('#prompts-field');
const preview = $<HTMLIFrameElement>('#preview');
const status = $<HTMLElement>('#status');

/** This deployment: the kit's script tag on this page gives its address and settings. */
function deployment(): Deployment {
  const script = document.querySelector<HTMLScriptElement>('script[src*="cohort-kit"]')!;
  const settings: Record<string, string> = {};
  for (const { name, value } of script.attributes) {
    if (name.startsWith('data-') && name !== 'data-space') settings[name] = value;
  }
  return { embedUrl: new URL('../', location.href).href, kitUrl: script.src, settings };
}

/** "🤓 Use SMART goals" → "use-smart-goals": an option's stable value, unique in the poll. */
function optionValues(labels: string[]) {
  const used = new Set<string>();
  return labels.map((label, i) => {
    let value =
      label
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, '')
        .slice(0, 40) || `option-${i + 1}`;
    while (used.has(value)) value = `${value}-${i + 1}`;
    used.add(value);
    return { value, label };
  });
}

const lines = (id: string) =>
  $<HTMLTextAreaElement>(id)
    .value.split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

let elements: ManifestElement[] = [];
const defaultSpace = document.querySelector('script[src*="cohort-kit"]')?.getAttribute('data-space') ?? '';

function fieldFor(tag: string, attribute: ManifestElement['attributes'][number]): HTMLElement {
  const label = document.createElement('label');
  const name = document.createElement('span');
  name.textContent = attribute.name;
  label.append(name);
  let control: HTMLInputElement | HTMLSelectElement;
  const choices = choicesOf(attribute.type);
  if (attribute.type === 'boolean') {
    control = document.createElement('input');
    control.type = 'checkbox';
    label.prepend(control);
  } else if (choices.length) {
    control = document.createElement('select');
    control.append(new Option('(default)', ''), ...choices.map((choice) => new Option(choice, choice)));
    label.append(control);
  } else {
    control = document.createElement('input');
    control.type = attribute.type === 'number' ? 'number' : 'text';
    if (attribute.name === 'space') control.value = defaultSpace;
    label.append(control);
  }
  control.name = attribute.name;
  control.dataset.attribute = attribute.name;
  if (attribute.description) {
    const hint = document.createElement('small');
    hint.textContent = attribute.description;
    label.append(hint);
  }
  label.dataset.tag = tag;
  return label;
}

function showElement() {
  const element = elements.find((each) => each.tag === picker.value)!;
  fields.replaceChildren(...element.attributes.map((attribute) => fieldFor(element.tag, attribute)));
  optionsField.hidden = element.tag !== 'cohort-poll';
  promptsField.hidden = element.tag !== 'cohort-feedback';
}

export function currentSpec(): EmbedSpec {
  const spec: EmbedSpec = { tag: picker.value, attributes: {}, options: [], prompts: [] };
  for (const control of fields.querySelectorAll<HTMLInputElement | HTMLSelectElement>('[data-attribute]')) {
    const name = control.dataset.attribute!;
    if (control instanceof HTMLInputElement && control.type === 'checkbox') {
      if (control.checked) spec.attributes[name] = true;
    } else if (control.value.trim()) {
      spec.attributes[name] = control.value.trim();
    }
  }
  if (spec.tag === 'cohort-poll') spec.options = optionValues(lines('#options'));
  if (spec.tag === 'cohort-feedback') spec.prompts = lines('#prompts');
  return spec;
}

const title = () => $<HTMLInputElement>('#title').value.trim() || 'Cohort activity';

let previewTimer: ReturnType<typeof setTimeout> | undefined;
function update() {
  const spec = currentSpec();
  const here = deployment();
  $<HTMLTextAreaElement>('#script-snippet').value = scriptSnippet(spec, here);
  $<HTMLTextAreaElement>('#iframe-snippet').value = iframeSnippet(spec, here);
  clearTimeout(previewTimer);
  previewTimer = setTimeout(() => {
    const src = `${frameUrl(spec, here)}&preview`;
    if (preview.src !== src) preview.src = src;
  }, 300);
}

function download(bytes: Uint8Array, name: string) {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'application/zip' }));
  const link = Object.assign(document.createElement('a'), { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}

const fileName = (suffix: string) =>
  `${
    title()
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'cohort-activity'
  }-${suffix}.zip`;

async function makeZip(kind: 'web-object' | 'scorm-1.2' | 'scorm-2004') {
  status.textContent = 'Preparing the zip…';
  try {
    const here = deployment();
    const kit = await fetchKit(here);
    const spec = currentSpec();
    const bytes =
      kind === 'web-object'
        ? webObjectZip(spec, here, kit, title())
        : scormZip(spec, here, kit, { title: title(), version: kind === 'scorm-1.2' ? '1.2' : '2004' });
    download(bytes, fileName(kind));
    status.textContent = `Downloaded ${fileName(kind)}.`;
  } catch (error) {
    status.textContent = `Could not make the zip: ${String(error)}`;
  }
}

async function start() {
  const response = await fetch(new URL('../custom-elements.json', location.href));
  elements = embeddableElements(await response.json());
  picker.replaceChildren(
    ...elements.map(({ tag, summary }) => new Option(`<${tag}>${summary ? ` — ${summary}` : ''}`, tag)),
  );
  picker.value = elements.some((each) => each.tag === 'cohort-poll') ? 'cohort-poll' : elements[0]!.tag;
  showElement();
  picker.addEventListener('change', () => {
    showElement();
    update();
  });
  form.addEventListener('input', update);
  form.addEventListener('submit', (event) => event.preventDefault());
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-zip]')) {
    button.addEventListener('click', () => void makeZip(button.dataset.zip as 'web-object'));
  }
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-copy]')) {
    button.addEventListener('click', () => {
      void navigator.clipboard?.writeText($<HTMLTextAreaElement>(button.dataset.copy!).value);
      status.textContent = 'Copied.';
    });
  }
  update();
  document.body.dataset.ready = '';
}

void start();
