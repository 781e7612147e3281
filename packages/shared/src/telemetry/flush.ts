// Spans wait in the SDK's batch processor for up to OTEL_BSP_SCHEDULE_DELAY before export; a
// service calls this before it exits so the last requests' spans are not lost. Only the API is
// touched: without tracing the provider is a no-op proxy and this returns at once.
import { ProxyTracerProvider, trace } from '@opentelemetry/api';

export async function flushTraces(timeoutMs = 2000): Promise<void> {
  const global = trace.getTracerProvider();
  const provider = (global instanceof ProxyTracerProvider ? global.getDelegate() : global) as { forceFlush?: () => Promise<void> };
  if (typeof provider.forceFlush !== 'function') return;
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([provider.forceFlush().catch(() => {}), new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
  clearTimeout(timer);
}
