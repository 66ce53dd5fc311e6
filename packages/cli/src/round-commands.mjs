// A round's life after its weeks: close it (the space turns read-only, polls close, badges retire), reopen it, keep
// the record (export), honour a data-protection request (forget), and start the next run clean (new-round).
// These run with firebase-admin, so the rules do not apply to them; the rules' spaceOpen() reads the closedAt they
// set on the space.
import { FieldValue, Timestamp } from 'firebase-admin/firestore';
import { CliError, UsageError } from './errors.mjs';
import { exportSpace, walkSpace } from './export.mjs';

export const ROUND_FLAGS = /** @type {const} */ ({
  from: { type: 'string' },
  out: { type: 'string' },
  uid: { type: 'string' },
  'starts-at': { type: 'string' },
  'ends-at': { type: 'string' },
});

/** The round commands, in the shape of args.mjs's COMMANDS. */
export const ROUND_COMMANDS = {
  'close-round': {
    flags: ['space'],
    synopsis: ['--space ID'],
    about: [
      'End the round: the space turns read-only for learners (the rules refuse their writes), its open polls',
      'close and its badges retire. Every element says "This round has ended on DATE" and keeps its content.',
    ],
    example: 'cohort-kit close-round --space leadership-2026',
  },
  'reopen-round': {
    flags: ['space'],
    synopsis: ['--space ID'],
    about: [
      'Undo close-round: learners write again, and the polls and badges it closed reopen (it names any it',
      'leaves closed: those closed before the round ended, or whose own closing time has passed).',
    ],
    example: 'cohort-kit reopen-round --space leadership-2026',
  },
  export: {
    flags: ['space', 'out'],
    synopsis: ['--space ID --out DIR'],
    about: [
      'Write the whole space to DIR: JSON, one file per collection; CSV of members, posts, votes, goals,',
      'check-ins, feedback and badge holders; and archive.html, a printable record of threads, goals and polls.',
    ],
    example: 'cohort-kit export --space leadership-2026 --out leadership-2026-archive',
  },
  forget: {
    flags: ['space', 'uid'],
    synopsis: ['--space ID --uid UID'],
    about: [
      "Erase one learner's name and text in the space (a data-protection request), leaving placeholders.",
      'Counts, tallies and the ledgers of others stay as they are.',
    ],
    example: 'cohort-kit forget --space leadership-2026 --uid 3yq0LqkGkTbq1Xq3NhXJ2b9z',
  },
  'new-round': {
    flags: ['from', 'space', 'name', 'starts-at', 'ends-at'],
    synopsis: ['--from OLD-ID --space NEW-ID [--name TEXT] [--starts-at DATE] [--ends-at DATE]'],
    about: [
      "Start the next run: a new space with the old one's name, norms, blocked words, report threshold, badge",
      'definitions and issuer profile, and no learner data. Badges close at --ends-at when it is given.',
    ],
    limits: 'dates as 2026-09-01 or 2026-09-01T09:00:00Z; --ends-at after --starts-at.',
    example:
      'cohort-kit new-round --from leadership-2026 --space leadership-2026-fall --starts-at 2026-09-01 --ends-at 2026-10-15',
  },
};

export const isRoundCommand = (/** @type {string} */ command) => Object.hasOwn(ROUND_COMMANDS, command);

/** @param {string | undefined} value @param {string} flag */
function parseDate(value, flag) {
  if (value === undefined) return null;
  const date = new Date(value.trim());
  if (!/^\d{4}-\d{2}-\d{2}/.test(value.trim()) || Number.isNaN(date.getTime())) {
    throw new UsageError(`--${flag} "${value}" is not a date: use 2026-09-01 or 2026-09-01T09:00:00Z.`);
  }
  return date;
}

/**
 * A round command's input, checked before any connection.
 * @param {string} command
 * @param {Record<string, string | boolean | undefined>} values
 * @param {{project?: string, spaceId: string, requireText: (value: string | undefined, flag: string, min: number, max: number) => string, idPattern: RegExp}} context
 */
