// Another learner from elsewhere, for component tests: their own Firebase app and anonymous account on the
// emulators, as a second browser would have; and a reader that waits for what the page wrote to reach the server.
import { deleteApp, initializeApp } from 'firebase/app';
import { connectAuthEmulator, inMemoryPersistence, initializeAuth, signInAnonymously } from 'firebase/auth';
import {
  connectFirestoreEmulator,
  doc,
  initializeFirestore,
  memoryLocalCache,
  serverTimestamp,
  setDoc,
  type Firestore,
} from 'firebase/firestore';
import { onScreen, readDocument, uniqueId, type TestEmulators } from './emulators.js';

export interface Peer {
  uid: string;
  db: Firestore;
  /**
   * Closes the peer's connection: each Firestore instance keeps a request open, and the browser allows six per
   * server, so peers left open would stall later requests. A test's peers are closed after it in any case.
   */
  close(): Promise<void>;
}

/** Peers not yet closed, by their close. */
const openPeers = new Set<() => Promise<void>>();

/** Closes every peer still open (one that fails to close is left to the page's end). */
export async function closePeers(): Promise<void> {
  await Promise.allSettled([...openPeers].map((close) => close()));
}

// After each test, passed or failed, its peers are closed: a test that fails before its own close would otherwise
// hold two of the six requests, and the next tests' reads and writes would queue behind them for seconds. So a
// peer lives for one test: one made in a before() hook would be closed after the first test.
const mocha = globalThis as { afterEach?: (hook: () => Promise<void>) => void };
mocha.afterEach?.(closePeers);

/** A signed-in anonymous learner in their own app; with `join`, also a member of `join.space` named `join.name`. */
export async function peerApp(emulators: TestEmulators, join?: { space: string; name: string }): Promise<Peer> {
  const app = initializeApp({ projectId: emulators.projectId, apiKey: 'test-api-key' }, uniqueId('peer'));
  // A second close is harmless: deleteApp does nothing for an app already deleted.
  const close = () => {
    openPeers.delete(close);
    return deleteApp(app);
  };
  openPeers.add(close);
  const auth = initializeAuth(app, { persistence: inMemoryPersistence });
  connectAuthEmulator(auth, emulators.authEmulator, { disableWarnings: true });
  const db = initializeFirestore(app, { localCache: memoryLocalCache() });
  const [host, port] = emulators.firestoreEmulator.split(':');
  connectFirestoreEmulator(db, host!, Number(port));
  const { user } = await signInAnonymously(auth);
  if (join) {
    await setDoc(doc(db, 'spaces', join.space, 'members', user.uid), {
      displayName: join.name,
      role: 'learner',
      joinedAt: serverTimestamp(),
      normsAcknowledgedAt: null,
    });
  }
  return { uid: user.uid, db, close };
}

/** Reads a document until it passes `ok`: a write shown at once on screen reaches the server a moment later. */
export async function stored<T = Record<string, unknown>>(
  path: string,
  ok: (data: T | null) => boolean,
  message: string,
): Promise<T | null> {
  for (const deadline = Date.now() + 20000; ;) {
    const data = await readDocument<T>(path);
    if (ok(data)) return data;
    if (Date.now() > deadline) throw new Error(`Timed out: ${message}.${onScreen()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
