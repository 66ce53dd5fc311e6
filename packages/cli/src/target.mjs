// Decides which backend the command talks to (emulators or a real project), connects to it,
// and turns the admin SDK's failures into one sentence that says what to do.
import { existsSync } from 'node:fs';
import { deleteApp, initializeApp } from 'firebase-admin/app';
import { getAuth } from 'firebase-admin/auth';
import { getFirestore, GrpcStatus } from 'firebase-admin/firestore';
import { CliError, UsageError } from './errors.mjs';

/**
 * @typedef {object} Target
 * @property {string} projectId
 * @property {string} [firestoreEmulator] host:port
 * @property {string} [authEmulator] host:port
 * @property {string} description what the user is told they are writing to
 */

const START_EMULATORS = '(npm run emulators)';

/**
 * @param {{project?: string, env: NodeJS.ProcessEnv, needsAuth: boolean}} options
 * @returns {Target}
 */
export function resolveTarget({ project, env, needsAuth }) {
  const projectId = project || env.GCLOUD_PROJECT || env.GOOGLE_CLOUD_PROJECT || env.COHORT_PROJECT_ID;
  if (!projectId) {
    throw new UsageError(
      'No project given: pass --project ID, or set GCLOUD_PROJECT (demo-cohort-kit for the emulators).',
    );
  }
  const firestoreEmulator = env.FIRESTORE_EMULATOR_HOST || undefined;
  const authEmulator = env.FIREBASE_AUTH_EMULATOR_HOST || undefined;
  if (needsAuth && Boolean(firestoreEmulator) !== Boolean(authEmulator)) {
    // Half a target would put the account in one backend and the membership in the other.
    const [set, unset] = firestoreEmulator
      ? ['FIRESTORE_EMULATOR_HOST', 'FIREBASE_AUTH_EMULATOR_HOST']
      : ['FIREBASE_AUTH_EMULATOR_HOST', 'FIRESTORE_EMULATOR_HOST'];
    throw new CliError(`${set} is set but ${unset} is not: set both to use the emulators, or neither for production.`);
  }
  if (firestoreEmulator) {
    const auth = needsAuth ? `, Auth emulator ${authEmulator}` : '';
    return {
      projectId,
      firestoreEmulator,
      authEmulator,
      description: `emulator ${firestoreEmulator}${auth} (project ${projectId})`,
    };
  }
  const keyFile = env.GOOGLE_APPLICATION_CREDENTIALS;
  if (keyFile && !existsSync(keyFile)) {
    throw new CliError(`GOOGLE_APPLICATION_CREDENTIALS points to ${keyFile}, which does not exist.`);
  }
  return { projectId, authEmulator, description: `project ${projectId} (production)` };
}

/**
 * Fails at once, rather than after the timeout, when an emulator is not listening.
 * @param {Target} target
 * @param {boolean} needsAuth
 */
export async function checkEmulatorsAnswer(target, needsAuth) {
  if (target.firestoreEmulator && !(await answers(target.firestoreEmulator))) {
    throw new CliError(unreachableFirestore(target));
  }
  if (needsAuth && target.authEmulator && !(await answers(target.authEmulator))) {
    throw new CliError(unreachableAuth(target));
  }
}

async function answers(/** @type {string} */ hostAndPort) {
  try {
    await fetch(`http://${hostAndPort}/`, { signal: AbortSignal.timeout(5000) });
    return true;
  } catch {
    return false;
  }
}

/** @param {Target} target */
export function connect(target) {
  if (target.firestoreEmulator) {
    // Nothing needs Google credentials here; without this the auth library probes for a GCE
    // metadata server and prints a MetadataLookupWarning about it.
    process.env.METADATA_SERVER_DETECTION ??= 'none';
  }
  // Without a credential the SDK uses Application Default Credentials, and none against the emulators.
  const app = initializeApp({ projectId: target.projectId }, `cohort-kit-${process.pid}-${Date.now()}`);
  return {
    db: getFirestore(app),
    auth: getAuth(app),
    close: () => deleteApp(app),
  };
}

/** @param {Target} target */
export function timeoutMessage(target, seconds = 15) {
  if (target.firestoreEmulator) {
    return `No answer from the emulators within ${seconds} s (Firestore ${target.firestoreEmulator}) — are they running? ${START_EMULATORS}`;
  }
  return `No answer from Firebase for project ${target.projectId} within ${seconds} s — check your network connection and credentials.`;
}

/**
 * @param {unknown} error anything the admin SDK threw
 * @param {Target} target
 * @returns {CliError}
 */
export function explainBackendError(error, target) {
  const { code, message = String(error) } = /** @type {{code?: unknown, message?: string}} */ (error ?? {});
  const firstLine = message.split('\n')[0];
  const project = target.projectId;

  if (
    /default credentials|invalid_grant|Could not refresh access token/i.test(message) ||
    code === 'app/invalid-credential'
  ) {
    return new CliError(
      `No usable Google credentials for project ${project}: set GOOGLE_APPLICATION_CREDENTIALS to a service-account key file, ` +
        'or run "gcloud auth application-default login".',
    );
  }
  if (code === 'app/network-error') {
    return new CliError(target.authEmulator ? unreachableAuth(target) : `Could not reach Firebase Auth: ${firstLine}`);
  }
  if (code === GrpcStatus.UNAVAILABLE || code === GrpcStatus.DEADLINE_EXCEEDED) {
    return new CliError(
      target.firestoreEmulator
        ? unreachableFirestore(target)
        : `Could not reach Firestore for project ${project}: ${firstLine}`,
    );
  }
  if (
    code === GrpcStatus.PERMISSION_DENIED ||
    code === GrpcStatus.UNAUTHENTICATED ||
    code === 'auth/insufficient-permission'
  ) {
    return new CliError(`The credentials in use are not allowed to do this in project ${project}: ${firstLine}`);
  }
  if (code === GrpcStatus.NOT_FOUND) {
    return new CliError(
      `Firestore for project ${project} answered "not found" — does the project have a Firestore database? (${firstLine})`,
    );
  }
  if (code === 'auth/configuration-not-found' || code === 'auth/project-not-found') {
    return new CliError(
      `Firebase Auth is not set up for project ${project}: enable it in the Firebase console (${firstLine}).`,
    );
  }
  return new CliError(`Failed: ${firstLine}`);
}

/** @param {Target} target */
function unreachableFirestore(target) {
  return `Could not reach Firestore at ${target.firestoreEmulator} — is the emulator running? ${START_EMULATORS}`;
}

/** @param {Target} target */
function unreachableAuth(target) {
  return `Could not reach the Auth emulator at ${target.authEmulator} — is it running? ${START_EMULATORS}`;
}
