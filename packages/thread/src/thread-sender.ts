// The queue of posts on this device: each post is kept here until the server has it, sent one at a time as the
// rules' rate limit allows, and shown with its reason when it is refused. Also the checks a post or an edit
// must pass before it is taken.
import { msg, str } from '@lit/localize';
import { whenReady, type Member } from '@cohort-kit/core';
import { nextAllowedAt, rateWait } from '@cohort-kit/core/data.js';
import { blockedWordsIn, countLinks, hasBidiControl, MAX_BODY, MAX_LINKS } from './format.js';
import { MAX_POSTS_PER_HOUR, THREAD_RATE } from './reactions.js';
import { PostQueue, type QueuedPost } from './post-queue.js';
import { ThreadState, type Draft } from './thread-state.js';

export abstract class ThreadSender extends ThreadState {
  ensureQueue(s: string, t: string, uid: string) {
    if (this.queue) return;
    this.queue = new PostQueue(s, t, uid);
    this.refreshQueue();
  }

  /** Re-reads the queue; the same contents keep the same array, so a render does not trigger another. */
  refreshQueue() {
    const next = this.queue?.list() ?? [];
    if (JSON.stringify(next) !== JSON.stringify(this.queued)) this.queued = next;
  }

  /** Sends the next queued post once the previous one is confirmed and the rate limit allows it. */
  pump() {
    clearTimeout(this.pumpTimer);
    const queue = this.queue;
    const runtime = this.runtime;
    const store = this.store;
    const member = this.host.spaceState?.member;
    if (!queue || !runtime || !store) return;
    this.refreshQueue();
    // Until the membership snapshot arrives; every render checks again (see followReader() in thread-state.ts).
    if (!member) return;
    const preview = runtime.mode !== 'live';
    if (!preview && queue.inFlight()) return; // one at a time
    const next = queue.next();
    if (!next) return;
    if (!preview) {
      if (!this.rate.settled) return; // the rate listener calls back when it is
      const now = Date.now();
      const at = nextAllowedAt(this.rate.rate, THREAD_RATE, now);
      if (at > now) {
        this.pumpTimer = setTimeout(() => this.pump(), at - now);
        return;
      }
    }
    queue.markSent(next.id);
    this.sentHere.add(next.id);
    const { write } = store.createPost(runtime, this.host.spaceId, this.thread, {
      id: next.id,
      uid: member.uid,
      authorName: member.displayName,
      authorRole: member.role,
      body: next.body,
      parentId: next.parentId,
      mentions: next.mentions,
      rate: this.rate.rate,
    });
    this.known.add(next.id);
    if (preview) {
      // Nothing is ever confirmed in preview: the cache keeps the post, the queue has done its job.
      queue.remove(next.id);
      this.refreshQueue();
      this.pump();
      return;
    }
    this.refreshQueue();
    // The rate document this post rewrites is listened to, by this element or the next one on the page (a post kept
    // offline goes out when the network returns): see writingTo.
    this.data?.writingTo(write, store.rateRef(runtime.db, this.host.spaceId, member.uid)).catch(() => {});
    write.then(
      () => this.onSent(next.id, 'stored'),
      // A refusal in words: the round's end, when a post written before it closed reaches the server after.
      (error: unknown) => void this.host.explainRefusal(error).then((said) => this.refused(next.id, said.message)),
    );
  }

  confirmSent(id: string) {
    const runtime = this.runtime;
    const store = this.store;
    if (!runtime || !store || this.confirming.has(id)) return;
    this.confirming.add(id);
    store.confirmSent(runtime, this.host.spaceId, this.thread, id).then(
      (state) => {
        this.confirming.delete(id);
        this.onSent(id, state);
      },
      // Offline again before the server answered: ask again a little later.
      () =>
        setTimeout(() => {
          this.confirming.delete(id);
          this.host.requestUpdate();
        }, 5000),
    );
  }

  onSent(id: string, state: 'stored' | 'missing') {
    if (!this.queue?.outstanding(id)) return;
    if (state === 'stored') {
      this.queue.remove(id);
      this.refreshQueue();
      this.pump();
    } else {
      this.refused(id, msg('The server did not accept it.', { id: 'thread.error.not-accepted' }));
    }
  }

