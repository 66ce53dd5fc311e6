// Loaded lazily by connection.ts: everything that pulls in the Firebase SDK starts here.
import { initializeApp, type FirebaseApp } from 'firebase/app';
import {
  connectFirestoreEmulator,
  disableNetwork,
  initializeFirestore,
  memoryLocalCache,
  persistentLocalCache,
  persistentMultipleTabManager,
  type Firestore,
} from 'firebase/firestore';
import type { ResolvedConfig } from './config.js';
import { IdentityService } from './identity.js';

export interface FirebaseRuntime {
  mode: 'live' | 'preview';
  app: FirebaseApp;
  db: Firestore;
  identity: IdentityService;
}

const PREVIEW_PROJECT = 'cohort-kit-preview';

/**
 * Whether this document may use storage. A course page inside another site's iframe (an LMS embedding
 * a course) is often denied localStorage and IndexedDB, and Firestore's persistent cache then fails hard;
 * such a page keeps its cache in memory instead.
 */
function storageAvailable(): boolean {
  try {
    const probe = 'cohort-kit:storage-probe';
    localStorage.setItem(probe, '1');
    localStorage.removeItem(probe);
    return typeof indexedDB !== 'undefined';
  } catch {
    return false;
  }
}

function localCache() {
  return storageAvailable()
    ? persistentLocalCache({ tabManager: persistentMultipleTabManager() })
    : memoryLocalCache();
}

export async function createRuntime(config: ResolvedConfig): Promise<FirebaseRuntime> {
  if (config.mode === 'preview') {
    const app = initializeApp({ projectId: PREVIEW_PROJECT, apiKey: 'preview' }, 'cohort-kit');
    // A persistent cache shared by every tab, with the network off: writes, queries and listeners all
    // run against this browser's cache, survive a reload, and nothing leaves the device.
    const db = initializeFirestore(app, { localCache: localCache() });
    await disableNetwork(db);
    return { mode: 'preview', app, db, identity: new IdentityService(app, config) };
  }
  const app = initializeApp(
    { projectId: config.projectId, apiKey: config.apiKey, authDomain: config.authDomain, appId: config.appId },
    'cohort-kit',
  );
  // Persistent where allowed, so a post written offline survives a reload and is sent when the connection returns.
  const db = initializeFirestore(app, { localCache: localCache() });
  if (config.firestoreEmulator) {
    connectFirestoreEmulator(db, config.firestoreEmulator.host, config.firestoreEmulator.port);
  }
  return { mode: 'live', app, db, identity: new IdentityService(app, config) };
}
