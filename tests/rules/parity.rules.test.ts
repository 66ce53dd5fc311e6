// Constants that live both in TypeScript (what the elements offer and check) and in the rules (what the server
// accepts). When they drift, a learner is offered something the rules refuse, or the rules accept what the element
// never shows: each pair is read from both sides and compared.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import ids from '../../packages/core/src/ids.json' with { type: 'json' };
import { CONTRIBUTION_KINDS } from '../../packages/core/src/ledger';
import {
  MAX_POSTS_PER_HOUR,
  MIN_SECONDS_BETWEEN_POSTS,
  REACTIONS,
  REPORT_REASONS,
} from '../../packages/thread/src/reactions';

const read = (path: string) => readFileSync(fileURLToPath(new URL(`../../${path}`, import.meta.url)), 'utf8');
const rules = read('firestore.rules');

/** The quoted strings of the list a rules function returns, e.g. reactionKeys(). */
function listReturnedBy(name: string): string[] {
  const body = new RegExp(`function ${name}\\(\\) \\{\\s*return \\[([^\\]]*)\\]`).exec(rules);
  expect(body, `firestore.rules defines ${name}()`).not.toBeNull();
  return [...body![1]!.matchAll(/'([^']+)'/g)].map((match) => match[1]!);
}

/** A numeric constant as a TypeScript source declares it (for modules too heavy to import in Node). */
function tsConstant(path: string, name: string): number {
  const found = new RegExp(`export const ${name} = (\\d+);`).exec(read(path));
  expect(found, `${path} exports ${name}`).not.toBeNull();
  return Number(found![1]);
}

describe('rules and TypeScript agree', () => {
  it('on the reaction palette', () => {
    expect(listReturnedBy('reactionKeys')).toEqual(REACTIONS.map((reaction) => reaction.key));
  });

  it('on the report reasons', () => {
    const allowed = /reason in \[([^\]]*)\]/.exec(rules);
    expect([...allowed![1]!.matchAll(/'([^']+)'/g)].map((match) => match[1])).toEqual([...REPORT_REASONS]);
  });

  it('on the posting rate', () => {
    expect(rules).toContain(
      `request.time >= resource.data.lastPostAt + duration.value(${MIN_SECONDS_BETWEEN_POSTS}, 's')`,
    );
    expect(rules).toContain(`request.resource.data.count <= ${MAX_POSTS_PER_HOUR})`);
  });

  it('on the number of poll shards', () => {
    const shards = tsConstant('packages/poll/src/poll-data.ts', 'SHARD_COUNT');
    const ids = /shardId in \[([^\]]*)\]/.exec(rules);
    expect([...ids![1]!.matchAll(/'(\d+)'/g)].map((match) => Number(match[1]))).toEqual(
      Array.from({ length: shards }, (_, i) => i),
    );
  });

  it('on the longest post and the most links', () => {
    expect(rules).toContain(`cleanText(spaceId, body, 1, ${tsConstant('packages/thread/src/format.ts', 'MAX_BODY')})`);
    expect(rules).toContain(`linkCountOf(body) <= ${tsConstant('packages/thread/src/format.ts', 'MAX_LINKS')}`);
  });

  it('on how many options a poll has', () => {
    const min = tsConstant('packages/poll/src/poll-markup.ts', 'MIN_OPTIONS');
    const max = tsConstant('packages/poll/src/poll-markup.ts', 'MAX_OPTIONS');
    expect(rules).toContain(`data.optionValues.size() >= ${min} && data.optionValues.size() <= ${max}`);
  });

  it('on the id pattern (the elements and the CLI read it from ids.json)', () => {
    expect(rules).toContain(`id.matches('${ids.pattern}')`);
  });

  it('on the kinds of contribution the activity ledger counts', () => {
    expect(listReturnedBy('ledgerKinds')).toEqual([...CONTRIBUTION_KINDS]);
  });
});
