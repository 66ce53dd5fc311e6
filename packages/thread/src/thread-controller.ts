// What the learner does in the thread: post, reply, edit, delete, react, report, moderate, and pick a name to
// mention. The element creates one for its life and hands it to the views; it owns the widget's writes.
import { msg, str } from '@lit/localize';
import type { Member } from '@cohort-kit/core';
import { CohortPostEvent, CohortReactEvent, CohortReplyEvent } from './events.js';
import { readReportForm } from '@cohort-kit/core/report-form.js';
import type { ReactionKey } from './reactions.js';
import type { MemberOption, Post } from './thread-data.js';
import { emptyDraft, type Draft } from './thread-state.js';
import { ThreadSender } from './thread-sender.js';

const MENTION_AT_CURSOR = /(^|\s)@([\p{L}\p{N}][\p{L}\p{N} ._'-]{0,29})?$/u;

export class ThreadController extends ThreadSender {
  async submitPost(parentId: string | null) {
    const kind = parentId ? 'reply' : 'post';
    if (this.sending.has(kind)) return;
    const draft = parentId ? this.replyDraft : this.draft;
    const setDraft = (next: Draft) => (parentId ? (this.replyDraft = next) : (this.draft = next));
    const text = draft.text.trim();
    const problem = this.checkText(text, 'post');
    if (problem) return setDraft({ ...draft, error: problem });
    // Until the post is queued (the name prompt, the membership write) the draft is still on screen: a second
    // press must not send it again.
    this.sending = new Set(this.sending).add(kind);
    let member: Member | undefined;
    try {
      member = await this.member(
        parentId ? msg('to reply', { id: 'thread.reason.reply' }) : msg('to post', { id: 'thread.reason.post' }),
      );
    } finally {
      const sending = new Set(this.sending);
      sending.delete(kind);
      this.sending = sending;
    }
    const runtime = this.runtime;
    const store = this.store;
    const uid = runtime?.identity.user?.uid;
    if (!member || !runtime || !store || !uid) return;
    this.ensureQueue(this.host.spaceId, this.thread, uid);
    const id = store.newPostId(runtime, this.host.spaceId, this.thread);
    const parent = parentId
      ? [...this.feed, ...this.pinned, ...this.allArrivals()].find((p) => p.id === parentId)
      : undefined;
    // Queued first: the text is kept on this device until the server has it, whatever happens to the page.
    this.queue!.add({
      id,
      body: text,
      parentId,
      parentName: parent?.authorName,
      mentions: this.mentionIds(draft),
      queuedAt: Date.now(),
    });
    this.refreshQueue();
    this.lastPostAt = Date.now();
    this.known.add(id);
    setDraft(emptyDraft());
    this.focusPost = id;
    if (parentId) {
      this.replyTo = undefined;
      this.expanded = new Set(this.expanded).add(parentId);
      this.host.emit(
        new CohortReplyEvent({
          space: this.host.spaceId,
          thread: this.thread,
          postId: id,
          parentId,
        }),
      );
    } else {
      this.host.emit(new CohortPostEvent({ space: this.host.spaceId, thread: this.thread, postId: id }));
    }
    this.host.announce(msg('Your post was added.', { id: 'thread.posted' }));
    this.pump();
  }

  async saveEdit(post: Post) {
    const draft = this.editDraft;
    const text = draft.text.trim();
    const runtime = this.runtime;
    const store = this.store;
    const uid = this.uid;
    if (!runtime || !store || !uid) return;
    // The edit's rate update is built on the last one: not while a post of this device is still on its way.
    const isLive = runtime.mode === 'live';
    const inFlight = !this.rate.settled || this.queued.some((entry) => entry.sent && !entry.error);
    const problem =
      this.checkText(text, 'edit') ||
      (isLive && inFlight
        ? msg('Your last post is still on its way. Save again once it has been sent.', {
            id: 'thread.error.edit-in-flight',
          })
        : '');
    if (problem) return (this.editDraft = { ...draft, error: problem });
    const write = store.editPost(runtime, this.host.spaceId, this.thread, {
      id: post.id,
      uid,
      body: text,
      // Names picked in this edit first; the earlier ones stay while the body has room for them.
      mentions: [...this.mentionIds(draft), ...post.mentions],
      rate: this.rate.rate,
    });
    this.lastPostAt = Date.now();
    this.editing = undefined;
    this.focusPost = post.id;
    this.actionError = '';
    this.host.settle(write).catch((error: Error) => {
      // Refused: the editor comes back with the text and the reason, nothing lost.
      this.editing = post.id;
      this.editDraft = { ...draft, error: error.message };
    });
  }

  delete(post: Post, next: string | undefined) {
    if (!this.runtime || !this.store) return;
    if (!confirm(msg('Delete your post? This cannot be undone.', { id: 'thread.delete-confirm' }))) return;
    const write = this.store.deletePost(this.runtime, this.host.spaceId, this.thread, post.id);
    // A deleted reply hands focus to the post it answered; a post to the next one, or the composer.
    if (post.parentId) this.focusPost = post.parentId;
    else if (next) this.focusPost = next;
    else this.focusComposer = true;
    this.host.announce(msg('Post deleted.', { id: 'thread.deleted-announce' }));
    this.runAction(write);
  }

  async toggleReaction(post: Post, key: ReactionKey) {
    const member = await this.member(msg('to react', { id: 'thread.reason.react' }));
    const runtime = this.runtime;
    const uid = runtime?.identity.user?.uid;
    if (!member || !runtime || !this.store || !uid) return;
    const current = this.mine.get(post.id) ?? {};
    const active = current[key] !== true;
    this.mine = new Map(this.mine).set(post.id, { ...current, [key]: active });
    this.runAction(this.store.setReaction(runtime, this.host.spaceId, this.thread, post.id, uid, current, key, active));
    this.host.emit(
      new CohortReactEvent({ space: this.host.spaceId, thread: this.thread, postId: post.id, reaction: key, active }),
    );
  }

  async submitReport(form: HTMLFormElement, post: Post, next: string | undefined) {
    const report = readReportForm(form);
    if (typeof report === 'string') {
      this.reportError = report;
      return;
    }
    const { reason, note } = report;
    const member = await this.member(msg('to report a post', { id: 'thread.reason.report' }));
    const runtime = this.runtime;
    const uid = runtime?.identity.user?.uid;
    if (!member || !runtime || !this.store || !uid) return;
    const threshold = Number(this.host.spaceState?.settings.reportThreshold) || 3;
    const write = this.store.reportPost(runtime, this.host.spaceId, this.thread, post, uid, reason, note, threshold);
    this.reported = new Set(this.reported).add(post.id);
    this.reporting = undefined;
    this.reportError = '';
    // A report that hides the post takes it out of the reader's view: hand focus on, as deleting does.
    const hides = !post.hidden && post.reportCount + 1 >= threshold && !this.host.isFacilitator;
    if (!hides) this.focusPost = post.id;
    else if (post.parentId) this.focusPost = post.parentId;
    else if (next) this.focusPost = next;
    else this.focusComposer = true;
    this.host.announce(msg('Thanks. A facilitator will review the post.', { id: 'thread.reported-announce' }));
    this.host.settle(write).catch((error: Error) => {
      // Let the learner send it again: the form comes back with what went wrong.
      const reported = new Set(this.reported);
      reported.delete(post.id);
      this.reported = reported;
      this.reporting = post.id;
      this.reportError = msg(str`Your report could not be sent: ${error.message}`, { id: 'thread.report.failed' });
    });
  }

  moderate(post: Post, patch: { hidden?: boolean; pinned?: boolean }) {
    if (!this.runtime || !this.store) return;
    this.focusPost = post.id;
    this.runAction(this.store.moderatePost(this.runtime, this.host.spaceId, this.thread, post.id, patch));
  }

  toggleLock() {
    if (!this.runtime || !this.store) return;
    this.runAction(this.store.setLocked(this.runtime, this.host.spaceId, this.thread, !this.locked, this.threadExists));
  }

  runAction(write: Promise<void>) {
    this.actionError = '';
    this.host.settle(write).catch((error: Error) => (this.actionError = error.message));
  }

  startReply(post: Post) {
    this.replyTo = post.id;
    this.replyDraft = emptyDraft();
    this.expanded = new Set(this.expanded).add(post.id);
    void this.host.updateComplete.then(() => this.root.querySelector<HTMLTextAreaElement>('#reply-text')?.focus());
  }

  startEdit(post: Post) {
    this.editing = post.id;
    this.editDraft = { text: post.body, error: '', mentions: new Map() };
    void this.host.updateComplete.then(() => this.root.querySelector<HTMLTextAreaElement>('#edit-text')?.focus());
  }

  startFirstReply() {
    this.draft = { ...this.draft, text: msg('One goal I have is ', { id: 'thread.empty.starter' }) };
    void this.host.updateComplete.then(() => {
      const box = this.root.querySelector<HTMLTextAreaElement>('#composer-text');
      box?.focus();
      box?.setSelectionRange(box.value.length, box.value.length);
    });
  }

  draftFor(kind: 'post' | 'reply' | 'edit'): Draft {
    return kind === 'post' ? this.draft : kind === 'reply' ? this.replyDraft : this.editDraft;
  }

  setDraft(kind: 'post' | 'reply' | 'edit', draft: Draft) {
    if (kind === 'post') this.draft = draft;
    else if (kind === 'reply') this.replyDraft = draft;
    else this.editDraft = draft;
  }

  onInput(kind: 'post' | 'reply' | 'edit', event: InputEvent) {
    const box = event.target as HTMLTextAreaElement;
    this.setDraft(kind, { ...this.draftFor(kind), text: box.value, error: '' });
    const before = box.value.slice(0, box.selectionStart ?? box.value.length);
    const match = MENTION_AT_CURSOR.exec(before);
    if (!match || !this.store || !this.runtime || !this.data) return this.closeMentions();
    const prefix = match[2] ?? '';
    this.mentionFor = kind;
    if (prefix === this.mentionQuery) return;
    this.mentionQuery = prefix;
    this.refreshMentions();
  }

  closeMentions() {
    this.mentionQuery = undefined;
    this.refreshMentions();
    this.mentionFor = undefined;
    this.mentionOptions = [];
  }

  onKeydown(kind: 'post' | 'reply' | 'edit', event: KeyboardEvent) {
    if (this.mentionFor === kind && this.mentionOptions.length) {
      const count = this.mentionOptions.length;
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        this.mentionIndex = (this.mentionIndex + (event.key === 'ArrowDown' ? 1 : count - 1)) % count;
        return;
      }
      if (event.key === 'Enter' || event.key === 'Tab') {
        event.preventDefault();
        this.pickMention(kind, this.mentionOptions[this.mentionIndex]!, event.target as HTMLTextAreaElement);
        return;
      }
      if (event.key === 'Escape') {
        event.preventDefault();
        this.closeMentions();
        return;
      }
    }
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      (event.target as HTMLTextAreaElement).form?.requestSubmit();
    }
  }

  pickMention(kind: 'post' | 'reply' | 'edit', member: MemberOption, box: HTMLTextAreaElement | null) {
    const draft = this.draftFor(kind);
    const cursor = box?.selectionStart ?? draft.text.length;
    const typed = draft.text.slice(0, cursor);
    const match = MENTION_AT_CURSOR.exec(typed);
    const before = match ? typed.slice(0, match.index + (match[1] ?? '').length) : typed;
    const text = `${before}@${member.displayName} ${draft.text.slice(cursor)}`;
    this.setDraft(kind, { ...draft, text, mentions: new Map(draft.mentions).set(member.displayName, member.uid) });
    this.closeMentions();
    const position = before.length + member.displayName.length + 2;
    void this.host.updateComplete.then(() => {
      box?.focus();
      box?.setSelectionRange(position, position);
    });
  }
}
