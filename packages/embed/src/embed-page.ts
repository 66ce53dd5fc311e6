/**
 * The iframe page, /embed/: renders the one element its address describes, checked against the kit's manifest,
 * on a transparent background, and tells the page that holds it its height whenever that changes.
 */
import { createEmbedded, embeddableElements, parseEmbedParams } from './embed-spec.js';
import { acceptCustomTokens } from './frame-identity.js';
import { reportHeight } from './frame-messages.js';

const root = document.querySelector('main')!;
const kitScript = document.querySelector<HTMLScriptElement>('script[src*="cohort-kit"]')!;
reportHeight(root);
let settleSpace: (space: string | undefined) => void = () => {};
acceptCustomTokens(kitScript, new Promise((resolve) => (settleSpace = resolve)));

function showProblem(problem: string) {
  const note = document.createElement('p');
  note.className = 'problem';
  note.setAttribute('role', 'alert');
  note.textContent = problem;
  root.replaceChildren(note);
  console.error(`[cohort-kit] embed: ${problem}`);
}

async function render() {
  const params = new URLSearchParams(location.search);
  let manifest;
  try {
    const response = await fetch(new URL('custom-elements.json', location.href));
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    manifest = await response.json();
  } catch (error) {
    showProblem(`Could not read the list of elements (custom-elements.json): ${String(error)}`);
    settleSpace(undefined);
    return;
  }
  const parsed = parseEmbedParams(params, embeddableElements(manifest));
  if ('problem' in parsed) {
    showProblem(parsed.problem);
    settleSpace(undefined);
    return;
  }
  // Preview mode (the builder's live preview): the kit's settings are read when the element connects.
  if (params.has('preview')) kitScript.setAttribute('data-preview', '');
  const space = parsed.spec.attributes.space;
  settleSpace(params.has('preview') ? undefined : typeof space === 'string' ? space : kitScript.dataset.space);
  root.replaceChildren(createEmbedded(parsed.spec));
}

void render();
