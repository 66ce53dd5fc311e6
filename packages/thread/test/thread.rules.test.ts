// Rules for <cohort-thread>: posts, replies, edits, soft deletes, reactions with counters, reports, moderation,
// locking and the per-learner rate limit. Each allow has a passing case and near misses that must fail.
import type { RulesTestEnvironment } from '@firebase/rules-unit-testing';
import {
  collection,
  doc,
  getDoc,
  getDocs,
  query,
  where,
  serverTimestamp,
  setDoc,
  Timestamp,
  updateDoc,
  deleteDoc,
  writeBatch,
  type WriteBatch,
  type Firestore,
} from 'firebase/firestore';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addContribution } from '../../core/src/ledger';
import { ALL_BUILT_IN_BLOCKED } from '../../core/src/text-checks';
import { assertFails, assertSucceeds, composedRules, rulesEnvironment, seed } from '@cohort-kit/core/testing/rules.js';
import { firstRate, linkCount, newPostFields } from './rules-fixtures.js';

const SPACE = 'spaces/leadership';
const THREAD = `${SPACE}/threads/week-2`;
const post = (id: string) => `${THREAD}/posts/${id}`;
const rate = (uid: string) => `${SPACE}/threadRates/${uid}`;
const myReactions = (uid: string) => `${THREAD}/reactions/${uid}`;
const author = (uid: string) => `${THREAD}/authors/${uid}`;

let env: RulesTestEnvironment;

const as = (uid: string) => env.authenticatedContext(uid).firestore() as unknown as Firestore;
const anonymous = () => env.unauthenticatedContext().firestore() as unknown as Firestore;

function newPost(uid: string, body: string, extra: Record<string, unknown> = {}) {
  const names: Record<string, [string, string]> = {
    alice: ['Alice', 'learner'],
    bob: ['Bob', 'learner'],
    carol: ['Carol', 'learner'],
    fran: ['Fran', 'facilitator'],
    mia: ['Mia', 'mentor'],
    outsider: ['Outsider', 'learner'],
  };
  const [name, role] = names[uid] ?? ['?', 'learner'];
  return newPostFields({ uid, name, role }, body, extra);
}

/** The next rate document after `current`, paying for post `id`. */
const nextRate = (current: Record<string, unknown>, id: string, extra: Record<string, unknown> = {}) => ({
  lastPostAt: serverTimestamp(),
  windowStart: current.windowStart,
  count: Number(current.count) + 1,
  lastThreadId: 'week-2',
  lastPostId: id,
  ...extra,
});

/** The +1 in the author's activity ledger that a new post or reply carries, the way the element writes it. */
const countPost = (batch: WriteBatch, db: Firestore, uid: string, id: string, data: Record<string, unknown>) =>
  addContribution(batch, db, 'leadership', uid, data.parentId ? 'replies' : 'posts', `threads/week-2/posts/${id}`);

/** A post, its rate document and its author's presence document in one batch, the way the element writes them. */
function writePost(
  db: Firestore,
  id: string,
  data: Record<string, unknown>,
  rateData: Record<string, unknown> | null = firstRate(id),
  uid = String(data.authorId),
  ledger = true,
) {
  const batch = writeBatch(db);
  batch.set(doc(db, post(id)), data);
  if (rateData) batch.set(doc(db, rate(uid)), rateData);
  if (ledger) countPost(batch, db, uid, id, data);
  return batch.commit();
}

/** The fields an edit changes, as the element writes them. */
const edited = (body: string, extra: Record<string, unknown> = {}) => ({
  body,
  editedAt: serverTimestamp(),
  mentions: [],
  linkCount: linkCount(body),
  ...extra,
});

/** An edit of post `id` with the rate document that pays for it, in one batch, the way the element writes them. */
function writeEdit(
  db: Firestore,
  id: string,
  patch: Record<string, unknown>,
  rateData: Record<string, unknown> | null = firstRate(id),
  uid = 'alice',
) {
  const batch = writeBatch(db);
  batch.update(doc(db, post(id)), patch);
  if (rateData) batch.set(doc(db, rate(uid)), rateData);
  return batch.commit();
}

/** The rate document as stored now (read as its owner). */
async function currentRate(db: Firestore, uid: string) {
  return (await getDoc(doc(db, rate(uid)))).data()!;
}

function stored(authorId: string, extra: Record<string, unknown> = {}) {
  return {
    ...newPost(authorId, 'A stored post'),
    createdAt: Timestamp.fromMillis(Date.now() - 60_000),
    ...extra,
  };
}

async function seedPost(id: string, authorId: string, extra: Record<string, unknown> = {}) {
  await seed(env, (db) => setDoc(doc(db, post(id)), stored(authorId, extra)));
}

async function seedRate(uid: string, lastPostAgoMs: number, windowAgoMs: number, count: number) {
  await seed(env, (db) =>
    setDoc(doc(db, rate(uid)), {
      lastPostAt: Timestamp.fromMillis(Date.now() - lastPostAgoMs),
      windowStart: Timestamp.fromMillis(Date.now() - windowAgoMs),
      count,
      lastThreadId: 'week-2',
      lastPostId: 'older',
    }),
  );
}

beforeAll(async () => {
  env = await rulesEnvironment('thread');
});

afterAll(async () => {
  await env?.cleanup();
});

beforeEach(async () => {
  await env.clearFirestore();
  await seed(env, async (db) => {
    await setDoc(doc(db, SPACE), { name: 'Leadership', norms: '', reportThreshold: 2, blockedWords: ['meanword'] });
    const joined = Timestamp.now();
    for (const [uid, displayName, role] of [
      ['alice', 'Alice', 'learner'],
      ['bob', 'Bob', 'learner'],
      ['carol', 'Carol', 'learner'],
      ['fran', 'Fran', 'facilitator'],
      ['mia', 'Mia', 'mentor'],
    ]) {
      await setDoc(doc(db, `${SPACE}/members/${uid}`), {
        displayName,
        role,
        joinedAt: joined,
        normsAcknowledgedAt: null,
      });
    }
  });
});

