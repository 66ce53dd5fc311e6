// `cohort-kit export`: the whole space as files a course team keeps. JSON, one file per collection group under the
// space (threads.posts.json holds every thread's posts), each document with its path; CSV of the tables people open
// in a spreadsheet; and archive.html, a printable record. Votes in an anonymous poll are left out everywhere: the
// kit promises nobody pairs a voter with their choice, and the poll's shards keep its totals.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DocumentReference, GeoPoint, Timestamp } from 'firebase-admin/firestore';
import { CliError } from './errors.mjs';

/** @typedef {import('firebase-admin/firestore').Firestore} Firestore */
/** @typedef {import('firebase-admin/firestore').DocumentSnapshot} DocumentSnapshot */

// Listing each document's subcollections is one request per document: this many run at once.
const PARALLEL = 32;
const READ_CHUNK = 300;

/**
 * Visits every document under the space (not the space itself), subcollections included, also under documents
 * that do not exist themselves (a thread with posts and no thread document).
 * @param {Firestore} db
 * @param {string} spaceId
 * @param {(doc: DocumentSnapshot) => void} visit
 */
export async function walkSpace(db, spaceId, visit) {
  const space = db.doc(`spaces/${spaceId}`);
  let collections = await space.listCollections();
  while (collections.length) {
    /** @type {DocumentReference[]} */
    const refs = (await Promise.all(collections.map((collection) => collection.listDocuments()))).flat();
    for (let at = 0; at < refs.length; at += READ_CHUNK) {
      const chunk = refs.slice(at, at + READ_CHUNK);
      for (const snapshot of await db.getAll(...chunk)) if (snapshot.exists) visit(snapshot);
    }
    /** @type {import('firebase-admin/firestore').CollectionReference[]} */
    const next = [];
    for (let at = 0; at < refs.length; at += PARALLEL) {
      const found = await Promise.all(refs.slice(at, at + PARALLEL).map((ref) => ref.listCollections()));
      next.push(...found.flat());
    }
    collections = next;
  }
}

/** "threads/week-2/posts/abc" → "threads.posts": the group a document's file is named after. */
export const groupOf = (/** @type {string} */ relativePath) =>
  relativePath
    .split('/')
    .filter((_, index) => index % 2 === 0)
    .join('.');

/**
 * Firestore values as JSON: a timestamp keeps its exact nanoseconds beside a readable time, a reference its path.
 * @param {unknown} value
 * @returns {unknown}
 */
export function toJson(value) {
  if (value instanceof Timestamp)
    return { $timestamp: value.toDate().toISOString(), seconds: value.seconds, nanoseconds: value.nanoseconds };
  if (value instanceof DocumentReference) return { $reference: value.path };
  if (value instanceof GeoPoint) return { $geopoint: [value.latitude, value.longitude] };
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) return { $bytes: Buffer.from(value).toString('base64') };
  if (Array.isArray(value)) return value.map(toJson);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, toJson(inner)]));
  return value;
}

/**
 * The inverse of toJson, for reading an export back (references come back as paths in `db`).
 * @param {unknown} value
 * @param {Firestore} [db]
 * @returns {unknown}
 */
export function fromJson(value, db) {
  if (Array.isArray(value)) return value.map((inner) => fromJson(inner, db));
  if (value && typeof value === 'object') {
    const object = /** @type {Record<string, any>} */ (value);
    if ('$timestamp' in object) return new Timestamp(object.seconds, object.nanoseconds);
    if ('$reference' in object) return db ? db.doc(object.$reference) : object.$reference;
    if ('$geopoint' in object) return new GeoPoint(object.$geopoint[0], object.$geopoint[1]);
    if ('$bytes' in object) return Buffer.from(object.$bytes, 'base64');
    return Object.fromEntries(Object.entries(object).map(([key, inner]) => [key, fromJson(inner, db)]));
  }
  return value;
}

