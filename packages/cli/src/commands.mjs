// The operations themselves. Each takes the admin SDK's Firestore (and Auth) so the same code
// serves the emulators and production; none of them prints anything.
import { FieldValue, GrpcStatus, Timestamp } from 'firebase-admin/firestore';
import { DEFAULT_REPORT_THRESHOLD, LIMITS, ROLES } from './args.mjs';
import { CliError, noSuchSpace } from './errors.mjs';

/**
 * @typedef {import('firebase-admin/firestore').Firestore} Firestore
 * @typedef {import('firebase-admin/auth').Auth} Auth
 * @typedef {import('./args.mjs').Role} Role
 * @typedef {{uid: string, displayName: string, role: string, normsAcknowledgedAt: Date | null}} MemberRow
 */

const spaceRef = (/** @type {Firestore} */ db, /** @type {string} */ spaceId) => db.collection('spaces').doc(spaceId);
const memberRef = (/** @type {Firestore} */ db, /** @type {string} */ spaceId, /** @type {string} */ uid) =>
  spaceRef(db, spaceId).collection('members').doc(uid);

export { noSuchSpace };

/** Drops the fields the user did not give, so an update leaves them as they are. */
function givenOnly(/** @type {Record<string, unknown>} */ fields) {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}

/**
 * Creates `spaces/{spaceId}`; with `update`, changes only the given fields of an existing space.
 * @param {Firestore} db
 * @param {import('./args.mjs').CreateSpaceInput} input
 * @returns {Promise<{created: boolean}>}
 */
export async function createSpace(db, { spaceId, name, cohortLabel, norms, reportThreshold, update }) {
  const ref = spaceRef(db, spaceId);
  const given = givenOnly({ name, cohortLabel, norms, reportThreshold });
  const now = FieldValue.serverTimestamp();
  const newSpace = () => ({
    cohortLabel: '',
    norms: '',
    reportThreshold: DEFAULT_REPORT_THRESHOLD,
    ...given,
    createdAt: now,
    updatedAt: now,
  });
  if (!update) {
    try {
      // create() fails if the document exists, so two people running this at once cannot both succeed.
      await ref.create(newSpace());
    } catch (error) {
      if (/** @type {{code?: unknown}} */ (error).code === GrpcStatus.ALREADY_EXISTS) {
        throw new CliError(
          `Space "${spaceId}" already exists. Add --update to change it, or use set-norms for its norms.`,
        );
      }
      throw error;
    }
    return { created: true };
  }
  return db.runTransaction(async (transaction) => {
    const snapshot = await transaction.get(ref);
    if (snapshot.exists) {
      transaction.update(ref, { ...given, updatedAt: now });
      return { created: false };
    }
    if (name === undefined) throw new CliError(`Space "${spaceId}" does not exist yet: give --name to create it.`);
    transaction.create(ref, newSpace());
    return { created: true };
  });
}

/**
 * Replaces the space's norms; an empty string clears them.
 * @param {Firestore} db
 * @param {import('./args.mjs').SetNormsInput} input
 */
export async function setNorms(db, { spaceId, norms }) {
  await updateSpace(db, spaceId, { norms });
}

/**
 * Replaces the words the space blocks in posts; an empty list clears them.
 * @param {Firestore} db
 * @param {import('./args.mjs').SetBlockedWordsInput} input
 */
export async function setBlockedWords(db, { spaceId, words }) {
  await updateSpace(db, spaceId, { blockedWords: words });
}

/**
 * Sets how many distinct reports hide a post pending review.
 * @param {Firestore} db
 * @param {import('./args.mjs').SetReportThresholdInput} input
 * @returns {Promise<{previous: number}>}
 */
export async function setReportThreshold(db, { spaceId, reportThreshold }) {
  const before = await updateSpace(db, spaceId, { reportThreshold });
  const previous = before.reportThreshold;
  return { previous: typeof previous === 'number' ? previous : DEFAULT_REPORT_THRESHOLD };
}

/**
 * Changes fields of an existing space, never creating one by accident.
 * @param {Firestore} db
 * @param {string} spaceId
 * @param {Record<string, unknown>} fields
 * @returns {Promise<Record<string, unknown>>} the space as it was
 */
async function updateSpace(db, spaceId, fields) {
  const ref = spaceRef(db, spaceId);
  return db.runTransaction(async (transaction) => {
    const snapshot = await transaction.get(ref);
    if (!snapshot.exists) throw noSuchSpace(spaceId);
    transaction.update(ref, { ...fields, updatedAt: FieldValue.serverTimestamp() });
    return snapshot.data() ?? {};
  });
}

/**
 * "2 of 3 members acknowledged the norms." (or that the space has none to acknowledge).
 * @param {MemberRow[]} members
 */
export function normsSummary(members) {
  // Someone removed from the space is listed with that role but is no longer one of its members.
  const current = members.filter((member) => member.role !== 'removed');
  const acknowledged = current.filter((member) => member.normsAcknowledgedAt).length;
  return `${acknowledged} of ${current.length} member${current.length === 1 ? '' : 's'} acknowledged the norms.`;
}

/**
 * Finds or creates the Auth user for `email` and writes their membership with `role`,
 * keeping what an earlier grant or the learner themselves already set.
 * @param {Firestore} db
 * @param {Auth} auth
 * @param {import('./args.mjs').GrantInput} input
 * @returns {Promise<{uid: string, displayName: string, createdUser: boolean, previousRole: string | null, disabled: boolean}>}
 */
