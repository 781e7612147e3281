// The bad-input corpus: requests a careless or hostile client can send to the router, as data.
// Add a row to REQUESTS (one HTTP request; run by bad-input.test.ts) or TEXT_ARGUMENTS (one text
// argument, tried with every sample in TEXT_SAMPLES; run by bad-text-input.test.ts). Each gets
// the common checks of bad-input-harness.ts (no 5xx, every error coded, no stack trace or SQL,
// the router still serves) plus the row's own expectation.
import { TEST_PASSWORD, uniqueEmail } from '../support/client.ts';

/** What the corpus needs from the running stack (see bad-input.test.ts). */
export interface Fixtures {
  /** A signed-up USER. */
  user: { id: string; email: string; accessToken: string };
  /** An access token with the ADMIN role. */
  adminToken: string;
  /** A goal of `user`. */
  goalId: string;
  /** Access tokens a client may forge or keep too long, by name (see TOKENS). */
  tokens: Record<ForgedToken, string>;
}

export type ForgedToken = 'alg none' | 'HS256 keyed with the public key' | 'signed with another key' | 'unknown key id' | 'expired' | 'tampered roles' | 'revoked session';

export interface HttpRequest {
  /** Default POST. */
  method?: string;
  /** Default /graphql. */
  path?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export interface Expectation {
  status?: number;
  /** extensions.code of the first error. */
  code?: string;
  /** extensions.field of the first error. */
  field?: string;
  /** The response's `data`, exactly. */
  data?: unknown;
}

export interface RequestCase {
  name: string;
  request: HttpRequest | ((f: Fixtures) => HttpRequest);
  expect?: Expectation;
}

const ACCEPT = 'application/graphql-response+json, application/json;q=0.9';
const JSON_HEADERS = { 'content-type': 'application/json', accept: ACCEPT };

/** A POST with `body` sent exactly as given. */
export const raw = (body: string | Buffer, headers: Record<string, string> = {}): HttpRequest => ({ headers: { ...JSON_HEADERS, ...headers }, body });
/** A POST of `payload` as JSON. */
export const post = (payload: unknown, headers: Record<string, string> = {}): HttpRequest => raw(JSON.stringify(payload), headers);
/** A POST of one operation. */
export const op = (query: string, variables?: Record<string, unknown>, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}): HttpRequest =>
  post({ query, variables, ...extra }, headers);
export const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });
/** A GET of /graphql with these search parameters (and the header Apollo's CSRF prevention asks of GETs). */
const get = (params: Record<string, string>, headers: Record<string, string> = { 'apollo-require-preflight': 'true' }): HttpRequest => ({
  method: 'GET',
  path: `/graphql?${new URLSearchParams(params).toString()}`,
  headers: { accept: ACCEPT, ...headers },
});

const BAD_REQUEST: Expectation = { status: 400, code: 'BAD_REQUEST' };
const PARSE_FAILED: Expectation = { status: 400, code: 'GRAPHQL_PARSE_FAILED' };
const INVALID: Expectation = { status: 400, code: 'GRAPHQL_VALIDATION_FAILED' };
const UNRESOLVED: Expectation = { status: 400, code: 'OPERATION_RESOLUTION_FAILURE' };
const BAD_VARIABLES: Expectation = { status: 400, code: 'BAD_USER_INPUT' };
const UNAUTHENTICATED: Expectation = { status: 200, code: 'UNAUTHENTICATED' };

const PROGRESS = 'mutation ($id: ID!, $p: Int) { updateGoal(id: $id, input: { progress: $p }) { progress } }';
const PROFILE = 'mutation ($input: UpdateProfileInput!) { updateProfile(input: $input) { displayName } }';
const progress = (p: unknown) => (f: Fixtures) => op(PROGRESS, { id: f.goalId, p }, {}, bearer(f.user.accessToken));
const profile = (input: unknown) => (f: Fixtures) => op(PROFILE, { input }, {}, bearer(f.user.accessToken));
const nested = (depth: number, open: string, inner: string, close: string) => open.repeat(depth) + inner + close.repeat(depth);

