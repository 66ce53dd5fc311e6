import { expect, fixture } from '@open-wc/testing';
import { html } from 'lit';
import { textBox } from '../testing/text-box.js';
import { nameList } from './name-list.js';

describe('nameList', () => {
  it('reads names in the order given, in English, even when they are written right to left', async () => {
    const names = ['נועה לוי', 'ليلى حسن', 'Bo'];
    const paragraph = await fixture(html`<p dir="ltr">Your buddies: ${nameList(names, 'en')}.</p>`);
    expect(paragraph.textContent!.replace(/\s+/g, ' ')).to.equal('Your buddies: נועה לוי, ليلى حسن, and Bo.');
    const [first, second, third] = names.map((name) => textBox(paragraph, name).left);
    expect(first).to.be.below(second!);
    expect(second).to.be.below(third!);
  });

  it('uses the language’s own words between the names', async () => {
    const paragraph = await fixture(html`<p>${nameList(['Ana', 'Bo'], 'es')}</p>`);
    expect(paragraph.textContent!.trim()).to.equal('Ana y Bo');
  });
});
