/**
 * Turns the `cohort-*` events the elements fire on success into xAPI 1.0.3 statements. Each act's verb comes from
 * the ADL vocabulary or the xAPI registry; docs/xapi.md says why each was chosen. Pure functions: no network, no
 * storage, so the mapping is tested on its own.
 */

/** How an LRS is reached: `data-xapi-endpoint` / `data-xapi-auth`, or `configure({ xapi })`. */
export interface XapiConfig {
  /** The LRS's xAPI base address, e.g. `https://lrs.example/xapi/`; statements go to `<endpoint>statements`. */
  endpoint: string;
  /** The `Authorization` header's value, e.g. `Basic dXNlcjpwYXNz`. */
  auth?: string;
  /** The base of the activity IRIs (spaces, polls, threads…); defaults to `<page origin>/cohort-kit`. */
  activityBase?: string;
  /** The `account.homePage` of actors; defaults to the page's origin. */
  homePage?: string;
}

/** Who acted: a learner id a host vouches for (SCORM, a custom token) or the anonymous account's uid. */
export interface XapiLearner {
  id: string;
  name?: string;
}

export interface Activity {
  objectType: 'Activity';
  id: string;
  definition?: {
    name?: Record<string, string>;
    type?: string;
    interactionType?: string;
  };
}

export interface Statement {
  id: string;
  timestamp: string;
  actor: { objectType: 'Agent'; name?: string; account: { homePage: string; name: string } };
  verb: { id: string; display: Record<string, string> };
  object: Activity;
  result?: { response?: string; score?: { raw: number; min: number; max: number; scaled: number } };
  context: {
    platform: string;
    language?: string;
    contextActivities: { parent: Activity[]; grouping: Activity[] };
  };
}

const ADL = 'http://adlnet.gov/expapi/verbs/';
const TINCAN = 'http://id.tincanapi.com/verb/';
/** The verbs, one per kind of act; docs/xapi.md gives the reason for each. */
export const VERBS = {
  commented: `${ADL}commented`,
  replied: `${TINCAN}replied`,
  liked: `${TINCAN}liked`,
  answered: `${ADL}answered`,
  created: 'http://activitystrea.ms/schema/1.0/create',
  progressed: `${ADL}progressed`,
  completed: `${ADL}completed`,
  shared: `${ADL}shared`,
  reviewed: `${TINCAN}reviewed`,
  rated: `${TINCAN}rated`,
  earned: 'https://w3id.org/xapi/openbadges/verbs/earned',
} as const;
type Verb = keyof typeof VERBS;

/** Only the fields of each event's detail that a statement uses (the full types live in each widget's events.ts). */
type Detail = Record<string, unknown> & { space: string };

/** What one act is about: its verb, the activity it acts on (a path under the space) and an optional result. */
interface Act {
  verb: Verb;
  /** The activity's path segments under the space, each percent-encoded into the IRI. */
  path: string[];
  name: string;
  interaction?: 'choice';
  result?: Statement['result'];
}

const text = (value: unknown) => String(value ?? '');

/** A goal on a board, or a post in a thread: the activity several acts share. */
const goalOf = (d: Detail) => ({
  path: ['boards', text(d.board), 'goals', text(d.goal)],
  name: `${text(d.board)} · ${text(d.goal)}`,
});
const postOf = (d: Detail, post: unknown) => ({
  path: ['threads', text(d.thread), 'posts', text(post)],
  name: `${text(d.thread)} · ${text(post)}`,
});

