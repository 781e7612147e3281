// `npm run bench`: the whole performance comparison in one run, printed as one table of the goals
// of issue 11 (figure, target, ratio, met). Every service runs as its own process on 127.0.0.1.
//
//   npm run bench [-- --quick] [--profile] [--tracing] [--rounds 3] [--seconds 5] [--soak-seconds 60]
//                 [--signups 200] [--connections 10]
//
// --quick: 1 round of 3 s, a 10 s memory soak, 60 sign-ups, 300-event bursts (a smoke run).
// --tracing: also the cost of tracing (bench/lib/tracing-cost.ts): three fresh stacks (no
//   telemetry preload, preload with tracing off, every request traced) in alternating rounds;
//   printed as issue 13's rows.
// --profile: CPU profiles of each service under load into bench/profiles/<service>.cpuprofile,
//            and the top self-time functions of each.
// Starts its own Kafka broker on free ports unless KAFKA_BROKERS is set; uses PostgreSQL on
// 127.0.0.1:5432 (TEST_DATABASE_SERVER_URL) for two throwaway databases tltest_local_bench_*.
import { mkdirSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { compare, steps, type Figures, type Query, type Target } from './lib/compare.ts';
import { measureSignUpToReference } from './lib/events.ts';
import { connect, seedReferences, seedUserData, signedUpUser } from './lib/fixtures.ts';
import { closePools, runLoad } from './lib/load.ts';
import { topSelfTime } from './lib/profile.ts';
import { consumerThroughput, measureEntityScale } from './lib/scale.ts';
import { startBenchStack, type BenchStack, type Service } from './lib/services.ts';
import { startTraceSink } from './lib/trace-sink.ts';
import { measureTracingCost, TRACING_MODES, type TracingCost } from './lib/tracing-cost.ts';

const { values: flags } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
    tracing: { type: 'boolean', default: false },
    rounds: { type: 'string' },
    seconds: { type: 'string' },
    'soak-seconds': { type: 'string' },
    signups: { type: 'string' },
    connections: { type: 'string', default: '10' },
  },
});
const num = (value: string | undefined, fallback: number) => (value === undefined ? fallback : Number(value));
const quick = flags.quick;
const settings = {
  rounds: num(flags.rounds, quick ? 1 : 3),
  seconds: num(flags.seconds, quick ? 3 : 5),
  soakSeconds: num(flags['soak-seconds'], quick ? 10 : 60),
  signups: num(flags.signups, quick ? 60 : 200),
  burst: quick ? 300 : 2000,
  connections: num(flags.connections, 10),
};
const log = (line: string) => process.stderr.write(`${line}\n`);
const began = Date.now();
const profileDir = flags.profile ? join(new URL('.', import.meta.url).pathname, 'profiles') : undefined;
if (profileDir) mkdirSync(profileDir, { recursive: true });

process.env.LOG_LEVEL ??= 'warn';
log(`bench: starting the stack (separate processes)${profileDir ? ' with the profile hook' : ''}`);
const stack = await startBenchStack({ profileDir });
const userDb = await connect(stack.databases.user);
const SUBJECTS: Service[] = [stack.auth, stack.user, stack.router, stack.hive];

