import { strict as assert } from 'node:assert';
import { after, before, test } from 'node:test';
import { context, propagation, SpanStatusCode, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { core, tracing } from '@opentelemetry/sdk-node';
import { activeTraceparent, inTraceOf } from './trace-context.ts';

const exporter = new tracing.InMemorySpanExporter();
const A = 'a'.repeat(32);
const B = 'b'.repeat(32);
const header = (traceId: string, spanId: string) => ({ traceparent: `00-${traceId}-${spanId}-01`, 'event-id': 'x' });

before(() => {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new core.W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(new tracing.BasicTracerProvider({ spanProcessors: [new tracing.SimpleSpanProcessor(exporter)] }));
});
after(() => {
  trace.disable();
  propagation.disable();
  context.disable();
});

test('events of one trace are published as a child of the stored span; of several, in a new trace linking each', async () => {
  let inside: string | undefined;
  await inTraceOf('outbox publish', [header(A, '1'.repeat(16)), header(A, '2'.repeat(16))], { 'outbox.events': 2 }, async () => {
    inside = activeTraceparent();
  });
  await inTraceOf('outbox publish', [header(A, '1'.repeat(16)), header(B, '3'.repeat(16)), { 'event-id': 'untraced' }], {}, async () => {});
  const [single, mixed] = exporter.getFinishedSpans();
  assert.equal(single?.spanContext().traceId, A);
  assert.equal(single?.parentSpanContext?.spanId, '1'.repeat(16));
  assert.deepEqual(single?.links, []);
  assert.equal(inside, `00-${A}-${single?.spanContext().spanId}-01`, 'the publish span is active inside (the Kafka send span becomes its child)');
  assert.equal(mixed?.parentSpanContext, undefined);
  assert.notEqual(mixed?.spanContext().traceId, A);
  assert.deepEqual(mixed?.links.map((l) => l.context.traceId), [A, B]);
});

test('a failed publish marks its span as an error and still throws', async () => {
  exporter.reset();
  await assert.rejects(inTraceOf('outbox publish', [], {}, async () => Promise.reject(new Error('broker down'))), /broker down/);
  assert.equal(exporter.getFinishedSpans()[0]?.status.code, SpanStatusCode.ERROR);
});
