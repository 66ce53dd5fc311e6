// Firestore helpers shared by the widgets' data modules. This module imports the SDK, so elements
// reach it only by dynamic import, after their first paint.
import {
  doc,
  getDocFromServer,
  onSnapshot,
  serverTimestamp,
  setDoc,
  updateDoc,
  type DocumentReference,
  type DocumentSnapshot,
  type Firestore,
  type FirestoreError,
  type Query,
  type QuerySnapshot,
  type Timestamp,
} from 'firebase/firestore';
import { msg, str } from '@lit/localize';
import { connect, type FirebaseRuntime } from './connection.js';
import { CohortConnectionError } from './errors.js';
import type { CohortUser } from './identity.js';
import { claimInvite } from './invites.js';
import { cleanDisplayName } from './names.js';
import { recordReads } from './read-meter.js';

export { connect };
export type { FirebaseRuntime };
export { addContribution, CONTRIBUTION_KINDS, ledgerRef, utcDay, type ContributionKind } from './ledger.js';
// Here rather than in the index: re-exported there, it would load before first paint with the rest of the index.
export {
  KeyedSubscription,
  KeyedSubscriptionSet,
  type SubscriptionKey,
  type Unsubscribe,
} from './keyed-subscription.js';
export {
  createShards,
  markedShard,
  pickShard,
  recordCounted,
  sumShards,
  type CountedContribution,
  type CounterTotals,
  type CountMove,
  type LearnerMarker,
  type ShardedCounter,
} from './sharded-counter.js';
export { asDate, nextRateFields, readRate, type RateDocument } from './rate-document.js';
// These two need no SDK, but a widget uses them only once its data has loaded: exported from the core index, the
// bundler would route them through the core chunk every page loads before first paint.
export { nextAllowedAt, nextWindow, rateWait, type RateLimit, type RateState, type RateWait } from './rate-limit.js';
export { ContributionQueue, queueKey, type QueuedEntry } from './contribution-queue.js';

/** How long a listener may wait for the server before the element says it is still trying. */
export const STALE_AFTER_MS = 8000;

export interface WatchHandlers<S> {
  next: (snapshot: S) => void;
  error: (error: CohortConnectionError) => void;
  /** Called once if the server has not answered after STALE_AFTER_MS (live mode only). */
  stale?: () => void;
}

/** Turns a Firestore error into a sentence a learner or author can act on. */
export function describeFirestoreError(error: unknown): CohortConnectionError {
  if (error instanceof CohortConnectionError) return error;
  const code = (error as FirestoreError)?.code ?? '';
  switch (code) {
    case 'permission-denied':
      return new CohortConnectionError(
        msg('That was not allowed. You may not have the role for it, or the space is closed.', {
          id: 'core.error.permission-denied',
        }),
        false,
        code,
      );
    case 'not-found':
      return new CohortConnectionError(
        msg(
          'The Firestore database was not found. Check data-project-id, and that Cloud Firestore is enabled in that Firebase project.',
          { id: 'core.error.not-found' },
        ),
        false,
        code,
      );
    case 'unavailable':
      return new CohortConnectionError(
        msg('Could not reach the server. Your work is kept and will be sent when the connection returns.', {
          id: 'core.error.unavailable',
        }),
        true,
        code,
      );
    case 'resource-exhausted':
      return new CohortConnectionError(
        msg('Too many requests right now. Wait a moment and try again.', { id: 'core.error.exhausted' }),
        true,
        code,
      );
    case 'failed-precondition':
      return new CohortConnectionError(
        msg('The database needs an index or setting it does not have yet. Ask the course team to deploy the indexes.', {
          id: 'core.error.precondition',
        }),
        false,
        code,
      );
    case 'unauthenticated':
      return new CohortConnectionError(
        msg('Your sign-in has expired. Reload the page and try again.', { id: 'core.error.unauthenticated' }),
        false,
        code,
      );
    default:
      // An error of our own (no Firebase code) already says what happened.
      if (!code && error instanceof Error && error.message) return new CohortConnectionError(error.message);
      // The SDK's own text is English and technical: log it for the author, show the code to the learner.
      console.error('[cohort-kit]', error);
      return new CohortConnectionError(
        msg(str`Something went wrong (${code || 'unknown error'}). Try again.`, { id: 'core.error.unknown' }),
        true,
        code,
      );
  }
}

/**
 * The first read of a space is public in the rules, so a refusal there is not about roles: the page
 * points at a project (or database) that does not exist or has no Firestore. Say which setting to check.
 */
