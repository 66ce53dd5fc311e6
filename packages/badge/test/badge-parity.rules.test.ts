// The badge's criteria and limits as the rules, the CLI's shared JSON and the ledger each hold them: a drift would
// offer a criterion the rules never judge, or a wall page the rules refuse.
import { describe, expect, it } from 'vitest';
import { composedRules, readRepositoryFile } from '@cohort-kit/core/testing/rules.js';
import shared from '../src/badge-rules.json' with { type: 'json' };

/** The ledger kinds as packages/core/src/ledger.ts declares them. */
function ledgerKinds() {
  const found = /CONTRIBUTION_KINDS = \[([^\]]*)\] as const;/.exec(readRepositoryFile('packages/core/src/ledger.ts'));
  return [...found![1]!.matchAll(/'([^']+)'/g)].map((match) => match[1]!);
}

describe('badge rules, CLI and ledger agree', () => {
  it('on the counters a criterion may name: every ledger kind, each judged by the rules', () => {
    expect(Object.values(shared.criteria)).toEqual(ledgerKinds());
    const body = /function criteriaMet\(criteria\) \{([\s\S]*?)\n\s*\}/.exec(composedRules())![1]!;
    const judged = [...body.matchAll(/counts\.get\('(\w+)', 0\) >= criteria\.get\('(\w+)', 0\)/g)];
    expect(judged.map((match) => match[1])).toEqual(ledgerKinds());
    expect(judged.every((match) => match[1] === match[2])).toBe(true);
  });

  it('on the largest page of the wall', () => {
    expect(composedRules()).toContain(`allow list: if request.query.limit <= ${shared.limits.wallPage};`);
  });
});