describe('thread posts: create', () => {
  it('lets a member post with their rate document in the same batch', async () => {
    await assertSucceeds(
      writePost(as('alice'), 'p1', newPost('alice', 'My goal is to **listen** more. https://example.com')),
    );
  });

  it('accepts exactly 2000 characters and three links', async () => {
    const links = ' https://a.example https://b.example https://c.example';
    await assertSucceeds(writePost(as('alice'), 'p1', newPost('alice', 'x'.repeat(2000 - links.length) + links)));
  });

  it('refuses a post without sign-in or without membership', async () => {
    await assertFails(writePost(anonymous(), 'p1', newPost('alice', 'hello'), null));
    await assertFails(writePost(as('outsider'), 'p1', newPost('outsider', 'hello')));
  });

  it('refuses a forged author, name or role', async () => {
    await assertFails(writePost(as('alice'), 'p1', newPost('bob', 'hello'), firstRate('p1'), 'alice'));
    await assertFails(writePost(as('alice'), 'p1', newPost('alice', 'hello', { authorName: 'Fran' })));
    await assertFails(writePost(as('alice'), 'p1', newPost('alice', 'hello', { authorRole: 'facilitator' })));
  });

  it('refuses a forged timestamp, an extra field or pre-filled counters', async () => {
    await assertFails(
      writePost(
        as('alice'),
        'p1',
        newPost('alice', 'hello', { createdAt: Timestamp.fromMillis(Date.now() - 86_400_000) }),
      ),
    );
    await assertFails(writePost(as('alice'), 'p1', newPost('alice', 'hello', { editedAt: serverTimestamp() })));
    await assertFails(writePost(as('alice'), 'p1', newPost('alice', 'hello', { featured: true })));
    await assertFails(
      writePost(as('alice'), 'p1', newPost('alice', 'hello', { reactionCounts: { thumbs: 40 }, reactionTotal: 40 })),
    );
    await assertFails(writePost(as('alice'), 'p1', newPost('alice', 'hello', { pinned: true })));
    await assertFails(writePost(as('alice'), 'p1', newPost('alice', 'hello', { replyCount: 3 })));
  });

  it('refuses an oversized or empty body', async () => {
    await assertFails(writePost(as('alice'), 'p1', newPost('alice', 'x'.repeat(2001))));
    await assertFails(writePost(as('alice'), 'p1', newPost('alice', '')));
  });

  it('refuses more than three links or a false link count', async () => {
    await assertFails(
      writePost(as('alice'), 'p1', newPost('alice', 'https://a.io https://b.io http://c.io https://d.io')),
    );
    await assertFails(writePost(as('alice'), 'p1', newPost('alice', 'see https://a.io', { linkCount: 0 })));
    // A link at the very end still counts.
    await assertFails(
      writePost(as('alice'), 'p1', newPost('alice', 'a https://a.io b https://b.io c https://c.io https://d.io')),
    );
  });

  it("refuses a word from the space's blocked list, as a whole word in any case", async () => {
    await assertFails(writePost(as('alice'), 'p1', newPost('alice', 'You are a MeanWord, honestly')));
    await assertSucceeds(writePost(as('alice'), 'p2', newPost('alice', 'Meanwords is not the same word')));
  });

  it('refuses a post whose batch does not update the rate document', async () => {
    await assertFails(writePost(as('alice'), 'p1', newPost('alice', 'hello'), null));
  });

  it('refuses more than 2000 characters or more than 10 mentions', async () => {
    await assertFails(
      writePost(as('alice'), 'p1', newPost('alice', 'hi', { mentions: Array.from({ length: 11 }, (_, i) => `u${i}`) })),
    );
    await assertSucceeds(writePost(as('alice'), 'p1', newPost('alice', 'hi @Bob', { mentions: ['bob'] })));
  });
});

describe('thread posts: mentions', () => {
  const uid128 = 'u'.repeat(128);

  it('refuses mentions that are oversized, not strings, empty or repeated', async () => {
    const huge = Array.from({ length: 10 }, (_, i) => `${i}`.padEnd(90_000, 'x'));
    const ats = '@a @b @c @d @e @f @g @h @i @j';
    await assertFails(writePost(as('alice'), 'p1', newPost('alice', 'short body', { mentions: huge })));
    await assertFails(writePost(as('alice'), 'p1', newPost('alice', ats, { mentions: huge })));
    await assertFails(writePost(as('alice'), 'p1', newPost('alice', '@Bob', { mentions: [`${uid128}x`] })));
    await assertFails(writePost(as('alice'), 'p1', newPost('alice', '@Bob', { mentions: [42] })));
    await assertFails(writePost(as('alice'), 'p1', newPost('alice', '@Bob', { mentions: [{ uid: 'bob' }] })));
    await assertFails(writePost(as('alice'), 'p1', newPost('alice', '@Bob', { mentions: [''] })));
    await assertFails(writePost(as('alice'), 'p1', newPost('alice', '@Bob @Bob', { mentions: ['bob', 'bob'] })));
    await assertFails(writePost(as('alice'), 'p1', newPost('alice', '@Bob', { mentions: 'bob' })));
    await assertSucceeds(writePost(as('alice'), 'p1', newPost('alice', `@Bob @Max`, { mentions: ['bob', uid128] })));
  });

  it('refuses more mentions than the body has "@", counting one at either end', async () => {
    await assertFails(writePost(as('alice'), 'p1', newPost('alice', 'Bob and Carol', { mentions: ['bob'] })));
    await assertFails(writePost(as('alice'), 'p1', newPost('alice', '@Bob and Carol', { mentions: ['bob', 'carol'] })));
    await assertSucceeds(writePost(as('alice'), 'p1', newPost('alice', '@Bob', { mentions: ['bob'] })));
    await assertSucceeds(writePost(as('bob'), 'p2', newPost('bob', 'thanks @', { mentions: ['alice'] })));
  });

  it('bounds the mentions of an edit the same way', async () => {
    await seedPost('p1', 'alice');
    const huge = Array.from({ length: 10 }, (_, i) => `${i}`.padEnd(90_000, 'x'));
    await assertFails(writeEdit(as('alice'), 'p1', edited('short body', { mentions: huge })));
    await assertFails(writeEdit(as('alice'), 'p1', edited('Bob and Carol', { mentions: ['bob'] })));
    await assertFails(writeEdit(as('alice'), 'p1', edited('@Bob', { mentions: [7] })));
    await assertSucceeds(writeEdit(as('alice'), 'p1', edited('@Bob and @Carol', { mentions: ['bob', 'carol'] })));
  });
});

