// The sampler OTEL_TRACES_SAMPLER / OTEL_TRACES_SAMPLER_ARG name (the SDK's own values), with one
// rule in front: a Prisma operation with no parent span does not start a trace. Those are the
// background loops (the outbox relay's and mail sender's polls, key reloads), every few seconds
// per instance; as traces they would bury the requests in the viewer. Their children follow the
// parent-based decision and are dropped with them.
import { trace, type Attributes, type Context, type Link, type SpanKind } from '@opentelemetry/api';
import { tracing } from '@opentelemetry/sdk-node';

const { AlwaysOffSampler, AlwaysOnSampler, ParentBasedSampler, SamplingDecision, TraceIdRatioBasedSampler } = tracing;

function fromEnv(env: NodeJS.ProcessEnv): tracing.Sampler {
  const ratio = Number(env.OTEL_TRACES_SAMPLER_ARG ?? '1');
  switch (env.OTEL_TRACES_SAMPLER ?? 'parentbased_always_on') {
    case 'always_on': return new AlwaysOnSampler();
    case 'always_off': return new AlwaysOffSampler();
    case 'traceidratio': return new TraceIdRatioBasedSampler(ratio);
    case 'parentbased_always_off': return new ParentBasedSampler({ root: new AlwaysOffSampler() });
    case 'parentbased_traceidratio': return new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(ratio) });
    default: return new ParentBasedSampler({ root: new AlwaysOnSampler() });
  }
}

export function backgroundAwareSampler(env: NodeJS.ProcessEnv = process.env): tracing.Sampler {
  const configured = fromEnv(env);
  return {
    shouldSample(context: Context, traceId: string, name: string, kind: SpanKind, attributes: Attributes, links: Link[]) {
      if (!trace.getSpan(context) && name.startsWith('prisma:')) return { decision: SamplingDecision.NOT_RECORD };
      return configured.shouldSample(context, traceId, name, kind, attributes, links);
    },
    toString: () => `NoUntracedPrisma{${configured.toString()}}`,
  };
}
