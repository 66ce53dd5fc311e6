// Loaded lazily by connection.ts: everything that pulls in the Firebase SDK starts here.
import { getApps, initializeApp, type FirebaseApp, type FirebaseOptions } from 'firebase/app';
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
const APP_NAME = 'cohort-kit';

/** The page's one app; a retried connection (after a failed start) reuses it rather than throwing. */
function app(options: FirebaseOptions): FirebaseApp {
  return getApps().find((existing) => existing.name === APP_NAME) ?? initializeApp(options, APP_NAME);
}

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
  return storageAvailable() ? persistentLocalCache({ tabManager: persistentMultipleTabManager() }) : memoryLocalCache();
}

export async function createRuntime(config: ResolvedConfig): Promise<FirebaseRuntime> {
  if (config.mode === 'preview') {
    const previewApp = app({ projectId: PREVIEW_PROJECT, apiKey: 'preview' });
    // A persistent cache shared by every tab, with the network off: writes, queries and listeners all
    // run against this browser's cache, survive a reload, and nothing leaves the device.
    const db = initializeFirestore(previewApp, { localCache: localCache() });
    await disableNetwork(db);
    return { mode: 'preview', app: previewApp, db, identity: new IdentityService(previewApp, config) };
  }
  const liveApp = app({
    projectId: config.projectId,
    apiKey: config.apiKey,
    authDomain: config.authDomain,
    appId: config.appId,
  });
  // Persistent where allowed, so a post written offline survives a reload and is sent when the connection returns.
  const db = initializeFirestore(liveApp, { localCache: localCache() });
  if (config.firestoreEmulator) {
    connectFirestoreEmulator(db, config.firestoreEmulator.host, config.firestoreEmulator.port);
  }
  return { mode: 'live', app: liveApp, db, identity: new IdentityService(liveApp, config) };
}