describe('thread posts: rate limit', () => {
  it('allows a second post more than 10 seconds after the first, counting it in the hour', async () => {
    await seedRate('alice', 11_000, 600_000, 4);
    const db = as('alice');
    await assertSucceeds(
      writePost(db, 'p2', newPost('alice', 'again'), nextRate(await currentRate(db, 'alice'), 'p2')),
    );
  });

  it('refuses two posts in one batch with one rate update', async () => {
    await seedRate('alice', 11_000, 600_000, 4);
    const db = as('alice');
    const current = await currentRate(db, 'alice');
    const batch = writeBatch(db);
    batch.set(doc(db, post('p1')), newPost('alice', 'one'));
    countPost(batch, db, 'alice', 'p1', newPost('alice', 'one'));
    batch.set(doc(db, post('p2')), newPost('alice', 'two'));
    countPost(batch, db, 'alice', 'p2', newPost('alice', 'two'));
    batch.set(doc(db, rate('alice')), nextRate(current, 'p2'));
    await assertFails(batch.commit());
    // The same batch with one post goes through.
    const single = writeBatch(db);
    single.set(doc(db, post('p2')), newPost('alice', 'two'));
    countPost(single, db, 'alice', 'p2', newPost('alice', 'two'));
    single.set(doc(db, rate('alice')), nextRate(current, 'p2'));
    await assertSucceeds(single.commit());
  });

  it('refuses a rate update that names no new post, or a post another batch already created', async () => {
    await seedRate('alice', 11_000, 600_000, 4);
    await seedPost('old', 'alice');
    const db = as('alice');
    const current = await currentRate(db, 'alice');
    await assertFails(setDoc(doc(db, rate('alice')), nextRate(current, 'nothing')));
    await assertFails(setDoc(doc(db, rate('alice')), nextRate(current, 'old')));
    await assertFails(
      writePost(db, 'p1', newPost('alice', 'x'), nextRate(current, 'p1', { lastThreadId: 'another-thread' })),
    );
  });

  it('refuses a post within 10 seconds of the last one (the 11th second is allowed, tested above)', async () => {
    const db = as('alice');
    await assertSucceeds(writePost(db, 'p1', newPost('alice', 'first')));
    await assertFails(writePost(db, 'p2', newPost('alice', 'second'), nextRate(await currentRate(db, 'alice'), 'p2')));
    await seedRate('alice', 9_000, 600_000, 4);
    await assertFails(writePost(db, 'p3', newPost('alice', 'third'), nextRate(await currentRate(db, 'alice'), 'p3')));
  });

  it('holds across threads: the space-wide limit counts a post in another thread', async () => {
    const db = as('alice');
    const other = `${SPACE}/threads/week-3/posts/q1`;
    const batch = writeBatch(db);
    batch.set(doc(db, other), newPost('alice', 'in week 3'));
    batch.set(doc(db, rate('alice')), firstRate('q1', 'week-3'));
    addContribution(batch, db, 'leadership', 'alice', 'posts', 'threads/week-3/posts/q1');
    await assertSucceeds(batch.commit());
    await assertFails(
      writePost(db, 'p1', newPost('alice', 'week 2 at once'), nextRate(await currentRate(db, 'alice'), 'p1')),
    );
  });

  it('refuses a 31st post in the hour, and starts a new window after it', async () => {
    await seedRate('alice', 60_000, 30 * 60_000, 30);
    const db = as('alice');
    const current = await currentRate(db, 'alice');
    await assertFails(writePost(db, 'p1', newPost('alice', 'one more'), nextRate(current, 'p1')));
    await assertFails(
      writePost(
        db,
        'p1',
        newPost('alice', 'one more'),
        nextRate(current, 'p1', { windowStart: serverTimestamp(), count: 1 }),
      ),
    );
    await seedRate('alice', 60_000, 30 * 60_000, 29);
    await assertSucceeds(writePost(db, 'p1', newPost('alice', '30th'), nextRate(await currentRate(db, 'alice'), 'p1')));
    await seedRate('alice', 60_000, 61 * 60_000, 30);
    await assertSucceeds(
      writePost(
        db,
        'p2',
        newPost('alice', 'new hour'),
        nextRate(await currentRate(db, 'alice'), 'p2', { windowStart: serverTimestamp(), count: 1 }),
      ),
    );
  });

  it('accepts a post queued before the hour ended that still counts in the old window', async () => {
    await seedRate('alice', 2 * 3600_000, 3 * 3600_000, 6);
    const db = as('alice');
    await assertSucceeds(
      writePost(db, 'p1', newPost('alice', 'from the train'), nextRate(await currentRate(db, 'alice'), 'p1')),
    );
  });

  it('refuses a rate document that is reset, forged or belongs to someone else', async () => {
    await seedRate('alice', 11_000, 600_000, 7);
    const db = as('alice');
    const current = await currentRate(db, 'alice');
    await assertFails(writePost(db, 'p1', newPost('alice', 'x'), nextRate(current, 'p1', { count: 1 })));
    await assertFails(
      writePost(
        db,
        'p1',
        newPost('alice', 'x'),
        nextRate(current, 'p1', { lastPostAt: Timestamp.fromMillis(Date.now()) }),
      ),
    );
    await assertFails(writePost(db, 'p1', newPost('alice', 'x'), nextRate(current, 'p1', { extra: true })));
    await assertFails(deleteDoc(doc(db, rate('alice'))));
    await assertFails(writePost(db, 'p1', newPost('alice', 'x'), firstRate('p1'), 'bob'));
    await assertFails(getDoc(doc(db, rate('bob'))));
  });
});

