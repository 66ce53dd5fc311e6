// Rules for <cohort-thread>: posts, replies, edits, soft deletes, reactions with counters, reports, moderation,
// locking and the per-learner rate limit. Each allow has a passing case and near misses that must fail.
import type { RulesTestEnvironment } from '@firebase/rules-unit-testing';
import {
  doc,
  getDoc,
  serverTimestamp,
  setDoc,
  Timestamp,
  updateDoc,
  deleteDoc,
  writeBatch,
  type Firestore,
} from 'firebase/firestore';
import { afterAll, beforeAll, beforeEach, describe, it } from 'vitest';
import { assertFails, assertSucceeds, rulesEnvironment, seed } from './support';

const SPACE = 'spaces/leadership';
const THREAD = `${SPACE}/threads/week-2`;
const post = (id: string) => `${THREAD}/posts/${id}`;
const rate = (uid: string) => `${THREAD}/rate/${uid}`;

let env: RulesTestEnvironment;

const as = (uid: string) => env.authenticatedContext(uid).firestore() as unknown as Firestore;
const anonymous = () => env.unauthenticatedContext().firestore() as unknown as Firestore;

function linkCount(body: string) {
  return (body.match(/https?:\/\//g) ?? []).length;
}

function newPost(uid: string, body: string, extra: Record<string, unknown> = {}) {
  const names: Record<string, [string, string]> = {
    alice: ['Alice', 'learner'],
    bob: ['Bob', 'learner'],
    carol: ['Carol', 'learner'],
    fran: ['Fran', 'facilitator'],
    outsider: ['Outsider', 'learner'],
  };
  const [authorName, authorRole] = names[uid] ?? ['?', 'learner'];
  return {
    authorId: uid,
    authorName,
    authorRole,
    body,
    parentId: null,
    createdAt: serverTimestamp(),
    editedAt: null,
    deleted: false,
    hidden: false,
    pinned: false,
    reactionCounts: {},
    reactionTotal: 0,
    replyCount: 0,
    reportCount: 0,
    lastReplyId: null,
    mentions: [],
    linkCount: linkCount(body),
    ...extra,
  };
}

const firstRate = () => ({ lastPostAt: serverTimestamp(), windowStart: serverTimestamp(), count: 1 });

/** A post and its rate document in one batch, the way the element writes them. */
function writePost(
  db: Firestore,
  id: string,
  data: Record<string, unknown>,
  rateData: Record<string, unknown> | null = firstRate(),
  uid = String(data.authorId),
) {
  const batch = writeBatch(db);
  batch.set(doc(db, post(id)), data);
  if (rateData) batch.set(doc(db, rate(uid)), rateData);
  return batch.commit();
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
    await assertFails(writePost(as('alice'), 'p1', newPost('bob', 'hello'), firstRate(), 'alice'));
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

describe('thread posts: rate limit', () => {
  it('allows a second post more than 10 seconds after the first, counting it in the hour', async () => {
    await seedRate('alice', 11_000, 600_000, 4);
    const db = as('alice');
    const current = (await getDoc(doc(db, rate('alice')))).data()!;
    await assertSucceeds(
      writePost(db, 'p2', newPost('alice', 'again'), {
        lastPostAt: serverTimestamp(),
        windowStart: current.windowStart,
        count: 5,
      }),
    );
  });

  it('refuses a post within 10 seconds of the last one', async () => {
    const db = as('alice');
    await assertSucceeds(writePost(db, 'p1', newPost('alice', 'first')));
    const current = (await getDoc(doc(db, rate('alice')))).data()!;
    await assertFails(
      writePost(db, 'p2', newPost('alice', 'second'), {
        lastPostAt: serverTimestamp(),
        windowStart: current.windowStart,
        count: 2,
      }),
    );
  });

  it('refuses a 31st post in the hour, and starts a new window after it', async () => {
    await seedRate('alice', 60_000, 30 * 60_000, 30);
    const db = as('alice');
    const current = (await getDoc(doc(db, rate('alice')))).data()!;
    await assertFails(
      writePost(db, 'p1', newPost('alice', 'one more'), {
        lastPostAt: serverTimestamp(),
        windowStart: current.windowStart,
        count: 31,
      }),
    );
    await assertFails(
      writePost(db, 'p1', newPost('alice', 'one more'), {
        lastPostAt: serverTimestamp(),
        windowStart: serverTimestamp(),
        count: 1,
      }),
    );
    await seedRate('alice', 60_000, 61 * 60_000, 30);
    await assertSucceeds(
      writePost(db, 'p1', newPost('alice', 'new hour'), {
        lastPostAt: serverTimestamp(),
        windowStart: serverTimestamp(),
        count: 1,
      }),
    );
  });

  it('refuses a rate document that is reset, forged or belongs to someone else', async () => {
    await seedRate('alice', 11_000, 600_000, 7);
    const db = as('alice');
    const current = (await getDoc(doc(db, rate('alice')))).data()!;
    await assertFails(
      writePost(db, 'p1', newPost('alice', 'x'), {
        lastPostAt: serverTimestamp(),
        windowStart: current.windowStart,
        count: 1,
      }),
    );
    await assertFails(
      writePost(db, 'p1', newPost('alice', 'x'), {
        lastPostAt: Timestamp.fromMillis(Date.now()),
        windowStart: current.windowStart,
        count: 8,
      }),
    );
    await assertFails(deleteDoc(doc(db, rate('alice'))));
    await assertFails(setDoc(doc(db, rate('bob')), firstRate()));
    await assertFails(getDoc(doc(db, rate('bob'))));
  });
});

describe('thread posts: replies', () => {
  const reply = (db: Firestore, id: string, parentId: string, parentPatch: Record<string, unknown> | null) => {
    const batch = writeBatch(db);
    batch.set(doc(db, post(id)), newPost('bob', 'a reply', { parentId }));
    batch.set(doc(db, rate('bob')), firstRate());
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

describe('thread posts: edit and delete', () => {
  beforeEach(async () => {
    await seedPost('p1', 'alice');
  });

  it('lets the author edit the text with an edited time', async () => {
    await assertSucceeds(
      updateDoc(doc(as('alice'), post('p1')), {
        body: 'Better words',
        editedAt: serverTimestamp(),
        mentions: [],
        linkCount: 0,
      }),
    );
  });

  it("refuses editing someone else's post, a forged edit time, an oversized text or a counter", async () => {
    await assertFails(updateDoc(doc(as('bob'), post('p1')), { body: 'Hijacked', editedAt: serverTimestamp() }));
    await assertFails(updateDoc(doc(anonymous(), post('p1')), { body: 'Hijacked', editedAt: serverTimestamp() }));
    await assertFails(updateDoc(doc(as('alice'), post('p1')), { body: 'Better', editedAt: Timestamp.fromMillis(0) }));
    await assertFails(updateDoc(doc(as('alice'), post('p1')), { body: 'x'.repeat(2001), editedAt: serverTimestamp() }));
    await assertFails(
      updateDoc(doc(as('alice'), post('p1')), {
        body: 'Better',
        editedAt: serverTimestamp(),
        reactionCounts: { heart: 9 },
      }),
    );
    await assertFails(
      updateDoc(doc(as('alice'), post('p1')), { body: 'Better', editedAt: serverTimestamp(), authorName: 'Fran' }),
    );
  });

  it('refuses editing a hidden post', async () => {
    await seedPost('p2', 'alice', { hidden: true });
    await assertFails(updateDoc(doc(as('alice'), post('p2')), { body: 'Sneaky', editedAt: serverTimestamp() }));
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
  const react = (
    db: Firestore,
    uid: string,
    reactions: Record<string, boolean>,
    counts: Record<string, number>,
    total: number,
  ) => {
    const batch = writeBatch(db);
    batch.set(doc(db, `${post('p1')}/reactions/${uid}`), reactions);
    batch.update(doc(db, post('p1')), { reactionCounts: counts, reactionTotal: total });
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
    await seed(env, (db) => setDoc(doc(db, `${post('p1')}/reactions/bob`), { thumbs: true, heart: true }));
    await assertSucceeds(
      react(as('bob'), 'bob', { thumbs: false, heart: true, idea: true }, { thumbs: 1, heart: 1, idea: 1 }, 3),
    );
  });

  it('refuses reacting twice with one emoji', async () => {
    await seed(env, (db) => setDoc(doc(db, `${post('p1')}/reactions/bob`), { thumbs: true }));
    await assertFails(react(as('bob'), 'bob', { thumbs: true }, { thumbs: 3 }, 3));
  });

  it('refuses inflating a count, a count without the reaction, or a total that does not match', async () => {
    await assertFails(react(as('bob'), 'bob', { thumbs: true }, { thumbs: 4 }, 4));
    await assertFails(updateDoc(doc(as('bob'), post('p1')), { reactionCounts: { thumbs: 3 }, reactionTotal: 3 }));
    await assertFails(react(as('bob'), 'bob', { thumbs: true }, { thumbs: 3 }, 9));
    await assertFails(
      react(as('bob'), 'bob', { rocket: true } as Record<string, boolean>, { thumbs: 2, rocket: 1 }, 3),
    );
  });

  it('refuses a reaction document without the count, for someone else, or without membership', async () => {
    await assertFails(setDoc(doc(as('bob'), `${post('p1')}/reactions/bob`), { thumbs: true }));
    await assertFails(react(as('bob'), 'carol', { thumbs: true }, { thumbs: 3 }, 3));
    await assertFails(react(as('outsider'), 'outsider', { thumbs: true }, { thumbs: 3 }, 3));
    await assertFails(react(anonymous(), 'bob', { thumbs: true }, { thumbs: 3 }, 3));
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
    await assertFails(updateDoc(doc(as('alice'), post('p1')), { body: 'late edit', editedAt: serverTimestamp() }));
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

  it('lets anyone read posts and the thread', async () => {
    await assertSucceeds(getDoc(doc(anonymous(), post('p1'))));
    await assertSucceeds(getDoc(doc(anonymous(), THREAD)));
  });
});
