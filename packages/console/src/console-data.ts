// Everything the console does with Firestore; the only file of the package that imports the SDK. Loaded after
// first paint.
//
//   owners/{email}                     exists for an owner account (cohort-kit add-owner); its owner may get it
//   spaces/{id}                        name, cohortLabel, norms, reportThreshold, blockedWords, createdAt, updatedAt
//   spaces/{id}/members/{uid}          displayName, role, joinedAt, normsAcknowledgedAt (+ removedAt, removedBy)
//   spaces/{id}/invites/{email}        role, invitedBy, invitedAt, claimedBy, claimedAt
import {
  collection,
  deleteDoc,
  doc,
  serverTimestamp,
  setDoc,
  Timestamp,
  updateDoc,
  writeBatch,
  type DocumentData,
  type DocumentReference,
  type DocumentSnapshot,
} from 'firebase/firestore';
import type { FirebaseRuntime } from '@cohort-kit/core';
import { describeFirestoreError, watchDoc, watchQuery } from '@cohort-kit/core/data.js';
import {
  DEFAULT_THRESHOLD,
  existsMessage,
  TEAM_ROLES,
  type InviteRow,
  type MemberRow,
  type Settings,
  type TeamRole,
} from './console-model.js';
import type { ConsoleSource, SpaceWatch } from './console-source.js';

const WIDGET = 'console';

/**
 * A document as the server has it. A listener rather than getDocFromServer: that one gives up after the SDK's
 * first ten seconds offline, which a cold emulator or a slow network can take; a listener waits for the answer.
 */
function serverDoc(runtime: FirebaseRuntime, ref: DocumentReference): Promise<DocumentSnapshot> {
  return new Promise((resolve, reject) => {
    const stop = watchDoc(runtime, WIDGET, ref, {
      next: (snapshot) => {
        if (snapshot.metadata.fromCache) return;
        queueMicrotask(() => stop());
        resolve(snapshot);
      },
      error: (error) => {
        queueMicrotask(() => stop());
        reject(error);
      },
    });
  });
}
const date = (value: unknown) => (value instanceof Timestamp ? value.toDate() : null);
const text = (value: unknown) => (typeof value === 'string' ? value : '');

function readSettings(data: DocumentData): Settings {
  return {
    name: text(data.name),
    cohortLabel: text(data.cohortLabel),
    norms: text(data.norms),
    reportThreshold: Number.isInteger(data.reportThreshold) ? Number(data.reportThreshold) : DEFAULT_THRESHOLD,
    blockedWords: Array.isArray(data.blockedWords) ? data.blockedWords.filter((word) => typeof word === 'string') : [],
  };
}

/** The console's data in a real project (or the emulators). */
export function liveSource(runtime: FirebaseRuntime): ConsoleSource {
  const { db, identity } = runtime;
  const attempt = async <T>(write: () => Promise<T>): Promise<T> => {
    try {
      return await write();
    } catch (error) {
      throw describeFirestoreError(error);
    }
  };
  return {
    mode: 'live',
    projectId: runtime.app.options.projectId ?? '',
    watchUser(listener) {
      // The console always needs to know who is here, so Auth loads at once.
      identity.current().catch((error: unknown) => console.error('[cohort-kit] sign-in state:', error));
      return identity.subscribe((user) =>
        // An anonymous learner of this browser is no owner: the console asks for the email link.
        listener(user && !user.isAnonymous && user.email ? { uid: user.uid, email: user.email.toLowerCase() } : null),
      );
    },
    signOut: () => identity.signOut(),
    async isOwnerAccount(user) {
      try {
        return (await serverDoc(runtime, doc(db, 'owners', user.email))).exists();
      } catch (error) {
        // The rules answer a get of someone else's (or a missing, unverified) owner document with a refusal.
        if ((error as { code?: string }).code === 'permission-denied') return false;
        throw error;
      }
    },
    async createSpace(id, settings, user, displayName) {
      const space = doc(db, 'spaces', id);
      if ((await serverDoc(runtime, space)).exists()) throw new Error(existsMessage());
      const batch = writeBatch(db);
      batch.set(space, { ...settings, createdAt: serverTimestamp(), updatedAt: serverTimestamp() });
      batch.set(doc(space, 'members', user.uid), {
        displayName,
        role: 'owner',
        joinedAt: serverTimestamp(),
        normsAcknowledgedAt: null,
      });
      try {
        await batch.commit();
      } catch (error) {
        // Someone took the id between the check and the write: the rules refuse writing over a space.
        if ((await serverDoc(runtime, space).catch(() => undefined))?.exists()) throw new Error(existsMessage());
        throw describeFirestoreError(error);
      }
    },
    async roleIn(id, user) {
      try {
        return text((await serverDoc(runtime, doc(db, 'spaces', id, 'members', user.uid))).get('role'));
      } catch (error) {
        // A member document is readable by its own account: a refusal means no space, or none of this account's.
        if ((error as { code?: string }).code === 'permission-denied') return '';
        throw error;
      }
    },
    watchSpace(id, handlers: SpaceWatch) {
      const space = doc(db, 'spaces', id);
      const stops = [
        watchDoc(runtime, WIDGET, space, {
          next: (snapshot) => {
            if (snapshot.metadata.fromCache && !snapshot.exists()) return; // wait for the server's answer
            handlers.space(snapshot.exists() ? readSettings(snapshot.data()) : null);
          },
          error: handlers.error,
        }),
        watchQuery(runtime, WIDGET, collection(space, 'members'), {
          next: (snapshot) =>
            handlers.members(
              snapshot.docs.map((member): MemberRow => ({
                uid: member.id,
                displayName: text(member.get('displayName')),
                role: text(member.get('role')),
                joinedAt: date(member.get('joinedAt')),
                normsAcknowledgedAt: date(member.get('normsAcknowledgedAt')),
              })),
            ),
          error: handlers.error,
        }),
        watchQuery(runtime, WIDGET, collection(space, 'invites'), {
          next: (snapshot) =>
            handlers.invites(
              snapshot.docs.map((invite): InviteRow => ({
                email: invite.id,
                role: TEAM_ROLES.includes(invite.get('role')) ? (invite.get('role') as TeamRole) : 'mentor',
                invitedAt: date(invite.get('invitedAt')),
                claimedBy: text(invite.get('claimedBy')) || null,
                claimedAt: date(invite.get('claimedAt')),
              })),
            ),
          error: handlers.error,
        }),
      ];
      return () => stops.forEach((stop) => stop());
    },
    saveSettings: (id, settings) =>
      attempt(() => updateDoc(doc(db, 'spaces', id), { ...settings, updatedAt: serverTimestamp() })),
    invite: (id, email, role, user) =>
      attempt(() =>
        setDoc(doc(db, 'spaces', id, 'invites', email), {
          role,
          invitedBy: user.uid,
          invitedAt: serverTimestamp(),
          claimedBy: null,
          claimedAt: null,
        }),
      ),
    revoke: (id, email) => attempt(() => deleteDoc(doc(db, 'spaces', id, 'invites', email))),
    removeMember: (id, uid, user) =>
      attempt(() =>
        updateDoc(doc(db, 'spaces', id, 'members', uid), {
          role: 'removed',
          removedAt: serverTimestamp(),
          removedBy: user.uid,
        }),
      ),
  };
}
