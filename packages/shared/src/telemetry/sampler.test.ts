import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { ROOT_CONTEXT, SpanKind, trace, TraceFlags } from '@opentelemetry/api';
import { tracing } from '@opentelemetry/sdk-node';
import { backgroundAwareSampler } from './sampler.ts';

const { SamplingDecision } = tracing;
const TRACE = 'a'.repeat(32);
const sample = (env: NodeJS.ProcessEnv, name: string, parent = ROOT_CONTEXT) => backgroundAwareSampler(env).shouldSample(parent, TRACE, name, SpanKind.INTERNAL, {}, []).decision;

test('a Prisma operation outside any trace starts none; requests and traced Prisma work are sampled as configured', () => {
  const traced = trace.setSpanContext(ROOT_CONTEXT, { traceId: TRACE, spanId: 'b'.repeat(16), traceFlags: TraceFlags.SAMPLED, isRemote: true });
  assert.equal(sample({}, 'prisma:client:operation'), SamplingDecision.NOT_RECORD);
  assert.equal(sample({}, 'POST'), SamplingDecision.RECORD_AND_SAMPLED);
  assert.equal(sample({}, 'prisma:client:operation', traced), SamplingDecision.RECORD_AND_SAMPLED);
  assert.equal(sample({ OTEL_TRACES_SAMPLER: 'parentbased_always_off' }, 'POST'), SamplingDecision.NOT_RECORD);
  assert.equal(sample({ OTEL_TRACES_SAMPLER: 'parentbased_always_off' }, 'POST', traced), SamplingDecision.RECORD_AND_SAMPLED);
  assert.equal(sample({ OTEL_TRACES_SAMPLER: 'traceidratio', OTEL_TRACES_SAMPLER_ARG: '0' }, 'POST'), SamplingDecision.NOT_RECORD);
});
