// Request limits through the router: depth, field count, aliases, body size, batch size. Each is
// refused with HTTP 400/413 and a clear extensions.code before any subgraph is asked, and the
// router goes on serving.
import { strict as assert } from 'node:assert';
import { after, before, test } from 'node:test';
import { startRouter, type RunningRouter } from '../src/app.ts';
import { composeFixtureSupergraph, postGraphQL, startFixtureSubgraph, testRouterConfig, type FixtureSubgraph, type FixtureSupergraph } from './support/fixture-subgraphs.ts';

let auth: FixtureSubgraph;
let user: FixtureSubgraph;
let supergraph: FixtureSupergraph;
let router: RunningRouter;

before(async () => {
  auth = await startFixtureSubgraph('auth');
  user = await startFixtureSubgraph('user');
  supergraph = composeFixtureSupergraph();
  router = await startRouter(
    testRouterConfig(supergraph, { auth, user }, {
      ROUTER_MAX_DEPTH: '2',
      ROUTER_MAX_FIELDS: '20',
      ROUTER_MAX_ALIASES: '3',
      ROUTER_MAX_BODY_BYTES: '2048',
      ROUTER_MAX_BATCH_SIZE: '2',
    }),
  );
});

after(async () => {
  await router?.stop();
  await auth?.stop();
  await user?.stop();
  supergraph?.remove();
});

const token = { authorization: 'Bearer user-5' };

/** Sends `body`, expects it refused with `status` and `code`, and checks no subgraph was asked. */
async function expectRefused(body: unknown, status: number, code: string, message: RegExp): Promise<void> {
  const asked = auth.requests.length + user.requests.length;
  const result = await postGraphQL(router.graphqlUrl, body, token);
  assert.equal(result.status, status);
  assert.equal(result.body.errors?.[0]?.extensions?.code, code);
  assert.match(result.body.errors?.[0]?.message ?? '', message);
  assert.equal('data' in result.body, false, 'a refused request has no data');
  assert.ok(result.headers.get('x-request-id'), 'refusals carry the request id too');
  assert.equal(auth.requests.length + user.requests.length, asked, 'no subgraph was asked');
  const after = await postGraphQL(router.graphqlUrl, { query: '{ me { id } }' }, token);
  assert.deepEqual(after.body, { data: { me: { id: '5' } } }, 'the router keeps serving');
}

test('an operation nested deeper than ROUTER_MAX_DEPTH is QUERY_TOO_DEEP', async () => {
  assert.equal((await postGraphQL(router.graphqlUrl, { query: '{ me { id email } }' }, token)).status, 200);
  await expectRefused({ query: '{ me { profile { bio } } }' }, 400, 'QUERY_TOO_DEEP', /nested 3 levels deep; the limit is 2/);
});

test('more field selections than ROUTER_MAX_FIELDS (fragments expanded) is TOO_MANY_FIELDS', async () => {
  const spreads = Array.from({ length: 10 }, () => '...F').join(' ');
  await expectRefused({ query: `{ me { ${spreads} } } fragment F on User { id email }` }, 400, 'TOO_MANY_FIELDS', /selects 21 fields \(fragments expanded\); the limit is 20/);
});

test('more aliases than ROUTER_MAX_ALIASES is TOO_MANY_ALIASES', async () => {
  const within = await postGraphQL(router.graphqlUrl, { query: '{ a: me { id } b: me { id } c: me { id } }' }, token);
  assert.deepEqual(within.body, { data: { a: { id: '5' }, b: { id: '5' }, c: { id: '5' } } });
  await expectRefused({ query: '{ a: me { id } b: me { id } c: me { id } d: me { id } }' }, 400, 'TOO_MANY_ALIASES', /uses 4 aliases; the limit is 3/);
});

test('a body over ROUTER_MAX_BODY_BYTES is PAYLOAD_TOO_LARGE (413)', async () => {
  const body = JSON.stringify({ query: 'query ($t: String!) { echo(text: $t) }', variables: { t: 'x'.repeat(3000) } });
  await expectRefused(body, 413, 'PAYLOAD_TOO_LARGE', /limit is 2048/);
});

test('a batch over ROUTER_MAX_BATCH_SIZE is BATCH_TOO_LARGE; a batch within it runs', async () => {
  const op = { query: '{ me { id } }' };
  const within = await postGraphQL(router.graphqlUrl, [op, op], token);
  assert.equal(within.status, 200);
  assert.deepEqual(within.body, [{ data: { me: { id: '5' } } }, { data: { me: { id: '5' } } }]);
  await expectRefused([op, op, op], 400, 'BATCH_TOO_LARGE', /batches 3 operations; the limit is 2/);
});

test('every operation of a batch is held to the limits', async () => {
  const result = await postGraphQL(router.graphqlUrl, [{ query: '{ me { id } }' }, { query: '{ me { profile { bio } } }' }], token);
  const [ok, refused] = result.body as unknown as Array<{ data?: unknown; errors?: Array<{ extensions?: { code?: string } }> }>;
  assert.deepEqual(ok, { data: { me: { id: '5' } } });
  assert.equal(refused?.errors?.[0]?.extensions?.code, 'QUERY_TOO_DEEP');
});

test('with ROUTER_MAX_BATCH_SIZE=0 batching is off', async () => {
  const noBatching = await startRouter(testRouterConfig(supergraph, { auth, user }, { ROUTER_MAX_BATCH_SIZE: '0' }));
  try {
    const result = await postGraphQL(noBatching.graphqlUrl, [{ query: '{ me { id } }' }], token);
    assert.equal(result.status, 400);
    assert.match(result.body.errors?.[0]?.message ?? '', /batching disabled/i);
  } finally {
    await noBatching.stop();
  }
});