/** Each event an act is recorded from; an event whose detail is no act (a reaction removed, a review claimed) gives none. */
export const ACTS: Record<string, (detail: Detail) => Act | undefined> = {
  'cohort-post': (d) => ({ verb: 'commented', path: ['threads', text(d.thread)], name: text(d.thread) }),
  'cohort-reply': (d) => ({ verb: 'replied', ...postOf(d, d.parentId) }),
  'cohort-react': (d) =>
    d.active
      ? {
          verb: 'liked',
          ...postOf(d, d.postId),
          result: { response: text(d.reaction) },
        }
      : undefined,
  'cohort-vote': (d) => ({
    verb: 'answered',
    path: ['polls', text(d.poll)],
    name: text(d.poll),
    interaction: 'choice',
    // The xAPI choice interaction's response format: the chosen ids joined by "[,]".
    result: { response: (d.choices as string[]).join('[,]') },
  }),
  'cohort-goal': (d) => {
    const goal = goalOf(d);
    if (d.action === 'set') return { verb: 'created', ...goal };
    if (d.action === 'reflect') return { verb: 'commented', ...goal };
    if (d.action === 'done') return { verb: 'completed', ...goal };
    return undefined;
  },
  'cohort-check-in': (d) => ({
    verb: 'progressed',
    ...goalOf(d),
    result: { response: text(d.status) },
  }),
  'cohort-cheer': (d) => ({ verb: 'liked', ...goalOf(d) }),
  'cohort-share': (d) =>
    d.action === 'share' ? { verb: 'shared', path: ['rounds', text(d.round)], name: text(d.round) } : undefined,
  'cohort-review': (d) =>
    d.action === 'send' ? { verb: 'reviewed', path: ['rounds', text(d.round)], name: text(d.round) } : undefined,
  'cohort-rate': (d) => {
    const raw = Number(d.rating);
    return {
      verb: 'rated',
      path: ['rounds', text(d.round), 'reviews-received'],
      name: text(d.round),
      result: { score: { raw, min: 1, max: 5, scaled: (raw - 1) / 4 } },
    };
  },
  'cohort-badge-claimed': (d) => ({
    verb: 'earned',
    path: ['badges', text(d.badge)],
    name: text(d.badge),
    result: { response: text(d.number) },
  }),
};

/** A version 4 UUID from the platform's random numbers (crypto.randomUUID needs a secure context; this does not). */
export function uuid(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Each segment percent-encoded, so any id (spaces and slashes included) stays one segment of a valid IRI. */
const iri = (base: string, segments: string[]) => [base, ...segments.map(encodeURIComponent)].join('/');

const english = (value: string) => ({ 'en-US': value });

export interface PageInfo {
  /** The course page's address (no query or fragment): the parent activity. */
  url: string;
  title: string;
  origin: string;
  lang?: string;
}

export function pageInfo(doc: Document = document): PageInfo {
  const { origin, pathname } = new URL(doc.URL);
  return { url: `${origin}${pathname}`, title: doc.title, origin, lang: doc.documentElement.lang || undefined };
}

/** The statement for one `cohort-*` event, or undefined if the event is no act worth recording. */
export function statementFor(
  type: string,
  detail: Detail,
  learner: XapiLearner,
  config: XapiConfig,
  page: PageInfo,
  now = new Date(),
): Statement | undefined {
  const act = ACTS[type]?.(detail);
  if (!act || !detail.space) return undefined;
  const base = (config.activityBase ?? `${page.origin}/cohort-kit`).replace(/\/+$/, '');
  const space = ['spaces', detail.space];
  const statement: Statement = {
    id: uuid(),
    timestamp: now.toISOString(),
    actor: {
      objectType: 'Agent',
      ...(learner.name ? { name: learner.name } : {}),
      account: { homePage: config.homePage ?? page.origin, name: learner.id },
    },
    verb: { id: VERBS[act.verb], display: english(act.verb) },
    object: {
      objectType: 'Activity',
      id: iri(base, [...space, ...act.path]),
      definition: {
        name: english(act.name),
        ...(act.interaction
          ? { type: 'http://adlnet.gov/expapi/activities/cmi.interaction', interactionType: act.interaction }
          : {}),
      },
    },
    context: {
      platform: 'Cohort Kit',
      ...(page.lang ? { language: page.lang } : {}),
      contextActivities: {
        parent: [
          {
            objectType: 'Activity',
            id: page.url,
            definition: { name: english(page.title || page.url), type: 'http://adlnet.gov/expapi/activities/lesson' },
          },
        ],
        grouping: [
          {
            objectType: 'Activity',
            id: iri(base, space),
            definition: { name: english(detail.space), type: 'http://adlnet.gov/expapi/activities/course' },
          },
        ],
      },
    },
  };
  if (act.result) statement.result = act.result;
  return statement;
}