describe('thread posts: rate limit on edits', () => {
  beforeEach(async () => {
    await seedPost('p1', 'alice');
    await seedPost('p2', 'alice');
  });

  it('lets an edit through with the rate document naming the edited post, counted like a post', async () => {
    await seedRate('alice', 11_000, 600_000, 4);
    const db = as('alice');
    await assertSucceeds(writeEdit(db, 'p1', edited('Edited once'), nextRate(await currentRate(db, 'alice'), 'p1')));
    expect(await currentRate(db, 'alice')).toMatchObject({ count: 5, lastThreadId: 'week-2', lastPostId: 'p1' });
  });

  it('refuses an edit without the rate document, or with one that names another post', async () => {
    const db = as('alice');
    await assertFails(updateDoc(doc(db, post('p1')), edited('Edited for free')));
    await assertFails(writeEdit(db, 'p1', edited('Paid for p2'), firstRate('p2')));
    await assertFails(writeEdit(db, 'p1', edited('Paid in week 3'), firstRate('p1', 'week-3')));
    // One rate update cannot pay for two edits.
    const batch = writeBatch(db);
    batch.update(doc(db, post('p1')), edited('one'));
    batch.update(doc(db, post('p2')), edited('two'));
    batch.set(doc(db, rate('alice')), firstRate('p2'));
    await assertFails(batch.commit());
    await assertSucceeds(writeEdit(db, 'p1', edited('Paid for p1'), firstRate('p1')));
  });

  it('refuses a second edit, or a post after an edit, within 10 seconds', async () => {
    const db = as('alice');
    await assertSucceeds(writeEdit(db, 'p1', edited('Edit one')));
    await assertFails(writeEdit(db, 'p1', edited('Edit two'), nextRate(await currentRate(db, 'alice'), 'p1')));
    await assertFails(writeEdit(db, 'p2', edited('Edit three'), nextRate(await currentRate(db, 'alice'), 'p2')));
    await assertFails(writePost(db, 'p3', newPost('alice', 'A post'), nextRate(await currentRate(db, 'alice'), 'p3')));
  });

  it('refuses a 31st post or edit in the hour', async () => {
    await seedRate('alice', 60_000, 30 * 60_000, 30);
    const db = as('alice');
    await assertFails(writeEdit(db, 'p1', edited('One too many'), nextRate(await currentRate(db, 'alice'), 'p1')));
    await seedRate('alice', 60_000, 30 * 60_000, 29);
    await assertSucceeds(writeEdit(db, 'p1', edited('The 30th'), nextRate(await currentRate(db, 'alice'), 'p1')));
  });
});

describe('thread presence: authors', () => {
  it('lets a learner record when they last posted, only with a post in this thread', async () => {
    const db = as('alice');
    const batch = writeBatch(db);
    batch.set(doc(db, post('p1')), newPost('alice', 'hello'));
    countPost(batch, db, 'alice', 'p1', newPost('alice', 'hello'));
    batch.set(doc(db, rate('alice')), firstRate('p1'));
    batch.set(doc(db, author('alice')), { lastPostAt: serverTimestamp() });
    await assertSucceeds(batch.commit());
    await assertSucceeds(
      getDocs(query(collection(anonymous(), `${THREAD}/authors`), where('lastPostAt', '>=', Timestamp.fromMillis(0)))),
    );
  });

  it('refuses a presence without a post, for someone else, or with a forged time', async () => {
    const db = as('alice');
    await assertFails(setDoc(doc(db, author('alice')), { lastPostAt: serverTimestamp() }));
    const forged = writeBatch(db);
    forged.set(doc(db, post('p1')), newPost('alice', 'hello'));
    countPost(forged, db, 'alice', 'p1', newPost('alice', 'hello'));
    forged.set(doc(db, rate('alice')), firstRate('p1'));
    forged.set(doc(db, author('alice')), { lastPostAt: Timestamp.fromMillis(Date.now() + 86_400_000) });
    await assertFails(forged.commit());
    const other = writeBatch(db);
    other.set(doc(db, post('p1')), newPost('alice', 'hello'));
    countPost(other, db, 'alice', 'p1', newPost('alice', 'hello'));
    other.set(doc(db, rate('alice')), firstRate('p1'));
    other.set(doc(db, author('bob')), { lastPostAt: serverTimestamp() });
    await assertFails(other.commit());
  });

  it('refuses a presence written with an edit: editing an old post is not posting this week', async () => {
    await seedPost('p1', 'alice');
    const db = as('alice');
    const withPresence = writeBatch(db);
    withPresence.update(doc(db, post('p1')), edited('Tidied up'));
    withPresence.set(doc(db, rate('alice')), firstRate('p1'));
    withPresence.set(doc(db, author('alice')), { lastPostAt: serverTimestamp() });
    await assertFails(withPresence.commit());
    await assertSucceeds(writeEdit(db, 'p1', edited('Tidied up')));
  });
});