export function describeSpaceReadError(error: CohortConnectionError, projectId: string): CohortConnectionError {
  if (error.code !== 'permission-denied' && error.code !== 'not-found') return error;
  return new CohortConnectionError(
    msg(
      str`Firestore refused to read this space in project "${projectId}". Check data-project-id, and that Cloud Firestore is enabled in that Firebase project (Firebase console → Firestore Database).`,
      { id: 'core.error.space-read' },
    ),
    false,
    error.code,
  );
}

function staleTimer(runtime: FirebaseRuntime, handlers: { stale?: () => void }) {
  if (runtime.mode === 'preview' || !handlers.stale) return { clear() {} };
  const timer = setTimeout(() => handlers.stale?.(), STALE_AFTER_MS);
  return { clear: () => clearTimeout(timer) };
}

/** Writes on their way, by the path of each document they create or rewrite. */
const writesOnTheirWay = new Map<string, Set<Promise<unknown>>>();
/** Listeners now running, by the path of each document they show: each can be asked to wait for a write to it. */
const heldListeners = new Map<string, Set<{ holdFor: () => void }>>();

/**
 * A write that creates or rewrites the documents at `refs` (a membership, a first vote, a pair, a claim), made known
 * to their listeners. The emulator can answer a listener started while such a write is on its way, or just before
 * it, with "no such document" stamped later than the write, and the SDK then keeps that answer over the real
 * document until it changes again: the page would wait forever for a membership, a pair or a claim it made. A
 * listener that had its answer a moment before the write can miss the write the same way (a learner told "You are
 * looking for a buddy" saw the panel turn back). A query can leave the document out the same way (a learner missing
 * from the waiting list they just joined). So every listener of one of these documents, or of a query that can hold
 * one, listens to the server (again) once the write is confirmed, and meanwhile to this device's cache alone, which
 * holds the write. Returns `write`.
 */
export function writingTo<T>(write: Promise<T>, ...refs: DocumentReference<unknown>[]): Promise<T> {
  const settled = write.then(
    () => {},
    () => {},
  );
  for (const ref of refs) {
    let writes = writesOnTheirWay.get(ref.path);
    if (!writes) writesOnTheirWay.set(ref.path, (writes = new Set()));
    writes.add(settled);
    void settled.then(() => {
      writes.delete(settled);
      if (!writes.size && writesOnTheirWay.get(ref.path) === writes) writesOnTheirWay.delete(ref.path);
    });
    for (const listener of [...(heldListeners.get(ref.path) ?? [])]) listener.holdFor();
  }
  return write;
}

/**
 * Runs `listen` against the server once no write to the documents at `paths` is on its way (see writingTo), and
 * until then against this device's cache only: the write itself, and any change made here meanwhile (offline too),
 * show at once. Each start supersedes the ones before it: two writes in a row start the server listener once, after
 * both. In preview mode no write settles, and the cache is all there is anyway.
 */
function listenHeldForWrites(paths: readonly string[], listen: (source: 'default' | 'cache') => () => void) {
  let stopped = false;
  let stop = () => {};
  let starts = 0;
  const start = () => {
    const current = ++starts;
    stop();
    stop = () => {};
    if (stopped) return;
    const writes = paths.flatMap((path) => [...(writesOnTheirWay.get(path) ?? [])]);
    if (!writes.length) {
      stop = listen('default');
      return;
    }
    stop = listen('cache');
    void Promise.all(writes).then(() => current === starts && start());
  };
  const listener = { holdFor: start };
  start();
  for (const path of paths) {
    let listeners = heldListeners.get(path);
    if (!listeners) heldListeners.set(path, (listeners = new Set()));
    listeners.add(listener);
  }
  return () => {
    stopped = true;
    stop();
    for (const path of paths) {
      const listeners = heldListeners.get(path);
      listeners?.delete(listener);
      if (listeners && !listeners.size) heldListeners.delete(path);
    }
  };
}

/** A metered document listener: `widget` names whose reads these are. */
export function watchDoc<T>(
  runtime: FirebaseRuntime,
  widget: string,
  ref: DocumentReference<T>,
  handlers: WatchHandlers<DocumentSnapshot<T>>,
): () => void {
  const timer = staleTimer(runtime, handlers);
  return listenHeldForWrites([ref.path], (source) =>
    onSnapshot(
      ref,
      { includeMetadataChanges: true, source },
      (snapshot) => {
        // A cache that has never held the document knows nothing of it: that is no answer, so it says nothing.
        if (source === 'cache' && !snapshot.exists() && !snapshot.metadata.hasPendingWrites) return;
        if (!snapshot.metadata.fromCache) {
          timer.clear();
          if (!snapshot.metadata.hasPendingWrites) recordReads(widget, 1);
        }
        handlers.next(snapshot);
      },
      (error) => {
        timer.clear();
        handlers.error(describeFirestoreError(error));
      },
    ),
  );
}

