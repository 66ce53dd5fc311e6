// The badge commands: a course team defines a limited-edition badge (<cohort-badge>), retires it, makes the space's
// issuer key, and signs each holder's Open Badges 3.0 credential. A badge's definition is trusted data, so only
// this tool (firebase-admin) writes it; the rules judge each learner's claim against it. Signing runs here, so an
// issuer's private key never reaches a page.
//
// The proof is VC-JWT (VC-JOSE-COSE, `application/vc+jwt`) with EdDSA over Ed25519, made with node:crypto: no
// dependency, and a verifier needs no JSON-LD contexts (Data Integrity eddsa-rdfc-2022 would need the VC 2.0 and
// OB 3.0 contexts bundled for offline canonicalisation, and a canonicaliser).
import { createPrivateKey, createPublicKey, generateKeyPairSync, randomUUID, sign, verify } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { FieldValue, GrpcStatus } from 'firebase-admin/firestore';
import shared from '@cohort-kit/badge/badge-rules.json' with { type: 'json' };
import { CliError, noSuchSpace, UsageError } from './errors.mjs';

export const BADGE_LIMITS = shared.limits;
/** kebab-case criterion → ledger counter (spaces/{space}/ledger/{uid}.counts). */
export const CRITERIA = shared.criteria;

export const BADGE_FLAGS = /** @type {const} */ ({
  badge: { type: 'string' },
  description: { type: 'string' },
  criteria: { type: 'string' },
  hints: { type: 'string' },
  edition: { type: 'string' },
  'closes-at': { type: 'string' },
  image: { type: 'string' },
  key: { type: 'string' },
  'issuer-name': { type: 'string' },
  'issuer-url': { type: 'string' },
});

const KINDS = Object.keys(CRITERIA).join(', ');

/** The badge commands, in the shape of args.mjs's COMMANDS. */
export const BADGE_COMMANDS = {
  'create-badge': {
    flags: ['space', 'badge', 'name', 'description', 'criteria', 'hints', 'edition', 'closes-at', 'image'],
    synopsis: [
      '--space ID --badge ID --name TEXT --criteria "posts>=2, replies>=2" --edition N',
      '[--description TEXT] [--hints "replies=TEXT; posts=TEXT"] [--closes-at ISO-TIME] [--image URL]',
    ],
    about: [
      'Define a limited-edition badge learners claim on <cohort-badge badge="ID"> once every criterion holds',
      'in their activity ledger. Copies are numbered 1 to --edition. Fails if the badge exists.',
    ],
    limits:
      `--name 1-${BADGE_LIMITS.name} characters; --description up to ${BADGE_LIMITS.description}; criteria from ` +
      `${KINDS}, each 1-${BADGE_LIMITS.criterion}; each hint up to ${BADGE_LIMITS.hint}; --edition ` +
      `1-${BADGE_LIMITS.edition}; --closes-at a future time with its zone (2026-06-30T23:59:00Z); --image an https ` +
      `address up to ${BADGE_LIMITS.image} characters.`,
    example:
      'cohort-kit create-badge --space leadership-2026 --badge founding-voices --name "Founding Voices" ' +
      '--criteria "posts>=2, replies>=2, feedback-given>=2, goals>=1" --edition 20 --closes-at 2026-06-30T23:59:00Z',
  },
  'retire-badge': {
    flags: ['space', 'badge'],
    synopsis: ['--space ID --badge ID'],
    about: ['End claiming of a badge at once. Its holders and their wall stay.'],
    example: 'cohort-kit retire-badge --space leadership-2026 --badge founding-voices',
  },
  keygen: {
    flags: ['space', 'key', 'issuer-name', 'issuer-url'],
    synopsis: ['--space ID --key FILE --issuer-name TEXT [--issuer-url URL]'],
    about: [
      "Make the space's credential issuer key pair: the private key goes to FILE (keep it secret; never on a",
      "page), the public key to the space's issuer profile, where anyone can verify a credential with it.",
    ],
    limits: `--issuer-name 1-${BADGE_LIMITS.name} characters; --issuer-url an https address. FILE must not exist.`,
    example: 'cohort-kit keygen --space leadership-2026 --key issuer-key.json --issuer-name "Leading with Purpose"',
  },
  'issue-credentials': {
    flags: ['space', 'badge', 'key'],
    synopsis: ['--space ID --badge ID --key FILE'],
    about: [
      'Sign one Open Badges 3.0 credential (VC-JWT, EdDSA) for each holder of the badge who has none yet.',
      'Each holder downloads theirs from <cohort-badge>; nobody else can read it.',
    ],
    example: 'cohort-kit issue-credentials --space leadership-2026 --badge founding-voices --key issuer-key.json',
  },
};

