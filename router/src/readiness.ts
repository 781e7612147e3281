// /ready: the supergraph is loaded, and each subgraph answers its /health. With
// ROUTER_READY_REQUIRES_SUBGRAPHS=false a subgraph that is down is reported (reachable: false)
// without making the router unready, since it still serves everything the other subgraphs own.
import type { ReadinessCheck } from '@tracklore/shared/http/service';

export interface ReadinessOptions {
  /** Current subgraph names and URLs (routing URLs after overrides). */
  subgraphs(): Array<{ name: string; url: string }>;
  /** True once the gateway has a supergraph. */
  loaded(): boolean;
  requireSubgraphs: boolean;
  /** Per probe, in ms. */
  timeoutMs: number;
  fetch?: typeof fetch;
}

async function probe(url: string, timeoutMs: number, fetchImpl: typeof fetch): Promise<{ healthUrl: string; status: number }> {
  const healthUrl = new URL('/health', url).toString();
  let response: Response;
  try {
    response = await fetchImpl(healthUrl, { signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    const reason = (error as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : ((error as Error).cause as Error | undefined)?.message ?? (error as Error).message;
    throw new Error(`${healthUrl}: ${reason}`, { cause: error });
  }
  await response.body?.cancel();
  if (!response.ok) throw new Error(`${healthUrl}: HTTP ${response.status}`);
  return { healthUrl, status: response.status };
}

export function routerReadiness(options: ReadinessOptions): ReadinessCheck[] {
  const fetchImpl = options.fetch ?? fetch;
  const subgraphCheck = (name: string): ReadinessCheck => ({
    name: `subgraph:${name}`,
    async check() {
      const subgraph = options.subgraphs().find((s) => s.name === name);
      if (!subgraph) return { removed: true };
      try {
        return { url: subgraph.url, ...(await probe(subgraph.url, options.timeoutMs, fetchImpl)) };
      } catch (error) {
        if (options.requireSubgraphs) throw error;
        return { url: subgraph.url, reachable: false, error: (error as Error).message };
      }
    },
  });
  return [
    {
      name: 'supergraph',
      async check() {
        if (!options.loaded()) throw new Error('no supergraph loaded yet');
        return { subgraphs: options.subgraphs().map((s) => s.name) };
      },
    },
    ...options.subgraphs().map((s) => subgraphCheck(s.name)),
  ];
}
