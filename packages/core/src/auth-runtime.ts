// The Auth half of the Firebase SDK, loaded only when identity is first needed.
import type { FirebaseApp } from 'firebase/app';
import {
  browserLocalPersistence,
  connectAuthEmulator,
  indexedDBLocalPersistence,
  initializeAuth,
  isSignInWithEmailLink,
  onAuthStateChanged,
  sendSignInLinkToEmail,
  signInAnonymously,
  signInWithCustomToken,
  signInWithEmailLink,
  signOut,
  type Auth,
  type User,
} from 'firebase/auth';

export type { Auth, User };

export function createAuth(app: FirebaseApp, emulatorUrl: string | undefined): Auth {
  // initializeAuth rather than getAuth: no popup/redirect resolver, which keeps the chunk small.
  const auth = initializeAuth(app, { persistence: [indexedDBLocalPersistence, browserLocalPersistence] });
  if (emulatorUrl) connectAuthEmulator(auth, emulatorUrl, { disableWarnings: true });
  return auth;
}

export {
  isSignInWithEmailLink,
  onAuthStateChanged,
  sendSignInLinkToEmail,
  signInAnonymously,
  signInWithCustomToken,
  signInWithEmailLink,
  signOut,
};