export const isBadgeCommand = (/** @type {string} */ command) => Object.hasOwn(BADGE_COMMANDS, command);

const characterCount = (/** @type {string} */ text) => [...text].length;

/**
 * `posts>=2, feedback-given>=2` → { posts: 2, feedbackGiven: 2 }.
 * @param {string | undefined} value
 */
export function parseCriteria(value) {
  if (value === undefined || value.trim() === '') {
    throw new UsageError(`--criteria is required: counts learners reach, e.g. "posts>=2, replies>=2" (from ${KINDS}).`);
  }
  /** @type {Record<string, number>} */
  const criteria = {};
  for (const part of value.split(',').map((each) => each.trim())) {
    const found = /^([A-Za-z-]+)\s*>=\s*(\d+)$/.exec(part);
    if (!found) throw new UsageError(`--criteria: "${part}" is not a criterion such as "replies>=2".`);
    const name = found[1].toLowerCase();
    const kind = CRITERIA[/** @type {keyof typeof CRITERIA} */ (name)];
    if (!kind) throw new UsageError(`--criteria: "${name}" is not something the ledger counts. Use ${KINDS}.`);
    const count = Number(found[2]);
    if (count < 1 || count > BADGE_LIMITS.criterion) {
      throw new UsageError(`--criteria: ${name} must be from 1 to ${BADGE_LIMITS.criterion} (got ${found[2]}).`);
    }
    if (kind in criteria) throw new UsageError(`--criteria names ${name} twice.`);
    criteria[kind] = count;
  }
  return criteria;
}

/**
 * `replies=Reply to a peer in the week 2 thread; goals=Set a goal` → hints by ledger counter, each for a criterion.
 * @param {string | undefined} value
 * @param {Record<string, number>} criteria
 */
function parseHints(value, criteria) {
  /** @type {Record<string, string>} */
  const hints = {};
  for (const part of (value ?? '').split(';').map((each) => each.trim())) {
    if (!part) continue;
    const at = part.indexOf('=');
    const name = part.slice(0, at).trim().toLowerCase();
    const kind = CRITERIA[/** @type {keyof typeof CRITERIA} */ (name)];
    if (at < 1 || !kind)
      throw new UsageError(`--hints: "${part}" must read criterion=hint, e.g. "replies=Reply to a peer".`);
    if (!(kind in criteria)) throw new UsageError(`--hints: ${name} is not one of this badge's criteria.`);
    const hint = part.slice(at + 1).trim();
    if (!hint || characterCount(hint) > BADGE_LIMITS.hint) {
      throw new UsageError(`--hints: the hint for ${name} must be 1-${BADGE_LIMITS.hint} characters.`);
    }
    hints[kind] = hint;
  }
  return hints;
}

/** @param {string | undefined} value */
function parseEdition(value) {
  const edition = Number(value?.trim());
  if (value === undefined) throw new UsageError('--edition is required: how many copies, e.g. --edition 20.');
  if (!/^\d+$/.test(value.trim()) || edition < 1 || edition > BADGE_LIMITS.edition) {
    throw new UsageError(`--edition must be a whole number from 1 to ${BADGE_LIMITS.edition} (got "${value}").`);
  }
  return edition;
}

/**
 * @param {string | undefined} value
 * @param {number} now
 */
