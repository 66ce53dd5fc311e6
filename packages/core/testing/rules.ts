// For every widget's rules suite: a test environment on the real Firestore emulator that npm test started, loaded
// with the composed firestore.rules, and readers for the parity tests that compare rules with TypeScript.
import {
  assertFails,
  assertSucceeds,
  initializeTestEnvironment,
  type RulesTestContext,
  type RulesTestEnvironment,
  type TokenOptions,
} from '@firebase/rules-unit-testing';
import {
  deleteField,
  doc,
  getDoc,
  setDoc,
  setLogLevel,
  Timestamp,
  updateDoc,
  type Firestore,
} from 'firebase/firestore';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, it } from 'vitest';

// Denied writes are the point of most tests here; the SDK's warning for each would bury the results.
setLogLevel('silent');

export { assertFails, assertSucceeds };

const repositoryFile = (path: string) => fileURLToPath(new URL(`../../../${path}`, import.meta.url));

/** A file of the repository as text, by its path from the root (firestore.rules, a TypeScript source…). */
export const readRepositoryFile = (path: string) => readFileSync(repositoryFile(path), 'utf8');

/** The composed rules that Firebase deploys and these suites load. */
export const composedRules = () => readRepositoryFile('firestore.rules');

export async function rulesEnvironment(suite: string): Promise<RulesTestEnvironment> {
  const hostPort = process.env.FIRESTORE_EMULATOR_HOST;
  if (!hostPort) throw new Error('The rules suite needs the Firestore emulator: run it with npm test.');
  const [host, port] = hostPort.split(':');
  return initializeTestEnvironment({
    // One project id per suite keeps suites from seeing each other's data when they run in parallel.
    projectId: `demo-rules-${suite}`,
    firestore: { host, port: Number(port), rules: composedRules() },
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

/**
 * Firestore as a signed-in user with this uid, and optionally token claims such as
 * `{ email: 'ada@example.org', email_verified: true }`.
 */
export const signedInAs = (env: RulesTestEnvironment, uid: string, claims?: TokenOptions) =>
  modular(env.authenticatedContext(uid, claims));

/** Firestore with no auth at all. */
export const signedOut = (env: RulesTestEnvironment) => modular(env.unauthenticatedContext());

/** A document's data as stored, read with rules off (undefined when there is none): what a write really left. */
export async function storedData(env: RulesTestEnvironment, path: string) {
  let data: Record<string, unknown> | undefined;
  await env.withSecurityRulesDisabled(async (context) => {
    data = (await getDoc(doc(modular(context), path))).data();
  });
  return data;
}

/** The quoted strings of the list a rules function returns, e.g. reactionKeys(). */
export function listReturnedBy(name: string): string[] | undefined {
  const body = new RegExp(`function ${name}\\(\\) \\{\\s*return \\[([^\\]]*)\\]`).exec(composedRules());
  return body ? [...body[1]!.matchAll(/'([^']+)'/g)].map((match) => match[1]!) : undefined;
}

/** A numeric constant as a TypeScript source declares it (for modules too heavy to import in Node). */
export function tsConstant(path: string, name: string): number | undefined {
  const found = new RegExp(`export const ${name} = (\\d+);`).exec(readRepositoryFile(path));
  return found ? Number(found[1]) : undefined;
}

/** A member who joined and acknowledged the norms, their name their uid in capitals, as the join form stores one. */
export async function seedMember(env: RulesTestEnvironment, space: string, uid: string, role = 'learner') {
  await seed(env, (db) =>
    setDoc(doc(db, 'spaces', space, 'members', uid), {
      displayName: uid.toUpperCase(),
      role,
      joinedAt: Timestamp.now(),
      normsAcknowledgedAt: Timestamp.now(),
    }),
  );
}

/** Closes the space's round (what `cohort-kit close-round` sets), or reopens it. */
export async function setRoundClosed(env: RulesTestEnvironment, space: string, closed: boolean) {
  await seed(env, (db) => updateDoc(doc(db, 'spaces', space), { closedAt: closed ? Timestamp.now() : deleteField() }));
}

/** One learner write: what must hold first, and the write itself (built afresh each time it is called). */
export interface ClosedRoundCase {
  name: string;
  prepare?: () => Promise<unknown>;
  write: () => Promise<unknown>;
}

/** A rules suite's environment, made before its tests and cleaned up after them. */
export function useRulesEnvironment(suite: string): () => RulesTestEnvironment {
  let env: RulesTestEnvironment | undefined;
  beforeAll(async () => {
    env = await rulesEnvironment(suite);
  });
  afterAll(async () => {
    await env?.cleanup();
  });
  return () => env!;
}

/**
 * A space with these members (uid → role) before each test, and one test per learner write: refused while the
 * space's round is closed, then the same write allowed once it is reopened, so the closing alone refused it.
 */
export function closedRoundTests(
  env: () => RulesTestEnvironment,
  space: string,
  setup: { members: Record<string, string>; norms?: string; seed?: (db: Firestore) => Promise<unknown> },
  cases: ClosedRoundCase[],
) {
  beforeEach(async () => {
    await env().clearFirestore();
    await seed(env(), async (db) => {
      await setDoc(doc(db, 'spaces', space), { name: 'Closing', norms: setup.norms ?? '', reportThreshold: 3 });
      await setup.seed?.(db);
    });
    for (const [uid, role] of Object.entries(setup.members)) await seedMember(env(), space, uid, role);
  });
  for (const { name, prepare, write } of cases) {
    it(`${name}: refused while the round is closed, allowed again after reopen-round`, async () => {
      await prepare?.();
      await setRoundClosed(env(), space, true);
      await assertFails(write());
      await setRoundClosed(env(), space, false);
      await assertSucceeds(write());
    });
  }
}
