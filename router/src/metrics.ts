// The router's own metrics (GraphQL per operation, process and event-loop metrics come from
// @tracklore/shared/metrics):
//   router_subgraph_request_duration_seconds{subgraph,outcome}  one subgraph fetch of a query plan
// outcome: `ok` (a GraphQL answer), `rejected` (HTTP 400 with GraphQL errors: the subgraph is up
// and refused the operation), `unavailable` (no usable answer: refused connection, timeout, any
// other HTTP error; the client sees SERVICE_UNAVAILABLE for that subgraph's fields). Subgraph
// names come from the supergraph, so the label is bounded.
import { Histogram, type Registry } from '@tracklore/shared/metrics/registry';

export type SubgraphFetchOutcome = 'ok' | 'rejected' | 'unavailable';

/** What a subgraph data source reports: call fetchStarted() before a fetch, its result after. */
export interface SubgraphFetchMetrics {
  fetchStarted(subgraph: string): (outcome: SubgraphFetchOutcome) => void;
}

export function createRouterMetrics(registry: Registry): { subgraphFetch: SubgraphFetchMetrics } {
  const duration = new Histogram({
    name: 'router_subgraph_request_duration_seconds',
    help: 'Subgraph requests of query plans, from send to the complete answer (a retry on a reset connection included), by subgraph and outcome',
    labelNames: ['subgraph', 'outcome'],
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  return {
    subgraphFetch: {
      fetchStarted(subgraph) {
        const end = duration.startTimer({ subgraph });
        return (outcome) => void end({ outcome });
      },
    },
  };
}