export function parseRoundCommand(command, values, { project, spaceId, requireText, idPattern }) {
  const text = (/** @type {string} */ flag) => /** @type {string | undefined} */ (values[flag]);
  const parsed = (/** @type {Record<string, unknown>} */ input) => ({ help: false, command, project, input });
  switch (command) {
    case 'export':
      return parsed({ spaceId, out: requireText(text('out'), 'out', 1, 1000) });
    case 'forget':
      return parsed({ spaceId, uid: requireText(text('uid'), 'uid', 1, 128) });
    case 'new-round': {
      const from = text('from');
      if (from === undefined || !idPattern.test(from)) {
        throw new UsageError(
          from === undefined
            ? '--from is required: the space of the round before.'
            : `--from "${from}" is not a space id.`,
        );
      }
      if (from === spaceId) throw new UsageError('--space must name a new space, not --from again.');
      const startsAt = parseDate(text('starts-at'), 'starts-at');
      const endsAt = parseDate(text('ends-at'), 'ends-at');
      if (startsAt && endsAt && endsAt <= startsAt) throw new UsageError('--ends-at must be after --starts-at.');
      const name = text('name') === undefined ? undefined : requireText(text('name'), 'name', 1, 120);
      return parsed({ fromId: from, spaceId, name, startsAt, endsAt });
    }
    default:
      return parsed({ spaceId });
  }
}

/** @typedef {import('firebase-admin/firestore').Firestore} Firestore */

/**
 * Many writes at once, with their failures reported: BulkWriter answers each write on its own promise.
 * @param {Firestore} db
 */
function bulk(db) {
  const writer = db.bulkWriter();
  /** @type {Promise<unknown>[]} */
  const writes = [];
  return {
    update: (/** @type {any} */ ref, /** @type {Record<string, unknown>} */ data) =>
      writes.push(writer.update(ref, data)),
    create: (/** @type {any} */ ref, /** @type {Record<string, unknown>} */ data) =>
      writes.push(writer.create(ref, data)),
    done: async () => {
      await writer.close();
      await Promise.all(writes);
    },
  };
}

/** @param {Firestore} db @param {string} spaceId */
async function requireSpace(db, spaceId) {
  const snapshot = await db.doc(`spaces/${spaceId}`).get();
  if (!snapshot.exists) {
    throw new CliError(
      `Space "${spaceId}" does not exist. Create it first: cohort-kit create-space --space ${spaceId} --name "..."`,
    );
  }
  return { ref: snapshot.ref, space: /** @type {Record<string, any>} */ (snapshot.data()) };
}

const day = (/** @type {Timestamp | Date} */ at) =>
  (at instanceof Timestamp ? at.toDate() : at).toISOString().slice(0, 10);
const isPast = (/** @type {unknown} */ at) => at instanceof Timestamp && at.toMillis() <= Date.now();

/**
 * Closes the space, its open polls and its badges still claimable, and records which it closed so reopen-round
 * reopens those only.
 * @param {Firestore} db
 * @param {{spaceId: string}} input
 */
export async function closeRound(db, { spaceId }) {
  const { ref, space } = await requireSpace(db, spaceId);
  if (space.closedAt)
    return { already: true, closedAt: /** @type {Timestamp} */ (space.closedAt), polls: [], badges: [] };
  const [polls, badges] = await Promise.all([ref.collection('polls').get(), ref.collection('badges').get()]);
  const openPolls = polls.docs.filter((poll) => poll.get('closed') !== true && !isPast(poll.get('closesAt')));
  const liveBadges = badges.docs.filter((badge) => badge.get('retired') !== true);
  const writer = bulk(db);
  const now = FieldValue.serverTimestamp();
  for (const poll of openPolls) writer.update(poll.ref, { closed: true });
  for (const badge of liveBadges) writer.update(badge.ref, { retired: true, retiredAt: now, updatedAt: now });
  await writer.done();
  // The space last: once it says closed, everything it lists is closed.
  const closedAt = Timestamp.now();
  await ref.update({
    closedAt,
    closedItems: { polls: openPolls.map((poll) => poll.id), badges: liveBadges.map((badge) => badge.id) },
    updatedAt: now,
  });
  return { already: false, closedAt, polls: openPolls.map((poll) => poll.id), badges: liveBadges.map((b) => b.id) };
}

