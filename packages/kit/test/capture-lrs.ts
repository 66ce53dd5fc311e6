// A local capture endpoint standing in for a Learning Record Store: it takes xAPI statements (PUT with a
// statementId, as the kit sends them), answers CORS preflights, keeps every request it saw, and can be told to fail.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CapturedRequest {
  method: string;
  statementId: string | null;
  headers: IncomingHttpHeaders;
  body: Record<string, any>;
  status: number;
}

export interface CaptureLrs {
  /** The xAPI base address, ending in a slash. */
  endpoint: string;
  /** Every statement request, in order, with the status it was answered with. */
  requests: CapturedRequest[];
  /** Statements stored, by id: each at most once. */
  stored: Map<string, Record<string, any>>;
  /** The next n statement requests are answered 503. */
  failNext(n: number): void;
  close(): Promise<void>;
}

const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'PUT, POST, OPTIONS',
  'access-control-allow-headers': 'Authorization, Content-Type, X-Experience-API-Version',
};

export async function startCaptureLrs(): Promise<CaptureLrs> {
  const requests: CapturedRequest[] = [];
  const stored = new Map<string, Record<string, any>>();
  let failing = 0;
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const answer = (status: number) => {
        response.writeHead(status, CORS);
        response.end();
      };
      if (request.method === 'OPTIONS') return answer(204);
      const url = new URL(request.url ?? '/', 'http://lrs');
      if (url.pathname !== '/xapi/statements' || request.method !== 'PUT') return answer(404);
      const statementId = url.searchParams.get('statementId');
      let body: Record<string, any> = {};
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        body = {};
      }
      let status = 204;
      if (failing > 0) {
        failing--;
        status = 503;
      } else if (!statementId) status = 400;
      else if (stored.has(statementId)) status = 409;
      else stored.set(statementId, body);
      requests.push({ method: request.method, statementId, headers: request.headers, body, status });
      answer(status);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}/xapi/`,
    requests,
    stored,
    failNext: (n) => {
      failing = n;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const LANGUAGE_TAG = /^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i;
const STATEMENT_KEYS = new Set([
  'id',
  'actor',
  'verb',
  'object',
  'result',
  'context',
  'timestamp',
  'stored',
  'authority',
  'version',
  'attachments',
]);

function isIri(value: unknown): boolean {
  if (typeof value !== 'string' || /\s/.test(value)) return false;
  try {
    return Boolean(new URL(value).protocol);
  } catch {
    return false;
  }
}

function isLanguageMap(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    Object.keys(value).length > 0 &&
    Object.entries(value).every(([tag, text]) => LANGUAGE_TAG.test(tag) && typeof text === 'string')
  );
}

function activityProblems(activity: any, where: string): string[] {
  const problems: string[] = [];
  if (activity?.objectType !== undefined && activity.objectType !== 'Activity')
    problems.push(`${where}.objectType must be Activity`);
  if (!isIri(activity?.id)) problems.push(`${where}.id must be an IRI`);
  const definition = activity?.definition;
  if (definition?.name !== undefined && !isLanguageMap(definition.name))
    problems.push(`${where}.definition.name must be a language map`);
  if (definition?.type !== undefined && !isIri(definition.type))
    problems.push(`${where}.definition.type must be an IRI`);
  return problems;
}

/**
 * What a request breaks of xAPI 1.0.3's rules for a statement (Data 2.2–2.4, Communication 1.3 and 2.1.1), as far as
 * this kit uses them: an empty list when it keeps them all.
 */
export function statementProblems({ body: s, headers, statementId }: CapturedRequest): string[] {
  const problems: string[] = [];
  if (headers['x-experience-api-version'] !== '1.0.3') problems.push('X-Experience-API-Version header must be 1.0.3');
  if (!String(headers['content-type']).startsWith('application/json')) problems.push('Content-Type must be JSON');
  for (const key of Object.keys(s)) if (!STATEMENT_KEYS.has(key)) problems.push(`unknown property ${key}`);
  if (!UUID.test(s.id ?? '')) problems.push('id must be a UUID');
  if (s.id !== statementId) problems.push('id must match the statementId parameter');
  const actor = s.actor;
  if (actor?.objectType !== undefined && actor.objectType !== 'Agent') problems.push('actor.objectType must be Agent');
  const identifiers = ['mbox', 'mbox_sha1sum', 'openid', 'account'].filter((key) => actor?.[key] !== undefined);
  if (identifiers.length !== 1) problems.push('actor must have exactly one inverse functional identifier');
  if (
    actor?.account &&
    (!isIri(actor.account.homePage) || typeof actor.account.name !== 'string' || !actor.account.name)
  )
    problems.push('actor.account needs an IRL homePage and a name');
  if (!isIri(s.verb?.id)) problems.push('verb.id must be an IRI');
  if (!isLanguageMap(s.verb?.display)) problems.push('verb.display must be a language map');
  problems.push(...activityProblems(s.object, 'object'));
  if (typeof s.timestamp !== 'string' || !/(Z|[+-]\d\d:\d\d)$/.test(s.timestamp) || isNaN(Date.parse(s.timestamp)))
    problems.push('timestamp must be an ISO 8601 date-time with a time zone');
  const score = s.result?.score;
  if (score && (score.scaled < -1 || score.scaled > 1 || score.raw < score.min || score.raw > score.max))
    problems.push('result.score out of range');
  const activities = s.context?.contextActivities ?? {};
  for (const [kind, list] of Object.entries(activities)) {
    if (!['parent', 'grouping', 'category', 'other'].includes(kind)) problems.push(`contextActivities.${kind} unknown`);
    (list as unknown[]).forEach((activity, i) => problems.push(...activityProblems(activity, `${kind}[${i}]`)));
  }
  if (s.context?.language !== undefined && !LANGUAGE_TAG.test(s.context.language))
    problems.push('context.language must be a language tag');
  return problems;
}
