// The one load generator for every target: a closed loop of `connections` workers over undici
// keep-alive pools, each worker running one operation after another for a bounded time (and a
// bounded count). An operation is one or more HTTP requests made in order (direct `me` is the two
// subgraph calls the query plan makes), so every target is measured per operation, the same way.
import { performance } from 'node:perf_hooks';
import { Pool } from 'undici';

/** One HTTP POST of an operation; `check` throws when the answer is not the expected one. */
export interface Step {
  url: string;
  headers: () => Record<string, string>;
  body: string;
  check?: (json: unknown) => void;
}

export interface LoadResult {
  ops: number;
  errors: number;
  seconds: number;
  rps: number;
  p50: number;
  p99: number;
  firstError?: string;
}

const pools = new Map<string, Pool>();
function poolFor(origin: string, connections: number): Pool {
  let pool = pools.get(origin);
  if (!pool) pools.set(origin, (pool = new Pool(origin, { connections, pipelining: 1, keepAliveTimeout: 60_000 })));
  return pool;
}

export async function closePools(): Promise<void> {
  await Promise.all([...pools.values()].map((p) => p.close()));
  pools.clear();
}

async function send(step: Step, connections: number): Promise<void> {
  const url = new URL(step.url);
  const { statusCode, body } = await poolFor(url.origin, connections).request({
    method: 'POST',
    path: url.pathname,
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...step.headers() },
    body: step.body,
  });
  const json = (await body.json()) as { errors?: unknown };
  if (statusCode !== 200 || json.errors) throw new Error(`HTTP ${statusCode}: ${JSON.stringify(json).slice(0, 300)}`);
  step.check?.(json);
}

export const quantile = (sorted: number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? NaN;
export const median = (values: number[]): number => quantile([...values].sort((a, b) => a - b), 0.5);

/** Runs `steps` as one operation from `connections` workers for `seconds` (at most `maxOps` operations). */
export async function runLoad(steps: Step[], options: { connections: number; seconds: number; maxOps?: number; rate?: number }): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  let started = 0;
  let firstError: string | undefined;
  const maxOps = options.maxOps ?? 1_000_000;
  const start = performance.now();
  const deadline = start + options.seconds * 1000;
  // An optional rate (operations per second, all workers together) for the memory soak at 80 %.
  const interval = options.rate ? 1000 / options.rate : 0;
  async function worker(): Promise<void> {
    while (performance.now() < deadline && started < maxOps) {
      const index = started;
      started += 1;
      if (interval) {
        const due = start + index * interval;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        if (performance.now() >= deadline) break;
      }
      const t0 = performance.now();
      try {
        for (const step of steps) await send(step, options.connections);
        latencies.push(performance.now() - t0);
      } catch (error) {
        errors += 1;
        firstError ??= (error as Error).message;
      }
    }
  }
  await Promise.all(Array.from({ length: options.connections }, worker));
  const seconds = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  return { ops: latencies.length, errors, seconds, rps: latencies.length / seconds, p50: quantile(latencies, 0.5), p99: quantile(latencies, 0.99), firstError };
}
