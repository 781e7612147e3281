// The router sends a subgraph query once more, on a new connection, when the pooled keep-alive
// connection it went out on was reset before any answer (the subgraph closed it as idle just as
// the request left); a mutation is never sent twice. The reset is real: a TCP proxy between the
// router and the fixture auth subgraph resets the reused connection (devkit tcp-proxy.ts).
import { strict as assert } from 'node:assert';
import { Writable } from 'node:stream';
import { after, before, test } from 'node:test';
import { pino } from 'pino';
import { createTcpProxy, type TcpProxy } from '@tracklore/devkit/tcp-proxy';
import { startRouter, type RunningRouter } from '../src/app.ts';
import { createSubgraphFetcher, type SubgraphFetcher } from '../src/gateway/fetcher.ts';
import { isQueryOperation } from '../src/gateway/subgraph-data-source.ts';
import { composeFixtureSupergraph, postGraphQL, startFixtureSubgraph, testRouterConfig, type FixtureSubgraph, type FixtureSupergraph } from './support/fixture-subgraphs.ts';

const RETRY_LOG = 'reused subgraph connection was reset before an answer: sending the query again on a new connection';
let auth: FixtureSubgraph;
let user: FixtureSubgraph;
let proxy: TcpProxy;
let supergraph: FixtureSupergraph;
let pool: SubgraphFetcher;
let router: RunningRouter;
const logs: Array<Record<string, unknown>> = [];

before(async () => {
  auth = await startFixtureSubgraph('auth');
  user = await startFixtureSubgraph('user');
  proxy = await createTcpProxy({ target: { host: '127.0.0.1', port: auth.port } });
  supergraph = composeFixtureSupergraph();
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) logs.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  pool = createSubgraphFetcher({ timeoutMs: 5000, logger: pino({ level: 'warn' }, sink) });
  router = await startRouter(testRouterConfig(supergraph, { auth: { graphqlUrl: `http://${proxy.address}/graphql` }, user }), { fetcher: pool.fetcher });
});

after(async () => {
  await router?.stop();
  pool?.close();
  await proxy?.stop();
  await auth?.stop();
  await user?.stop();
  supergraph?.remove();
});

const echo = (text: string) => postGraphQL(router.graphqlUrl, { query: 'query Echo($text: String!) { echo(text: $text) }', variables: { text } });
const retryLines = () => logs.filter((line) => line.msg === RETRY_LOG);

test('a query whose reused connection was reset is sent once more on a new connection and succeeds', async () => {
  const warm = await echo('warm');
  assert.deepEqual(warm.body, { data: { echo: 'warm' } });
  const [connections, executed, retries] = [proxy.connections, auth.requests.length, pool.retries()];

  proxy.resetReused();
  const result = await echo('after a reset');
  assert.equal(result.status, 200);
  assert.deepEqual(result.body, { data: { echo: 'after a reset' } });
  assert.equal(proxy.resets, 1, 'the pooled connection was reset under the request');
  assert.equal(pool.retries() - retries, 1);
  assert.equal(proxy.connections - connections, 1, 'the retry went out on one new connection');
  assert.equal(auth.requests.length - executed, 1, 'the subgraph executed the query once');
  assert.equal(retryLines().length, 1);
  assert.equal(retryLines()[0]?.retries, 1, 'the log line counts the retries');
});

test('a mutation whose reused connection was reset is not sent again: its part fails with SERVICE_UNAVAILABLE', async () => {
  assert.deepEqual((await echo('warm again')).body, { data: { echo: 'warm again' } });
  const [connections, executed, retries, resets] = [proxy.connections, auth.requests.length, pool.retries(), proxy.resets];

  proxy.resetReused();
  const result = await postGraphQL(router.graphqlUrl, { query: 'mutation { rename(email: "new@example.com") { id email } }' });
  assert.equal(proxy.resets - resets, 1, 'the pooled connection was reset under the mutation');
  assert.equal(result.body.data?.rename, null);
  assert.deepEqual(result.body.errors?.map((e) => e.extensions?.code), ['SERVICE_UNAVAILABLE']);
  assert.equal(pool.retries(), retries, 'no retry');
  assert.equal(proxy.connections, connections, 'no new connection');
  assert.equal(auth.requests.length, executed, 'the subgraph never executed it');
});

test('a refused connection is not retried: only a reused connection can have gone stale', async () => {
  const retries = pool.retries();
  await proxy.close();
  try {
    // The pool holds no connection to the closed proxy any more, so this one is new and refused.
    const result = await echo('refused');
    assert.deepEqual(result.body.errors?.map((e) => e.extensions?.code), ['SERVICE_UNAVAILABLE']);
    assert.equal(pool.retries(), retries);
  } finally {
    await proxy.open();
  }
  assert.deepEqual((await echo('back')).body, { data: { echo: 'back' } });
});

test('the operation kind of a subgraph fetch decides whether it may be sent twice', () => {
  assert.equal(isQueryOperation('query Echo__auth__0($text:String!){echo(text:$text)}'), true);
  assert.equal(isQueryOperation('{echo(text:"x")}'), true);
  assert.equal(isQueryOperation('  query{me{id}}'), true);
  assert.equal(isQueryOperation('mutation{rename(email:"a@b.c"){id}}'), false);
  assert.equal(isQueryOperation('mutation queryLike{rename(email:"a@b.c"){id}}'), false);
  assert.equal(isQueryOperation('subscription{events}'), false);
  assert.equal(isQueryOperation('queryX{a}'), false);
  assert.equal(isQueryOperation(undefined), false);
});
