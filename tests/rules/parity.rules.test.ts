// Constants that live both in TypeScript (what the elements offer and check) and in the rules (what the server
// accepts). When they drift, a learner is offered something the rules refuse, or the rules accept what the element
// never shows: each pair is read from both sides and compared. Each widget compares its own beside its rules.
import { describe, expect, it } from 'vitest';
import { composedRules, listReturnedBy } from '@cohort-kit/core/testing/rules.js';
import ids from '../../packages/core/src/ids.json' with { type: 'json' };
import { CONTRIBUTION_KINDS } from '../../packages/core/src/ledger';

describe('core rules and TypeScript agree', () => {
  it('on the id pattern (the elements and the CLI read it from ids.json)', () => {
    expect(composedRules()).toContain(`id.matches('${ids.pattern}')`);
  });

  it('on the kinds of contribution the activity ledger counts', () => {
    expect(listReturnedBy('ledgerKinds')).toEqual([...CONTRIBUTION_KINDS]);
  });
});