export const REQUESTS: RequestCase[] = [
  // Bodies and content types
  { name: 'malformed JSON', request: raw('{"query": "{ __typename }"'), expect: BAD_REQUEST },
  { name: 'JSON with a trailing comma', request: raw('{"query": "{ __typename }",}'), expect: BAD_REQUEST },
  { name: 'an empty body', request: raw(''), expect: BAD_REQUEST },
  { name: 'JSON null', request: raw('null'), expect: BAD_REQUEST },
  { name: 'a JSON number', request: raw('42'), expect: BAD_REQUEST },
  { name: 'a JSON string', request: raw('"{ __typename }"'), expect: BAD_REQUEST },
  { name: 'an empty JSON object', request: raw('{}'), expect: BAD_REQUEST },
  { name: 'bytes that are not UTF-8', request: raw(Buffer.from([0x7b, 0xff, 0xfe, 0x00, 0x7d])), expect: BAD_REQUEST },
  { name: 'JSON nested 100 000 levels deep', request: raw(nested(100_000, '[', '', ']')) },
  { name: 'a JSON object nested 20 000 levels deep in variables', request: raw(`{"query": "{ __typename }", "variables": ${nested(20_000, '{"a":', '1', '}')}}`) },
  { name: 'text/plain (a CSRF-able content type)', request: raw(JSON.stringify({ query: '{ __typename }' }), { 'content-type': 'text/plain' }), expect: BAD_REQUEST },
  { name: 'form-urlencoded', request: raw('query=%7B__typename%7D', { 'content-type': 'application/x-www-form-urlencoded' }), expect: BAD_REQUEST },
  { name: 'multipart/form-data', request: raw('--x\r\nContent-Disposition: form-data; name="query"\r\n\r\n{ __typename }\r\n--x--\r\n', { 'content-type': 'multipart/form-data; boundary=x' }), expect: BAD_REQUEST },
  { name: 'application/xml', request: raw('<query>{ __typename }</query>', { 'content-type': 'application/xml' }), expect: BAD_REQUEST },
  { name: 'application/graphql with a bare document', request: raw('{ __typename }', { 'content-type': 'application/graphql' }), expect: BAD_REQUEST },
  { name: 'no content type', request: { headers: { accept: ACCEPT }, body: JSON.stringify({ query: '{ __typename }' }) }, expect: BAD_REQUEST },
  { name: 'an accept header that allows no JSON', request: op('{ __typename }', undefined, {}, { accept: 'application/xml' }) },
  // Request parameters of the wrong type
  { name: 'query is a number', request: post({ query: 42 }), expect: BAD_REQUEST },
  { name: 'query is an object', request: post({ query: { kind: 'Document' } }), expect: BAD_REQUEST },
  { name: 'query is a list', request: post({ query: ['{ __typename }'] }), expect: BAD_REQUEST },
  { name: 'query is null', request: post({ query: null }), expect: BAD_REQUEST },
  { name: 'query is empty', request: post({ query: '' }), expect: BAD_REQUEST },
  { name: 'variables is a string', request: post({ query: '{ __typename }', variables: '{}' }), expect: BAD_REQUEST },
  { name: 'variables is a list', request: post({ query: '{ __typename }', variables: [1] }), expect: BAD_REQUEST },
  { name: 'operationName is a number', request: post({ query: '{ __typename }', operationName: 1 }), expect: BAD_REQUEST },
  { name: 'extensions is a string', request: post({ query: '{ __typename }', extensions: 'x' }), expect: BAD_REQUEST },
  { name: 'an unknown persisted query', request: post({ extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } } }) },
  { name: 'a persisted query whose hash does not match', request: post({ query: '{ __typename }', extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } } }), expect: BAD_REQUEST },
  { name: 'a persisted query of an unknown version', request: post({ query: '{ __typename }', extensions: { persistedQuery: { version: 99, sha256Hash: 'a' } } }), expect: BAD_REQUEST },
  // Documents
  { name: 'a syntax error', request: op('{ me { id }'), expect: PARSE_FAILED },
  { name: 'a NUL character in the document', request: op('{ __typename }\u0000'), expect: PARSE_FAILED },
  { name: 'a lone surrogate in the document', request: op('{ __typename } # \ud800'), expect: PARSE_FAILED },
  { name: 'selections nested 100 000 levels deep', request: op(nested(100_000, '{ a ', '', '}')) },
  { name: 'a list value nested 10 000 levels deep', request: op(`{ user(id: ${nested(10_000, '[', '1', ']')}) { id } }`) },
  { name: 'unknown fields nested 500 levels deep', request: op(nested(500, '{ a ', '{ b }', '}')), expect: INVALID },
  { name: 'an introspection type chain 60 levels deep', request: op(`{ __type(name: "User") { ${nested(60, 'ofType { ', 'name', ' }')} } }`), expect: { status: 200 } },
  { name: 'an unknown field', request: op('{ nope }'), expect: INVALID },
  { name: 'a subscription', request: op('subscription { me { id } }'), expect: INVALID },
  { name: "federation's _entities from outside", request: op('{ _entities(representations: [{ __typename: "User", id: "1" }]) { __typename } }'), expect: INVALID },
  { name: "federation's _service from outside", request: op('{ _service { sdl } }'), expect: INVALID },
  { name: 'a fragment that spreads itself', request: op('{ me { ...A } } fragment A on User { id ...A }'), expect: INVALID },
  { name: 'only a fragment', request: op('fragment A on User { id }'), expect: INVALID },
  { name: 'an unknown directive', request: op('{ me @nope { id } }'), expect: INVALID },
  { name: '@defer', request: (f) => op('{ me { id ... @defer { email } } }', undefined, {}, bearer(f.user.accessToken)) },
  { name: 'an unknown operationName', request: op('query Me { me { id } }', undefined, { operationName: 'Other' }), expect: UNRESOLVED },
  { name: 'an operationName for an anonymous operation', request: op('{ me { id } }', undefined, { operationName: 'Me' }), expect: UNRESOLVED },
  { name: 'two named operations and no operationName', request: op('query A { me { id } } query B { badges { slug } }'), expect: UNRESOLVED },
  { name: 'two named operations and an empty operationName', request: op('query A { me { id } } query B { badges { slug } }', undefined, { operationName: '' }), expect: UNRESOLVED },
  { name: 'two anonymous operations', request: op('{ me { id } } { badges { slug } }'), expect: INVALID },
  { name: 'two anonymous operations and an operationName', request: op('{ me { id } } { badges { slug } }', undefined, { operationName: 'A' }), expect: INVALID },
  { name: 'a NUL escaped in a string literal', request: (f) => op('mutation { updateProfile(input: { displayName: "a\\u0000b" }) { displayName } }', undefined, {}, bearer(f.user.accessToken)), expect: { status: 200, code: 'BAD_USER_INPUT', field: 'input.displayName' } },
  { name: 'a lone surrogate escaped in a string literal', request: (f) => op('mutation { updateProfile(input: { displayName: "a\\ud800b" }) { displayName } }', undefined, {}, bearer(f.user.accessToken)), expect: PARSE_FAILED },
  // Variables of the wrong type
  { name: 'a string for an Int', request: progress('fifty'), expect: BAD_VARIABLES },
  { name: 'a fraction for an Int', request: progress(1.5), expect: BAD_VARIABLES },
  { name: 'a string for an input object', request: profile('Ada'), expect: BAD_VARIABLES },
  { name: 'an unknown input field', request: profile({ displayName: 'Ada', roles: ['ADMIN'] }), expect: BAD_VARIABLES },
  { name: 'a boolean for a String', request: profile({ displayName: true }), expect: BAD_VARIABLES },
  { name: 'a missing required variable', request: (f) => op(PROFILE, undefined, {}, bearer(f.user.accessToken)), expect: BAD_VARIABLES },
  { name: 'null for a required variable', request: profile(null), expect: BAD_VARIABLES },
  { name: 'an object for an ID', request: (f) => op('query ($id: ID!) { user(id: $id) { id } }', { id: { id: f.user.id } }), expect: BAD_VARIABLES },
  { name: 'a fraction for an ID', request: op('query ($id: ID!) { user(id: $id) { id } }', { id: 1.5 }), expect: BAD_VARIABLES },
  { name: 'an unknown enum value', request: (f) => op('query ($s: GoalStatus) { me { goals(status: $s) { id } } }', { s: 'DONE' }, {}, bearer(f.user.accessToken)), expect: BAD_VARIABLES },
  { name: 'a variable declared with the wrong type', request: op('query ($id: Int) { user(id: $id) { id } }', { id: 1 }), expect: INVALID },
  { name: 'an undeclared variable', request: op('{ user(id: $id) { id } }', { id: '1' }), expect: INVALID },
  { name: 'a DateTime that is not a date', request: (f) => op('mutation ($d: DateTime) { createGoal(input: { title: "Corpus", targetDate: $d }) { id } }', { d: 'next tuesday' }, {}, bearer(f.user.accessToken)) },
  { name: 'a DateTime in year 0', request: (f) => op('mutation ($d: DateTime) { createGoal(input: { title: "Corpus", targetDate: $d }) { id } }', { d: '0000-01-01T00:00:00Z' }, {}, bearer(f.user.accessToken)), expect: { code: 'BAD_USER_INPUT' } },
  { name: 'a DateTime literal that is not a date', request: (f) => op('mutation { createGoal(input: { title: "Corpus", targetDate: "soon" }) { id } }', undefined, {}, bearer(f.user.accessToken)) },
  // Numbers out of range
  { name: 'progress 2^31 as a variable', request: progress(2 ** 31), expect: BAD_VARIABLES },
  { name: 'progress -2^31 - 1 as a variable', request: progress(-(2 ** 31) - 1), expect: BAD_VARIABLES },
  { name: 'progress beyond 2^53 as a variable', request: progress(2 ** 53 + 2), expect: BAD_VARIABLES },
  { name: 'progress 1e400 (Infinity once parsed)', request: (f) => raw(`{"query": ${JSON.stringify(PROGRESS)}, "variables": {"id": "${f.goalId}", "p": 1e400}}`, bearer(f.user.accessToken)), expect: BAD_VARIABLES },
  { name: 'progress 2^31 in the document', request: (f) => op(`mutation { updateGoal(id: "${f.goalId}", input: { progress: 2147483648 }) { progress } }`, undefined, {}, bearer(f.user.accessToken)), expect: INVALID },
  { name: 'progress 101 (an Int, beyond the contract)', request: progress(101), expect: { status: 200, code: 'BAD_USER_INPUT', field: 'input.progress' } },
  { name: 'a goal id beyond 32 bits', request: (f) => op('mutation { deleteGoal(id: "2147483648") }', undefined, {}, bearer(f.user.accessToken)), expect: { status: 200, code: 'BAD_USER_INPUT', field: 'id' } },
  { name: 'a user id beyond 32 bits', request: op('{ user(id: "2147483648") { id } }'), expect: { status: 200, code: 'BAD_USER_INPUT', field: 'id' } },
  { name: 'a user id beyond 2^53', request: op('{ user(id: "9007199254740993") { id } }'), expect: { status: 200, code: 'BAD_USER_INPUT', field: 'id' } },
  { name: 'a user id of 400 digits', request: op(`{ user(id: "${'9'.repeat(400)}") { id } }`), expect: { status: 200, code: 'BAD_USER_INPUT', field: 'id' } },
  { name: 'a user id as a huge number variable', request: op('query ($id: ID!) { user(id: $id) { id } }', { id: 1e300 }), expect: { status: 200, code: 'BAD_USER_INPUT', field: 'id' } },
  // Size
  { name: 'a 200 kB display name', request: profile({ displayName: 'x'.repeat(200_000) }), expect: { status: 200, code: 'BAD_USER_INPUT', field: 'input.displayName' } },
  { name: 'a 200 kB string literal in the document', request: op(`{ user(id: "${'1'.repeat(200_000)}") { id } }`), expect: { status: 200, code: 'BAD_USER_INPUT', field: 'id' } },
  { name: '1000 aliases of __typename (not counted by the limits)', request: op(`{ ${Array.from({ length: 1000 }, (_, i) => `a${i}: __typename`).join(' ')} }`), expect: { status: 200 } },
  { name: '2000 aliased fields', request: op(`{ ${Array.from({ length: 2000 }, (_, i) => `a${i}: badges { slug }`).join(' ')} }`), expect: { status: 400, code: 'TOO_MANY_FIELDS' } },
  { name: 'a body over the size limit', request: profile({ bio: 'x'.repeat(300_000) }), expect: { status: 413, code: 'PAYLOAD_TOO_LARGE' } },
  // Batches
  { name: 'a batch over the limit', request: post(Array.from({ length: 11 }, () => ({ query: '{ __typename }' }))), expect: { status: 400, code: 'BATCH_TOO_LARGE' } },
  { name: 'a batch of 1000', request: post(Array.from({ length: 1000 }, () => ({ query: '{ __typename }' }))), expect: { status: 400, code: 'BATCH_TOO_LARGE' } },
  { name: 'a batch of things that are not operations', request: post([42, null, 'x', [], {}]) },
  { name: 'a batch mixing good and bad operations', request: post([{ query: '{ __typename }' }, { query: '{ nope }' }, { query: '{' }, { query: 'query A { __typename }', operationName: 'B' }]) },
  { name: 'a batch with a nested batch', request: post([[{ query: '{ __typename }' }]]) },
  // Methods and paths
  { name: 'GET of a query', request: get({ query: '{ __typename }' }), expect: { status: 200, data: { __typename: 'Query' } } },
  { name: 'GET of a mutation', request: get({ query: 'mutation { logOutEverywhere }' }), expect: { status: 405, code: 'BAD_REQUEST' } },
  { name: 'GET without the CSRF-prevention header', request: get({ query: '{ __typename }' }, {}), expect: BAD_REQUEST },
  { name: 'GET with variables that are not JSON', request: get({ query: '{ __typename }', variables: '{nope' }), expect: BAD_REQUEST },
  { name: 'GET without a query', request: get({}), expect: BAD_REQUEST },
  { name: 'GET with a 20 kB query string', request: get({ query: `{ ${'__typename '.repeat(2000)}}` }), expect: { status: 431 } },
  { name: 'HEAD /graphql', request: { method: 'HEAD', headers: { 'apollo-require-preflight': 'true' } } },
  { name: 'PUT /graphql', request: { ...op('{ __typename }'), method: 'PUT' }, expect: { status: 405, code: 'BAD_REQUEST' } },
  { name: 'DELETE /graphql', request: { method: 'DELETE', headers: { 'apollo-require-preflight': 'true' } }, expect: { status: 405, code: 'BAD_REQUEST' } },
  { name: 'PATCH /graphql', request: { ...op('{ __typename }'), method: 'PATCH' }, expect: { status: 405, code: 'BAD_REQUEST' } },
  { name: 'OPTIONS /graphql', request: { method: 'OPTIONS' } },
  { name: 'PROPFIND /graphql', request: { method: 'PROPFIND', headers: { 'apollo-require-preflight': 'true' } }, expect: { status: 405, code: 'BAD_REQUEST' } },
  { name: 'PROPFIND /graphql without the CSRF-prevention header', request: { method: 'PROPFIND' }, expect: BAD_REQUEST },
  { name: 'POST /health', request: { ...op('{ __typename }'), path: '/health' }, expect: { status: 404 } },
  { name: 'GET of an unknown path', request: { method: 'GET', path: '/graphql/../../etc/passwd' } },
  { name: 'GET of a path that is not a valid URL', request: { method: 'GET', path: '//[' }, expect: BAD_REQUEST },
  // Headers
  { name: 'a 20 kB header', request: op('{ __typename }', undefined, {}, { 'x-padding': 'x'.repeat(20_000) }), expect: { status: 431 } },
  { name: '8 kB of garbage as a bearer token', request: op('{ me { id } }', undefined, {}, bearer('x'.repeat(8000))), expect: { status: 200, data: { me: null } } },
  { name: 'an x-request-id that is not an id', request: op('{ __typename }', undefined, {}, { 'x-request-id': '../../\u00e9<script>' }), expect: { status: 200 } },
  { name: 'a malformed traceparent', request: op('{ __typename }', undefined, {}, { traceparent: '00-zz-00-01', tracestate: ',,,' }), expect: { status: 200 } },
  { name: 'a forged x-forwarded-for', request: op('{ __typename }', undefined, {}, { 'x-forwarded-for': '999.1.1.1, <script>, ::ffff:not-an-ip' }), expect: { status: 200 } },
  { name: 'a forged gateway signature', request: op('{ __typename }', undefined, {}, { 'x-tracklore-gateway': 'v1=0.deadbeef' }), expect: { status: 200 } },
];

