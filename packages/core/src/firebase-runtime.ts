// Loaded lazily by connection.ts: everything that pulls in the Firebase SDK starts here.
import { initializeApp, type FirebaseApp } from 'firebase/app';
import {
  connectFirestoreEmulator,
  disableNetwork,
  initializeFirestore,
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

export async function createRuntime(config: ResolvedConfig): Promise<FirebaseRuntime> {
  if (config.mode === 'preview') {
    const app = initializeApp({ projectId: PREVIEW_PROJECT, apiKey: 'preview' }, 'cohort-kit');
    // A persistent cache shared by every tab, with the network off: writes, queries and listeners all
    // run against this browser's cache, survive a reload, and nothing leaves the device.
    const db = initializeFirestore(app, {
      localCache: persistentLocalCache({ tabManager: persistentMultipleTabManager() }),
    });
    await disableNetwork(db);
    return { mode: 'preview', app, db, identity: new IdentityService(app, config) };
  }
  const app = initializeApp(
    { projectId: config.projectId, apiKey: config.apiKey, authDomain: config.authDomain, appId: config.appId },
    'cohort-kit',
  );
  const db = initializeFirestore(app, {
    // Persistent so a post written offline survives a reload and is sent when the connection returns.
    localCache: persistentLocalCache({ tabManager: persistentMultipleTabManager() }),
  });
  if (config.firestoreEmulator) {
    connectFirestoreEmulator(db, config.firestoreEmulator.host, config.firestoreEmulator.port);
  }
  return { mode: 'live', app, db, identity: new IdentityService(app, config) };
}
