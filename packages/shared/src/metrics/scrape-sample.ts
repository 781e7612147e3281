// Gauges that need a query (a database count, Kafka offsets) are computed when /metrics is
// scraped, not on a timer: no load while nobody scrapes, and the figure is as fresh as the scrape.
// The gauges fed by one query share one run of it per scrape (prom-client collects all metrics of
// a scrape concurrently), and a slow dependency cannot hold the scrape: past `timeoutMs` the
// sample counts as failed. A failed sample leaves its gauges without a value for that scrape
// (the series is absent, not stale) and counts in metrics_scrape_failures_total{source}.
import { Counter, type Registry } from 'prom-client';

const FAILURES = 'metrics_scrape_failures_total';

function failureCounter(registry: Registry): Counter<'source'> {
  const existing = registry.getSingleMetric(FAILURES);
  if (existing) return existing as Counter<'source'>;
  return new Counter({ name: FAILURES, help: 'Scrape-time samples (queries behind gauges) that failed or timed out, by source', labelNames: ['source'], registers: [registry] });
}

/** Returns a reader of `read()` for gauge collect() functions; it resolves undefined when the sample failed. */
export function scrapeSample<T>(registry: Registry, source: string, read: () => Promise<T>, timeoutMs: number): () => Promise<T | undefined> {
  const failures = failureCounter(registry);
  failures.inc({ source }, 0);
  let inFlight: Promise<T | undefined> | undefined;
  const once = async (): Promise<T | undefined> => {
    let timer: NodeJS.Timeout | undefined;
    try {
      // A real timer, not the service's Clock: a FakeClock's sleeps end at once and would time out every sample.
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      });
      return await Promise.race([read(), timeout]);
    } catch {
      failures.inc({ source });
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  };
  return () => (inFlight ??= once().finally(() => (inFlight = undefined)));
}
