// The router against real fixture subgraphs on free ports: merged entities, header forwarding and
// the gateway credential, connection reuse, GraphQL over HTTP, CSRF, CORS, introspection and
// Sandbox switches, readiness.
import { strict as assert } from 'node:assert';
import { after, before, describe, test } from 'node:test';
import { GATEWAY_HEADER, verifyGatewayHeader } from '@tracklore/shared/gateway-trust';
import { startRouter, type RunningRouter } from '../src/app.ts';
import {
  composeFixtureSupergraph,
  postGraphQL,
  startFixtureSubgraph,
  testRouterConfig,
  TEST_GATEWAY_SECRET,
  type FixtureSubgraph,
  type FixtureSupergraph,
} from './support/fixture-subgraphs.ts';

let auth: FixtureSubgraph;
let user: FixtureSubgraph;
let supergraph: FixtureSupergraph;
let router: RunningRouter;
const ME = '{ me { id email profile { bio } badges } }';

before(async () => {
  auth = await startFixtureSubgraph('auth');
  user = await startFixtureSubgraph('user');
  supergraph = composeFixtureSupergraph();
  router = await startRouter(testRouterConfig(supergraph, { auth, user }, { ROUTER_CORS_ORIGINS: 'http://app.example' }));
});

after(async () => {
  await router?.stop();
  await auth?.stop();
  await user?.stop();
  supergraph?.remove();
});

describe('one supergraph', () => {
  test('fields of both subgraphs are merged into one User object', async () => {
    const result = await postGraphQL(router.graphqlUrl, { query: ME }, { authorization: 'Bearer user-7' });
    assert.equal(result.status, 200);
    assert.match(result.contentType ?? '', /^application\/graphql-response\+json/);
    assert.deepEqual(result.body, { data: { me: { id: '7', email: 'user7@example.com', profile: { bio: 'bio of 7' }, badges: ['first-goal'] } } });
  });

  test('routing URLs come from AUTH_SUBGRAPH_URL / USER_SUBGRAPH_URL over supergraph.yaml', () => {
    assert.deepEqual(router.subgraphs(), [
      { name: 'auth', url: auth.graphqlUrl },
      { name: 'user', url: user.graphqlUrl },
    ]);
  });

  test('a missing supergraph file stops the start with a message that says what to do', async () => {
    const config = testRouterConfig(supergraph, { auth, user }, { SUPERGRAPH_PATH: `${supergraph.dir}/missing.graphql` });
    await assert.rejects(startRouter(config), /cannot read the supergraph at .*missing\.graphql \(SUPERGRAPH_PATH\).*npm run schema:compose/);
  });
});