try {
  const me = await signedUpUser(stack.router.url + '/graphql', userDb);
  await seedUserData(userDb, me.id, 5);
  const subject = { id: me.id, accessToken: me.accessToken, goals: 5 };

  // Goals 1-3
  log(`\n1-3. throughput: ${settings.rounds} round(s) of ${settings.seconds} s per target and query, ${settings.connections} connections`);
  const figures = await compare(stack, subject, { rounds: settings.rounds, seconds: settings.seconds, connections: settings.connections, log });

  // --profile
  const profiles: string[] = [];
  if (profileDir) {
    log('\nprofile: CPU profiles of every service under load');
    const all = steps(stack, subject);
    for (const s of SUBJECTS) s.toggleProfile();
    await new Promise((r) => setTimeout(r, 300));
    for (const [target, query, seconds] of [['router', 'me', 8], ['router', 'badges', 4], ['hive', 'me', 8], ['hive', 'badges', 4], ['direct', 'me', 4]] as const) {
      await runLoad(all[target][query], { connections: settings.connections, seconds });
    }
    for (const s of SUBJECTS) s.toggleProfile();
    await new Promise((r) => setTimeout(r, 2000));
    for (const s of SUBJECTS) {
      const file = join(profileDir, `${s.name}.cpuprofile`);
      const { total, hotspots } = topSelfTime(file, 12);
      profiles.push(`${s.name} (${(total / 1000).toFixed(1)} s on CPU; ${file}):`);
      for (const h of hotspots) profiles.push(`  ${h.selfPercent.toFixed(1).padStart(5)} %  ${h.name}  ${h.where}`);
    }
  }

  // Goal 5: every service at 80 % of the router's peak `me` rate
  const peak = figures.router.me.rps;
  const rate = Math.max(1, Math.floor(peak * 0.8));
  log(`\n5. memory: router me at ${rate} ops/s (80 % of ${peak.toFixed(0)}) for ${settings.soakSeconds} s`);
  const soak = await runLoad(steps(stack, subject).router.me, { connections: settings.connections, seconds: settings.soakSeconds, rate });
  const rss = Object.fromEntries(SUBJECTS.map((s) => [s.name, s.rssMiB() * 1.048576]));
  log(`  soak: ${soak.rps.toFixed(0)} ops/s, ${soak.errors} errors; RSS ${SUBJECTS.map((s) => `${s.name} ${rss[s.name]!.toFixed(0)} MB`).join(', ')}`);
  // Where the RSS goes: V8's heap and external memory; the rest is code, native libraries and the allocator.
  for (const s of SUBJECTS) {
    const m = await s.memory().catch((error: unknown) => (log(`  ${s.name}: no memory breakdown (${(error as Error).message})`), undefined));
    if (m) log(`  ${s.name.padEnd(6)} heap used ${m.heapUsed.toFixed(0)} / total ${m.heapTotal.toFixed(0)} MB, external ${m.external.toFixed(0)} MB, rest ${(rss[s.name]! - m.heapTotal - m.external).toFixed(0)} MB`);
  }

  // Goal 4
  log(`\n4. events: ${settings.signups} sign-ups at concurrency 10`);
  const events = await measureSignUpToReference(stack.router.graphqlUrl, userDb, { count: settings.signups, concurrency: 10 });
  log(`  p50 ${events.p50.toFixed(0)} ms, p99 ${events.p99.toFixed(0)} ms, max ${events.max.toFixed(0)} ms (sign-up itself p50 ${events.signUpP50.toFixed(0)} ms)`);

  // Goal 6
  log('\n6. scale');
  const entityIds = await seedReferences(userDb, 1, 1000);
  const goalUsers = [];
  for (const goals of [5, 50, 500]) {
    const u = await signedUpUser(stack.router.graphqlUrl, userDb);
    await seedUserData(userDb, u.id, goals);
    goalUsers.push({ id: u.id, accessToken: u.accessToken, goals });
  }
  const scale = await measureEntityScale(stack, entityIds, goalUsers, quick ? 3 : 5);
  for (const row of scale) log(`  ${row.label}: ${row.statements} statements, ${row.ms.toFixed(1)} ms`);
  const brokers = stack.brokers.split(',');
  // A small burst first each time, so the measured one does not overlap a group rebalance.
  await consumerThroughput(brokers, userDb, 90_000, 50);
  const oneInstance = await consumerThroughput(brokers, userDb, 100_000, settings.burst);
  log(`  consumer group, 1 instance: ${oneInstance.toFixed(0)} events/s`);
  const second = await stack.startUserInstance('user-2');
  await waitForConsumerRunning(second);
  await consumerThroughput(brokers, userDb, 190_000, 50);
  const twoInstances = await consumerThroughput(brokers, userDb, 200_000, settings.burst);
  log(`  consumer group, 2 instances: ${twoInstances.toFixed(0)} events/s`);

  // --tracing: the same router loads against three fresh stacks (same history, so JIT and pools
  // are as warm on each): no telemetry preload, preload with tracing off, every request traced
  let tracing: (TracingCost & { exports: number; bytes: number }) | undefined;
  if (flags.tracing) {
    log('\ntracing: three fresh stacks — no telemetry preload, preload with tracing off (as deployed), every request traced (OTLP to a discarding endpoint) — in alternating rounds');
    const sink = await startTraceSink();
    const started: BenchStack[] = [];
    try {
      const setups = { none: 'no-preload', off: 'off', on: { endpoint: sink.url } } as const;
      const stacks = {} as Parameters<typeof measureTracingCost>[0];
      for (const mode of TRACING_MODES) {
        const s = await startBenchStack({ label: `bench_tracing_${mode}`, brokers: stack.brokers, tracing: setups[mode] });
        started.push(s);
        const db = await connect(s.databases.user);
        const u = await signedUpUser(s.router.graphqlUrl, db);
        await seedUserData(db, u.id, 5);
        await db.end();
        stacks[mode] = { stack: s, subject: { id: u.id, accessToken: u.accessToken, goals: 5 } };
      }
      const cost = await measureTracingCost(stacks, { ...settings, log });
      await new Promise((r) => setTimeout(r, 6000)); // the batch span processor's last exports (5 s schedule)
      tracing = { ...cost, exports: sink.exports, bytes: sink.bytes };
      log(`  ${sink.exports} OTLP exports, ${(sink.bytes / 2 ** 20).toFixed(1)} MiB of spans received`);
    } finally {
      for (const s of started.reverse()) await s.stop();
      await sink.stop();
    }
  }

  // The table
  const f = (t: Target, q: Query): Figures => figures[t][q];
  log('\nper target (median of rounds): ops/s, p50, p99');
  for (const t of ['router', 'hive', 'direct'] as const) {
    log(`  ${t.padEnd(6)}  me ${f(t, 'me').rps.toFixed(0).padStart(5)}  ${f(t, 'me').p50.toFixed(1)} ms  ${f(t, 'me').p99.toFixed(1)} ms   badges ${f(t, 'badges').rps.toFixed(0).padStart(5)}  ${f(t, 'badges').p50.toFixed(1)} ms  ${f(t, 'badges').p99.toFixed(1)} ms`);
  }
  // Where each operation's CPU goes (µs per operation, median of rounds): what a target costs the machine.
  const processes = Object.keys(f('router', 'me').cpu);
  log(`\nCPU per operation, µs (median of rounds): ${processes.join(' / ')} / total`);
  for (const t of ['router', 'hive', 'direct'] as const) {
    for (const q of ['me', 'badges'] as const) {
      const cpu = f(t, q).cpu;
      const total = Object.values(cpu).reduce((a, b) => a + b, 0);
      log(`  ${t.padEnd(6)} ${q.padEnd(6)} ${processes.map((p) => (cpu[p] ?? 0).toFixed(0).padStart(5)).join(' ')}   total ${total.toFixed(0).padStart(5)}`);
    }
  }
  type Row = [goal: string, what: string, figure: string, target: string, ratio: number | undefined, met: boolean | undefined];
  const atLeast = (goal: string, what: string, value: number, target: number): Row => [goal, what, `${value.toFixed(2)}×`, `≥ ${target}×`, value / target, value >= target];
  const atMost = (goal: string, what: string, value: number, target: number, unit: string): Row => [goal, what, `${value.toFixed(0)} ${unit}`, `≤ ${target} ${unit}`, value / target, value <= target];
  const info = (goal: string, what: string, figure: string): Row => [goal, what, figure, '(reported)', undefined, undefined];
  const rows: Row[] = [
    atLeast('1', 'router / direct, me ops/s', f('router', 'me').rps / f('direct', 'me').rps, 0.9),
    atLeast('1', 'router / direct, badges ops/s', f('router', 'badges').rps / f('direct', 'badges').rps, 0.8),
    atLeast('2', 'router / Hive (Rust planner), me', f('router', 'me').rps / f('hive', 'me').rps, 1.5),
    atLeast('2', 'router / Hive (Rust planner), badges', f('router', 'badges').rps / f('hive', 'badges').rps, 1.5),
    atLeast('3', 'direct me / direct badges ops/s', f('direct', 'me').rps / f('direct', 'badges').rps, 0.5),
    atMost('4', `sign-up → reference p50 (${events.count})`, events.p50, 100, 'ms'),
    atMost('4', 'sign-up → reference p99', events.p99, 500, 'ms'),
    ...SUBJECTS.filter((s) => s.name !== 'hive').map((s) => atMost('5', `RSS ${s.name} after ${settings.soakSeconds} s at ${rate}/s`, rss[s.name]!, 200, 'MB')),
    ...scale.map((r) => info('6', r.label, `${r.statements} stmts, ${r.ms.toFixed(1)} ms`)),
    info('6', 'UserCreated, 1 user instance', `${oneInstance.toFixed(0)} events/s`),
    info('6', 'UserCreated, 2 instances, 3 partitions', `${twoInstances.toFixed(0)} events/s (${(twoInstances / oneInstance).toFixed(2)}×)`),
    ...(tracing
      ? (['me', 'badges'] as const).flatMap((q) => [
          info('13', `router ${q}, tracing off / no preload`, `${tracing.off[q].rps.toFixed(0)} / ${tracing.none[q].rps.toFixed(0)} ops/s (${(tracing.off[q].rps / tracing.none[q].rps).toFixed(2)}×), p99 ${tracing.off[q].p99.toFixed(0)} / ${tracing.none[q].p99.toFixed(0)} ms`),
          info('13', `router ${q}, tracing on (all sampled) / off`, `${tracing.on[q].rps.toFixed(0)} / ${tracing.off[q].rps.toFixed(0)} ops/s (${(tracing.on[q].rps / tracing.off[q].rps).toFixed(2)}×), p99 ${tracing.on[q].p99.toFixed(0)} / ${tracing.off[q].p99.toFixed(0)} ms`),
        ])
      : []),
  ];
  const head: Row = ['goal', 'measure', 'figure', 'target', undefined, undefined];
  const cells = (r: Row) => [r[0], r[1], r[2], r[3], r[4] === undefined ? (r === head ? 'ratio' : '') : r[4].toFixed(2), r[5] === undefined ? (r === head ? 'met' : '') : r[5] ? 'yes' : 'NO'];
  const table = [head, ...rows].map(cells);
  const widths = table[0]!.map((_, i) => Math.max(...table.map((c) => c[i]!.length)));
  const line = (c: string[]) => `| ${c.map((x, i) => x.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(`\nTracklore bench, ${new Date().toISOString()}, ${cpus().length} × ${cpus()[0]?.model.trim()}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}, ${settings.connections} connections, ${settings.rounds} × ${settings.seconds} s rounds`);
  console.log(line(table[0]!));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const c of table.slice(1)) console.log(line(c));
  if (profiles.length) console.log(`\ntop self time under load (--profile):\n${profiles.join('\n')}`);
  console.log(`\n(${((Date.now() - began) / 1000).toFixed(0)} s)`);
} finally {
  await closePools();
  await userDb.end();
  await stack.stop();
}

async function waitForConsumerRunning(service: Service): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const ready = (await (await fetch(`${service.url}/ready`)).json()) as { checks?: { kafka?: { consumer?: string } } };
    if (ready.checks?.kafka?.consumer === 'running') {
      // The first member's rebalance follows on its next heartbeat (1 s).
      await new Promise((r) => setTimeout(r, 3000));
      return;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${service.name} did not join the consumer group within 60 s`);
}