/** Access tokens that must never act for anyone, each on a read, a user-subgraph write and an auth write. */
const TOKEN_VALUES: Array<[string, (f: Fixtures) => string]> = [
  ['a garbage bearer token', () => 'Bearer garbage'],
  ['three empty JWT segments', () => 'Bearer ..'],
  ['an empty bearer token', () => 'Bearer '],
  ['Basic credentials', () => `Basic ${Buffer.from('ada:pw').toString('base64')}`],
  ...(['alg none', 'HS256 keyed with the public key', 'signed with another key', 'unknown key id', 'expired', 'tampered roles', 'revoked session'] as const).map(
    (name): [string, (f: Fixtures) => string] => [`a token: ${name}`, (f) => `Bearer ${f.tokens[name]}`],
  ),
];

for (const [name, authorization] of TOKEN_VALUES) {
  REQUESTS.push(
    { name: `${name} reading me`, request: (f) => op('{ me { id profile { displayName } } }', undefined, {}, { authorization: authorization(f) }), expect: { status: 200, data: { me: null } } },
    { name: `${name} updating a profile`, request: (f) => op(PROFILE, { input: { displayName: 'Mallory' } }, {}, { authorization: authorization(f) }), expect: UNAUTHENTICATED },
    { name: `${name} logging out everywhere`, request: (f) => op('mutation { logOutEverywhere }', undefined, {}, { authorization: authorization(f) }), expect: UNAUTHENTICATED },
  );
}

