import { expect } from '@open-wc/testing';
import { Outbox } from './outbox.js';
import { statementFor } from './statements.js';

const page = { url: 'https://course.test/p', title: 'P', origin: 'https://course.test' };
const statement = () =>
  statementFor('cohort-vote', { space: 's', poll: 'q', choices: ['a'] }, { id: 'u' }, { endpoint: 'x' }, page)!;

let endpoint = '';
let answers: number[] = [];
let sent: { url: string; body: string; headers: Record<string, string> }[] = [];
const realFetch = window.fetch;

beforeEach(() => {
  endpoint = `http://lrs.test/${Math.random().toString(36).slice(2)}/`;
  answers = [];
  sent = [];
  window.fetch = (async (url: string, init: RequestInit) => {
    sent.push({ url, body: String(init.body), headers: init.headers as Record<string, string> });
    const status = answers.shift() ?? 204;
    if (status === 0) throw new TypeError('Failed to fetch');
    return new Response(null, { status });
  }) as typeof fetch;
});
afterEach(() => {
  window.fetch = realFetch;
});

describe('the xAPI outbox', () => {
  it('PUTs each statement under its own id with the version and auth headers, and forgets it on 2xx', async () => {
    const box = new Outbox({ endpoint, auth: 'Basic abc' });
    const one = statement();
    await box.add(one);
    expect(sent).to.have.length(1);
    expect(sent[0]!.url).to.equal(`${endpoint}statements?statementId=${one.id}`);
    expect(sent[0]!.headers['X-Experience-API-Version']).to.equal('1.0.3');
    expect(sent[0]!.headers.Authorization).to.equal('Basic abc');
    expect(JSON.parse(sent[0]!.body)).to.deep.equal(one);
    expect(await box.queued()).to.deep.equal([]);
  });

  it('keeps a statement the LRS could not take, for a later page too, and sends it with the same id', async () => {
    answers = [503];
    const one = statement();
    await new Outbox({ endpoint }).add(one);
    expect((await new Outbox({ endpoint }).queued()).map((s) => s.id)).to.deep.equal([one.id]);
    answers = [0];
    await new Outbox({ endpoint }).flush();
    expect(await new Outbox({ endpoint }).queued()).to.have.length(1);
    await new Outbox({ endpoint }).flush();
    expect(sent.map((each) => each.url.split('=')[1])).to.deep.equal([one.id, one.id, one.id]);
    expect(await new Outbox({ endpoint }).queued()).to.deep.equal([]);
  });

  it('counts a 409 (the LRS has that id already) as sent, and drops a 400 it can never take', async () => {
    answers = [409, 400];
    const box = new Outbox({ endpoint });
    await box.add(statement());
    await box.add(statement());
    expect(await box.queued()).to.deep.equal([]);
  });

  it('sends what was queued in order, one at a time, none twice, when acts come faster than replies', async () => {
    const box = new Outbox({ endpoint });
    const all = [statement(), statement(), statement()];
    await Promise.all(all.map((each) => box.add(each)));
    await box.flush();
    expect(sent.map((each) => JSON.parse(each.body).id)).to.deep.equal(all.map((each) => each.id));
  });

  it('keeps the queue in memory where the page may not store anything (a sandboxed frame)', async () => {
    const open = indexedDB.open;
    indexedDB.open = () => {
      throw new DOMException('The user denied permission to access the database.', 'SecurityError');
    };
    try {
      answers = [503];
      const box = new Outbox({ endpoint });
      const one = statement();
      await box.add(one);
      expect((await box.queued()).map((s) => s.id)).to.deep.equal([one.id]);
      await box.flush();
      expect(await box.queued()).to.deep.equal([]);
      expect(sent.map((each) => JSON.parse(each.body).id)).to.deep.equal([one.id, one.id]);
    } finally {
      indexedDB.open = open;
    }
  });
});