function parseClosesAt(value, now) {
  if (value === undefined) return null;
  const zoned = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value.trim());
  const at = new Date(value.trim());
  if (!zoned || Number.isNaN(at.getTime())) {
    throw new UsageError(`--closes-at "${value}" is not a time with its zone, such as 2026-06-30T23:59:00Z.`);
  }
  if (at.getTime() <= now) throw new UsageError(`--closes-at ${at.toISOString()} has passed: give a future time.`);
  return at;
}

/**
 * @param {string | undefined} value
 * @param {string} flag
 */
function parseHttpsUrl(value, flag) {
  if (value === undefined) return '';
  let url;
  try {
    url = new URL(value.trim());
  } catch {
    throw new UsageError(`--${flag} "${value}" is not an address; give an https:// address.`);
  }
  if (url.protocol !== 'https:') throw new UsageError(`--${flag} must be an https:// address (got "${value}").`);
  if (url.href.length > BADGE_LIMITS.image) {
    throw new UsageError(`--${flag} must be at most ${BADGE_LIMITS.image} characters.`);
  }
  return url.href;
}

/**
 * @param {Record<string, string | boolean | undefined>} values
 * @param {string} flag
 * @param {string} what
 */
function requireValue(values, flag, what) {
  const value = /** @type {string | undefined} */ (values[flag]);
  if (value === undefined || value.trim() === '') throw new UsageError(`--${flag} is required: ${what}.`);
  return value.trim();
}

/**
 * A badge command's input, checked before any connection.
 * @param {string} command
 * @param {Record<string, string | boolean | undefined>} values
 * @param {{project?: string, spaceId: string, requireText: (value: string | undefined, flag: string, min: number, max: number) => string, idPattern: RegExp, now?: number}} context
 */
export function parseBadgeCommand(command, values, { project, spaceId, requireText, idPattern, now = Date.now() }) {
  const badgeId = () => {
    const id = requireValue(values, 'badge', 'the id the page names, e.g. --badge founding-voices');
    if (!idPattern.test(id))
      throw new UsageError(`--badge "${id}" is not a valid id: use letters, digits, "-" or "_".`);
    return id;
  };
  const keyFile = () => requireValue(values, 'key', 'the issuer key file, e.g. --key issuer-key.json');
  const parsed = (/** @type {Record<string, unknown>} */ input) => ({ help: false, command, project, input });
  switch (command) {
    case 'create-badge': {
      const badgeIdValue = badgeId();
      const criteria = parseCriteria(/** @type {string | undefined} */ (values.criteria));
      const text = (/** @type {string} */ flag, /** @type {number} */ min, /** @type {number} */ max) =>
        requireText(/** @type {string | undefined} */ (values[flag]) ?? (min ? undefined : ''), flag, min, max);
      return parsed({
        spaceId,
        badgeId: badgeIdValue,
        name: text('name', 1, BADGE_LIMITS.name),
        description: text('description', 0, BADGE_LIMITS.description),
        criteria,
        hints: parseHints(/** @type {string | undefined} */ (values.hints), criteria),
        edition: parseEdition(/** @type {string | undefined} */ (values.edition)),
        closesAt: parseClosesAt(/** @type {string | undefined} */ (values['closes-at']), now),
        image: parseHttpsUrl(/** @type {string | undefined} */ (values.image), 'image'),
      });
    }
    case 'retire-badge':
      return parsed({ spaceId, badgeId: badgeId() });
    case 'keygen':
      return parsed({
        spaceId,
        keyFile: keyFile(),
        issuerName: requireText(
          /** @type {string | undefined} */ (values['issuer-name']),
          'issuer-name',
          1,
          BADGE_LIMITS.name,
        ),
        issuerUrl: parseHttpsUrl(/** @type {string | undefined} */ (values['issuer-url']), 'issuer-url'),
      });
    default:
      return parsed({ spaceId, badgeId: badgeId(), keyFile: keyFile() });
  }
}

/** @typedef {import('firebase-admin/firestore').Firestore} Firestore */

