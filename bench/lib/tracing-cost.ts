// `--tracing`: what tracing costs. The same router `me` and `badges` loads against three fresh
// stacks that differ only in how tracing is set up — no telemetry preload at all, the preload with
// tracing off (as deployed), and every request traced to a discarding OTLP endpoint — in
// alternating rounds, the other stacks idle while one is measured; medians per stack. Fresh stacks
// all three: one that had already served minutes of load (warmer JIT, grown pools) ran ~10-40 %
// faster than a new one in every round, which would have read as a cost of having no preload.
import { steps, type Query } from './compare.ts';
import { median, runLoad } from './load.ts';
import type { BenchStack } from './services.ts';

export const TRACING_MODES = ['none', 'off', 'on'] as const;
export type TracingMode = (typeof TRACING_MODES)[number];
export type TracingCost = Record<TracingMode, Record<Query, { rps: number; p99: number }>>;

type Subject = { id: number; accessToken: string; goals: number };

export async function measureTracingCost(
  stacks: Record<TracingMode, { stack: BenchStack; subject: Subject }>,
  options: { rounds: number; seconds: number; connections: number; log: (line: string) => void },
): Promise<TracingCost> {
  const loads = Object.fromEntries(TRACING_MODES.map((m) => [m, steps(stacks[m].stack, stacks[m].subject).router])) as Record<TracingMode, ReturnType<typeof steps>['router']>;
  const queries: Query[] = ['me', 'badges'];
  for (const mode of TRACING_MODES) for (const query of queries) await runLoad(loads[mode][query], { connections: options.connections, seconds: 5 }); // warm-up
  const runs: Record<string, Array<{ rps: number; p99: number }>> = {};
  for (let round = 1; round <= options.rounds; round += 1) {
    for (const query of queries) {
      for (const mode of round % 2 ? TRACING_MODES : [...TRACING_MODES].reverse()) {
        const result = await runLoad(loads[mode][query], { connections: options.connections, seconds: options.seconds });
        if (result.errors) options.log(`  tracing ${mode} ${query}: ${result.errors} errors, first: ${result.firstError}`);
        (runs[`${mode}/${query}`] ??= []).push(result);
        options.log(`  round ${round} ${query.padEnd(6)} tracing ${mode.padEnd(4)} ${result.rps.toFixed(0).padStart(5)} ops/s  p99 ${result.p99.toFixed(1)} ms`);
      }
    }
  }
  const figures = (mode: TracingMode) =>
    Object.fromEntries(queries.map((q) => [q, { rps: median(runs[`${mode}/${q}`]!.map((r) => r.rps)), p99: median(runs[`${mode}/${q}`]!.map((r) => r.p99)) }])) as TracingCost['off'];
  return { none: figures('none'), off: figures('off'), on: figures('on') };
}
