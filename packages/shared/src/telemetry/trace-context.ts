// W3C trace context across the outbox: a request stores its trace in the event's `traceparent`
// header (written in the request's transaction), and the relay, seconds or hours later in another
// loop, publishes inside that trace, so one trace runs from the request to the consumer. Only the
// API is used: with tracing off every call here is a no-op.
import { context, isSpanContextValid, propagation, ROOT_CONTEXT, SpanStatusCode, trace, type Attributes, type SpanContext } from '@opentelemetry/api';

const tracer = trace.getTracer('@tracklore/shared');

/** The active span as a `traceparent` value, or undefined when nothing is being traced. */
export function activeTraceparent(): string | undefined {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent;
}

/**
 * Runs `fn` in a span `name` that continues the trace of the messages' stored headers: a child of
 * the one request they came from (the usual batch of one), or, when they came from several
 * requests, a trace of its own linked to each (a span has one parent). Without stored trace
 * context the span starts a trace.
 */
export async function inTraceOf<T>(name: string, carriers: ReadonlyArray<Record<string, string>>, attributes: Attributes, fn: () => Promise<T>): Promise<T> {
  const origins = carriers.map((c) => trace.getSpanContext(propagation.extract(ROOT_CONTEXT, c))).filter((s): s is SpanContext => !!s && isSpanContextValid(s));
  const single = origins.length > 0 && origins.every((o) => o.traceId === origins[0]!.traceId);
  const parent = single ? trace.setSpanContext(ROOT_CONTEXT, origins[0]!) : ROOT_CONTEXT;
  const links = single ? [] : origins.map((origin) => ({ context: origin }));
  return tracer.startActiveSpan(name, { attributes, links }, parent, async (span) => {
    try {
      return await fn();
    } catch (error) {
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
      throw error;
    } finally {
      span.end();
    }
  });
}
