// Shared by the <cohort-badge> component tests: mount the badge, set up its data on the server, and claim as other
// learners from elsewhere.
import { fixture } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { peerApp, waitFor, type useEmulators } from '@cohort-kit/core/testing';
import { claimNext } from '../src/badge-data.js';
import type { CohortBadge } from '../src/badge.js';
import { BadgeHarness } from './badge-harness.js';
import '../src/cohort-badge.js';

/** A badge in `space`, once it shows. `extra` is more markup beside it (another widget of the page). */
export async function mountBadge(space: string, badge: string, extra = '') {
  const wrapper = await fixture<HTMLDivElement>(
    `<div><cohort-badge space="${space}" badge="${badge}"></cohort-badge>${extra}</div>`,
  );
  const view = new BadgeHarness(wrapper.querySelector('cohort-badge') as CohortBadge);
  await waitFor(() => view.loaded(), 'the badge shows');
  return view;
}

/** The page's learner, once signed in (every element of the page shares one). */
export const uidOf = (view: BadgeHarness) => view.element['runtime']!.identity.user?.uid ?? '';

/** The definition, as `cohort-kit create-badge` writes it. */
export const defineBadge = (payload: {
  space: string;
  badge: string;
  criteria: Record<string, number>;
  edition: number;
  issued?: number;
  hints?: Record<string, string>;
  closesInMs?: number;
}) => executeServerCommand('cohort-badge-define', payload);

/** A learner's ledger as their contributions left it; with `name`, they joined the space too. */
export const seedLedger = (space: string, uid: string, counts: Record<string, number>, name?: string) =>
  executeServerCommand('cohort-badge-ledger', { space, uid, counts, name });

export const seedHolders = (space: string, badge: string, count: number) =>
  executeServerCommand('cohort-badge-holders', { space, badge, count });

export const retireBadge = (space: string, badge: string) =>
  executeServerCommand('cohort-badge-retire', { space, badge });

/** Another learner in their own Firebase app and anonymous account, who joined and meets `counts`. */
export async function peerLearner(
  emulators: ReturnType<typeof useEmulators>,
  space: string,
  name: string,
  counts: Record<string, number>,
) {
  const { uid, db, close } = await peerApp(emulators);
  await seedLedger(space, uid, counts, name);
  return {
    uid,
    /** Claims the next copy as the element does; resolves with its number. */
    claim: (badge: string, showName = true) => claimNext(db, space, badge, uid, showName ? name : '', true),
    close,
  };
}