/** @typedef {{path: string, data: Record<string, any>}} Exported */

const csvCell = (/** @type {unknown} */ value) => {
  let text =
    value instanceof Timestamp
      ? value.toDate().toISOString()
      : value === null || value === undefined
        ? ''
        : typeof value === 'object'
          ? JSON.stringify(toJson(value))
          : String(value);
  // A cell a spreadsheet would run as a formula starts with a quote instead.
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/** @param {string[]} header @param {unknown[][]} rows */
const csv = (header, rows) => [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';

const idAt = (/** @type {Exported} */ doc, /** @type {number} */ index) => doc.path.split('/')[index];

/**
 * The tables: each a file name, a group, and its columns (a header and how to read it from a document).
 * @type {{file: string, group: string, columns: [string, (doc: Exported) => unknown][]}[]}
 */
const TABLES = [
  {
    file: 'members.csv',
    group: 'members',
    columns: [
      ['uid', (doc) => idAt(doc, 1)],
      ['name', (doc) => doc.data.displayName],
      ['role', (doc) => doc.data.role],
      ['joined', (doc) => doc.data.joinedAt],
      ['norms acknowledged', (doc) => doc.data.normsAcknowledgedAt],
    ],
  },
  {
    file: 'posts.csv',
    group: 'threads.posts',
    columns: [
      ['thread', (doc) => idAt(doc, 1)],
      ['post', (doc) => idAt(doc, 3)],
      ['reply to', (doc) => doc.data.parentId],
      ['author uid', (doc) => doc.data.authorId],
      ['author', (doc) => doc.data.authorName],
      ['text', (doc) => (doc.data.deleted ? '' : doc.data.body)],
      ['created', (doc) => doc.data.createdAt],
      ['replies', (doc) => doc.data.replyCount],
      ['reactions', (doc) => doc.data.reactionTotal],
      ['hidden', (doc) => doc.data.hidden],
      ['deleted', (doc) => doc.data.deleted],
    ],
  },
  {
    file: 'votes.csv',
    group: 'polls.votes',
    columns: [
      ['poll', (doc) => idAt(doc, 1)],
      ['voter uid', (doc) => idAt(doc, 3)],
      ['choices', (doc) => (doc.data.choices ?? []).join(' ')],
      ['voted', (doc) => doc.data.votedAt],
    ],
  },
  {
    file: 'goals.csv',
    group: 'goalBoards.goals',
    columns: [
      ['board', (doc) => idAt(doc, 1)],
      ['goal', (doc) => idAt(doc, 3)],
      ['owner uid', (doc) => doc.data.ownerId],
      ['owner', (doc) => doc.data.ownerName],
      ['goal text', (doc) => doc.data.text],
      ['why', (doc) => doc.data.why],
      ['first step', (doc) => doc.data.firstStep],
      ['target date', (doc) => doc.data.targetDate],
      ['visibility', (doc) => doc.data.visibility],
      ['status', (doc) => doc.data.status],
      ['check-ins', (doc) => doc.data.checkIns],
      ['cheers', (doc) => doc.data.cheers],
      ['created', (doc) => doc.data.createdAt],
    ],
  },
  {
    file: 'check-ins.csv',
    group: 'goalBoards.goals.checkIns',
    columns: [
      ['board', (doc) => idAt(doc, 1)],
      ['goal', (doc) => idAt(doc, 3)],
      ['check-in', (doc) => idAt(doc, 5)],
      ['by uid', (doc) => doc.data.by],
      ['status', (doc) => doc.data.status],
      ['note', (doc) => doc.data.note],
      ['at', (doc) => doc.data.at],
      ['cheers', (doc) => doc.data.cheers],
    ],
  },
  {
    file: 'feedback.csv',
    group: 'feedbackRounds.submissions.reviews',
    columns: [
      ['round', (doc) => idAt(doc, 1)],
      ['work author uid', (doc) => idAt(doc, 3)],
      ['review', (doc) => idAt(doc, 5)],
      ['reviewer uid', (doc) => doc.data.reviewerId],
      ['reviewer', (doc) => doc.data.reviewerName],
      ['answers', (doc) => doc.data.answers],
      ['created', (doc) => doc.data.createdAt],
      ['rating', (doc) => doc.data.rating],
      ['thanks', (doc) => doc.data.thanks],
      ['hidden', (doc) => doc.data.hidden],
    ],
  },
  {
    file: 'badge-holders.csv',
    group: 'badges.holders',
    columns: [
      ['badge', (doc) => idAt(doc, 1)],
      ['holder uid', (doc) => idAt(doc, 3)],
      ['number', (doc) => doc.data.number],
      ['name shown', (doc) => doc.data.name],
      ['claimed', (doc) => doc.data.claimedAt],
    ],
  },
];

const escapeHtml = (/** @type {unknown} */ value) =>
  String(value ?? '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');

const when = (/** @type {unknown} */ at) => (at instanceof Timestamp ? at.toDate().toISOString().slice(0, 10) : '');

/**
 * archive.html: the threads (posts with their replies), the goals shared with the cohort, and each poll's results.
 * Hidden and deleted posts, and goals not shared with the cohort, stay out of a record meant to be printed.
 * @param {Record<string, any>} space
 * @param {string} spaceId
 * @param {Map<string, Exported[]>} groups
 */
export function archiveHtml(space, spaceId, groups) {
  const group = (/** @type {string} */ name) => groups.get(name) ?? [];
  const title = escapeHtml(space.cohortLabel || space.name || spaceId);
  const byCreated = (/** @type {Exported} */ a, /** @type {Exported} */ b) =>
    (a.data.createdAt?.toMillis?.() ?? 0) - (b.data.createdAt?.toMillis?.() ?? 0);
  const shown = group('threads.posts').filter((post) => !post.data.hidden && !post.data.deleted);
  const threads = [...new Set(shown.map((post) => idAt(post, 1)))].sort();
  const post = (/** @type {Exported} */ doc) =>
    `<article><p class="by">${escapeHtml(doc.data.authorName)} · ${when(doc.data.createdAt)}</p><p>${escapeHtml(doc.data.body)}</p>`;
  const threadHtml = threads.map((thread) => {
    const posts = shown.filter((doc) => idAt(doc, 1) === thread).sort(byCreated);
    const top = posts.filter((doc) => !doc.data.parentId);
    const items = top.map((doc) => {
      const replies = posts.filter((reply) => reply.data.parentId === idAt(doc, 3));
      return `${post(doc)}${replies.length ? `<div class="replies">${replies.map((r) => `${post(r)}</article>`).join('')}</div>` : ''}</article>`;
    });
    return `<section><h3>${escapeHtml(thread)}</h3>${items.join('\n')}</section>`;
  });
  const goals = group('goalBoards.goals')
    .filter((goal) => goal.data.visibility === 'cohort' && !goal.data.hidden)
    .sort(byCreated)
    .map(
      (goal) =>
        `<li><strong>${escapeHtml(goal.data.ownerName)}</strong>: ${escapeHtml(goal.data.text)}` +
        `${goal.data.why ? ` <span class="why">(${escapeHtml(goal.data.why)})</span>` : ''} — ${escapeHtml(goal.data.status)}, ` +
        `${Number(goal.data.checkIns ?? 0)} check-ins</li>`,
    );
  const polls = group('polls').map((poll) => {
    /** @type {Record<string, number>} */
    const totals = {};
    for (const shard of group('polls.shards').filter((doc) => idAt(doc, 1) === idAt(poll, 1)))
      for (const [value, count] of Object.entries(shard.data.counts ?? {}))
        totals[value] = (totals[value] ?? 0) + count;
    const suggestions = group('polls.suggestions').filter((doc) => idAt(doc, 1) === idAt(poll, 1));
    const labels = new Map([
      ...(poll.data.optionValues ?? []).map((/** @type {string} */ value, /** @type {number} */ index) => [
        value,
        poll.data.optionLabels?.[index] ?? value,
      ]),
      ...suggestions.map((doc) => [idAt(doc, 3), doc.data.label]),
    ]);
    const rows = [...labels].map(
      ([value, label]) => `<tr><td>${escapeHtml(label)}</td><td>${Number(totals[value] ?? 0)}</td></tr>`,
    );
    return (
      `<section><h3>${escapeHtml(poll.data.question)}</h3><table><thead><tr><th>Option</th><th>Votes</th></tr></thead>` +
      `<tbody>${rows.join('')}</tbody></table></section>`
    );
  });
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title}: archive</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem}
article{border-top:1px solid #ccc;padding:.5rem 0}.replies{margin-inline-start:2rem}.by{color:#555;margin:0}
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:start}
@media print{section{break-inside:avoid-page}}</style></head>
<body><h1>${title}</h1><p>${escapeHtml(space.name)} · space ${escapeHtml(spaceId)}${space.closedAt ? ` · ended ${when(space.closedAt)}` : ''}</p>
<h2>Threads</h2>${threadHtml.join('\n') || '<p>No posts.</p>'}
<h2>Goals</h2>${goals.length ? `<ul>${goals.join('\n')}</ul>` : '<p>No goals shared with the cohort.</p>'}
<h2>Polls</h2>${polls.join('\n') || '<p>No polls.</p>'}
</body></html>
`;
}

/**
 * @param {Firestore} db
 * @param {{spaceId: string, out: string}} input
 */
export async function exportSpace(db, { spaceId, out }) {
  const spaceSnapshot = await db.doc(`spaces/${spaceId}`).get();
  if (!spaceSnapshot.exists) throw new CliError(`Space "${spaceId}" does not exist: nothing to export.`);
  const space = spaceSnapshot.data() ?? {};
  const prefix = `spaces/${spaceId}/`;
  /** @type {Exported[]} */
  const documents = [];
  await walkSpace(db, spaceId, (doc) =>
    documents.push({ path: doc.ref.path.slice(prefix.length), data: doc.data() ?? {} }),
  );
  const anonymousPolls = new Set(
    documents.filter((doc) => groupOf(doc.path) === 'polls' && doc.data.anonymous === true).map((doc) => idAt(doc, 1)),
  );
  /** @type {Map<string, Exported[]>} */
  const groups = new Map();
  for (const doc of documents) {
    const group = groupOf(doc.path);
    if (group === 'polls.votes' && anonymousPolls.has(idAt(doc, 1))) continue;
    if (!groups.has(group)) groups.set(group, []);
    groups.get(group)?.push(doc);
  }
  await mkdir(out, { recursive: true });
  const json = (/** @type {unknown} */ value) => JSON.stringify(value, null, 2) + '\n';
  const writes = [
    writeFile(join(out, 'space.json'), json({ path: `spaces/${spaceId}`, data: toJson(space) })),
    ...[...groups].map(([group, docs]) =>
      writeFile(join(out, `${group}.json`), json(docs.map((doc) => ({ path: doc.path, data: toJson(doc.data) })))),
    ),
    ...TABLES.map((table) =>
      writeFile(
        join(out, table.file),
        csv(
          table.columns.map(([header]) => header),
          (groups.get(table.group) ?? []).map((doc) => table.columns.map(([, read]) => read(doc))),
        ),
      ),
    ),
    writeFile(join(out, 'archive.html'), archiveHtml(space, spaceId, groups)),
  ];
  await Promise.all(writes);
  return {
    collections: groups.size,
    documents: [...groups.values()].reduce((sum, docs) => sum + docs.length, 0),
    csv: TABLES.map((table) => table.file),
  };
}
