// The real `npm test` runner (scripts/test.ts) on fixture files: its closing line counts every
// outcome node's runner reports and agrees with its exit code. It reuses the outer run's broker
// (KAFKA_BROKERS) and skips lint and typecheck; each run gets its own TEST_RUN_ID, so dropping
// "its" databases at the end never touches the outer run's.
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { before, test } from 'node:test';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  lastLine: string;
}

function runRunner(fixture: string): Promise<Run> {
  // Without NODE_TEST_CONTEXT, which would make the inner `node --test` skip its files as nested.
  const { NODE_TEST_CONTEXT: _nested, ...env } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/test.ts', `scripts/fixtures/${fixture}`], {
    env: { ...env, TEST_SKIP_STATIC: '1', TEST_RUN_ID: `r${randomBytes(3).toString('hex').slice(0, 5)}` },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) =>
    child.once('close', (code) => resolve({ code, stdout, stderr, lastLine: stdout.trimEnd().split('\n').at(-1) ?? '' })),
  );
}

const runs: Record<string, Run> = {};

before(async () => {
  assert.ok(process.env.KAFKA_BROKERS, 'run this file through npm test, which provides KAFKA_BROKERS');
  const fixtures = ['passing.ts', 'one-failing.ts', 'failing-before-hook.ts', 'crash.ts', 'skipped.ts'];
  const results = await Promise.all(fixtures.map(runRunner));
  fixtures.forEach((fixture, i) => (runs[fixture] = results[i]!));
});

const explain = (run: Run) => `exit ${run.code}\n--- stdout (end)\n${run.stdout.slice(-2500)}\n--- stderr\n${run.stderr.slice(-2500)}`;

test('a passing file: exit 0 and the plain closing line alone on the last line', () => {
  const run = runs['passing.ts']!;
  assert.equal(run.lastLine, '1 passed, 0 failed, 0 skipped', explain(run));
  assert.equal(run.code, 0, explain(run));
});

test('one failing test: 1 failed and a non-zero exit', () => {
  const run = runs['one-failing.ts']!;
  assert.equal(run.lastLine, '1 passed, 1 failed, 0 skipped', explain(run));
  assert.notEqual(run.code, 0, explain(run));
});

test('a failing before hook: its cancelled tests count as failed', () => {
  const run = runs['failing-before-hook.ts']!;
  assert.match(run.stdout, /^# cancelled 2$/m, explain(run));
  assert.equal(run.lastLine, '0 passed, 2 failed, 0 skipped', explain(run));
  assert.notEqual(run.code, 0, explain(run));
});

test('a file that crashes outside any test counts as failed', () => {
  const run = runs['crash.ts']!;
  assert.equal(run.lastLine, '0 passed, 1 failed, 0 skipped', explain(run));
  assert.notEqual(run.code, 0, explain(run));
});

test('skipped and todo tests fail the run and are named', () => {
  const run = runs['skipped.ts']!;
  assert.equal(run.lastLine, '1 passed, 0 failed, 2 skipped', explain(run));
  assert.notEqual(run.code, 0, explain(run));
  assert.match(run.stderr, /✖ test: 2 skipped\/todo tests .*fixture: skipped on purpose; fixture: todo on purpose/, explain(run));
});
