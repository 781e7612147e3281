// Issue 13 acceptance (a): with tracing on (OTLP over HTTP to an in-process receiver), one signUp
// through the router is ONE trace: router → auth subgraph → its PostgreSQL statements (the user and
// outbox inserts) → the outbox relay's publish → the Kafka send → the user subgraph's Kafka process
// span → its reference insert, each span under the one before it.
import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import { startOtlpReceiver, type OtlpReceiver, type ReceivedSpan } from '@tracklore/devkit/otlp-receiver';
import { graphqlRequest, TEST_PASSWORD, uniqueEmail } from '../support/client.ts';
import { startTracedStack, type TracedStack } from './traced-stack.ts';

const TOPIC = 'auth.user-created.v1';
let receiver: OtlpReceiver;
let stack: TracedStack;

before(async () => {
  receiver = await startOtlpReceiver();
  stack = await startTracedStack('trace_otlp', { OTEL_TRACES_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json', OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url });
});
after(async () => {
  await stack?.stop();
  await receiver?.stop();
});

const sqlOf = (span: ReceivedSpan): string => span.attributes['db.statement'] ?? span.attributes['db.query.text'] ?? '';

test('a signUp is one trace from the router through auth, PostgreSQL, the outbox relay and Kafka to the user subgraph', async () => {
  // The caller's own trace: the router continues it, so the test knows the trace id up front.
  const traceId = randomBytes(16).toString('hex');
  const result = await graphqlRequest(stack.routerUrl, 'mutation ($email: String!, $password: String!) { signUp(email: $email, password: $password) { user { id } } }',
    { email: uniqueEmail('trace'), password: TEST_PASSWORD }, { headers: { traceparent: `00-${traceId}-00f067aa0ba902b7-01` } });
  assert.equal(result.errors, undefined, JSON.stringify(result.errors));

  const inTrace = (spans: ReceivedSpan[]) => spans.filter((s) => s.traceId === traceId);
  const find = (spans: ReceivedSpan[], service: string, match: (s: ReceivedSpan) => boolean) => inTrace(spans).find((s) => s.service === service && match(s));
  const referenceInsert = (s: ReceivedSpan) => /INSERT INTO "public"\."auth_user_references"/.test(sqlOf(s));
  // The process span ends (and is exported) after the insert's: wait for both.
  const processSpan = (s: ReceivedSpan) => s.name === `process ${TOPIC}` && s.kind === 5;
  const spans = await receiver.waitFor((all) => find(all, 'user', referenceInsert) !== undefined && find(all, 'user', processSpan) !== undefined);
  const trace = inTrace(spans);
  const byId = new Map(trace.map((s) => [s.spanId, s]));
  /** The span and its ancestors, nearest first. */
  const chain = (span: ReceivedSpan): ReceivedSpan[] => {
    const list = [span];
    for (let s = span; s.parentSpanId && byId.has(s.parentSpanId); ) list.push((s = byId.get(s.parentSpanId)!));
    return list;
  };
  const need = (service: string, what: string, match: (s: ReceivedSpan) => boolean): ReceivedSpan => {
    const span = find(spans, service, match);
    assert.ok(span, `no ${what} span of ${service} in the trace; it has:\n  ${trace.map((s) => `${s.service} ${s.name}`).join('\n  ')}`);
    return span;
  };
  const routerServer = need('router', 'HTTP server', (s) => s.kind === 2);
  const authServer = need('auth', 'HTTP server', (s) => s.kind === 2);
  const outboxInsert = need('auth', 'outbox insert', (s) => /INSERT INTO "public"\."outbox_events"/.test(sqlOf(s)));
  const publish = need('auth', 'outbox publish', (s) => s.name === 'outbox publish');
  const send = need('auth', 'Kafka send', (s) => s.name === `send ${TOPIC}` && s.kind === 4);
  const consume = need('user', 'Kafka process', processSpan);
  const insert = need('user', 'reference insert', referenceInsert);

  // The router continued the caller's trace: its server span's parent is the caller's span.
  assert.equal(routerServer.parentSpanId, '00f067aa0ba902b7');
  const ancestry = (span: ReceivedSpan) => chain(span).map((s) => s.spanId);
  assert.ok(ancestry(authServer).includes(routerServer.spanId), 'auth request under the router request');
  assert.ok(trace.some((s) => s.service === 'router' && s.name.startsWith('gateway.')), "the gateway's own spans are in the trace");
  assert.ok(ancestry(outboxInsert).includes(authServer.spanId), 'outbox insert under the auth request');
  assert.ok(ancestry(publish).includes(authServer.spanId), 'relay publish under the auth request (stored traceparent)');
  assert.equal(send.parentSpanId, publish.spanId, 'Kafka send under the publish');
  assert.equal(consume.parentSpanId, send.spanId, 'consumer process span under the send (message headers)');
  assert.ok(ancestry(insert).includes(consume.spanId), 'reference insert under the process span');
  assert.deepEqual(chain(insert).at(-1), routerServer, 'the chain ends at the router');
});