/**
 * Opens the space again with the polls and badges close-round closed, except those whose own closing time has
 * passed meanwhile (they would show closed anyway).
 * @param {Firestore} db
 * @param {{spaceId: string}} input
 */
export async function reopenRound(db, { spaceId }) {
  const { ref, space } = await requireSpace(db, spaceId);
  if (!space.closedAt) return { already: true, polls: [], badges: [], kept: [] };
  const items = space.closedItems ?? { polls: [], badges: [] };
  /** @type {string[]} */
  const kept = [];
  const reopened = { polls: /** @type {string[]} */ ([]), badges: /** @type {string[]} */ ([]) };
  const writer = bulk(db);
  for (const [collection, field] of /** @type {const} */ ([
    ['polls', 'polls'],
    ['badges', 'badges'],
  ])) {
    for (const id of /** @type {string[]} */ (items[field] ?? [])) {
      const snapshot = await ref.collection(collection).doc(id).get();
      if (!snapshot.exists) continue;
      const kind = collection === 'polls' ? 'poll' : 'badge';
      if (isPast(snapshot.get('closesAt'))) {
        kept.push(`${kind} "${id}" stays closed: its own closing time (${day(snapshot.get('closesAt'))}) has passed.`);
        continue;
      }
      reopened[field].push(id);
      writer.update(
        snapshot.ref,
        collection === 'polls'
          ? { closed: false }
          : { retired: false, retiredAt: null, updatedAt: FieldValue.serverTimestamp() },
      );
    }
  }
  await writer.done();
  await ref.update({
    closedAt: FieldValue.delete(),
    closedItems: FieldValue.delete(),
    updatedAt: FieldValue.serverTimestamp(),
  });
  // Polls and badges that were closed before the round ended were never the round's to reopen.
  const [polls, badges] = await Promise.all([
    ref.collection('polls').where('closed', '==', true).get(),
    ref.collection('badges').where('retired', '==', true).get(),
  ]);
  for (const poll of polls.docs)
    if (!(items.polls ?? []).includes(poll.id))
      kept.push(`poll "${poll.id}" stays closed: it was closed before the round ended.`);
  for (const badge of badges.docs)
    if (!(items.badges ?? []).includes(badge.id))
      kept.push(`badge "${badge.id}" stays retired: it was retired before the round ended.`);
  return { already: false, ...reopened, kept };
}

export const FORGOTTEN_NAME = 'Former member';
export const FORGOTTEN_TEXT = '[Removed at the learner’s request]';

// Fields that name a person, and fields holding what they wrote, wherever they sit in a document of theirs.
const NAME_FIELDS = new Set(['displayName', 'authorName', 'ownerName', 'reviewerName', 'name']);
const TEXT_FIELDS = new Set(['body', 'text', 'why', 'firstStep', 'note', 'thanks', 'label', 'link', 'answers']);
const OWNER_FIELDS = ['authorId', 'ownerId', 'createdBy', 'by', 'reviewerId', 'uid'];

/**
 * Replaces names and text at any depth of a document's data, but for the fields in `others` (someone else's writing
 * in the same document); returns the changed fields, or null.
 */
function scrubbed(
  /** @type {Record<string, any>} */ data,
  /** @type {string} */ path,
  /** @type {string[]} */ others = [],
) {
  /** @type {Record<string, unknown>} */
  const changes = {};
  const scrub = (/** @type {any} */ value, /** @type {string} */ key) => {
    if (typeof value === 'string' && value !== '') {
      // A badge holder's empty name already reads "A cohort member".
      if (NAME_FIELDS.has(key)) return path.includes('/holders/') ? '' : FORGOTTEN_NAME;
      if (TEXT_FIELDS.has(key)) return key === 'link' ? '' : FORGOTTEN_TEXT;
      return value;
    }
    if (TEXT_FIELDS.has(key) && value && typeof value === 'object' && !(value instanceof Timestamp)) {
      return Array.isArray(value) ? value.map(() => FORGOTTEN_TEXT) : mapValues(value, () => FORGOTTEN_TEXT);
    }
    if (value && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Timestamp))
      return mapValues(value, (inner, innerKey) => scrub(inner, innerKey));
    return value;
  };
  for (const [key, value] of Object.entries(data)) {
    if (others.includes(key)) continue;
    const after = scrub(value, key);
    if (JSON.stringify(after) !== JSON.stringify(value)) changes[key] = after;
  }
  return Object.keys(changes).length ? changes : null;
}