const spaceDoc = (/** @type {Firestore} */ db, /** @type {string} */ spaceId) => db.doc(`spaces/${spaceId}`);
const badgeDoc = (/** @type {Firestore} */ db, /** @type {string} */ spaceId, /** @type {string} */ badgeId) =>
  db.doc(`spaces/${spaceId}/badges/${badgeId}`);
const profileDoc = (/** @type {Firestore} */ db, /** @type {string} */ spaceId) =>
  db.doc(`spaces/${spaceId}/badgeIssuer/profile`);

/** @param {Firestore} db @param {string} spaceId */
async function requireSpace(db, spaceId) {
  if (!(await spaceDoc(db, spaceId).get()).exists) {
    throw noSuchSpace(spaceId);
  }
}

/** @param {Firestore} db @param {string} spaceId @param {string} badgeId */
async function requireBadge(db, spaceId, badgeId) {
  const snapshot = await badgeDoc(db, spaceId, badgeId).get();
  if (!snapshot.exists) {
    throw new CliError(`Space "${spaceId}" has no badge "${badgeId}". Create it with cohort-kit create-badge.`);
  }
  return /** @type {Record<string, any>} */ (snapshot.data());
}

/** "posts: at least 2; replies: at least 2" */
const criteriaNarrative = (/** @type {Record<string, number>} */ criteria) =>
  Object.entries(criteria)
    .map(([kind, count]) => `${Object.keys(CRITERIA).find((name) => CRITERIA[name] === kind)}: at least ${count}`)
    .join('; ');

/** A private key file as keygen wrote it. @param {string} path */
function readKeyFile(path) {
  let parsed;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const code = /** @type {NodeJS.ErrnoException} */ (error).code;
    throw new CliError(
      `--key ${path} could not be read: ${code === 'ENOENT' ? 'no such file' : 'not a key file from keygen'}.`,
    );
  }
  if (parsed?.privateKeyJwk?.crv !== 'Ed25519' || typeof parsed.keyId !== 'string') {
    throw new CliError(`--key ${path} is not a key file from cohort-kit keygen.`);
  }
  return { privateKey: createPrivateKey({ key: parsed.privateKeyJwk, format: 'jwk' }), keyId: parsed.keyId };
}

const base64url = (/** @type {Buffer | string} */ data) => Buffer.from(data).toString('base64url');

/**
 * A compact VC-JWT: the credential is the payload, signed with EdDSA.
 * @param {Record<string, unknown>} credential
 * @param {import('node:crypto').KeyObject} privateKey
 * @param {string} kid
 */
export function signCredential(credential, privateKey, kid) {
  const input = `${base64url(JSON.stringify({ alg: 'EdDSA', typ: 'vc+jwt', cty: 'vc', kid }))}.${base64url(JSON.stringify(credential))}`;
  return `${input}.${base64url(sign(null, Buffer.from(input), privateKey))}`;
}

/**
 * The credential in a VC-JWT when its signature holds for `publicKeyJwk`; throws otherwise.
 * @param {string} jwt
 * @param {import('node:crypto').JsonWebKey} publicKeyJwk
 */
export function verifyCredential(jwt, publicKeyJwk) {
  const [header, payload, signature, ...rest] = jwt.split('.');
  if (!header || !payload || !signature || rest.length) throw new Error('not a compact JWT');
  if (JSON.parse(Buffer.from(header, 'base64url').toString()).alg !== 'EdDSA') throw new Error('not EdDSA');
  const key = createPublicKey({ key: publicKeyJwk, format: 'jwk' });
  if (!verify(null, Buffer.from(`${header}.${payload}`), key, Buffer.from(signature, 'base64url'))) {
    throw new Error('the signature does not match');
  }
  return JSON.parse(Buffer.from(payload, 'base64url').toString());
}

/**
 * @param {Firestore} db
 * @param {{spaceId: string, badgeId: string, name: string, description: string, criteria: Record<string, number>, hints: Record<string, string>, edition: number, closesAt: Date | null, image: string}} input
 */
