// The burst, shared by the end-to-end test and the bench: many learners who meet the criteria claim within a few
// seconds, each from their own Firebase app and anonymous account (as many browsers would), through the rules.
import { deleteApp, initializeApp } from 'firebase/app';
import { connectAuthEmulator, inMemoryPersistence, initializeAuth, signInAnonymously } from 'firebase/auth';
import {
  connectFirestoreEmulator,
  doc,
  initializeFirestore,
  memoryLocalCache,
  serverTimestamp,
  setDoc,
  setLogLevel,
  waitForPendingWrites,
} from 'firebase/firestore';
import type { Firestore as AdminFirestore } from 'firebase-admin/firestore';
import { claimNext, ClaimClosed } from '../src/badge-data';

// Refused tries are the point of a burst; the SDK's warning for each would bury the results.
setLogLevel('silent');

export interface BurstResult {
  /** Each learner's copy number, or why they got none. */
  outcomes: (number | string)[];
  /** How long each learner waited from pressing to the answer, in ms. */
  waits: number[];
  /** From the first press to the last answer, in ms. */
  totalMs: number;
}

/** `learners` learners who joined and meet `counts` (their ledgers as their contributions left them) claim at once. */
export async function burst(
  admin: AdminFirestore,
  space: string,
  badge: string,
  learners: number,
  counts: Record<string, number>,
): Promise<BurstResult> {
  const [host, port] = process.env.FIRESTORE_EMULATOR_HOST!.split(':');
  const project = process.env.COHORT_PROJECT_ID ?? 'demo-cohort-kit';
  const people = await Promise.all(
    Array.from({ length: learners }, async (_, i) => {
      const app = initializeApp({ projectId: project, apiKey: 'test-api-key' }, `burst-${Date.now()}-${i}`);
      const auth = initializeAuth(app, { persistence: inMemoryPersistence });
      connectAuthEmulator(auth, `http://${process.env.FIREBASE_AUTH_EMULATOR_HOST}`, { disableWarnings: true });
      const db = initializeFirestore(app, { localCache: memoryLocalCache() });
      connectFirestoreEmulator(db, host!, Number(port));
      const { user } = await signInAnonymously(auth);
      const name = `Learner ${i + 1}`;
      await setDoc(doc(db, 'spaces', space, 'members', user.uid), {
        displayName: name,
        role: 'learner',
        joinedAt: serverTimestamp(),
        normsAcknowledgedAt: serverTimestamp(),
      });
      await admin.doc(`spaces/${space}/ledger/${user.uid}`).set({
        counts,
        days: [],
        lastAt: new Date(),
        lastKind: 'posts',
        lastRef: 'burst',
      });
      return { app, db, uid: user.uid, name };
    }),
  );
  const started = Date.now();
  const waits: number[] = [];
  const outcomes = await Promise.all(
    people.map(({ db, uid, name }) => {
      const pressed = Date.now();
      return claimNext(db, space, badge, uid, name, true).then(
        (number) => (waits.push(Date.now() - pressed), number),
        (error: unknown) => (
          waits.push(Date.now() - pressed),
          error instanceof ClaimClosed ? error.reason : String(error)
        ),
      );
    }),
  );
  const totalMs = Date.now() - started;
  // As an open page would, each learner's last writes (a ticket dropped after all were claimed) reach the server.
  await Promise.all(people.map(({ db }) => waitForPendingWrites(db)));
  await Promise.all(people.map(({ app }) => deleteApp(app)));
  return { outcomes, waits, totalMs };
}