  refused(id: string, reason: string) {
    if (!this.queue?.has(id)) return;
    this.queue.refuse(id, reason);
    this.refreshQueue();
    this.host.announce(
      msg('A post could not be sent. Its text is kept: try again or edit it.', { id: 'thread.error.refused-announce' }),
    );
    this.pump();
  }

  retry(entry: QueuedPost) {
    this.queue?.retry(entry.id);
    this.refreshQueue();
    this.pump();
  }

  editQueued(entry: QueuedPost) {
    this.queue?.remove(entry.id);
    this.refreshQueue();
    this.draft = { text: entry.body, error: '', mentions: new Map() };
    this.focusComposer = true;
    this.host.requestUpdate();
  }

  discard(entry: QueuedPost) {
    if (!confirm(msg('Discard this post? Its text will be lost.', { id: 'thread.discard-confirm' }))) return;
    this.queue?.remove(entry.id);
    this.refreshQueue();
    this.focusComposer = true;
  }

  /** What stops `text` from being posted (or saved as an edit) now, in words the learner can act on; '' if nothing. */
  checkText(text: string, purpose: 'post' | 'edit'): string {
    if (!text.trim()) return msg('Write something first.', { id: 'thread.error.empty' });
    if (text.length > MAX_BODY)
      return msg(str`Shorten your post to ${MAX_BODY} characters.`, { id: 'thread.error.too-long' });
    if (countLinks(text) > MAX_LINKS)
      return msg(str`Use at most ${MAX_LINKS} links in one post.`, { id: 'thread.error.links' });
    if (hasBidiControl(text))
      return msg(
        'Your post contains invisible characters that change the direction of text, so it could read differently to others. Remove them and try again.',
        { id: 'thread.error.bidi' },
      );
    // Settings are stored data, not checked on read: ignore anything in the list that is not a word.
    const spaceWords = this.host.spaceState?.settings.blockedWords;
    const blocked = blockedWordsIn(
      text,
      this.host.locale,
      Array.isArray(spaceWords) ? spaceWords.filter((word) => typeof word === 'string') : [],
    );
    if (blocked.length) {
      return msg(str`Your post contains words this space does not allow: ${blocked.join(', ')}. Please rephrase.`, {
        id: 'thread.error.blocked',
      });
    }
    if (this.locked && !this.host.isFacilitator) return msg('This thread is locked.', { id: 'thread.error.locked' });
    // Posts and edits share the rules' rate limit (one per 10 seconds, 30 per hour); posts waiting here count too.
    const limited = rateWait(this.rate.rate, THREAD_RATE, {
      lastLocal: this.lastPostAt,
      waiting: this.queued.filter((e) => !e.error).length,
    });
    if (limited?.kind === 'too-soon') {
      const wait = limited.seconds;
      if (purpose === 'edit')
        return wait === 1
          ? msg('You can edit again in 1 second.', { id: 'thread.error.edit-too-soon-one' })
          : msg(str`You can edit again in ${wait} seconds.`, { id: 'thread.error.edit-too-soon' });
      return wait === 1
        ? msg('You can post again in 1 second.', { id: 'thread.error.too-soon-one' })
        : msg(str`You can post again in ${wait} seconds.`, { id: 'thread.error.too-soon' });
    }
    if (limited?.kind === 'window-full') {
      return msg(
        str`You have posted or edited ${MAX_POSTS_PER_HOUR} times this hour. Take a break and come back later.`,
        { id: 'thread.error.hourly' },
      );
    }
    return '';
  }

  mentionIds(draft: Draft): string[] {
    return [...draft.mentions].filter(([name]) => draft.text.includes(`@${name}`)).map(([, uid]) => uid);
  }

  async member(reason: string): Promise<Member | undefined> {
    // The shared membership listener restarts when the account's token changes; while it reloads, the member
    // reads as null and the join form would ask a member for their name again. Wait for it (5 s at most).
    await whenReady(() => {
      const state = this.host.spaceState;
      return !state?.user || state.memberLoaded;
    }, 5000);
    try {
      return await this.host.requireMember(reason);
    } catch {
      return undefined; // cancelled
    }
  }
}
