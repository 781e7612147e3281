// One Prometheus registry per running service (not prom-client's global one): tests and the e2e
// stack run several services in one process, and each /metrics must show only its own service.
// Every registry carries prom-client's default metrics: process memory and CPU, heap, GC and
// event-loop delay (nodejs_eventloop_lag_*).
import { collectDefaultMetrics, Registry } from 'prom-client';

// The services define their metrics with these (prom-client is a dependency of this package only).
export { Counter, Gauge, Histogram, Registry } from 'prom-client';

export function createMetricsRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return registry;
}
