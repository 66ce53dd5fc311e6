// The one contract between an element and the code it loads after first paint (its controller and views).
// Every widget gets the same services from CohortElement's `widgetHost`, instead of each handing its lazily loaded
// code a bag of callbacks of its own.
import type { ReactiveControllerHost } from 'lit';
import type { FirebaseRuntime } from './connection.js';
import type { Member, SpaceState } from './data.js';
import type { CohortErrorDetail as Problem, CohortEvent, CohortEventDetails } from './events.js';

export interface WidgetHost extends ReactiveControllerHost {
  /** The element itself: where events are dispatched, and the root for focus and measurements. */
  readonly element: HTMLElement;
  /** The space this element works in (its `space` attribute, or the page's default). */
  readonly spaceId: string;
  /** The page's language, as the element renders it. */
  readonly locale: string;
  /** The lazily connected Firebase runtime, once connected. */
  readonly runtime: FirebaseRuntime | undefined;
  /** The space, the signed-in learner and their membership, once loaded. */
  readonly spaceState: SpaceState | undefined;
  /** The learner is the space's facilitator or owner. */
  readonly isFacilitator: boolean;
  /** A facilitator took the learner out of the space: no contribution controls, no join form. */
  readonly isRemoved: boolean;
  /** Asks the learner to join (name, norms) when they have not; rejects when they cancel. */
  requireMember(reason: string): Promise<Member>;
  /** Waits for a write as far as the widget needs (the server in live mode, the cache offline or in preview). */
  settle(write: Promise<unknown>): Promise<void>;
  /** What a refused write says to the learner: the round's end once it is closed, else the refusal in words. */
  explainRefusal(error: unknown): Promise<Error>;
  /** Says `message` politely to screen readers. */
  announce(message: string): void;
  /**
   * Dispatches one of the widget's `cohort-` event classes (events.ts) from the element, so a listener gets that
   * class, its detail typed by the event's name; returns false if a listener cancelled it.
   */
  emit<K extends keyof CohortEventDetails>(event: CohortEvent<K>): boolean;
  /** Shows a problem that stops the element (wrong markup, no connection) in place of its content. */
  fail(problem: Problem): void;
}