const mapValues = (/** @type {Record<string, any>} */ object, /** @type {(value: any, key: string) => any} */ fn) =>
  Object.fromEntries(Object.entries(object).map(([key, value]) => [key, fn(value, key)]));

/**
 * Erases one learner's name and text everywhere in the space: documents keyed by their uid or naming them as
 * author, owner, creator or reviewer. Ids, counts and timestamps stay, so tallies, reply counts and every ledger
 * still add up; their name in a poll's recent voters becomes the placeholder too.
 * @param {Firestore} db
 * @param {{spaceId: string, uid: string}} input
 */
export async function forgetLearner(db, { spaceId, uid }) {
  const { ref } = await requireSpace(db, spaceId);
  const member = await ref.collection('members').doc(uid).get();
  const ownName = member.exists ? member.get('displayName') : undefined;
  let documents = 0;
  /** @type {Set<string>} round/author/review of each review this learner wrote */
  const reviewsByThem = new Set();
  const writer = bulk(db);
  await walkSpace(db, spaceId, (doc) => {
    const data = doc.data() ?? {};
    // A review in an anonymous round names no reviewer: their claim on the work, one level up, says which is theirs
    // (the walk reads a level before the one below it).
    const claim = /\/feedbackRounds\/([^/]+)\/claims\/[^/]+$/.exec(doc.ref.path);
    if (claim && data.reviewerId === uid && data.reviewId)
      reviewsByThem.add(`${claim[1]}/${data.authorId}/${data.reviewId}`);
    const review = /\/feedbackRounds\/([^/]+)\/submissions\/([^/]+)\/reviews\/([^/]+)$/.exec(doc.ref.path);
    const theirs =
      doc.id === uid ||
      OWNER_FIELDS.some((field) => data[field] === uid) ||
      (review !== null && reviewsByThem.has(review.slice(1).join('/')));
    // A review holds two people's writing: the thanks is the work's author's, the rest its reviewer's.
    const workAuthor = review?.[2];
    /** @type {Record<string, unknown> | null} */
    let changes = theirs ? scrubbed(data, doc.ref.path, workAuthor && workAuthor !== uid ? ['thanks'] : []) : null;
    if (!theirs && workAuthor === uid && data.thanks) changes = { thanks: FORGOTTEN_TEXT };
    // Recent voters: a map of slots holding names.
    if (!theirs && ownName && data.names && typeof data.names === 'object') {
      const names = mapValues(data.names, (name) => (name === ownName ? FORGOTTEN_NAME : name));
      if (JSON.stringify(names) !== JSON.stringify(data.names)) changes = { names };
    }
    if (!changes) return;
    documents++;
    writer.update(doc.ref, changes);
  });
  await writer.done();
  if (member.exists) await member.ref.update({ forgottenAt: FieldValue.serverTimestamp() });
  return { documents, wasMember: member.exists };
}

// What a new run takes from the old one: its settings, never its people.
const COPIED_SETTINGS = ['name', 'norms', 'reportThreshold', 'blockedWords'];

/**
 * @param {Firestore} db
 * @param {{fromId: string, spaceId: string, name?: string, startsAt: Date | null, endsAt: Date | null}} input
 */
