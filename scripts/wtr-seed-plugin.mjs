// Server-side commands for component tests: set up spaces and roles with firebase-admin, the same
// trusted path the cohort-kit CLI uses, since no browser write may create a space or grant a role. A widget adds
// its own commands (other learners' posts, say) in packages/<name>/test/seed.mjs, found by discovery.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { getApps, initializeApp } from 'firebase-admin/app';
import { FieldValue, getFirestore } from 'firebase-admin/firestore';
import { PACKAGES, widgetPackages } from './workspace.mjs';

function db() {
  const app = getApps()[0] ?? initializeApp({ projectId: process.env.COHORT_PROJECT_ID ?? 'demo-cohort-kit' });
  return getFirestore(app);
}

const commands = {
  /** payload: { space, name?, norms?, reportThreshold? } */
  async 'cohort-create-space'(payload) {
    await db()
      .doc(`spaces/${payload.space}`)
      .set({
        name: payload.name ?? payload.space,
        cohortLabel: payload.cohortLabel ?? '',
        norms: payload.norms ?? '',
        reportThreshold: payload.reportThreshold ?? 3,
        ...(payload.blockedWords ? { blockedWords: payload.blockedWords } : {}),
        createdAt: FieldValue.serverTimestamp(),
        updatedAt: FieldValue.serverTimestamp(),
      });
    return true;
  },
  /** payload: { space, uid, role, displayName } */
  async 'cohort-grant'(payload) {
    await db()
      .doc(`spaces/${payload.space}/members/${payload.uid}`)
      .set(
        {
          displayName: payload.displayName ?? 'Facilitator',
          role: payload.role,
          joinedAt: FieldValue.serverTimestamp(),
          normsAcknowledgedAt: null,
        },
        { merge: true },
      );
    return true;
  },
  /** payload: { space, closedAt } (an ISO date): the round closed, as `cohort-kit close-round` does */
  async 'cohort-close-round'(payload) {
    await db()
      .doc(`spaces/${payload.space}`)
      .update({ closedAt: new Date(payload.closedAt) });
    return true;
  },
  /** payload: { path } → { data } with the document's data, or data null when it does not exist */
  async 'cohort-read'(payload) {
    const snapshot = await db().doc(payload.path).get();
    // The test runner treats a null answer as "unknown command", so the result is always an object.
    return { data: snapshot.exists ? JSON.parse(JSON.stringify(snapshot.data())) : null };
  },

  // ----- collections, for tests that must show nothing was written -----
  /** payload: { path } of a collection → { ids } of the documents in it (empty when there are none) */
  async 'cohort-list'(payload) {
    const snapshot = await db().collection(payload.path).get();
    return { ids: snapshot.docs.map((document) => document.id) };
  },
};

/** The core commands and every widget's, by name; a widget may not reuse a name. */
async function allCommands() {
  const all = { ...commands };
  for (const name of widgetPackages()) {
    const file = join(PACKAGES, name, 'test', 'seed.mjs');
    if (!existsSync(file)) continue;
    const widget = (await import(pathToFileURL(file).href)).commands;
    for (const [command, run] of Object.entries(widget)) {
      if (all[command]) throw new Error(`${file}: the seed command ${command} is already defined`);
      all[command] = run;
    }
  }
  return all;
}

export function seedPlugin() {
  let loaded;
  return {
    name: 'cohort-seed',
    async executeCommand({ command, payload }) {
      loaded ??= allCommands();
      const run = (await loaded)[command];
      if (!run) return undefined;
      if (!process.env.FIRESTORE_EMULATOR_HOST) {
        throw new Error(`${command} needs the emulators: run the tests with npm test.`);
      }
      return run(payload, db());
    },
  };
}
