// The safe formatter: a tiny markdown subset parsed into a node tree and rendered as Lit templates, so
// learner text only ever becomes text nodes and attribute values — never markup. No innerHTML anywhere.
import { html, nothing, type TemplateResult } from 'lit';

export const MAX_BODY = 2000;
export const MAX_LINKS = 3;

export type InlineNode =
  | { type: 'text'; text: string }
  | { type: 'strong' | 'em'; children: InlineNode[] }
  | { type: 'code'; text: string }
  | { type: 'link'; href: string; text: string }
  | { type: 'break' };

export type Paragraph = InlineNode[];

/**
 * Only absolute http(s) URLs survive; anything else (javascript:, data:, relative) is refused, and so is an address
 * with a user name or password in it: in "https://bank.example@evil.example" the host is evil.example.
 */
export function safeUrl(raw: string): string | null {
  if (!/^https?:\/\//.test(raw)) return null;
  try {
    const url = new URL(raw);
    if (url.username || url.password) return null;
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

// Something a reader takes for an address: dot-separated names ending in one of two or more characters with a
// letter, with or without a scheme ("bank.example", "https://bank.example/login"). Ideographic and full-width
// dots count, since the URL parser reads them as dots.
const HOST_LIKE = /(?:[\p{L}\p{N}-]+[.\u3002\uFF0E\uFF61])+(?=[\p{L}\p{N}-]*\p{L})[\p{L}\p{N}-]{2,}/gu;

/** The host a reader would take `name` for, as the URL parser reads it (lower case, punycode), or null. */
function hostOf(name: string): string | null {
  try {
    return new URL(`https://${name}`).hostname.replace(/^www\./, '');
  } catch {
    return null;
  }
}

/**
 * The text a [label](href) link shows. A label that names an address is a claim about where the link goes: when
 * any address in it has another host than the link's, the link shows its real address instead, so
 * "[bank.example](https://evil.example)" reads "https://evil.example/". Other labels are shown as written.
 */
export function linkText(label: string, href: string): string {
  const host = hostOf(new URL(href).host);
  const claimed = label.match(HOST_LIKE) ?? [];
  return claimed.every((name) => hostOf(name) === host) ? label : href;
}

/** Counted exactly as the security rules count: every "http://" or "https://" in the text. */
export function countLinks(body: string): number {
  return (body.match(/https?:\/\//g) ?? []).length;
}

// One pass over the text, earliest match wins: `code`, [text](url), bare URL, **bold**, _italic_.
const INLINE =
  /`([^`\n]+)`|\[([^\]\n]{1,200})\]\((https?:\/\/[^\s)]+)\)|(https?:\/\/[^\s<>"]+)|\*\*([^\n]+?)\*\*|(?<![\p{L}\p{N}])_([^_\n]+?)_(?![\p{L}\p{N}])/u;

function parseInline(text: string, depth = 0): InlineNode[] {
  const nodes: InlineNode[] = [];
  let rest = text;
  const pushText = (value: string) => {
    if (!value) return;
    const lines = value.split('\n');
    lines.forEach((line, index) => {
      if (index > 0) nodes.push({ type: 'break' });
      if (line) nodes.push({ type: 'text', text: line });
    });
  };
  while (rest) {
    const match = INLINE.exec(rest);
    if (!match) {
      pushText(rest);
      break;
    }
    pushText(rest.slice(0, match.index));
    let consumed = match[0];
    const [, code, label, linkUrl, bare, bold, italic] = match;
    if (code !== undefined) {
      nodes.push({ type: 'code', text: code });
    } else if (label !== undefined && linkUrl !== undefined) {
      const href = safeUrl(linkUrl);
      if (href) nodes.push({ type: 'link', href, text: linkText(label, href) });
      else pushText(match[0]);
    } else if (bare !== undefined) {
      // Trailing punctuation belongs to the sentence, not the URL.
      const trimmed = bare.replace(/[.,;:!?)\]'"]+$/, '');
      consumed = trimmed;
      const href = safeUrl(trimmed);
      if (href) nodes.push({ type: 'link', href, text: trimmed });
      else pushText(trimmed);
    } else if (bold !== undefined) {
      nodes.push(
        depth < 3 ? { type: 'strong', children: parseInline(bold, depth + 1) } : { type: 'text', text: match[0] },
      );
    } else if (italic !== undefined) {
      nodes.push(
        depth < 3 ? { type: 'em', children: parseInline(italic, depth + 1) } : { type: 'text', text: match[0] },
      );
    }
    rest = rest.slice(match.index + Math.max(consumed.length, 1));
  }
  return nodes;
}

/** Paragraphs split on blank lines; single line breaks kept. */
export function parseBody(body: string): Paragraph[] {
  return body
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n+/)
    .map((block) => block.trim())
    .filter(Boolean)
    .map((block) => parseInline(block));
}

/** The plain text a reader sees, for tests and screen-reader summaries. */
export function plainText(nodes: InlineNode[]): string {
  return nodes
    .map((node) => {
      switch (node.type) {
        case 'text':
        case 'code':
        case 'link':
          return node.text;
        case 'break':
          return '\n';
        default:
          return plainText(node.children);
      }
    })
    .join('');
}

function renderInline(nodes: InlineNode[], newTab: string): unknown[] {
  return nodes.map((node) => {
    switch (node.type) {
      case 'text':
        return node.text;
      case 'break':
        return html`<br />`;
      case 'code':
        return html`<code>${node.text}</code>`;
      case 'strong':
        return html`<strong>${renderInline(node.children, newTab)}</strong>`;
      case 'em':
        return html`<em>${renderInline(node.children, newTab)}</em>`;
      case 'link':
        return html`<a href=${node.href} target="_blank" rel="noopener noreferrer nofollow ugc"
          >${node.text}<span class="visually-hidden"> ${newTab}</span></a
        >`;
    }
  });
}

/** Learner text as Lit templates. `newTab` is the localised "(opens in a new tab)" hint. */
export function renderBody(body: string, newTab: string): TemplateResult | typeof nothing {
  const paragraphs = parseBody(body);
  if (!paragraphs.length) return nothing;
  return html`${paragraphs.map((paragraph) => html`<p>${renderInline(paragraph, newTab)}</p>`)}`;
}

export { blockedWordsIn, hasBidiControl } from '@cohort-kit/core/text-checks.js';