describe('thread posts: norms and blocked words', () => {
  it('keeps the client and the rules lists of built-in words the same', () => {
    const rules = composedRules();
    const block = /function builtInBlocked\(\) \{\s*return \[([^\]]*)\]/.exec(rules);
    expect(block).not.toBeNull();
    const listed = [...block![1]!.matchAll(/'([^']+)'/g)].map((m) => m[1]);
    expect([...listed].sort()).toEqual([...ALL_BUILT_IN_BLOCKED].sort());
  });

  it('refuses a built-in slur of any language and a space word, on create and on edit', async () => {
    await assertFails(writePost(as('alice'), 'p1', newPost('alice', 'You are such a Retard.')));
    await assertFails(writePost(as('alice'), 'p1', newPost('alice', 'eso es de sudaca')));
    await assertFails(writePost(as('alice'), 'p1', newPost('alice', 'a meanword here')));
    await assertSucceeds(writePost(as('alice'), 'p1', newPost('alice', 'Retardant is a fire word')));
    const edit = (body: string) => writeEdit(as('alice'), 'p1', edited(body), firstRate('p1'));
    await seed(env, (db) => deleteDoc(doc(db, rate('alice'))));
    await assertFails(edit('now with retard in it'));
    await assertFails(edit('now with a MEANWORD in it'));
    await assertFails(edit('https://a.io https://b.io https://c.io https://d.io'));
    await assertSucceeds(edit('now kinder'));
  });

  it('refuses a blocked word with an invisible character inside it, on create and on edit', async () => {
    const hidden = ['re\u200Btard', 're\u00ADtard', 're\u200Dtard', 're\u034Ftard', 'mean\u200Bword', 'MEAN\u00ADWORD'];
    // Every other character that draws nothing: variation selectors, direction marks, invisible operators,
    // fillers, tags.
    hidden.push(
      ...['\uFE0F', '\u{E0101}', '\u200E', '\u200F', '\u061C', '\u2062', '\u1160', '\u3164', '\u180E', '\u{E0020}'].map(
        (x) => `re${x}tard`,
      ),
    );
    for (const word of hidden) {
      await assertFails(writePost(as('alice'), 'p1', newPost('alice', `you ${word}`)));
    }
    await seedPost('p2', 'alice');
    for (const word of hidden) {
      await assertFails(writeEdit(as('alice'), 'p2', edited(`you ${word}`)));
    }
    // The same text without the word goes through, both ways.
    await assertSucceeds(writeEdit(as('alice'), 'p2', edited('you re\u200Bthink')));
    await seed(env, (db) => deleteDoc(doc(db, rate('alice'))));
    await assertSucceeds(writePost(as('alice'), 'p1', newPost('alice', 'you re\u00ADthink')));
  });

  it('refuses bidi embeddings, overrides and isolates in a body, on create and on edit', async () => {
    const controls = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069'];
    await seedPost('p2', 'alice');
    for (const control of controls) {
      const body = `Pay the invoice ${control}1gp.exe`;
      await assertFails(writePost(as('alice'), 'p1', newPost('alice', body)));
      await assertFails(writeEdit(as('alice'), 'p2', edited(body)));
    }
    await assertSucceeds(writeEdit(as('alice'), 'p2', edited('Pay the invoice 1gp.exe')));
  });

  it('accepts Persian that needs the zero-width non-joiner inside words, and emoji joiner sequences', async () => {
    const persian = 'می\u200Cخواهم یاد بگیرم';
    const emoji = 'Pairing today 👩\u200D💻 with my family 👨\u200D👩\u200D👧';
    await assertSucceeds(writePost(as('alice'), 'p1', newPost('alice', persian)));
    await assertSucceeds(writePost(as('bob'), 'p2', newPost('bob', emoji)));
    await seedPost('p3', 'carol');
    await assertSucceeds(writeEdit(as('carol'), 'p3', edited(`${persian} ${emoji}`), firstRate('p3'), 'carol'));
    const read = async (id: string) => (await getDoc(doc(as('fran'), post(id)))).data()!.body;
    expect(await read('p1')).toBe(persian);
    expect(await read('p3')).toBe(`${persian} ${emoji}`);
  });

  it('requires acknowledged norms before a post when the space has norms', async () => {
    await seed(env, (db) =>
      setDoc(doc(db, SPACE), { name: 'Leadership', norms: 'Be kind.', reportThreshold: 2, blockedWords: ['meanword'] }),
    );
    await assertFails(writePost(as('alice'), 'p1', newPost('alice', 'hello')));
    await seed(env, (db) => updateDoc(doc(db, `${SPACE}/members/alice`), { normsAcknowledgedAt: Timestamp.now() }));
    await assertSucceeds(writePost(as('alice'), 'p1', newPost('alice', 'hello')));
    // Replies too.
    const bobDb = as('bob');
    const reply = writeBatch(bobDb);
    reply.set(doc(bobDb, post('r1')), newPost('bob', 'a reply', { parentId: 'p1' }));
    countPost(reply, bobDb, 'bob', 'r1', newPost('bob', 'a reply', { parentId: 'p1' }));
    reply.set(doc(bobDb, rate('bob')), firstRate('r1'));
    reply.update(doc(bobDb, post('p1')), { replyCount: 1, lastReplyId: 'r1' });
    await assertFails(reply.commit());
    await seed(env, (db) => updateDoc(doc(db, `${SPACE}/members/bob`), { normsAcknowledgedAt: Timestamp.now() }));
    const again = writeBatch(bobDb);
    again.set(doc(bobDb, post('r1')), newPost('bob', 'a reply', { parentId: 'p1' }));
    countPost(again, bobDb, 'bob', 'r1', newPost('bob', 'a reply', { parentId: 'p1' }));
    again.set(doc(bobDb, rate('bob')), firstRate('r1'));
    again.update(doc(bobDb, post('p1')), { replyCount: 1, lastReplyId: 'r1' });
    await assertSucceeds(again.commit());
  });

  it('lets a mentor post with their role on the post, and not claim another', async () => {
    await assertSucceeds(writePost(as('mia'), 'p1', newPost('mia', 'Mentor here')));
    await assertFails(writePost(as('mia'), 'p2', newPost('mia', 'Mentor here', { authorRole: 'facilitator' })));
  });
});

describe('thread posts: replies', () => {
  const reply = (db: Firestore, id: string, parentId: string, parentPatch: Record<string, unknown> | null) => {
    const batch = writeBatch(db);
    batch.set(doc(db, post(id)), newPost('bob', 'a reply', { parentId }));
    countPost(batch, db, 'bob', id, newPost('bob', 'a reply', { parentId }));
    batch.set(doc(db, rate('bob')), firstRate(id));
    if (parentPatch) batch.update(doc(db, post(parentId)), parentPatch);
    return batch.commit();
  };

  it('lets a member reply while raising the parent count by one', async () => {
    await seedPost('p1', 'alice', { replyCount: 2 });
    await assertSucceeds(reply(as('bob'), 'r1', 'p1', { replyCount: 3, lastReplyId: 'r1' }));
  });

  it('refuses a reply that does not raise the count, or raises it by two', async () => {
    await seedPost('p1', 'alice', { replyCount: 2 });
    await assertFails(reply(as('bob'), 'r1', 'p1', null));
    await assertFails(reply(as('bob'), 'r1', 'p1', { replyCount: 4, lastReplyId: 'r1' }));
  });

  it('refuses a reply to a reply, and a count raised without a reply', async () => {
    await seedPost('p1', 'alice', { replyCount: 1 });
    await seedPost('r1', 'bob', { parentId: 'p1' });
    await assertFails(reply(as('bob'), 'r2', 'r1', { replyCount: 1, lastReplyId: 'r2' }));
    await assertFails(updateDoc(doc(as('carol'), post('p1')), { replyCount: 2, lastReplyId: 'nothing' }));
    await assertFails(updateDoc(doc(as('carol'), post('p1')), { replyCount: 2, lastReplyId: 'r1' }));
  });
});

