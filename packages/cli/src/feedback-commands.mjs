// The peer-feedback commands: a facilitator's report of one round (<cohort-feedback>), as CSV for a spreadsheet.
// Who reviewed whom is read from the round's claims (a review itself names its reviewer only in a named round),
// which this tool may read and a learner's page may not. Layout: packages/feedback/src/feedback-data.ts.
import { noSuchSpace, UsageError } from './errors.mjs';

export const FEEDBACK_FLAGS = /** @type {const} */ ({
  round: { type: 'string' },
});

export const FEEDBACK_COMMANDS = {
  'feedback-report': {
    flags: ['space', 'round'],
    synopsis: ['--space ID --round ID'],
    about: [
      "Print one peer-feedback round as CSV: each member's submission, reviews given and received, how many of",
      'the reviews they gave were rated, and their average helpfulness (1-5). Reviewers named here are never',
      'shown to authors in an anonymous round.',
    ],
    example: 'cohort-kit feedback-report --space leadership-2026 --round goal-plan-draft > round.csv',
  },
};

export const isFeedbackCommand = (/** @type {string} */ command) => Object.hasOwn(FEEDBACK_COMMANDS, command);

/**
 * @param {string} command
 * @param {Record<string, unknown>} values
 * @param {{project?: string, spaceId: string, idPattern: RegExp}} context
 */
export function parseFeedbackCommand(command, values, { project, spaceId, idPattern }) {
  const round = values.round;
  if (typeof round !== 'string' || round === '') {
    throw new UsageError('--round is required: the id the page names, e.g. --round goal-plan-draft.');
  }
  if (!idPattern.test(round))
    throw new UsageError(`--round "${round}" is not a valid id: use letters, digits, "-" or "_".`);
  return { help: false, command, project, input: { spaceId, roundId: round } };
}

/** One CSV field: quoted when it must be, and a leading = + - @ made inert so a spreadsheet shows it as text. */
export function csvField(/** @type {unknown} */ value) {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export const csvLine = (/** @type {unknown[]} */ fields) => fields.map(csvField).join(',');

const asIso = (/** @type {any} */ at) => (at && typeof at.toDate === 'function' ? at.toDate().toISOString() : '');

/**
 * The round's rows, one per member who shared or reviewed, ordered by name.
 * @param {import('firebase-admin/firestore').Firestore} db
 * @param {{spaceId: string, roundId: string}} input
 */
export async function feedbackReport(db, { spaceId, roundId }) {
  const space = db.doc(`spaces/${spaceId}`);
  if (!(await space.get()).exists) throw noSuchSpace(spaceId);
  const round = space.collection('feedbackRounds').doc(roundId);
  const [members, submissions, claims] = await Promise.all([
    space.collection('members').get(),
    round.collection('submissions').get(),
    round.collection('claims').where('done', '==', true).get(),
  ]);
  /** @type {Map<string, {name: string, sharedAt: string, given: number, received: number, rated: number, ratingSum: number}>} */
  const rows = new Map();
  const names = new Map(members.docs.map((each) => [each.id, String(each.get('displayName') ?? '')]));
  const row = (/** @type {string} */ uid) => {
    let found = rows.get(uid);
    if (!found) {
      found = { name: names.get(uid) ?? '', sharedAt: '', given: 0, received: 0, rated: 0, ratingSum: 0 };
      rows.set(uid, found);
    }
    return found;
  };
  for (const work of submissions.docs) {
    const author = row(work.id);
    author.sharedAt = asIso(work.get('createdAt'));
    if (!author.name) author.name = String(work.get('authorName') ?? '');
  }
  const reviews = await Promise.all(
    claims.docs.map(async (claim) => {
      const authorId = String(claim.get('authorId'));
      const reviewId = String(claim.get('reviewId') ?? '');
      const review = reviewId
        ? await round.collection('submissions').doc(authorId).collection('reviews').doc(reviewId).get()
        : undefined;
      return { reviewerId: String(claim.get('reviewerId')), authorId, rating: review?.get('rating') };
    }),
  );
  for (const { reviewerId, authorId, rating } of reviews) {
    const reviewer = row(reviewerId);
    reviewer.given += 1;
    row(authorId).received += 1;
    if (typeof rating === 'number') {
      reviewer.rated += 1;
      reviewer.ratingSum += rating;
    }
  }
  return [...rows.entries()]
    .map(([uid, each]) => ({ uid, ...each }))
    .sort((a, b) => a.name.localeCompare(b.name) || a.uid.localeCompare(b.uid));
}

export const REPORT_HEADER = [
  'uid',
  'name',
  'shared_at',
  'reviews_given',
  'reviews_received',
  'given_reviews_rated',
  'average_helpfulness',
];

/**
 * @param {{command: string, input: {spaceId: string, roundId: string}}} parsed
 * @param {import('firebase-admin/firestore').Firestore} db
 * @returns {Promise<string[]>} the CSV, one line each
 */
export async function executeFeedbackCommand({ input }, db) {
  const rows = await feedbackReport(db, input);
  return [
    csvLine(REPORT_HEADER),
    ...rows.map((each) =>
      csvLine([
        each.uid,
        each.name,
        each.sharedAt,
        each.given,
        each.received,
        each.rated,
        each.rated ? (each.ratingSum / each.rated).toFixed(2) : '',
      ]),
    ),
  ];
}