describe('forwarding and trust', () => {
  test('Authorization, request id, traceparent, user agent and client address reach every subgraph, signed by the router', async () => {
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const seen = [auth.requests.length, user.requests.length];
    const result = await postGraphQL(router.graphqlUrl, { query: ME }, {
      authorization: 'Bearer user-3',
      'x-request-id': 'req-forward-1',
      traceparent,
      tracestate: 'vendor=abc',
      'user-agent': 'router-test/1.0',
      'x-forwarded-for': '6.6.6.6',
    });
    assert.equal(result.status, 200);
    assert.equal(result.headers.get('x-request-id'), 'req-forward-1');
    for (const [index, subgraph] of [auth, user].entries()) {
      const requests = subgraph.requests.slice(seen[index]);
      assert.equal(requests.length, 1, `${subgraph.name} got one request`);
      const headers = requests[0]!;
      assert.equal(headers.authorization, 'Bearer user-3');
      assert.equal(headers['x-request-id'], 'req-forward-1');
      assert.equal(headers.traceparent, traceparent);
      assert.equal(headers.tracestate, 'vendor=abc');
      assert.equal(headers['user-agent'], 'router-test/1.0');
      // The client's own x-forwarded-for is not trusted (ROUTER_TRUSTED_PROXY_HOPS=0): the peer address is sent.
      assert.equal(headers['x-forwarded-for'], '127.0.0.1');
      assert.equal(verifyGatewayHeader(TEST_GATEWAY_SECRET, headers[GATEWAY_HEADER]), true);
    }
  });

  test('without a request id the router makes one, returns it and forwards it; a malformed traceparent is dropped', async () => {
    const seen = auth.requests.length;
    const result = await postGraphQL(router.graphqlUrl, { query: '{ me { id } }' }, { traceparent: 'not-a-traceparent' });
    const id = result.headers.get('x-request-id');
    assert.match(id ?? '', /^[0-9a-f-]{36}$/);
    const headers = auth.requests[seen];
    assert.equal(headers?.['x-request-id'], id);
    assert.equal(headers?.traceparent, undefined);
    assert.equal(headers?.authorization, undefined);
  });

  test('a subgraph refuses a direct request without the router credential, _entities included', async () => {
    const query = { query: 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { profile { bio } } } }', variables: { r: [{ __typename: 'User', id: '1' }] } };
    const direct = await postGraphQL(user.graphqlUrl, query);
    assert.equal(direct.status, 401);
    assert.equal(direct.body.errors?.[0]?.extensions?.code, 'UNAUTHENTICATED');
    const forged = await postGraphQL(user.graphqlUrl, query, { [GATEWAY_HEADER]: 'v1.1700000000.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' });
    assert.equal(forged.status, 401);
  });

  test('subgraph connections are kept alive and reused', async () => {
    await postGraphQL(router.graphqlUrl, { query: '{ me { id } }' }, { authorization: 'Bearer user-1' });
    const before = auth.connections();
    for (let i = 0; i < 10; i += 1) {
      const result = await postGraphQL(router.graphqlUrl, { query: '{ me { id } }' }, { authorization: 'Bearer user-1' });
      assert.equal(result.status, 200);
    }
    assert.equal(auth.connections(), before, '10 sequential operations opened no new connection');
  });
});

describe('GraphQL over HTTP', () => {
  test('a syntax error and an unknown field are request errors: 400 with the GraphQL response media type', async () => {
    const syntax = await postGraphQL(router.graphqlUrl, { query: '{ me { id ' });
    assert.equal(syntax.status, 400);
    assert.match(syntax.contentType ?? '', /^application\/graphql-response\+json/);
    assert.equal(syntax.body.errors?.[0]?.extensions?.code, 'GRAPHQL_PARSE_FAILED');
    const unknown = await postGraphQL(router.graphqlUrl, { query: '{ me { nope } }' });
    assert.equal(unknown.status, 400);
    assert.equal(unknown.body.errors?.[0]?.extensions?.code, 'GRAPHQL_VALIDATION_FAILED');
    assert.equal('data' in unknown.body, false);
  });

  test('a client that accepts only application/json gets application/json', async () => {
    const response = await fetch(router.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) });
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
    assert.deepEqual(await response.json(), { data: { __typename: 'Query' } });
  });

  test('GET runs queries (with a CSRF preflight header) but not mutations', async () => {
    const url = `${router.graphqlUrl}?query=${encodeURIComponent('{ __typename }')}`;
    const blocked = await fetch(url);
    assert.equal(blocked.status, 400, 'a GET without a preflight-forcing header is a potential CSRF');
    assert.match(await blocked.text(), /Cross-Site Request Forgery/);
    const allowed = await fetch(url, { headers: { 'apollo-require-preflight': 'true', accept: 'application/graphql-response+json' } });
    assert.equal(allowed.status, 200);
    const mutation = await fetch(`${router.graphqlUrl}?query=${encodeURIComponent('mutation { rename(email: "x@y.z") { id } }')}`, { headers: { 'apollo-require-preflight': 'true' } });
    assert.equal(mutation.status, 405);
  });

  test('a cross-site "simple" POST (text/plain) is refused by CSRF prevention', async () => {
    const response = await fetch(router.graphqlUrl, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ query: 'mutation { rename(email: "x@y.z") { id } }' }) });
    assert.equal(response.status, 400);
    assert.match(await response.text(), /Cross-Site Request Forgery/);
  });
});

