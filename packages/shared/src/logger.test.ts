import { strict as assert } from 'node:assert';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import { context, trace, TraceFlags } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { pino } from 'pino';
import { traceFields } from './logger.ts';

test('a log line carries trace_id and span_id of the active span, and nothing without one', () => {
  const lines: Array<Record<string, unknown>> = [];
  const sink = new Writable({ write: (chunk: Buffer, _encoding, done) => (lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>), done()) });
  const logger = pino({ mixin: traceFields }, sink);
  const manager = new AsyncLocalStorageContextManager().enable();
  context.setGlobalContextManager(manager);
  try {
    const span = trace.wrapSpanContext({ traceId: 'a'.repeat(32), spanId: 'b'.repeat(16), traceFlags: TraceFlags.SAMPLED });
    context.with(trace.setSpan(context.active(), span), () => logger.info('inside'));
    logger.info('outside');
  } finally {
    context.disable();
  }
  assert.deepEqual([lines[0]?.trace_id, lines[0]?.span_id], ['a'.repeat(32), 'b'.repeat(16)]);
  assert.equal('trace_id' in (lines[1] ?? {}), false);
});
