/**
 * Identity in a frame. Without anything from the host, the kit signs in anonymously in the frame's own (often
 * partitioned) storage: one identity per host site. A host that mints Firebase custom tokens may post one in,
 * `{ context: 'cohort-kit', action: 'token', token }`; the frame takes it only from a parent origin on the space's
 * allow-list (`embedOrigins`, which only the cohort-kit CLI writes), and then signs in with it at the learner's
 * first contribution.
 */
import { CONTEXT } from './frame-messages.js';

interface KitSettings {
  projectId?: string;
  apiKey?: string;
  firestoreEmulator?: string;
}

/** The space's embed origins, read from its document (anyone with the space id may read it) over REST. */
export async function embedOrigins(settings: KitSettings, space: string): Promise<string[]> {
  const path = `projects/${encodeURIComponent(settings.projectId ?? '')}/databases/(default)/documents/spaces/${encodeURIComponent(space)}`;
  const url = settings.firestoreEmulator
    ? `http://${settings.firestoreEmulator}/v1/${path}`
    : `https://firestore.googleapis.com/v1/${path}?key=${encodeURIComponent(settings.apiKey ?? '')}`;
  const response = await fetch(url);
  if (!response.ok) return [];
  const document = (await response.json()) as {
    fields?: { embedOrigins?: { arrayValue?: { values?: { stringValue?: string }[] } } };
  };
  return (document.fields?.embedOrigins?.arrayValue?.values ?? []).flatMap((value) =>
    value.stringValue ? [value.stringValue] : [],
  );
}

interface TokenMessage {
  context: typeof CONTEXT;
  action: 'token';
  token: string;
}

const isTokenMessage = (data: unknown): data is TokenMessage =>
  typeof data === 'object' &&
  data !== null &&
  (data as TokenMessage).context === CONTEXT &&
  (data as TokenMessage).action === 'token' &&
  typeof (data as TokenMessage).token === 'string';

/**
 * Listens for the host's custom token from the start (a host posts it as the frame loads), and judges it once
 * `space` settles: undefined there (preview mode, or no element) refuses every token. The kit module this page
 * loaded (`kitScript`) takes an accepted one for its sign-in.
 */
export function acceptCustomTokens(
  kitScript: HTMLScriptElement,
  space: Promise<string | undefined>,
  win: Window = window,
): void {
  if (win.parent === win) return;
  const settings: KitSettings = {
    projectId: kitScript.dataset.projectId,
    apiKey: kitScript.dataset.apiKey,
    firestoreEmulator: kitScript.dataset.firestoreEmulator,
  };
  let allowed: Promise<string[]> | undefined;
  win.addEventListener('message', async (event) => {
    if (event.source !== win.parent || !isTokenMessage(event.data)) return;
    const { token } = event.data;
    allowed ??= space.then((id) => (id ? embedOrigins(settings, id) : [])).catch(() => []);
    if (!(await allowed).includes(event.origin)) {
      console.warn(
        `[cohort-kit] embed: refused a sign-in token from ${event.origin}, which is not on the space's embed ` +
          'origins (set them with: cohort-kit set-embed-origins). Learners here sign in anonymously.',
      );
      return;
    }
    const kit = (await import(/* @vite-ignore */ kitScript.src)) as {
      useCustomTokens(provider: () => Promise<string>): void;
    };
    kit.useCustomTokens(async () => token);
    win.parent.postMessage({ context: CONTEXT, action: 'token-accepted' }, event.origin);
  });
}