export async function createBadge(db, input) {
  await requireSpace(db, input.spaceId);
  const now = FieldValue.serverTimestamp();
  try {
    await badgeDoc(db, input.spaceId, input.badgeId).create({
      name: input.name,
      description: input.description,
      criteria: input.criteria,
      hints: input.hints,
      edition: input.edition,
      closesAt: input.closesAt,
      image: input.image,
      retired: false,
      retiredAt: null,
      issued: 0,
      createdAt: now,
      updatedAt: now,
    });
  } catch (error) {
    if (/** @type {{code?: unknown}} */ (error).code === GrpcStatus.ALREADY_EXISTS) {
      throw new CliError(
        `Badge "${input.badgeId}" already exists in space "${input.spaceId}". Its criteria and edition stay as ` +
          'learners claimed under them; retire it and create a badge with another id to change them.',
      );
    }
    throw error;
  }
}

/**
 * @param {Firestore} db
 * @param {{spaceId: string, badgeId: string}} input
 */
export async function retireBadge(db, { spaceId, badgeId }) {
  const ref = badgeDoc(db, spaceId, badgeId);
  return db.runTransaction(async (transaction) => {
    const snapshot = await transaction.get(ref);
    if (!snapshot.exists) await requireBadge(db, spaceId, badgeId);
    const badge = /** @type {Record<string, any>} */ (snapshot.data());
    if (badge.retired === true) return { already: true, badge };
    transaction.update(ref, {
      retired: true,
      retiredAt: FieldValue.serverTimestamp(),
      updatedAt: FieldValue.serverTimestamp(),
    });
    return { already: false, badge };
  });
}

/**
 * @param {Firestore} db
 * @param {{spaceId: string, keyFile: string, issuerName: string, issuerUrl: string}} input
 */
export async function keygen(db, { spaceId, keyFile, issuerName, issuerUrl }) {
  await requireSpace(db, spaceId);
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const keyId = `key-${randomUUID().slice(0, 8)}`;
  const publicKeyJwk = publicKey.export({ format: 'jwk' });
  try {
    // 'wx': never overwrite a key that signed credentials already.
    writeFileSync(keyFile, JSON.stringify({ keyId, privateKeyJwk: privateKey.export({ format: 'jwk' }) }, null, 2), {
      flag: 'wx',
      mode: 0o600,
    });
  } catch (error) {
    const code = /** @type {NodeJS.ErrnoException} */ (error).code;
    throw new CliError(
      code === 'EEXIST'
        ? `--key ${keyFile} exists already; keygen never overwrites a key. Choose another file.`
        : `--key ${keyFile} could not be written (${code}).`,
    );
  }
  await profileDoc(db, spaceId).set({
    id: issuerUrl || `urn:cohort-kit:space:${spaceId}`,
    type: 'Profile',
    name: issuerName,
    url: issuerUrl,
    keyId,
    publicKeyJwk,
    updatedAt: FieldValue.serverTimestamp(),
  });
  return { keyId };
}

/**
 * The OpenBadgeCredential of one holder.
 * @param {{space: Record<string, any>, spaceId: string, badgeId: string, badge: Record<string, any>, profile: Record<string, any>, uid: string, holder: Record<string, any>}} parts
 */
export function credentialOf({ space, spaceId, badgeId, badge, profile, uid, holder }) {
  const validFrom = holder.claimedAt?.toDate?.().toISOString() ?? new Date().toISOString();
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
    id: `urn:uuid:${randomUUID()}`,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: { id: profile.id, type: ['Profile'], name: profile.name, ...(profile.url ? { url: profile.url } : {}) },
    validFrom,
    name: badge.name,
    credentialSubject: {
      id: `urn:cohort-kit:space:${spaceId}:member:${uid}`,
      type: ['AchievementSubject'],
      achievement: {
        id: `urn:cohort-kit:space:${spaceId}:badge:${badgeId}`,
        type: ['Achievement'],
        name: badge.name,
        description: badge.description || badge.name,
        criteria: { narrative: criteriaNarrative(badge.criteria ?? {}) },
        ...(badge.image ? { image: { id: badge.image, type: 'Image' } } : {}),
      },
      copyNumber: holder.number,
      edition: badge.edition,
      cohort: space.cohortLabel || space.name || spaceId,
    },
  };
}