/**
 * A metered query listener. `holdFor` names documents this page writes (with writingTo) that the query can hold: while
 * such a write is on its way, the query listens to this device's cache only (see writingTo).
 */
export function watchQuery<T>(
  runtime: FirebaseRuntime,
  widget: string,
  query: Query<T>,
  handlers: WatchHandlers<QuerySnapshot<T>>,
  holdFor: readonly DocumentReference<unknown>[] = [],
): () => void {
  const timer = staleTimer(runtime, handlers);
  let sawServer = false;
  const listen = (source: 'default' | 'cache') =>
    onSnapshot(
      query,
      { includeMetadataChanges: true, source },
      (snapshot) => {
        if (!snapshot.metadata.fromCache) {
          timer.clear();
          if (!sawServer) recordReads(widget, Math.max(1, snapshot.size));
          else
            recordReads(widget, snapshot.docChanges().filter((change) => !change.doc.metadata.hasPendingWrites).length);
          sawServer = true;
        }
        handlers.next(snapshot);
      },
      (error) => {
        timer.clear();
        handlers.error(describeFirestoreError(error));
      },
    );
  return listenHeldForWrites(
    holdFor.map((ref) => ref.path),
    listen,
  );
}

/** Roles in a space. Only the command-line tool grants any but `learner`; mentors support peers but do not moderate. */
export type Role = 'owner' | 'facilitator' | 'mentor' | 'learner';
export const ROLES: readonly Role[] = ['owner', 'facilitator', 'mentor', 'learner'];

export interface SpaceSettings {
  name?: string;
  cohortLabel?: string;
  norms?: string;
  /** Distinct reports that hide a post pending review. */
  reportThreshold?: number;
  /** Words the space blocks in posts, on top of the built-in list for each language. */
  blockedWords?: string[];
  /** Set by `cohort-kit close-round`: the rules refuse learners' writes until `reopen-round`. */
  closedAt?: Timestamp | null;
}

/** The cohort's label (the badge art, the archive and the pulse show it): facilitators set it, e.g. by a poll's vote. */
export function setCohortLabel(runtime: FirebaseRuntime, spaceId: string, label: string) {
  return updateDoc(spaceRef(runtime.db, spaceId), { cohortLabel: label, updatedAt: serverTimestamp() });
}

/**
 * When the space's round ended, as the server says now (null while it is open): asked after a refused write, which
 * a round closed since the page's last snapshot explains.
 */
export async function roundEndedAt(runtime: FirebaseRuntime, spaceId: string): Promise<Date | null> {
  try {
    const snapshot = await getDocFromServer(spaceRef(runtime.db, spaceId));
    const closedAt = (snapshot.data() as SpaceSettings | undefined)?.closedAt;
    return closedAt ? closedAt.toDate() : null;
  } catch {
    return null;
  }
}

/** A member a facilitator took out keeps their document with this role, so they cannot join again. */
export type MemberRole = Role | 'removed';

export interface Member {
  uid: string;
  displayName: string;
  role: MemberRole;
  joinedAt?: Timestamp | null;
  normsAcknowledgedAt?: Timestamp | null;
}

export interface SpaceState {
  /** undefined while unknown */
  exists?: boolean;
  settings: SpaceSettings;
  user: CohortUser | null;
  member: Member | null;
  memberLoaded: boolean;
  /**
   * For someone signed in with an email: 'checking' while an invitation to the course team is looked for (and
   * claimed), 'none' when they have no team role here and no invitation either. Unset for learners.
   */
  teamRole?: 'checking' | 'none';
  error?: CohortConnectionError;
  stale?: boolean;
}

export const spaceRef = (db: Firestore, spaceId: string) => doc(db, 'spaces', spaceId);
export const memberRef = (db: Firestore, spaceId: string, uid: string) => doc(db, 'spaces', spaceId, 'members', uid);

interface SharedSpace {
  state: SpaceState;
  listeners: Set<(state: SpaceState) => void>;
  stop: () => void;
}

const spaces = new Map<string, SharedSpace>();

function memberFrom(uid: string, data: Record<string, unknown> | undefined): Member | null {
  if (!data) return null;
  // An unknown role (a typo made with firebase-admin) counts as the least one.
  const role: MemberRole =
    data.role === 'removed' ? 'removed' : ROLES.includes(data.role as Role) ? (data.role as Role) : 'learner';
  return {
    uid,
    displayName: typeof data.displayName === 'string' ? data.displayName : '',
    role,
    joinedAt: (data.joinedAt as Timestamp) ?? null,
    normsAcknowledgedAt: (data.normsAcknowledgedAt as Timestamp) ?? null,
  };
}

