// `npm test`: a preflight of what the tests need (Chromium, Java + Maven, PostgreSQL), lint,
// typecheck, then every unit and integration test against real PostgreSQL and a real Kafka broker
// (started here on free ports unless KAFKA_BROKERS names one). It ends with one closing line,
// `N passed, N failed, N skipped`, that agrees with its exit code.
// `npm test -- path/a.test.ts ...` runs only those files (lint and typecheck still run first,
// unless TEST_SKIP_STATIC=1).
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { startBroker, waitForKafka, type RunningBroker } from '@tracklore/devkit/kafka-broker';
import { freePort } from '@tracklore/devkit/ports';
import { dropRunDatabases, testServerUrl } from '@tracklore/devkit/test-databases';
import { fail, step } from './lib/log.ts';
import { machineProbes, preflight } from './lib/preflight.ts';
import { closingLine, tapReader, verdict } from './lib/tap-totals.ts';

const ROOT = process.cwd();
const SEARCH = ['packages', 'subgraphs', 'router', 'scripts', 'e2e', 'frontend', 'bench'];

function findTests(dir: string, out: string[] = []): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const entry of entries) {
    if (entry.name === 'node_modules' || entry.name === 'generated' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) findTests(path, out);
    else if (/\.test\.tsx?$/.test(entry.name)) out.push(relative(ROOT, path));
  }
  return out;
}

function run(part: string, command: string, args: string[]): void {
  step(part, `${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) fail(part, `failed (exit ${result.status})`);
}

const requested = process.argv.slice(2);
// Seconds, not minutes: a missing dependency is named (one line each) before lint, typecheck or the broker start.
const checked = await preflight(machineProbes(), { ok: step, problem: (part, message) => console.error(`✖ ${part}: ${message}`) }, testServerUrl());
if (!checked.ok) process.exit(1);

if (process.env.TEST_SKIP_STATIC !== '1') {
  // The package.json scripts are the one definition of lint and typecheck (incl. the frontend's configs).
  run('lint', 'npm', ['run', '--silent', 'lint']);
  run('types', 'npm', ['run', '--silent', 'typecheck']);
}

const files = requested.length > 0 ? requested : SEARCH.flatMap((d) => findTests(join(ROOT, d))).sort();
if (files.length === 0) fail('test', 'no test files found');

let broker: RunningBroker | undefined;
let dataDir: string | undefined;
let brokers = process.env.KAFKA_BROKERS;
try {
  if (brokers) {
    await waitForKafka(brokers.split(','), 20_000);
    step('kafka', `using ${brokers} (KAFKA_BROKERS)`);
  } else {
    dataDir = mkdtempSync(join(tmpdir(), 'tracklore-test-kafka-'));
    const port = await freePort();
    broker = await startBroker({ dataDir, port, controllerPort: await freePort(), onProgress: (m) => step('kafka', m) });
    brokers = broker.brokers.join(',');
    step('kafka', `test broker ready at ${brokers}`);
  }
} catch (error) {
  if (dataDir) rmSync(dataDir, { recursive: true, force: true }); // fail() exits: no later cleanup runs
  fail('kafka', (error as Error).message);
}

// Names this run's test databases, so concurrent runs on one server never drop each other's.
const runId = process.env.TEST_RUN_ID ?? randomBytes(4).readUInt32BE().toString(36).slice(0, 6);
step('test', `${files.length} test files on Node ${process.version} (run ${runId})`);
// TAP explicitly: Node 23+ defaults to the spec reporter even when stdout is a pipe.
const child = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=tap', '--test-concurrency=1', '--test-timeout=300000', ...files], {
  stdio: ['inherit', 'pipe', 'inherit'],
  env: { ...process.env, KAFKA_BROKERS: brokers, CHROMIUM_PATH: checked.chromium, TEST_RUN_ID: runId, NODE_ENV: 'test', LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' },
});
const forward = (signal: NodeJS.Signals) => child.kill(signal);
process.on('SIGINT', forward);
process.on('SIGTERM', forward);
// Pass the TAP output through and keep the runner's totals for the closing line.
const tap = tapReader();
child.stdout!.setEncoding('utf8');
child.stdout!.on('data', (chunk: string) => {
  process.stdout.write(chunk);
  tap.push(chunk);
});
const code: number = await new Promise((resolve) => child.once('close', (c, s) => resolve(c ?? (s ? 1 : 0))));
tap.end();
if (broker) {
  step('kafka', 'stopping test broker');
  await broker.stop();
}
if (dataDir) rmSync(dataDir, { recursive: true, force: true });
if (process.env.TEST_KEEP_DATABASES !== '1') {
  const dropped = await dropRunDatabases(runId).catch((error: unknown) => {
    step('postgres', `could not drop this run's test databases: ${(error as Error).message}`);
    return 0;
  });
  step('postgres', `dropped ${dropped} test databases of run ${runId} (TEST_KEEP_DATABASES=1 keeps them)`);
}
const result = verdict(tap.totals, code);
for (const note of result.notes) console.error(`✖ test: ${note}`);
// Alone on the last line: CI reads it.
console.log(closingLine(result));
process.exit(result.exitCode);