describe('thread posts: under review', () => {
  const erase = { deleted: true, body: '', mentions: [], linkCount: 0 };

  it('refuses the author deleting or editing a post hidden by reports', async () => {
    await seedPost('p1', 'alice', { reportCount: 3, hidden: true });
    await assertFails(updateDoc(doc(as('alice'), post('p1')), erase));
    await assertFails(writeEdit(as('alice'), 'p1', edited('Nothing to see')));
    // The facilitator still reads what was reported.
    const seen = await assertSucceeds(getDoc(doc(as('fran'), post('p1'))));
    expect(seen.data()).toMatchObject({ body: 'A stored post', deleted: false, reportCount: 3 });
  });

  it('refuses the author deleting or editing a post with reports pending, still visible', async () => {
    await seedPost('p1', 'alice', { reportCount: 1, hidden: false });
    await assertFails(updateDoc(doc(as('alice'), post('p1')), erase));
    await assertFails(writeEdit(as('alice'), 'p1', edited('Rewritten before review')));
  });

  it('refuses the author deleting a post a facilitator hid', async () => {
    await seedPost('p1', 'alice', { hidden: true });
    await assertFails(updateDoc(doc(as('alice'), post('p1')), erase));
  });

  it('lets the author edit and delete again once a facilitator restores the post', async () => {
    await seedPost('p1', 'alice', { reportCount: 3, hidden: true });
    await assertSucceeds(updateDoc(doc(as('fran'), post('p1')), { hidden: false, reportCount: 0 }));
    await assertSucceeds(writeEdit(as('alice'), 'p1', edited('Clearer now')));
    await assertSucceeds(updateDoc(doc(as('alice'), post('p1')), erase));
  });
});

describe('thread posts: hidden posts take no replies or reactions', () => {
  const replyTo = (parentId: string) => {
    const db = as('bob');
    const batch = writeBatch(db);
    batch.set(doc(db, post('r1')), newPost('bob', 'a reply', { parentId }));
    countPost(batch, db, 'bob', 'r1', newPost('bob', 'a reply', { parentId }));
    batch.set(doc(db, rate('bob')), firstRate('r1'));
    batch.update(doc(db, post(parentId)), { replyCount: 1, lastReplyId: 'r1' });
    return batch.commit();
  };
  const react = (id: string) => {
    const db = as('carol');
    const batch = writeBatch(db);
    batch.set(doc(db, myReactions('carol')), { posts: { [id]: { heart: true } }, lastPostId: id });
    batch.update(doc(db, post(id)), { reactionCounts: { heart: 1 }, reactionTotal: 1 });
    addContribution(batch, db, 'leadership', 'carol', 'reactions', 'threads/week-2/reactions/carol');
    return batch.commit();
  };

  it('refuses a reply to a hidden post, and allows it once restored', async () => {
    await seedPost('p1', 'alice', { reportCount: 2, hidden: true });
    await assertFails(replyTo('p1'));
    await seed(env, (db) => updateDoc(doc(db, post('p1')), { hidden: false, reportCount: 0 }));
    await assertSucceeds(replyTo('p1'));
  });

  it('refuses a reaction on a hidden post, and allows it once restored', async () => {
    await seedPost('p1', 'alice', { hidden: true });
    await assertFails(react('p1'));
    await seed(env, (db) => updateDoc(doc(db, post('p1')), { hidden: false }));
    await assertSucceeds(react('p1'));
  });
});

describe('thread posts: edit and delete', () => {
  beforeEach(async () => {
    await seedPost('p1', 'alice');
  });

  it('lets the author edit the text with an edited time', async () => {
    await assertSucceeds(writeEdit(as('alice'), 'p1', edited('Better words')));
  });

  it("refuses editing someone else's post, a forged edit time, an oversized text or a counter", async () => {
    await assertFails(writeEdit(as('bob'), 'p1', edited('Hijacked'), firstRate('p1'), 'bob'));
    await assertFails(writeEdit(anonymous(), 'p1', edited('Hijacked'), null));
    await assertFails(writeEdit(as('alice'), 'p1', edited('Better', { editedAt: Timestamp.fromMillis(0) })));
    await assertFails(writeEdit(as('alice'), 'p1', edited('x'.repeat(2001))));
    await assertFails(writeEdit(as('alice'), 'p1', edited('Better', { reactionCounts: { heart: 9 } })));
    await assertFails(writeEdit(as('alice'), 'p1', edited('Better', { authorName: 'Fran' })));
  });

  it('refuses editing a hidden post', async () => {
    await seedPost('p2', 'alice', { hidden: true });
    await assertFails(writeEdit(as('alice'), 'p2', edited('Sneaky')));
  });

  it('lets the author delete, which erases the text and keeps a placeholder', async () => {
    await assertSucceeds(
      updateDoc(doc(as('alice'), post('p1')), { deleted: true, body: '', mentions: [], linkCount: 0 }),
    );
  });

  it("refuses deleting someone else's post, keeping the text, or removing the document", async () => {
    await assertFails(updateDoc(doc(as('bob'), post('p1')), { deleted: true, body: '', mentions: [], linkCount: 0 }));
    await assertFails(updateDoc(doc(as('alice'), post('p1')), { deleted: true }));
    await assertFails(deleteDoc(doc(as('alice'), post('p1'))));
    await assertFails(deleteDoc(doc(as('fran'), post('p1'))));
  });
});

