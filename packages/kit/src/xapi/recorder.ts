/**
 * Records the learner's social acts as xAPI statements: loaded by the kit only when an LRS is configured, so a page
 * without xAPI never downloads any of this. It listens on the document for the composed `cohort-*` events the
 * elements fire once an act has succeeded.
 */
import { connect } from '@cohort-kit/core';
import { Outbox } from './outbox.js';
import { ACTS, pageInfo, statementFor, type XapiConfig, type XapiLearner } from './statements.js';

/** What the SCORM runtime (or a host page) says about the learner: `window.cohortKitLearner`, or this event's detail. */
interface LearnerDetail {
  id?: string;
  name?: string;
  source?: string;
}
const LEARNER_EVENT = 'cohort-learner-identified';

let vouched: XapiLearner | undefined;

function fromDetail(detail: LearnerDetail | undefined): XapiLearner | undefined {
  const id = typeof detail?.id === 'string' ? detail.id.trim() : '';
  if (!id) return undefined;
  return { id, ...(detail?.name ? { name: String(detail.name) } : {}) };
}

/**
 * The actor: a learner id the host vouches for (SCORM's learner id), else the signed-in account's uid, which is the
 * host's own id when it signs learners in with custom tokens and the anonymous account's otherwise. None in preview
 * mode, where nothing leaves the device.
 */
async function currentLearner(): Promise<XapiLearner | undefined> {
  const given = fromDetail((window as Window & { cohortKitLearner?: LearnerDetail }).cohortKitLearner) ?? vouched;
  const runtime = await connect();
  if (runtime.mode === 'preview') return undefined;
  if (given) return given;
  const user = runtime.identity.user ?? (await runtime.identity.current());
  return user ? { id: user.uid } : undefined;
}

/** The LRS named on the kit's script tag: `data-xapi-endpoint` and `data-xapi-auth`. */
export function scriptTagConfig(script: HTMLScriptElement): XapiConfig {
  const auth = script.getAttribute('data-xapi-auth');
  return { endpoint: script.getAttribute('data-xapi-endpoint') ?? '', ...(auth ? { auth } : {}) };
}

let outbox: Outbox | undefined;
let warnedPreview = false;

/** Starts recording (once per page) and sends what an earlier visit left in the queue. */
export function startRecording(config: XapiConfig): Outbox | undefined {
  if (outbox || !config.endpoint) return outbox;
  const box = (outbox = new Outbox(config));
  document.addEventListener(LEARNER_EVENT, (event) => {
    vouched = fromDetail((event as CustomEvent<LearnerDetail>).detail) ?? vouched;
  });
  // One act at a time, in the order they happened, each stamped with the time it happened.
  let chain = Promise.resolve();
  for (const type of Object.keys(ACTS)) {
    document.addEventListener(type, (event) => {
      const { detail } = event as CustomEvent;
      const at = new Date();
      chain = chain
        .then(async () => {
          const learner = await currentLearner();
          if (!learner) {
            if (!warnedPreview)
              console.info('[cohort-kit] xAPI: preview mode or no learner, so no statements are sent.');
            warnedPreview = true;
            return;
          }
          const statement = statementFor(type, detail, learner, config, pageInfo(), at);
          if (statement) await box.add(statement);
        })
        .catch((error: unknown) => console.error('[cohort-kit] xAPI:', error));
    });
  }
  addEventListener('online', () => void box.flush());
  void box.flush();
  return box;
}