/**
 * The space's settings and the current learner's membership, shared by every element of the page
 * that shows this space: one pair of listeners however many elements there are.
 */
export function subscribeSpace(
  runtime: FirebaseRuntime,
  spaceId: string,
  listener: (state: SpaceState) => void,
): () => void {
  let shared = spaces.get(spaceId);
  if (!shared) {
    const entry: SharedSpace = {
      state: { settings: {}, user: runtime.identity.user, member: null, memberLoaded: false },
      listeners: new Set(),
      stop: () => {},
    };
    const publish = (patch: Partial<SpaceState>) => {
      entry.state = { ...entry.state, ...patch };
      for (const each of entry.listeners) each(entry.state);
    };
    let stopMember = () => {};
    const stopSpace = watchDoc(runtime, 'space', spaceRef(runtime.db, spaceId), {
      next: (snapshot) => {
        // In preview mode a space needs no setting up: it exists as soon as an element shows it.
        const exists =
          runtime.mode === 'preview' ? true : snapshot.exists() || (snapshot.metadata.fromCache ? undefined : false);
        publish({ exists, settings: (snapshot.data() as SpaceSettings | undefined) ?? {}, stale: false });
      },
      error: (error) => publish({ error: describeSpaceReadError(error, runtime.app.options.projectId ?? '') }),
      stale: () => publish({ stale: true }),
    });
    const stopUser = runtime.identity.subscribe((user) => {
      stopMember();
      publish({ user, member: null, memberLoaded: !user, teamRole: undefined });
      if (!user) return;
      let checked = false;
      let claiming = false;
      stopMember = watchDoc(runtime, 'space', memberRef(runtime.db, spaceId, user.uid), {
        next: (snapshot) => {
          if (snapshot.metadata.fromCache && !snapshot.exists() && runtime.mode === 'live') return;
          // A role claimed but not yet confirmed would start a facilitator's listeners the server still refuses.
          if (claiming && snapshot.metadata.hasPendingWrites) return;
          const member = memberFrom(user.uid, snapshot.data());
          publish({ member, memberLoaded: true });
          // Once per sign-in and space, from the server's answer: a facilitator signing in for the first time may
          // hold an invitation rather than a role.
          if (checked || snapshot.metadata.fromCache || user.isAnonymous || !user.email) return;
          checked = true;
          if (member && member.role !== 'learner') return;
          publish({ teamRole: 'checking' });
          claiming = true;
          claimInvite(runtime.db, spaceId, user, member)
            .finally(() => (claiming = false))
            .then(
              (role) => publish({ teamRole: role ? undefined : 'none' }),
              (error: unknown) => {
                console.warn('[cohort-kit] could not check for an invitation:', error);
                publish({ teamRole: 'none' });
              },
            );
        },
        error: () => publish({ member: null, memberLoaded: true }),
      });
    });
    entry.stop = () => {
      stopSpace();
      stopUser();
      stopMember();
    };
    shared = entry;
    spaces.set(spaceId, shared);
  }
  const current = shared;
  current.listeners.add(listener);
  listener(current.state);
  return () => {
    current.listeners.delete(listener);
    if (current.listeners.size === 0) {
      current.stop();
      spaces.delete(spaceId);
    }
  };
}

/**
 * Makes the signed-in learner a member of the space (first contribution) or renames them.
 * The role is never written here: only the command-line tool grants roles.
 */
export async function saveMembership(
  runtime: FirebaseRuntime,
  spaceId: string,
  existing: Member | null,
  profile: { displayName: string; acknowledgeNorms: boolean },
): Promise<void> {
  const user = await runtime.identity.ensureSignedIn();
  const ref = memberRef(runtime.db, spaceId, user.uid);
  const displayName = cleanDisplayName(profile.displayName);
  try {
    if (!existing) {
      const join = setDoc(ref, {
        displayName,
        role: 'learner',
        joinedAt: serverTimestamp(),
        normsAcknowledgedAt: profile.acknowledgeNorms ? serverTimestamp() : null,
      });
      // The membership listener started at this sign-in, a moment ago: it may never see this document.
      await writingTo(join, ref);
    } else {
      const patch: Record<string, unknown> = { displayName };
      if (profile.acknowledgeNorms && !existing.normsAcknowledgedAt) patch.normsAcknowledgedAt = serverTimestamp();
      await updateDoc(ref, patch);
    }
  } catch (error) {
    throw describeFirestoreError(error);
  }
}
