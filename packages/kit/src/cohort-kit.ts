/**
 * The script-tag entry point. Paste
 *   <script type="module" src=".../cohort-kit.js" data-project-id="…" data-api-key="…"></script>
 * and any Cohort Kit element. This module reads nothing from the network by itself: it watches the
 * page for `cohort-*` tags and loads each element's code the first time the tag appears.
 */
import { completeFacilitatorSignIn, configure as configureCore, setKitScriptUrl } from '@cohort-kit/core';
import type { CohortConfig } from '@cohort-kit/core';
import { elementLoaders } from './elements.js';
import type { XapiConfig } from './xapi/statements.js';

export {
  useCustomTokens,
  setCohortLocale,
  sendFacilitatorSignInLink,
  completeFacilitatorSignIn,
  documentReads,
} from '@cohort-kit/core';
export type { CohortConfig, CustomTokenProvider } from '@cohort-kit/core';
export type { XapiConfig } from './xapi/statements.js';

/** The kit's settings: Firebase's (see CohortConfig) and, to send xAPI statements to an LRS, `xapi`. */
export interface KitConfig extends CohortConfig {
  xapi?: XapiConfig;
}

/** The xAPI recorder, loaded only when an LRS is configured: a page without one never downloads it. */
const recorder = () => import('./xapi/recorder.js');

/**
 * Sets the settings from code (for authors who bundle the kit): call it before adding elements. `xapi` starts
 * sending statements to that LRS.
 */
export function configure({ xapi, ...firebase }: KitConfig): void {
  configureCore(firebase);
  if (xapi) void recorder().then((module) => module.startRecording(xapi));
}

// Settings come from this module's own script tag, even if another vendor's tag also has data-space.
setKitScriptUrl(import.meta.url);

const xapiTag = document.querySelector<HTMLScriptElement>('script[data-xapi-endpoint]');
if (xapiTag) void recorder().then((module) => module.startRecording(module.scriptTagConfig(xapiTag)));

const requested = new Set<string>();

function loadElementsIn(root: ParentNode) {
  for (const [tag, load] of Object.entries(elementLoaders)) {
    if (requested.has(tag) || customElements.get(tag)) continue;
    if ((root instanceof Element && root.localName === tag) || root.querySelector(tag)) {
      requested.add(tag);
      load().catch((error: unknown) => {
        requested.delete(tag);
        console.error(`[cohort-kit] could not load <${tag}>:`, error);
      });
    }
  }
}

/** Loads every element now rather than on sight (for pages that create elements late in shadow roots). */
export async function loadAllElements(): Promise<void> {
  await Promise.all(Object.values(elementLoaders).map((load) => load()));
}

loadElementsIn(document);

// A facilitator opening their email sign-in link lands on the course page: finish signing them in, so their
// role shows in every element without the page doing anything.
if (/[?&]mode=signIn\b/.test(location.search) && /[?&]oobCode=/.test(location.search)) {
  completeFacilitatorSignIn().catch((error: unknown) => console.error('[cohort-kit] facilitator sign-in:', error));
}
new MutationObserver((records) => {
  for (const record of records) {
    for (const node of record.addedNodes) {
      if (node instanceof Element) loadElementsIn(node);
    }
  }
}).observe(document.documentElement, { childList: true, subtree: true });
