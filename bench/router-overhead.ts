// Router overhead: latency of the merged `me` query through the router against the baseline of
// the same data fetched straight from the two subgraphs (the requests the query plan makes:
// auth `me` then user `_entities`). Prints p50/p95/mean for both, their ratio and the RSS.
//
//   npm run bench:router [-- <requests, default 300>]
//
// Starts its own Kafka broker on free ports unless KAFKA_BROKERS is set; uses PostgreSQL on
// 127.0.0.1:5432 for two throwaway databases (tltest_local_bench_router_*).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startBroker } from '@tracklore/devkit/kafka-broker';
import { freePort } from '@tracklore/devkit/ports';
import { signGatewayHeader, GATEWAY_HEADER } from '@tracklore/shared/gateway-trust';
import { graphqlRequest, signUp } from '../e2e/support/client.ts';

const requests = Number(process.argv[2] ?? 300);
const warmup = 30;

let broker;
let dataDir: string | undefined;
if (!process.env.KAFKA_BROKERS) {
  dataDir = mkdtempSync(join(tmpdir(), 'tracklore-bench-kafka-'));
  broker = await startBroker({ dataDir, port: await freePort(), controllerPort: await freePort() });
  process.env.KAFKA_BROKERS = broker.brokers.join(',');
}
process.env.LOG_LEVEL ??= 'warn';
const { startStack } = await import('../e2e/support/stack.ts');
const stack = await startStack({ label: 'bench_router' });

try {
  const user = await signUp(stack.routerUrl);
  for (let i = 0; i < 5; i += 1) {
    await stack.graphql('mutation($t: String!) { createGoal(input: { title: $t }) { id } }', { t: `goal ${i}` }, { token: user.accessToken });
  }
  const merged = '{ me { id email roles profile { displayName bio } badges { badge { slug } } goals { title progress } } }';
  const signed = () => ({ [GATEWAY_HEADER]: signGatewayHeader(stack.secrets.gateway), authorization: `Bearer ${user.accessToken}` });
  const entities = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on User { profile { displayName bio } badges { badge { slug } } goals { title progress } } } }';

  async function viaRouter(): Promise<void> {
    const r = await stack.graphql(merged, {}, { token: user.accessToken });
    if (r.errors) throw new Error(JSON.stringify(r.errors));
  }
  async function direct(): Promise<void> {
    const a = await graphqlRequest(stack.auth.graphqlUrl, '{ me { id email roles } }', {}, { headers: signed() });
    const b = await graphqlRequest(stack.user.graphqlUrl, entities, { r: [{ __typename: 'User', id: user.user.id }] }, { headers: signed() });
    if (a.errors || b.errors) throw new Error(JSON.stringify([a.errors, b.errors]));
  }

  async function measure(fn: () => Promise<void>): Promise<number[]> {
    for (let i = 0; i < warmup; i += 1) await fn();
    const samples: number[] = [];
    for (let i = 0; i < requests; i += 1) {
      const start = performance.now();
      await fn();
      samples.push(performance.now() - start);
      if ((i + 1) % 100 === 0) process.stderr.write(`  ${i + 1}/${requests}\n`);
    }
    return samples.sort((x, y) => x - y);
  }
  const stats = (s: number[]) => ({ p50: s[Math.floor(s.length * 0.5)]!, p95: s[Math.floor(s.length * 0.95)]!, mean: s.reduce((a, b) => a + b, 0) / s.length });
  const fmt = (n: number) => `${n.toFixed(2)} ms`;

  console.log(`router overhead, ${requests} sequential requests after ${warmup} warm-up, 1 user with 5 goals`);
  process.stderr.write('baseline: direct subgraph calls\n');
  const base = stats(await measure(direct));
  process.stderr.write('router: merged query\n');
  const routed = stats(await measure(viaRouter));
  console.log(`baseline (auth me + user _entities, direct): p50 ${fmt(base.p50)}  p95 ${fmt(base.p95)}  mean ${fmt(base.mean)}`);
  console.log(`router (merged me):                          p50 ${fmt(routed.p50)}  p95 ${fmt(routed.p95)}  mean ${fmt(routed.mean)}`);
  console.log(`ratio router / baseline: p50 ${(routed.p50 / base.p50).toFixed(2)}x  p95 ${(routed.p95 / base.p95).toFixed(2)}x  mean ${(routed.mean / base.mean).toFixed(2)}x`);
  console.log(`rss of this process (router + both subgraphs in-process): ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MiB`);
} finally {
  await stack.stop();
  if (broker) await broker.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}