/**
 * Samples for text arguments. UNSTORABLE ones must be refused with BAD_USER_INPUT naming the
 * argument; UNUSUAL ones are valid text and must be stored exactly as sent where the field is
 * free text.
 */
export const TEXT_SAMPLES = {
  unstorable: {
    NUL: 'a\u0000b',
    'a lone high surrogate': 'a\ud800b',
    'a lone low surrogate before a high one': '\udc00\ud800',
  },
  unusual: {
    'right-to-left marks and other format characters': 'a\u200f\u202eb\ufeffc\u200bd\u0007e',
    emoji: '😀👩‍👩‍👧',
    'combining characters': 'e\u0301\u0308',
    'U+FFFF': 'a\uffffb',
  },
} as const;

export interface TextArgument {
  /** The operation; the argument under test is `$text`. */
  query: string;
  /** The argument as BAD_USER_INPUT names it. */
  field: string;
  /** The other variables. */
  variables?: (f: Fixtures) => Record<string, unknown>;
  token?: (f: Fixtures) => string;
  /** The value sent for a sample. Default `Ada <sample> Lovelace`. */
  value?: (sample: string) => string;
  /**
   * What an unusual (storable) sample gets: `echo` reads the stored value back from `data`
   * (it must equal what was sent); `accepted` means no errors; otherwise the expected error.
   */
  storable: { echo: (data: Record<string, unknown>) => unknown } | 'accepted' | { code: string; field?: string } | { data: unknown };
}