describe('CORS', () => {
  test('an allowed origin gets a preflight answer and CORS headers; others are refused', async () => {
    const preflight = await fetch(router.graphqlUrl, { method: 'OPTIONS', headers: { origin: 'http://app.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, authorization' } });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), 'http://app.example');
    assert.match(preflight.headers.get('access-control-allow-headers') ?? '', /authorization/);
    const actual = await postGraphQL(router.graphqlUrl, { query: '{ __typename }' }, { origin: 'http://app.example' });
    assert.equal(actual.headers.get('access-control-allow-origin'), 'http://app.example');
    assert.equal(actual.headers.get('access-control-expose-headers'), 'x-request-id');
    const other = await fetch(router.graphqlUrl, { method: 'OPTIONS', headers: { origin: 'http://evil.example', 'access-control-request-method': 'POST' } });
    assert.equal(other.status, 403);
    assert.equal(other.headers.get('access-control-allow-origin'), null);
  });
});

describe('introspection and Sandbox', () => {
  const introspection = { query: '{ __schema { queryType { name } } }' };

  test('GET / redirects to the Sandbox at /graphql; any other unknown path is a 404', async () => {
    const root = await fetch(router.url, { redirect: 'manual' });
    assert.equal(root.status, 302);
    assert.equal(root.headers.get('location'), '/graphql');
    const unknown = await fetch(new URL('/nope', router.url), { redirect: 'manual' });
    assert.equal(unknown.status, 404);
    assert.deepEqual(await unknown.json(), { error: { code: 'NOT_FOUND', message: 'no route for GET /nope' } });
  });

  test('on outside production: introspection answers and GET /graphql shows Apollo Sandbox', async () => {
    const result = await postGraphQL(router.graphqlUrl, introspection);
    assert.deepEqual(result.body, { data: { __schema: { queryType: { name: 'Query' } } } });
    const page = await fetch(router.graphqlUrl, { headers: { accept: 'text/html' } });
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /text\/html/);
    assert.match(await page.text(), /embeddable-sandbox/);
  });

  test('off by default in production, and each can be switched back on', async () => {
    const production = await startRouter(testRouterConfig(supergraph, { auth, user }, { NODE_ENV: 'production' }));
    const reenabled = await startRouter(testRouterConfig(supergraph, { auth, user }, { NODE_ENV: 'production', ROUTER_INTROSPECTION: 'true', ROUTER_SANDBOX: 'true' }));
    try {
      const refused = await postGraphQL(production.graphqlUrl, introspection);
      assert.equal(refused.status, 400);
      assert.match(refused.body.errors?.[0]?.message ?? '', /introspection is not allowed/i);
      const page = await fetch(production.graphqlUrl, { headers: { accept: 'text/html' } });
      assert.doesNotMatch(await page.text(), /embeddable-sandbox/);
      assert.equal((await postGraphQL(reenabled.graphqlUrl, introspection)).status, 200);
      const sandbox = await fetch(reenabled.graphqlUrl, { headers: { accept: 'text/html' } });
      assert.match(await sandbox.text(), /embeddable-sandbox/);
    } finally {
      await production.stop();
      await reenabled.stop();
    }
  });
});

describe('health and readiness', () => {
  test('/health is live; /ready reports the supergraph and each subgraph', async () => {
    const health = await fetch(`${router.url}/health`);
    assert.equal(health.status, 200);
    assert.ok(health.headers.get('x-request-id'));
    const ready = await fetch(`${router.url}/ready`);
    const body = (await ready.json()) as { status: string; checks: Record<string, { ok: boolean; healthUrl?: string; subgraphs?: string[] }> };
    assert.equal(ready.status, 200);
    assert.equal(body.status, 'ready');
    assert.deepEqual(body.checks.supergraph, { ok: true, subgraphs: ['auth', 'user'] });
    assert.equal(body.checks['subgraph:auth']?.ok, true);
    assert.equal(body.checks['subgraph:auth']?.healthUrl, `${auth.url}/health`);
    assert.equal(body.checks['subgraph:user']?.ok, true);
  });
});
