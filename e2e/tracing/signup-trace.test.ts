// Issue 13 acceptance, one traced stack for both (its start is most of the time): the three services
// as processes exporting every span twice, OTLP/JSON to an in-process receiver and Zipkin's format
// to the real Zipkin server jar `npm start` runs (OTEL_TRACES_EXPORTER=otlp,zipkin).
// (a) One signUp through the router is ONE trace: router → auth subgraph → its PostgreSQL statements
//     (the user and outbox inserts) → the outbox relay's publish → the Kafka send → the user
//     subgraph's Kafka process span → its reference insert, each span under the one before it.
// (b) Zipkin's own API returns such a trace across router, auth and user, found by service too.
import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { startOtlpReceiver, type OtlpReceiver, type ReceivedSpan } from '@tracklore/devkit/otlp-receiver';
import { freePort } from '@tracklore/devkit/ports';
import { startZipkin, type RunningZipkin } from '@tracklore/devkit/zipkin-server';
import { graphqlRequest, TEST_PASSWORD, uniqueEmail } from '../support/client.ts';
import { startTracedStack, type TracedStack } from './traced-stack.ts';

interface ZipkinSpan { traceId: string; id: string; parentId?: string; name?: string; kind?: string; localEndpoint?: { serviceName?: string } }

const TOPIC = 'auth.user-created.v1';
let receiver: OtlpReceiver;
let zipkin: RunningZipkin;
let stack: TracedStack;

before(async () => {
  receiver = await startOtlpReceiver();
  const port = await freePort();
  // Zipkin's JVM and the three services start side by side.
  const [z, s] = await Promise.allSettled([
    startZipkin({ port, logFile: join(import.meta.dirname, '../../.data/zipkin/test.log') }),
    startTracedStack('trace_signup', {
      OTEL_TRACES_EXPORTER: 'otlp,zipkin',
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_EXPORTER_ZIPKIN_ENDPOINT: `http://127.0.0.1:${port}/api/v2/spans`,
    }),
  ]);
  if (z.status === 'fulfilled') zipkin = z.value;
  if (s.status === 'fulfilled') stack = s.value;
  for (const result of [z, s]) if (result.status === 'rejected') throw result.reason;
});
after(async () => {
  await stack?.stop();
  await zipkin?.stop();
  await receiver?.stop();
});

/** A signUp in a trace of the caller's (the router continues it), so the test knows its id up front. */
async function signUpTraced(): Promise<string> {
  const traceId = randomBytes(16).toString('hex');
  const result = await graphqlRequest(stack.routerUrl, 'mutation ($email: String!, $password: String!) { signUp(email: $email, password: $password) { user { id } } }',
    { email: uniqueEmail('trace'), password: TEST_PASSWORD }, { headers: { traceparent: `00-${traceId}-00f067aa0ba902b7-01` } });
  assert.equal(result.errors, undefined, JSON.stringify(result.errors));
  return traceId;
}

const sqlOf = (span: ReceivedSpan): string => span.attributes['db.statement'] ?? span.attributes['db.query.text'] ?? '';

test('a signUp is one trace from the router through auth, PostgreSQL, the outbox relay and Kafka to the user subgraph', async () => {
  const traceId = await signUpTraced();

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

test("Zipkin's API returns a signUp as one trace across router, auth and user, the Kafka hop included", async () => {
  const traceId = await signUpTraced();
  // Spans arrive in per-process batches (and spans sent before the service started are retried), so poll.
  let spans: ZipkinSpan[] = [];
  const deadline = Date.now() + 20_000;
  const complete = () => spans.some((s) => s.localEndpoint?.serviceName === 'user' && s.kind === 'CONSUMER');
  while (!complete() && Date.now() < deadline) {
    const response = await fetch(`${zipkin.url}/api/v2/trace/${traceId}`);
    if (response.ok) spans = (await response.json()) as ZipkinSpan[];
    if (!complete()) await new Promise((r) => setTimeout(r, 250));
  }
  assert.ok(complete(), `no consumer span of user in trace ${traceId}: ${JSON.stringify(spans.map((s) => `${s.localEndpoint?.serviceName} ${s.name}`))}`);
  const services = new Set(spans.map((s) => s.localEndpoint?.serviceName));
  assert.deepEqual([...services].sort(), ['auth', 'router', 'user']);
  assert.ok(spans.some((s) => s.localEndpoint?.serviceName === 'auth' && s.kind === 'PRODUCER' && s.name === 'send auth.user-created.v1'), 'the Kafka send');
  // The list endpoint (Zipkin's search screen) finds it by service too.
  const listed = (await (await fetch(`${zipkin.url}/api/v2/traces?serviceName=user&lookback=600000&limit=50`)).json()) as ZipkinSpan[][];
  assert.ok(listed.some((trace) => trace[0]?.traceId === traceId), 'found by serviceName=user');
});