type Data = Record<string, Record<string, unknown>>;
const userToken = (f: Fixtures) => f.user.accessToken;
const adminToken = (f: Fixtures) => f.adminToken;
const echo = (mutation: string, field: string) => ({ echo: (data: Record<string, unknown>) => (data as Data)[mutation]?.[field] });
const password = (sample: string) => `correct horse ${sample} staple`;
const email = (sample: string) => `ada${sample}@example.test`;

/** Every text argument of every mutation (and query) in the supergraph. */
export const TEXT_ARGUMENTS: TextArgument[] = [
  // user subgraph
  { query: 'mutation ($text: String) { updateProfile(input: { displayName: $text }) { displayName } }', field: 'input.displayName', token: userToken, storable: echo('updateProfile', 'displayName') },
  { query: 'mutation ($text: String) { updateProfile(input: { bio: $text }) { bio } }', field: 'input.bio', token: userToken, storable: echo('updateProfile', 'bio') },
  { query: 'mutation ($text: String) { updateProfile(input: { avatarUrl: $text }) { avatarUrl } }', field: 'input.avatarUrl', token: userToken, value: (s) => `https://cdn.example/${s}.png`, storable: echo('updateProfile', 'avatarUrl') },
  { query: 'mutation ($text: String) { updateProfile(input: { location: $text }) { location } }', field: 'input.location', token: userToken, storable: echo('updateProfile', 'location') },
  { query: 'mutation ($text: String!) { createGoal(input: { title: $text }) { title } }', field: 'input.title', token: userToken, storable: echo('createGoal', 'title') },
  { query: 'mutation ($text: String) { createGoal(input: { title: "Corpus", description: $text }) { description } }', field: 'input.description', token: userToken, storable: echo('createGoal', 'description') },
  { query: 'mutation ($text: ID!) { updateGoal(id: $text, input: { progress: 1 }) { id } }', field: 'id', token: userToken, storable: { code: 'BAD_USER_INPUT', field: 'id' } },
  { query: 'mutation ($id: ID!, $text: String) { updateGoal(id: $id, input: { title: $text }) { title } }', field: 'input.title', token: userToken, variables: (f) => ({ id: f.goalId }), storable: echo('updateGoal', 'title') },
  { query: 'mutation ($id: ID!, $text: String) { updateGoal(id: $id, input: { description: $text }) { description } }', field: 'input.description', token: userToken, variables: (f) => ({ id: f.goalId }), storable: echo('updateGoal', 'description') },
  { query: 'mutation ($text: ID!) { deleteGoal(id: $text) }', field: 'id', token: userToken, storable: { code: 'BAD_USER_INPUT', field: 'id' } },
  { query: 'mutation ($text: ID!) { awardBadge(userId: $text, badgeSlug: "first-goal") { awardedAt } }', field: 'userId', token: adminToken, storable: { code: 'BAD_USER_INPUT', field: 'userId' } },
  { query: 'mutation ($id: ID!, $text: String!) { awardBadge(userId: $id, badgeSlug: $text) { awardedAt } }', field: 'badgeSlug', token: adminToken, variables: (f) => ({ id: f.user.id }), storable: { code: 'NOT_FOUND' } },
  // auth subgraph
  { query: 'query ($text: ID!) { user(id: $text) { id } }', field: 'id', storable: { code: 'BAD_USER_INPUT', field: 'id' } },
  { query: 'mutation ($text: String!) { signUp(email: $text, password: "correct horse battery staple") { user { id } } }', field: 'email', value: email, storable: { code: 'BAD_USER_INPUT', field: 'email' } },
  { query: 'mutation ($email: String!, $text: String!) { signUp(email: $email, password: $text) { user { id } } }', field: 'password', variables: () => ({ email: uniqueEmail('corpus') }), value: password, storable: 'accepted' },
  { query: `mutation ($text: String!) { logIn(email: $text, password: "${TEST_PASSWORD}") { user { id } } }`, field: 'email', value: email, storable: { code: 'BAD_USER_INPUT', field: 'email' } },
  { query: 'mutation ($email: String!, $text: String!) { logIn(email: $email, password: $text) { user { id } } }', field: 'password', variables: (f) => ({ email: f.user.email }), value: password, storable: { code: 'INVALID_CREDENTIALS' } },
  { query: 'mutation ($text: String!) { refreshSession(refreshToken: $text) { accessToken } }', field: 'refreshToken', storable: { code: 'UNAUTHENTICATED' } },
  { query: 'mutation ($text: String!) { logOut(refreshToken: $text) }', field: 'refreshToken', storable: { data: { logOut: false } } },
  { query: 'mutation ($text: ID!) { revokeSession(id: $text) }', field: 'id', token: userToken, storable: { code: 'NOT_FOUND' } },
  { query: 'mutation ($text: String!) { requestPasswordReset(email: $text) }', field: 'email', value: email, storable: { code: 'BAD_USER_INPUT', field: 'email' } },
  { query: `mutation ($text: String!) { resetPassword(token: $text, newPassword: "${TEST_PASSWORD}") }`, field: 'token', storable: { code: 'BAD_USER_INPUT', field: 'token' } },
  { query: `mutation ($text: String!) { resetPassword(token: "${'A'.repeat(43)}", newPassword: $text) }`, field: 'newPassword', value: password, storable: { code: 'BAD_USER_INPUT', field: 'token' } },
  { query: 'mutation ($text: String!) { changePassword(currentPassword: $text, newPassword: "a brand new passphrase") }', field: 'currentPassword', token: userToken, value: password, storable: { code: 'INVALID_CREDENTIALS', field: 'currentPassword' } },
  { query: 'mutation ($text: String!) { changePassword(currentPassword: "not the current one", newPassword: $text) }', field: 'newPassword', token: userToken, value: password, storable: { code: 'INVALID_CREDENTIALS', field: 'currentPassword' } },
];
