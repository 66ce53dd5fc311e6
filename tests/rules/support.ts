// Shared by the rules suites: a test environment on the real Firestore emulator that npm test started,
// loaded with this repository's firestore.rules.
import {
  initializeTestEnvironment,
  type RulesTestContext,
  type RulesTestEnvironment,
} from '@firebase/rules-unit-testing';
import { serverTimestamp, setLogLevel, type Firestore } from 'firebase/firestore';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// Denied writes are the point of most tests here; the SDK's warning for each would bury the results.
setLogLevel('silent');

export { assertFails, assertSucceeds } from '@firebase/rules-unit-testing';

const rulesPath = fileURLToPath(new URL('../../firestore.rules', import.meta.url));

export async function rulesEnvironment(suite: string): Promise<RulesTestEnvironment> {
  const hostPort = process.env.FIRESTORE_EMULATOR_HOST;
  if (!hostPort) throw new Error('The rules suite needs the Firestore emulator: run it with npm test.');
  const [host, port] = hostPort.split(':');
  return initializeTestEnvironment({
    // One project id per suite keeps suites from seeing each other's data when they run in parallel.
    projectId: `demo-rules-${suite}`,
    firestore: { host, port: Number(port), rules: readFileSync(rulesPath, 'utf8') },
  });
}

/** Writes documents with rules off, the way the cohort-kit CLI would. */
export async function seed(env: RulesTestEnvironment, write: (db: Firestore) => Promise<unknown>) {
  await env.withSecurityRulesDisabled(async (context) => {
    await write(modular(context));
  });
}

// The test contexts hand out the compat Firestore; the modular functions accept it at run time.
const modular = (context: RulesTestContext) => context.firestore() as unknown as Firestore;

/** Firestore as a signed-in user with this uid. */
export const signedInAs = (env: RulesTestEnvironment, uid: string) => modular(env.authenticatedContext(uid));

/** Firestore with no auth at all. */
export const signedOut = (env: RulesTestEnvironment) => modular(env.unauthenticatedContext());

/** How many links a body holds, as the thread counts them. */
export const linkCount = (body: string) => (body.match(/https?:\/\//g) ?? []).length;

/** A new thread post as the element writes it (packages/thread/src/thread-data.ts, createPost). */
export function newPostFields(
  author: { uid: string; name: string; role: string },
  body: string,
  extra: Record<string, unknown> = {},
) {
  return {
    authorId: author.uid,
    authorName: author.name,
    authorRole: author.role,
    body,
    parentId: null,
    createdAt: serverTimestamp(),
    editedAt: null,
    deleted: false,
    hidden: false,
    pinned: false,
    reactionCounts: {},
    reactionTotal: 0,
    replyCount: 0,
    reportCount: 0,
    lastReplyId: null,
    mentions: [],
    linkCount: linkCount(body),
    ...extra,
  };
}

/** A learner's first rate document, paying for post `id` of `thread`. */
export const firstRate = (id: string, thread = 'week-2') => ({
  lastPostAt: serverTimestamp(),
  windowStart: serverTimestamp(),
  count: 1,
  lastThreadId: thread,
  lastPostId: id,
});
