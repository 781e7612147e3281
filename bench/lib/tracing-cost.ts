// `--tracing`: what tracing costs. The same router `me` and `badges` loads against two stacks that
// differ only in OTEL_* settings — the bench's own stack (telemetry preload loaded, tracing off)
// and a second one tracing every request to a discarding OTLP endpoint — in alternating rounds,
// one stack idle while the other is measured; medians per stack.
import { steps, type Query } from './compare.ts';
import { median, runLoad } from './load.ts';
import type { BenchStack } from './services.ts';

export interface TracingCost {
  off: Record<Query, { rps: number; p99: number }>;
  on: Record<Query, { rps: number; p99: number }>;
}

type Subject = { id: number; accessToken: string; goals: number };

export async function measureTracingCost(
  stacks: { off: BenchStack; on: BenchStack },
  subjects: { off: Subject; on: Subject },
  options: { rounds: number; seconds: number; connections: number; log: (line: string) => void },
): Promise<TracingCost> {
  const loads = { off: steps(stacks.off, subjects.off).router, on: steps(stacks.on, subjects.on).router };
  const queries: Query[] = ['me', 'badges'];
  const modes = ['off', 'on'] as const;
  for (const mode of modes) for (const query of queries) await runLoad(loads[mode][query], { connections: options.connections, seconds: 2 }); // warm-up
  const runs: Record<string, Array<{ rps: number; p99: number }>> = {};
  for (let round = 1; round <= options.rounds; round += 1) {
    for (const query of queries) {
      for (const mode of round % 2 ? modes : [...modes].reverse()) {
        const result = await runLoad(loads[mode][query], { connections: options.connections, seconds: options.seconds });
        if (result.errors) options.log(`  tracing ${mode} ${query}: ${result.errors} errors, first: ${result.firstError}`);
        (runs[`${mode}/${query}`] ??= []).push(result);
        options.log(`  round ${round} ${query.padEnd(6)} tracing ${mode.padEnd(3)} ${result.rps.toFixed(0).padStart(5)} ops/s  p99 ${result.p99.toFixed(1)} ms`);
      }
    }
  }
  const figures = (mode: 'off' | 'on') =>
    Object.fromEntries(queries.map((q) => [q, { rps: median(runs[`${mode}/${q}`]!.map((r) => r.rps)), p99: median(runs[`${mode}/${q}`]!.map((r) => r.p99)) }])) as TracingCost['off'];
  return { off: figures('off'), on: figures('on') };
}
