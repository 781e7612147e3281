// One Prometheus registry per running service (not prom-client's global one): tests and the e2e
// stack run several services in one process, and each /metrics must show only its own service's
// metrics. prom-client's default metrics (process memory and CPU, heap, GC, event-loop delay
// nodejs_eventloop_lag_*) belong to the process, not to a service: they are collected once per
// process, in a registry of their own, and added to every service's scrape (exposition()), so
// starting a service again does not start another event-loop monitor.
import { collectDefaultMetrics, Registry } from 'prom-client';

// The services define their metrics with these (prom-client is a dependency of this package only).
export { Counter, Gauge, Histogram, Registry } from 'prom-client';

let processRegistry: Registry | undefined;

function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

/** A service's own registry; its scrape also shows the process metrics. */
export function createMetricsRegistry(): Registry {
  processMetrics();
  return new Registry();
}

/** What GET /metrics answers for `registry`: the process metrics and the service's, in the text format. */
export function exposition(registry: Registry): Promise<string> {
  return Registry.merge([processMetrics(), registry]).metrics();
}