describe('thread posts: reactions', () => {
  /** The learner's reactions document (one per thread) with post `id`'s entry, and that post's counters. */
  const react = (
    db: Firestore,
    uid: string,
    reactions: Record<string, boolean>,
    counts: Record<string, number>,
    total: number,
    id = 'p1',
    named = id,
    /** The learner's first reaction on the post, which counts in their ledger. */
    first = true,
  ) => {
    const batch = writeBatch(db);
    batch.set(doc(db, myReactions(uid)), { posts: { [id]: reactions }, lastPostId: named }, { merge: true });
    batch.update(doc(db, post(id)), { reactionCounts: counts, reactionTotal: total });
    if (first) addContribution(batch, db, 'leadership', uid, 'reactions', `threads/week-2/reactions/${uid}`);
    return batch.commit();
  };

  beforeEach(async () => {
    await seedPost('p1', 'alice', { reactionCounts: { thumbs: 2 }, reactionTotal: 2 });
  });

  it('lets a member add a reaction and raise its count by one', async () => {
    await assertSucceeds(react(as('bob'), 'bob', { thumbs: true }, { thumbs: 3 }, 3));
  });

  it('lets a member take a reaction back and lower its count by one', async () => {
    await seedPost('p1', 'alice', { reactionCounts: { thumbs: 2, heart: 1 }, reactionTotal: 3 });
    await seed(env, (db) =>
      setDoc(doc(db, myReactions('bob')), { posts: { p1: { thumbs: true, heart: true } }, lastPostId: 'p1' }),
    );
    await assertSucceeds(
      react(
        as('bob'),
        'bob',
        { thumbs: false, heart: true, idea: true },
        { thumbs: 1, heart: 1, idea: 1 },
        3,
        'p1',
        'p1',
        false,
      ),
    );
  });

  it('keeps reactions on other posts when reacting to a second post', async () => {
    await seedPost('p2', 'carol');
    await assertSucceeds(react(as('bob'), 'bob', { thumbs: true }, { thumbs: 3 }, 3));
    await assertSucceeds(react(as('bob'), 'bob', { heart: true }, { heart: 1 }, 1, 'p2'));
    const mine = (await getDoc(doc(as('bob'), myReactions('bob')))).data()!;
    expect(mine.posts).toEqual({ p1: { thumbs: true }, p2: { heart: true } });
  });

  it('refuses reacting twice with one emoji', async () => {
    await seed(env, (db) => setDoc(doc(db, myReactions('bob')), { posts: { p1: { thumbs: true } }, lastPostId: 'p1' }));
    await assertFails(react(as('bob'), 'bob', { thumbs: true }, { thumbs: 3 }, 3, 'p1', 'p1', false));
  });

  it('refuses inflating a count, a count without the reaction, or a total that does not match', async () => {
    await assertFails(react(as('bob'), 'bob', { thumbs: true }, { thumbs: 4 }, 4));
    await assertFails(updateDoc(doc(as('bob'), post('p1')), { reactionCounts: { thumbs: 3 }, reactionTotal: 3 }));
    await assertFails(react(as('bob'), 'bob', { thumbs: true }, { thumbs: 3 }, 9));
    await assertFails(
      react(as('bob'), 'bob', { rocket: true } as Record<string, boolean>, { thumbs: 2, rocket: 1 }, 3),
    );
    // The document names another post than the one whose counters move.
    await seedPost('p2', 'carol');
    await assertFails(react(as('bob'), 'bob', { thumbs: true }, { thumbs: 3 }, 3, 'p1', 'p2'));
  });

  it('refuses changing two posts with one reactions write', async () => {
    await seedPost('p2', 'carol');
    const db = as('bob');
    const batch = writeBatch(db);
    batch.set(doc(db, myReactions('bob')), { posts: { p1: { thumbs: true }, p2: { thumbs: true } }, lastPostId: 'p1' });
    batch.update(doc(db, post('p1')), { reactionCounts: { thumbs: 3 }, reactionTotal: 3 });
    batch.update(doc(db, post('p2')), { reactionCounts: { thumbs: 1 }, reactionTotal: 1 });
    await assertFails(batch.commit());
  });

  it('refuses a reaction on a deleted post', async () => {
    await seedPost('p1', 'alice', { deleted: true, body: '', reactionCounts: { thumbs: 2 }, reactionTotal: 2 });
    await assertFails(react(as('bob'), 'bob', { thumbs: true }, { thumbs: 3 }, 3));
  });

  it('refuses a reactions document without the count, for someone else, or without membership', async () => {
    await assertFails(
      setDoc(doc(as('bob'), myReactions('bob')), { posts: { p1: { thumbs: true } }, lastPostId: 'p1' }),
    );
    await assertFails(react(as('bob'), 'carol', { thumbs: true }, { thumbs: 3 }, 3));
    await assertFails(react(as('outsider'), 'outsider', { thumbs: true }, { thumbs: 3 }, 3));
    await assertFails(react(anonymous(), 'bob', { thumbs: true }, { thumbs: 3 }, 3));
  });

  it("lets a learner read their own reactions, not another learner's", async () => {
    await seed(env, (db) => setDoc(doc(db, myReactions('bob')), { posts: { p1: { thumbs: true } }, lastPostId: 'p1' }));
    await assertSucceeds(getDoc(doc(as('bob'), myReactions('bob'))));
    await assertFails(getDoc(doc(as('carol'), myReactions('bob'))));
    await assertFails(getDoc(doc(anonymous(), myReactions('bob'))));
  });
});

describe('thread posts: reports', () => {
  const report = (db: Firestore, uid: string, patch: Record<string, unknown>, reason = 'unkind') => {
    const batch = writeBatch(db);
    batch.set(doc(db, `${post('p1')}/reports/${uid}`), { reason, note: '', createdAt: serverTimestamp() });
    batch.update(doc(db, post('p1')), patch);
    return batch.commit();
  };

  beforeEach(async () => {
    await seedPost('p1', 'alice');
  });

  it('lets a member report once with a reason, raising the count', async () => {
    await assertSucceeds(report(as('bob'), 'bob', { reportCount: 1, hidden: false }));
  });

  it('hides the post when the threshold of distinct reports is reached', async () => {
    await seedPost('p1', 'alice', { reportCount: 1 });
    await assertFails(report(as('carol'), 'carol', { reportCount: 2, hidden: false }));
    await assertSucceeds(report(as('carol'), 'carol', { reportCount: 2, hidden: true }));
  });

  it('refuses a second report, a report of your own post, an unknown reason or a hide below the threshold', async () => {
    await assertSucceeds(report(as('bob'), 'bob', { reportCount: 1, hidden: false }));
    await assertFails(report(as('bob'), 'bob', { reportCount: 2, hidden: true }));
    await assertFails(report(as('alice'), 'alice', { reportCount: 2, hidden: true }));
    await assertFails(report(as('carol'), 'carol', { reportCount: 2, hidden: true }, 'i-dislike-them'));
    await assertFails(report(as('carol'), 'carol', { reportCount: 3, hidden: true }));
    await assertFails(updateDoc(doc(as('carol'), post('p1')), { reportCount: 2, hidden: true }));
  });

  it('shows reports only to facilitators and the reporter', async () => {
    await seed(env, (db) =>
      setDoc(doc(db, `${post('p1')}/reports/bob`), { reason: 'spam', note: '', createdAt: Timestamp.now() }),
    );
    await assertSucceeds(getDoc(doc(as('fran'), `${post('p1')}/reports/bob`)));
    await assertSucceeds(getDoc(doc(as('bob'), `${post('p1')}/reports/bob`)));
    await assertFails(getDoc(doc(as('alice'), `${post('p1')}/reports/bob`)));
    await assertFails(getDoc(doc(anonymous(), `${post('p1')}/reports/bob`)));
  });
});

