// Issue 13 acceptance (b): the services' spans reach a real Zipkin (the server jar `npm start`
// runs, packages/devkit/src/zipkin-server.ts) through OTEL_TRACES_EXPORTER=zipkin, and Zipkin's
// own API returns the signUp as one trace spanning router, auth and user, Kafka hop included.
// The parent chain itself is asserted in one-trace.test.ts.
import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { freePort } from '@tracklore/devkit/ports';
import { startZipkin, type RunningZipkin } from '@tracklore/devkit/zipkin-server';
import { graphqlRequest, TEST_PASSWORD, uniqueEmail } from '../support/client.ts';
import { startTracedStack, type TracedStack } from './traced-stack.ts';

interface ZipkinSpan { traceId: string; id: string; parentId?: string; name?: string; kind?: string; localEndpoint?: { serviceName?: string } }

let zipkin: RunningZipkin;
let stack: TracedStack;

before(async () => {
  // Zipkin's JVM and the three services start side by side.
  const port = await freePort();
  const spansUrl = `http://127.0.0.1:${port}/api/v2/spans`;
  const [z, s] = await Promise.allSettled([
    startZipkin({ port, logFile: join(import.meta.dirname, '../../.data/zipkin/test.log') }),
    startTracedStack('trace_zipkin', { OTEL_TRACES_EXPORTER: 'zipkin', OTEL_EXPORTER_ZIPKIN_ENDPOINT: spansUrl }),
  ]);
  if (z.status === 'fulfilled') zipkin = z.value;
  if (s.status === 'fulfilled') stack = s.value;
  for (const result of [z, s]) if (result.status === 'rejected') throw result.reason;
});
after(async () => {
  await stack?.stop();
  await zipkin?.stop();
});

test("Zipkin's API returns a signUp as one trace across router, auth and user, the Kafka hop included", async () => {
  // The caller's own trace: the router continues it, so the test knows the trace id up front.
  const traceId = randomBytes(16).toString('hex');
  const result = await graphqlRequest(stack.routerUrl, 'mutation ($email: String!, $password: String!) { signUp(email: $email, password: $password) { user { id } } }',
    { email: uniqueEmail('zipkin'), password: TEST_PASSWORD }, { headers: { traceparent: `00-${traceId}-00f067aa0ba902b7-01` } });
  assert.equal(result.errors, undefined, JSON.stringify(result.errors));
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