/**
 * Signs a credential for each holder without one.
 * @param {Firestore} db
 * @param {{spaceId: string, badgeId: string, keyFile: string}} input
 */
export async function issueCredentials(db, { spaceId, badgeId, keyFile }) {
  const { privateKey, keyId } = readKeyFile(keyFile);
  const [spaceSnapshot, profileSnapshot, badge] = await Promise.all([
    spaceDoc(db, spaceId).get(),
    profileDoc(db, spaceId).get(),
    requireBadge(db, spaceId, badgeId),
  ]);
  const profile = profileSnapshot.data();
  if (!profile) throw new CliError(`Space "${spaceId}" has no issuer profile yet: run cohort-kit keygen first.`);
  if (profile.keyId !== keyId) {
    throw new CliError(`--key ${keyFile} is not the key in space "${spaceId}"'s issuer profile (${profile.keyId}).`);
  }
  const credentials = badgeDoc(db, spaceId, badgeId).collection('credentials');
  const [holders, issued] = await Promise.all([
    badgeDoc(db, spaceId, badgeId).collection('holders').orderBy('number').get(),
    credentials.select().get(),
  ]);
  const done = new Set(issued.docs.map((each) => each.id));
  const space = spaceSnapshot.data() ?? {};
  let signed = 0;
  let batch = db.batch();
  for (const holder of holders.docs) {
    if (done.has(holder.id)) continue;
    const credential = credentialOf({ space, spaceId, badgeId, badge, profile, uid: holder.id, holder: holder.data() });
    const jwt = signCredential(credential, privateKey, `${profile.id}#${keyId}`);
    batch.set(credentials.doc(holder.id), {
      jwt,
      number: holder.get('number'),
      issuedAt: FieldValue.serverTimestamp(),
    });
    if (++signed % 400 === 0) {
      await batch.commit();
      batch = db.batch();
    }
  }
  await batch.commit();
  return { signed, holders: holders.size };
}

/**
 * Runs a parsed badge command; returns what to tell the user.
 * @param {{command: string, input: any}} parsed
 * @param {Firestore} db
 * @returns {Promise<string[]>}
 */
export async function executeBadgeCommand({ command, input }, db) {
  switch (command) {
    case 'create-badge': {
      await createBadge(db, input);
      const closes = input.closesAt ? `, claimable until ${input.closesAt.toISOString()}` : '';
      return [
        `Created badge "${input.badgeId}" (${input.name}) in space "${input.spaceId}": ${input.edition} ` +
          `cop${input.edition === 1 ? 'y' : 'ies'} for ${criteriaNarrative(input.criteria)}${closes}.`,
        `Pages show it with <cohort-badge badge="${input.badgeId}"></cohort-badge>.`,
      ];
    }
    case 'retire-badge': {
      const { already, badge } = await retireBadge(db, input);
      const tally = `${badge.issued ?? 0} of ${badge.edition} were issued`;
      return [
        already
          ? `Badge "${input.badgeId}" was already retired (${tally}); nothing changed.`
          : `Retired badge "${input.badgeId}" (${badge.name}): ${tally}. The holders' wall stays.`,
      ];
    }
    case 'keygen': {
      const { keyId } = await keygen(db, input);
      return [
        `Wrote the issuer's private key ${keyId} to ${input.keyFile}: keep it secret, and never put it on a page.`,
        `The public key is in space "${input.spaceId}"'s issuer profile (spaces/${input.spaceId}/badgeIssuer/profile).`,
      ];
    }
    default: {
      const { signed, holders } = await issueCredentials(db, input);
      return [
        `Signed ${signed} credential${signed === 1 ? '' : 's'} for badge "${input.badgeId}" ` +
          `(${holders} holder${holders === 1 ? '' : 's'}, ${holders - signed} already had one).`,
      ];
    }
  }
}