describe('thread moderation', () => {
  beforeEach(async () => {
    await seedPost('p1', 'alice', { reportCount: 2, hidden: true });
    await seedPost('r1', 'bob', { parentId: 'p1' });
  });

  it('lets a facilitator restore (clearing reports), hide, pin and unpin', async () => {
    const db = as('fran');
    await assertSucceeds(updateDoc(doc(db, post('p1')), { hidden: false, reportCount: 0 }));
    await assertSucceeds(updateDoc(doc(db, post('p1')), { pinned: true }));
    await assertSucceeds(updateDoc(doc(db, post('p1')), { pinned: false, hidden: true }));
  });

  it('refuses hiding or pinning without the role, pinning a reply, or moderation that rewrites text', async () => {
    await assertFails(updateDoc(doc(as('alice'), post('p1')), { hidden: false }));
    await assertFails(updateDoc(doc(as('bob'), post('p1')), { pinned: true }));
    await assertFails(updateDoc(doc(anonymous(), post('p1')), { pinned: true }));
    await assertFails(updateDoc(doc(as('fran'), post('r1')), { pinned: true }));
    await assertFails(updateDoc(doc(as('fran'), post('p1')), { pinned: true, body: 'Rewritten' }));
    await assertFails(updateDoc(doc(as('fran'), post('p1')), { reportCount: 9 }));
  });

  it('lets a facilitator lock the thread, which stops learners (not facilitators) posting', async () => {
    await assertSucceeds(setDoc(doc(as('fran'), THREAD), { locked: true, createdAt: serverTimestamp() }));
    await assertFails(writePost(as('bob'), 'p9', newPost('bob', 'Still here?')));
    await assertSucceeds(writePost(as('fran'), 'p9', newPost('fran', 'Closing this week, thanks all.')));
    await assertFails(writeEdit(as('alice'), 'p1', edited('late edit')));
    await assertSucceeds(updateDoc(doc(as('fran'), THREAD), { locked: false }));
    await assertSucceeds(writePost(as('bob'), 'p10', newPost('bob', 'Open again')));
  });

  it('refuses locking without the role, or a thread document with extra fields', async () => {
    await assertFails(setDoc(doc(as('alice'), THREAD), { locked: true, createdAt: serverTimestamp() }));
    await assertFails(setDoc(doc(anonymous(), THREAD), { locked: true, createdAt: serverTimestamp() }));
    await assertFails(setDoc(doc(as('fran'), THREAD), { locked: true, createdAt: serverTimestamp(), pinnedIds: [] }));
    await assertFails(setDoc(doc(as('fran'), THREAD), { locked: true, createdAt: Timestamp.fromMillis(0) }));
    await seed(env, (db) => setDoc(doc(db, THREAD), { locked: false, createdAt: Timestamp.now() }));
    await assertFails(updateDoc(doc(as('alice'), THREAD), { locked: true }));
  });

  it('lets anyone read visible posts and the thread, and only the author and facilitators a hidden post', async () => {
    await assertSucceeds(getDoc(doc(anonymous(), post('r1'))));
    await assertSucceeds(getDoc(doc(anonymous(), THREAD)));
    await assertFails(getDoc(doc(anonymous(), post('p1'))));
    await assertFails(getDoc(doc(as('bob'), post('p1'))));
    await assertSucceeds(getDoc(doc(as('alice'), post('p1'))));
    await assertSucceeds(getDoc(doc(as('fran'), post('p1'))));
    // A post that does not exist (yet) reveals nothing, so a learner may wait for their own.
    await assertSucceeds(getDoc(doc(as('bob'), post('not-yet'))));
  });

  it('lets readers list only visible posts; the author lists their hidden ones; facilitators list all', async () => {
    const posts = (db: Firestore) => collection(db, `${THREAD}/posts`);
    await assertFails(getDocs(posts(as('bob'))));
    await assertFails(getDocs(query(posts(anonymous()), where('parentId', '==', null))));
    const visible = await assertSucceeds(getDocs(query(posts(anonymous()), where('hidden', '==', false))));
    expect(visible.docs.map((d) => d.id)).toEqual(['r1']);
    const own = await assertSucceeds(
      getDocs(query(posts(as('alice')), where('authorId', '==', 'alice'), where('hidden', '==', true))),
    );
    expect(own.docs.map((d) => d.id)).toEqual(['p1']);
    await assertFails(getDocs(query(posts(as('bob')), where('authorId', '==', 'alice'), where('hidden', '==', true))));
    expect((await assertSucceeds(getDocs(posts(as('fran'))))).size).toBe(2);
  });

  it('refuses a reply or an edit in a locked thread (facilitators may still reply)', async () => {
    await seed(env, (db) => setDoc(doc(db, THREAD), { locked: true, createdAt: Timestamp.now() }));
    await seedPost('p2', 'alice');
    const replyAs = (uid: string, id: string) => {
      const db = as(uid);
      const batch = writeBatch(db);
      batch.set(doc(db, post(id)), newPost(uid, 'late reply', { parentId: 'p2' }));
      countPost(batch, db, uid, id, newPost(uid, 'late reply', { parentId: 'p2' }));
      batch.set(doc(db, rate(uid)), firstRate(id));
      batch.update(doc(db, post('p2')), { replyCount: 1, lastReplyId: id });
      return batch.commit();
    };
    await assertFails(replyAs('bob', 'r9'));
    await assertFails(writeEdit(as('alice'), 'p2', edited('edit'), firstRate('p2')));
    await assertSucceeds(replyAs('fran', 'r10'));
  });
});