export async function newRound(db, { fromId, spaceId, name, startsAt, endsAt }) {
  const { ref: from, space } = await requireSpace(db, fromId);
  const to = db.doc(`spaces/${spaceId}`);
  const now = FieldValue.serverTimestamp();
  /** @type {Record<string, unknown>} */
  const settings = Object.fromEntries(COPIED_SETTINGS.filter((key) => key in space).map((key) => [key, space[key]]));
  try {
    await to.create({
      ...settings,
      ...(name ? { name } : {}),
      // The new cohort names itself (a names-cohort poll, or create-space --update --cohort-label).
      cohortLabel: '',
      startsAt: startsAt ? Timestamp.fromDate(startsAt) : null,
      endsAt: endsAt ? Timestamp.fromDate(endsAt) : null,
      createdAt: now,
      updatedAt: now,
    });
  } catch (error) {
    if (/** @type {{code?: unknown}} */ (error).code === 6) {
      throw new CliError(`Space "${spaceId}" already exists: a new round needs a new space id.`);
    }
    throw error;
  }
  const [badges, profile] = await Promise.all([from.collection('badges').get(), from.collection('badgeIssuer').get()]);
  const writer = bulk(db);
  for (const badge of badges.docs) {
    const { name: badgeName, description, criteria, hints, edition, image } = badge.data();
    writer.create(to.collection('badges').doc(badge.id), {
      name: badgeName,
      description,
      criteria,
      hints,
      edition,
      image,
      closesAt: endsAt ? Timestamp.fromDate(endsAt) : null,
      retired: false,
      retiredAt: null,
      issued: 0,
      createdAt: now,
      updatedAt: now,
    });
  }
  for (const doc of profile.docs) writer.create(to.collection('badgeIssuer').doc(doc.id), doc.data());
  await writer.done();
  return { badges: badges.docs.map((badge) => badge.id), settings: Object.keys(settings) };
}

const plural = (/** @type {number} */ n, /** @type {string} */ word) => `${n} ${word}${n === 1 ? '' : 's'}`;
const listed = (/** @type {string[]} */ ids) => ids.map((id) => `"${id}"`).join(', ');

/**
 * Runs a parsed round command; returns what to tell the user.
 * @param {{command: string, input: any}} parsed
 * @param {Firestore} db
 * @returns {Promise<string[]>}
 */
export async function executeRoundCommand({ command, input }, db) {
  switch (command) {
    case 'close-round': {
      const { already, closedAt, polls, badges } = await closeRound(db, input);
      if (already) return [`Space "${input.spaceId}" was already closed on ${day(closedAt)}; nothing changed.`];
      return [
        `Closed the round in space "${input.spaceId}" on ${day(closedAt)}: learners can no longer write there.`,
        `Closed ${plural(polls.length, 'poll')}${polls.length ? ` (${listed(polls)})` : ''} and retired ` +
          `${plural(badges.length, 'badge')}${badges.length ? ` (${listed(badges)})` : ''}.`,
      ];
    }
    case 'reopen-round': {
      const { already, polls, badges, kept } = await reopenRound(db, input);
      if (already) return [`Space "${input.spaceId}" is not closed; nothing changed.`];
      return [
        `Reopened the round in space "${input.spaceId}": learners can write again.`,
        `Reopened ${plural(polls.length, 'poll')}${polls.length ? ` (${listed(polls)})` : ''} and ` +
          `${plural(badges.length, 'badge')}${badges.length ? ` (${listed(badges)})` : ''}.`,
        ...kept.map((line) => `Not reopened: ${line}`),
      ];
    }
    case 'export': {
      const { collections, documents, csv } = await exportSpace(db, input);
      return [
        `Exported space "${input.spaceId}" to ${input.out}: ${plural(documents, 'document')} in ` +
          `${plural(collections, 'collection')} (JSON), ${csv.join(', ')} (CSV) and archive.html.`,
      ];
    }
    case 'forget': {
      const { documents, wasMember } = await forgetLearner(db, input);
      return [
        `Erased the name and text of ${input.uid} in space "${input.spaceId}" from ${plural(documents, 'document')}` +
          `${wasMember ? '' : ' (they were not a member)'}. Counts and tallies stay.`,
      ];
    }
    default: {
      const { badges, settings } = await newRound(db, input);
      return [
        `Created space "${input.spaceId}" from "${input.fromId}": ${settings.join(', ') || 'no settings'} and ` +
          `${plural(badges.length, 'badge definition')}${badges.length ? ` (${listed(badges)})` : ''}; no learner data.`,
      ];
    }
  }
}
