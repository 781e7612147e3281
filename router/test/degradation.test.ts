// A subgraph that is down, hanging or refusing the router: the router starts anyway, answers with
// partial data plus a SERVICE_UNAVAILABLE error for that subgraph's fields, reports it on /ready,
// and recovers without a restart once the subgraph is back.
import { strict as assert } from 'node:assert';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { freePort } from '@tracklore/devkit/ports';
import { startRouter, type RunningRouter } from '../src/app.ts';
import { composeFixtureSupergraph, postGraphQL, startFixtureSubgraph, testRouterConfig, type FixtureSubgraph, type FixtureSupergraph } from './support/fixture-subgraphs.ts';

let auth: FixtureSubgraph;
let supergraph: FixtureSupergraph;
const token = { authorization: 'Bearer user-9' };

before(async () => {
  auth = await startFixtureSubgraph('auth');
  supergraph = composeFixtureSupergraph();
});

after(async () => {
  await auth?.stop();
  supergraph?.remove();
});

type ReadyBody = { status: string; checks: Record<string, { ok: boolean; reachable?: boolean; error?: string }> };

async function ready(router: RunningRouter): Promise<{ status: number; body: ReadyBody }> {
  const response = await fetch(`${router.url}/ready`);
  return { status: response.status, body: (await response.json()) as ReadyBody };
}

describe('user subgraph down', () => {
  let userPort: number;
  let router: RunningRouter;
  let user: FixtureSubgraph | undefined;

  before(async () => {
    userPort = await freePort();
    // Nothing listens on userPort: the router must still start from the committed supergraph.
    router = await startRouter(testRouterConfig(supergraph, { auth, user: { graphqlUrl: `http://127.0.0.1:${userPort}/graphql` } }));
  });

  after(async () => {
    await router?.stop();
    await user?.stop();
  });

  test('a nullable field of the down subgraph is null with an error; the other subgraph’s fields arrive', async () => {
    const result = await postGraphQL(router.graphqlUrl, { query: '{ me { id email profile { bio } } }' }, token);
    assert.equal(result.status, 200, 'partial data is not a failed request');
    assert.deepEqual(result.body.data, { me: { id: '9', email: 'user9@example.com', profile: null } });
    assert.equal(result.body.errors?.length, 1);
    assert.equal(result.body.errors?.[0]?.extensions?.code, 'SERVICE_UNAVAILABLE');
    assert.equal(result.body.errors?.[0]?.extensions?.serviceName, 'user');
    assert.equal(result.body.errors?.[0]?.message, 'the user subgraph is unavailable right now');
  });

  test('a non-null field of the down subgraph nulls its parent, as GraphQL requires', async () => {
    const result = await postGraphQL(router.graphqlUrl, { query: '{ me { id email badges } }' }, token);
    assert.equal(result.status, 200);
    assert.deepEqual(result.body.data, { me: null });
    assert.equal(result.body.errors?.[0]?.extensions?.code, 'SERVICE_UNAVAILABLE');
  });

  test('/ready reports the down subgraph by name and answers 503', async () => {
    const { status, body } = await ready(router);
    assert.equal(status, 503);
    assert.equal(body.checks['subgraph:auth']?.ok, true);
    assert.equal(body.checks['subgraph:user']?.ok, false);
    assert.match(body.checks['subgraph:user']?.error ?? '', new RegExp(`127\\.0\\.0\\.1:${userPort}/health: .*ECONNREFUSED`));
    assert.equal(body.checks.supergraph?.ok, true);
  });

  test('with ROUTER_READY_REQUIRES_SUBGRAPHS=false the router stays ready and still reports it', async () => {
    const lenient = await startRouter(
      testRouterConfig(supergraph, { auth, user: { graphqlUrl: `http://127.0.0.1:${userPort}/graphql` } }, { ROUTER_READY_REQUIRES_SUBGRAPHS: 'false' }),
    );
    try {
      const { status, body } = await ready(lenient);
      assert.equal(status, 200);
      assert.equal(body.checks['subgraph:user']?.reachable, false);
    } finally {
      await lenient.stop();
    }
  });

  test('once the subgraph is up, the same router answers in full and is ready', async () => {
    user = await startFixtureSubgraph('user', { port: userPort });
    const result = await postGraphQL(router.graphqlUrl, { query: '{ me { id email profile { bio } badges } }' }, token);
    assert.deepEqual(result.body, { data: { me: { id: '9', email: 'user9@example.com', profile: { bio: 'bio of 9' }, badges: ['first-goal'] } } });
    assert.equal((await ready(router)).status, 200);
  });
});

describe('user subgraph hanging', () => {
  let hanging: Server;
  let router: RunningRouter;

  before(async () => {
    // Accepts connections and requests but never answers.
    hanging = createServer(() => {});
    await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
    const { port } = hanging.address() as AddressInfo;
    router = await startRouter(testRouterConfig(supergraph, { auth, user: { graphqlUrl: `http://127.0.0.1:${port}/graphql` } }, { ROUTER_SUBGRAPH_TIMEOUT_MS: '300' }));
  });

  after(async () => {
    await router?.stop();
    hanging?.closeAllConnections();
    await new Promise((resolve) => hanging?.close(resolve));
  });

  test('the subgraph timeout turns it into SERVICE_UNAVAILABLE for its fields only', async () => {
    const result = await postGraphQL(router.graphqlUrl, { query: '{ me { id profile { bio } } }' }, token);
    assert.deepEqual(result.body.data, { me: { id: '9', profile: null } });
    assert.equal(result.body.errors?.[0]?.extensions?.code, 'SERVICE_UNAVAILABLE');
  });
});

describe('router with the wrong GATEWAY_SECRET', () => {
  test('the subgraphs refuse it; clients see SERVICE_UNAVAILABLE, not the subgraph’s UNAUTHENTICATED', async () => {
    const user = await startFixtureSubgraph('user');
    const router = await startRouter(testRouterConfig(supergraph, { auth, user }, { GATEWAY_SECRET: 'a-different-secret-that-is-long-enough-0000' }));
    try {
      const asked = auth.requests.length;
      const result = await postGraphQL(router.graphqlUrl, { query: '{ me { id } }' }, token);
      assert.deepEqual(result.body.data, { me: null });
      assert.equal(result.body.errors?.[0]?.extensions?.code, 'SERVICE_UNAVAILABLE');
      assert.equal(auth.requests.length, asked, 'the auth subgraph executed nothing');
    } finally {
      await router.stop();
      await user.stop();
    }
  });
});
