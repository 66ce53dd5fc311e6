// A badge's limits and criteria, without the SDK: the element reads preview attributes with them at first paint.
// badge-rules.json is shared with the CLI (create-badge) and compared with the rules (badge-parity.rules.test.ts).
import { msg, str } from '@lit/localize';
import shared from './badge-rules.json' with { type: 'json' };

/** The ledger counters a criterion may name (packages/core/src/ledger.ts), by their kebab-case name. */
export const CRITERIA: Readonly<Record<string, string>> = shared.criteria;
export const LIMITS = shared.limits;
/** Holders shown on the wall at first; the rules allow a page of at most LIMITS.wallPage. */
export const WALL_PAGE = 24;

/** Ledger counter → how many the badge asks for. */
export type Criteria = Record<string, number>;

/** The kebab-case name of a ledger counter (`feedbackGiven` → `feedback-given`). */
export const kebabOf = (kind: string) => Object.entries(CRITERIA).find(([, key]) => key === kind)?.[0] ?? kind;

/**
 * `posts>=2, replies>=2` as criteria, or a message naming the part that is not one (the preview's `criteria`
 * attribute; the CLI checks `--criteria` the same way with its own messages).
 */
export function parseCriteria(text: string): Criteria | string {
  const criteria: Criteria = {};
  for (const part of text.split(',').map((each) => each.trim())) {
    const found = /^([a-z-]+)\s*>=\s*(\d{1,4})$/.exec(part);
    const kind = found && CRITERIA[found[1]!];
    const count = Number(found?.[2]);
    if (!kind || count < 1 || count > LIMITS.criterion) {
      return msg(
        str`criteria: "${part}" is not a criterion such as "replies>=2" (a count of ${Object.keys(CRITERIA).join(', ')}, from 1 to ${LIMITS.criterion}).`,
        { id: 'badge.criteria-invalid' },
      );
    }
    criteria[kind] = count;
  }
  return criteria;
}
