// /metrics of the router and both subgraphs on the real stack (PostgreSQL, Kafka, HTTP): each
// parses as Prometheus text, refuses a scrape without the right bearer token, and its figures
// move when an event flows: sign up → auth's relay publishes (published counter +1, backlog back
// to 0) → the user consumer handles it (handled{outcome="created"} grows, lag back to 0). Counts
// only, never times.
import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { parsePrometheusText, sampleValue, type Exposition } from '@tracklore/devkit/prometheus-text';
import { USER_CREATED_TOPIC } from '@tracklore/shared/events/topics';
import { errorCode, graphqlRequest, signUp, uniqueEmail } from '../support/client.ts';
import { startStack, type Stack } from '../support/stack.ts';

const TOKEN = randomBytes(32).toString('base64url');
const topic = USER_CREATED_TOPIC;
let stack: Stack;

before(async () => {
  const env = { METRICS_TOKEN: TOKEN };
  stack = await startStack({ label: 'e2e_metrics', env: { auth: env, user: env, router: env } });
});
after(() => stack?.stop());

const base = () => ({ router: stack.router.url, auth: stack.auth.url, user: stack.user.url });

async function scrape(url: string): Promise<Exposition> {
  const response = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
  assert.equal(response.status, 200, `${url}/metrics answered ${response.status}`);
  assert.match(response.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
  return parsePrometheusText(await response.text());
}

/** Scrapes until `check` holds; fails with the last values seen. */
async function until(url: string, what: string, check: (e: Exposition) => boolean, attempts = 150): Promise<Exposition> {
  let last: Exposition | undefined;
  for (let i = 0; i < attempts; i++) {
    last = await scrape(url);
    if (check(last)) return last;
    await sleep(200);
  }
  assert.fail(`${what}: never true at ${url}/metrics`);
}

test('every service refuses a scrape without the right bearer token', async () => {
  for (const url of Object.values(base())) {
    const refused: Array<Record<string, string>> = [{}, { authorization: `Bearer ${'x'.repeat(43)}` }, { authorization: TOKEN }, { 'x-service-secret': TOKEN }];
    for (const headers of refused) {
      const response = await fetch(`${url}/metrics`, { headers });
      assert.equal(response.status, 401, `${url} with ${JSON.stringify(Object.keys(headers))}`);
      assert.equal(response.headers.get('www-authenticate'), 'Bearer');
      assert.doesNotMatch(await response.text(), /nodejs_/);
    }
  }
});

test('every service exposes process memory and event-loop delay', async () => {
  for (const url of Object.values(base())) {
    const metrics = await scrape(url);
    assert.ok((sampleValue(metrics, 'process_resident_memory_bytes') ?? 0) > 0, url);
    assert.equal(metrics.types.get('nodejs_eventloop_lag_seconds'), 'gauge', url);
    assert.ok(sampleValue(metrics, 'nodejs_heap_size_used_bytes') !== undefined, url);
  }
});

test('sign-up moves the outbox and consumer figures; GraphQL operations are counted per name and error code', async () => {
  const { router, auth, user } = base();
  const created = { topic, outcome: 'created' };
  // The group starts at the beginning of the shared test topic: let it catch up first.
  await until(user, 'the consumer caught up', (m) => sampleValue(m, 'user_consumer_lag_messages', { topic }) === 0);
  const authBefore = await scrape(auth);
  const userBefore = await scrape(user);
  const publishedBefore = sampleValue(authBefore, 'auth_outbox_published_events_total', { topic }) ?? 0;
  const handledBefore = sampleValue(userBefore, 'user_events_handled_total', created) ?? 0;
  assert.equal(sampleValue(authBefore, 'auth_outbox_unsent_events'), 0);

  const email = uniqueEmail('metrics');
  await signUp(stack.routerUrl, email);

  const authAfter = await until(auth, 'the relay published the UserCreated', (m) =>
    sampleValue(m, 'auth_outbox_published_events_total', { topic }) === publishedBefore + 1 && sampleValue(m, 'auth_outbox_unsent_events') === 0,
  );
  assert.equal(sampleValue(authAfter, 'auth_outbox_oldest_unsent_age_seconds'), 0);
  assert.ok((sampleValue(authAfter, 'auth_outbox_publish_duration_seconds_count', { outcome: 'published' }) ?? 0) >= 1);
  assert.ok(sampleValue(authAfter, 'auth_mail_unsent_jobs') !== undefined, 'the mail backlog is reported');
  assert.equal(sampleValue(authAfter, 'metrics_scrape_failures_total'), 0);

  const userAfter = await until(user, 'the consumer handled it', (m) =>
    (sampleValue(m, 'user_events_handled_total', created) ?? 0) > handledBefore && sampleValue(m, 'user_consumer_lag_messages', { topic }) === 0,
  );
  assert.ok(sampleValue(userAfter, 'user_dlq_messages', { topic }) !== undefined, 'the DLQ size is reported');
  assert.equal(sampleValue(userAfter, 'user_auth_client_circuit_state', { state: 'closed' }), 1);
  assert.equal(sampleValue(userAfter, 'user_auth_client_circuit_state', { state: 'open' }), 0);

  // A taken address (EMAIL_TAKEN), an anonymous query and a document that does not parse.
  assert.equal(errorCode(await graphqlRequest(stack.routerUrl, 'mutation SignUp($email: String!) { signUp(email: $email, password: "correct horse battery staple") { accessToken } }', { email })), 'EMAIL_TAKEN');
  await graphqlRequest(stack.routerUrl, '{ badges { slug } }');
  assert.equal(errorCode(await graphqlRequest(stack.routerUrl, '{ badges { ')), 'GRAPHQL_PARSE_FAILED');

  const routed = await scrape(router);
  const ops = (labels: Record<string, string>) => sampleValue(routed, 'graphql_operation_duration_seconds_count', labels) ?? 0;
  assert.equal(ops({ operation: 'SignUp', type: 'mutation' }), 2);
  assert.equal(ops({ operation: 'anonymous', type: 'query' }), 1);
  assert.equal(ops({ operation: 'unresolved', type: 'unknown' }), 1);
  assert.equal(sampleValue(routed, 'graphql_errors_total', { operation: 'SignUp', code: 'EMAIL_TAKEN' }), 1);
  assert.equal(sampleValue(routed, 'graphql_errors_total', { operation: 'unresolved', code: 'GRAPHQL_PARSE_FAILED' }), 1);
  assert.ok((sampleValue(routed, 'router_subgraph_request_duration_seconds_count', { subgraph: 'auth', outcome: 'ok' }) ?? 0) >= 2);
  assert.ok((sampleValue(routed, 'router_subgraph_request_duration_seconds_count', { subgraph: 'user', outcome: 'ok' }) ?? 0) >= 1);

  // The subgraphs count the operations the router's query plans sent them.
  const authOps = (await scrape(auth)).samples.filter((s) => s.name === 'graphql_operation_duration_seconds_count' && s.labels.operation?.startsWith('SignUp'));
  assert.equal(authOps.reduce((n, s) => n + s.value, 0), 2);
});

test('a subgraph that is down shows as unavailable fetches in the router', async () => {
  const before = sampleValue(await scrape(stack.router.url), 'router_subgraph_request_duration_seconds_count', { subgraph: 'user', outcome: 'unavailable' }) ?? 0;
  await stack.user.stop();
  try {
    assert.equal(errorCode(await graphqlRequest(stack.routerUrl, 'query Badges { badges { slug } }')), 'SERVICE_UNAVAILABLE');
    const after = await scrape(stack.router.url);
    assert.equal(sampleValue(after, 'router_subgraph_request_duration_seconds_count', { subgraph: 'user', outcome: 'unavailable' }), before + 1);
    assert.equal(sampleValue(after, 'graphql_errors_total', { operation: 'Badges', code: 'SERVICE_UNAVAILABLE' }), 1);
  } finally {
    await stack.user.start();
  }
});
