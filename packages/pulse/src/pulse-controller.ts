// The pulse's subscriptions and its one write: the members, their ledgers and the named badges, live, for a
// facilitator or owner only (a learner's page reads nothing); and the nudge. Loaded after first paint; it reaches the
// element only through its WidgetHost.
import { msg, str } from '@lit/localize';
import type { ReactiveController } from 'lit';
import type { FirebaseRuntime, WidgetHost } from '@cohort-kit/core';
import { KeyedSubscription } from '@cohort-kit/core/data.js';
import { CohortNudgeEvent } from './events.js';
import * as pulseData from './pulse-data.js';
import { computePulse, dayOf, type Badge, type Pulse, type PulseLedger, type PulseMember } from './pulse-metrics.js';

type DataModule = typeof import('@cohort-kit/core/data.js');

/** What the controller reads from the element. */
export interface PulsePage {
  /** The badges whose claimed copies the pulse counts. */
  readonly badges: readonly string[];
}

export class PulseController implements ReactiveController {
  members: PulseMember[] = [];
  ledgers = new Map<string, PulseLedger>();
  badges: Badge[] = [];
  membersLoaded = false;
  ledgersLoaded = false;
  /** A nudge on its way. */
  nudging = false;
  error = '';

  #source?: { runtime: FirebaseRuntime; data: DataModule };
  #computed?: { pulse: Pulse; inputs: unknown[] };
  readonly #watch: KeyedSubscription<readonly [string, string, string]>;

  constructor(
    private readonly host: WidgetHost,
    private readonly page: PulsePage,
  ) {
    host.addController(this);
    this.#watch = new KeyedSubscription(host, {
      // Only the course team watches: a learner's page makes no read the rules would refuse anyway.
      key: () =>
        this.#source && this.host.isFacilitator
          ? ([this.host.spaceId, this.host.spaceState?.user?.uid ?? '', this.page.badges.join(' ')] as const)
          : undefined,
      subscribe: ([space, , badges]) => this.#subscribe(space, badges ? badges.split(' ') : []),
    });
  }

  hostUpdate(): void {
    this.#watch.refresh();
  }

  start(runtime: FirebaseRuntime, data: DataModule): () => void {
    const source = { runtime, data };
    this.#source = source;
    this.#watch.refresh();
    return () => {
      if (this.#source !== source) return;
      this.#source = undefined;
      this.#watch.refresh();
    };
  }

  get loaded(): boolean {
    return this.membersLoaded && this.ledgersLoaded;
  }

  /** The pulse of the data now, computed again only when the data or the day changed. */
  pulse(now = new Date()): Pulse {
    const inputs = [this.members, this.ledgers, this.badges, dayOf(now)];
    const cached = this.#computed;
    if (cached && cached.inputs.every((input, index) => input === inputs[index])) return cached.pulse;
    const pulse = computePulse(this.members, this.ledgers, this.badges, dayOf(now));
    this.#computed = { pulse, inputs };
    return pulse;
  }

  #subscribe(space: string, badges: string[]): () => void {
    const { runtime, data } = this.#source!;
    this.membersLoaded = false;
    this.ledgersLoaded = false;
    return pulseData.watchPulse(runtime, data, space, badges, {
      members: (members) => {
        this.members = members;
        this.membersLoaded = true;
        this.host.requestUpdate();
      },
      ledgers: (ledgers) => {
        this.ledgers = ledgers;
        this.ledgersLoaded = true;
        this.host.requestUpdate();
      },
      badges: (found) => {
        this.badges = found;
        this.host.requestUpdate();
      },
      error: (error) => this.host.fail({ kind: 'connection', message: error.message }),
      stale: () => this.host.requestUpdate(),
    });
  }

  /** Posts `body` in `thread`, mentioning `uids`. Resolves true once it is saved (announced), false if refused. */
  async nudge(thread: string, uids: string[], body: string): Promise<boolean> {
    const source = this.#source;
    const member = this.host.spaceState?.member;
    if (!source || !member || this.nudging) return false;
    this.nudging = true;
    this.error = '';
    this.host.requestUpdate();
    try {
      const write = pulseData.postNudge(source.runtime, source.data, {
        space: this.host.spaceId,
        thread,
        author: { uid: member.uid, name: member.displayName, role: member.role },
        body,
        mentions: uids,
      });
      await this.host.settle(write);
      this.host.announce(
        msg(str`Nudge posted in ${thread}, mentioning ${uids.length} learners.`, { id: 'pulse.nudge-posted' }),
      );
      this.host.emit(new CohortNudgeEvent({ space: this.host.spaceId, thread, mentioned: uids.length }));
      return true;
    } catch (error) {
      this.error = (error as Error).message;
      return false;
    } finally {
      this.nudging = false;
      this.host.requestUpdate();
    }
  }
}