export async function grantRole(db, auth, { spaceId, email, role, displayName }) {
  // Checked first so a typo in --space does not leave a new account behind.
  if (!(await spaceRef(db, spaceId).get()).exists) throw noSuchSpace(spaceId);
  const { user, created } = await findOrCreateUser(auth, email);
  const ref = memberRef(db, spaceId, user.uid);
  return db.runTransaction(async (transaction) => {
    const existing = (await transaction.get(ref)).data() ?? {};
    const keptName =
      typeof existing.displayName === 'string' && existing.displayName.trim() ? existing.displayName : undefined;
    /** @type {Record<string, unknown>} */
    const member = { displayName: displayName ?? keptName ?? displayNameFromEmail(email), role };
    if (existing.joinedAt == null) member.joinedAt = FieldValue.serverTimestamp();
    if (existing.normsAcknowledgedAt === undefined) member.normsAcknowledgedAt = null;
    // A member removed in the browser is back: the record of the removal goes with the 'removed' role.
    if ('removedAt' in existing || 'removedBy' in existing) {
      member.removedAt = FieldValue.delete();
      member.removedBy = FieldValue.delete();
    }
    transaction.set(ref, member, { merge: true });
    return {
      uid: user.uid,
      displayName: /** @type {string} */ (member.displayName),
      createdUser: created,
      previousRole: typeof existing.role === 'string' ? existing.role : null,
      disabled: user.disabled,
    };
  });
}

/**
 * @param {Auth} auth
 * @param {string} email
 */
async function findOrCreateUser(auth, email) {
  try {
    return { user: await auth.getUserByEmail(email), created: false };
  } catch (error) {
    if (/** @type {{code?: string}} */ (error).code !== 'auth/user-not-found') throw error;
  }
  try {
    // No password: the person signs in with an email link, which also verifies the address.
    return { user: await auth.createUser({ email, emailVerified: false }), created: true };
  } catch (error) {
    // Someone else created the account between our lookup and now.
    if (/** @type {{code?: string}} */ (error).code !== 'auth/email-already-exists') throw error;
    return { user: await auth.getUserByEmail(email), created: false };
  }
}

/** "ada.lovelace+course@example.org" becomes "Ada Lovelace". */
export function displayNameFromEmail(/** @type {string} */ email) {
  const localPart = email.slice(0, email.lastIndexOf('@')).split('+')[0];
  const words = localPart
    .split(/[._-]+/)
    .filter(Boolean)
    .map((word) => word[0].toUpperCase() + word.slice(1));
  const name = words.join(' ') || localPart || 'Member';
  return [...name].slice(0, LIMITS.displayName).join('');
}

/**
 * @param {Firestore} db
 * @param {string} spaceId
 * @returns {Promise<MemberRow[]>} owners first, then facilitators, mentors and learners, each by name
 */
export async function listMembers(db, spaceId) {
  const space = spaceRef(db, spaceId);
  if (!(await space.get()).exists) throw noSuchSpace(spaceId);
  const snapshot = await space.collection('members').get();
  const toDate = (/** @type {unknown} */ value) => (value instanceof Timestamp ? value.toDate() : null);
  const rank = (/** @type {string} */ role) => {
    const index = ROLES.indexOf(/** @type {Role} */ (role));
    return index === -1 ? ROLES.length : index;
  };
  return snapshot.docs
    .map((doc) => {
      const data = doc.data();
      return {
        uid: doc.id,
        displayName: typeof data.displayName === 'string' ? data.displayName : '',
        role: typeof data.role === 'string' ? data.role : '?',
        normsAcknowledgedAt: toDate(data.normsAcknowledgedAt),
      };
    })
    .sort((a, b) => rank(a.role) - rank(b.role) || a.displayName.localeCompare(b.displayName));
}

/**
 * A plain-text table with one row per member.
 * @param {MemberRow[]} members
 */
export function formatMembersTable(members) {
  const day = (/** @type {Date} */ date) => date.toISOString().slice(0, 10);
  const rows = [
    ['UID', 'NAME', 'ROLE', 'NORMS ACKNOWLEDGED'],
    ...members.map((member) => [
      member.uid,
      member.displayName,
      member.role,
      member.normsAcknowledgedAt ? `yes (${day(member.normsAcknowledgedAt)})` : 'no',
    ]),
  ];
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => [...row[column]].length)));
  return rows
    .map((row) =>
      row
        .map((cell, column) => cell + ' '.repeat(widths[column] - [...cell].length))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

const ownerRef = (/** @type {Firestore} */ db, /** @type {string} */ email) => db.collection('owners').doc(email);

/**
 * Makes `email` (already lowercased) an owner account: `owners/{email}` with `addedAt`. An existing owner account
 * keeps its `addedAt`.
 * @param {Firestore} db
 * @param {import('./args.mjs').OwnerInput} input
 * @returns {Promise<{added: boolean, addedAt: Date | null}>} whether it is new, and since when it is one
 */
export async function addOwner(db, { email }) {
  const ref = ownerRef(db, email);
  try {
    // create() fails if the document exists, so a second run changes nothing.
    await ref.create({ addedAt: FieldValue.serverTimestamp() });
    return { added: true, addedAt: null };
  } catch (error) {
    if (/** @type {{code?: unknown}} */ (error).code !== GrpcStatus.ALREADY_EXISTS) throw error;
  }
  const addedAt = (await ref.get()).get('addedAt');
  return { added: false, addedAt: addedAt instanceof Timestamp ? addedAt.toDate() : null };
}

/**
 * Removes the owner account `email`; its spaces and roles stay.
 * @param {Firestore} db
 * @param {import('./args.mjs').OwnerInput} input
 * @returns {Promise<{removed: boolean}>} false when it was not one
 */
export async function removeOwner(db, { email }) {
  const ref = ownerRef(db, email);
  return db.runTransaction(async (transaction) => {
    const existed = (await transaction.get(ref)).exists;
    if (existed) transaction.delete(ref);
    return { removed: existed };
  });
}
