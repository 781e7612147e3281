// A second `npm start` on databases that already exist applies no migration and comes up; when
// start.ts is then killed outright (SIGKILL: no chance to stop anything), every part it started
// stops by itself and frees its port.
import { strict as assert } from 'node:assert';
import { before, test } from 'node:test';
import { isPortOpen } from '@tracklore/devkit/ports';
import { prepareDatabases } from '../../scripts/db.ts';
import type { StackPorts } from '../../scripts/lib/stack-env.ts';
import { freeStackPorts, freshDatabases, isRunning, migrationCount, portEnv, runStart, within } from './npm-start.ts';

let databases: Awaited<ReturnType<typeof freshDatabases>>;
let ports: StackPorts;

before(async () => {
  databases = await freshDatabases('dev_stack_killed');
  await prepareDatabases({ ...process.env, ...databases });
  ports = await freeStackPorts();
});

async function waitUntil(what: string, condition: () => Promise<boolean> | boolean, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${ms / 1000} s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

test('on existing databases nothing is migrated; when start.ts is killed, every part stops by itself', async () => {
  // Tracing off: no Zipkin JVM to wait for (scripts/start.test.ts covers it).
  const run = runStart({ ...databases, ...portEnv(ports), OTEL_SDK_DISABLED: 'true' });
  try {
    await within(run.up, 170_000, 'the stack coming up', run.output);
  } catch (error) {
    run.interrupt();
    throw error;
  }
  const userDb = new URL(databases.USER_DATABASE_URL).pathname.slice(1);
  assert.ok(run.output().includes(`${userDb}: 0 applied, ${migrationCount('user')} already applied`), run.output().slice(-2000));
  assert.doesNotMatch(run.output(), /created database/);
  const pids = new Map([...run.output().matchAll(/\] (\w+)\s+starting \(pid (\d+)\)/g)].map((m) => [m[1] ?? '', Number(m[2])]));
  assert.deepEqual([...pids.keys()].sort(), ['auth', 'mail', 'router', 'user', 'web']);
  assert.ok([...pids.values()].every(isRunning));

  run.kill();
  assert.deepEqual(await run.exited, { code: null, signal: 'SIGKILL' });
  await waitUntil('every part ending', () => [...pids.values()].every((pid) => !isRunning(pid)), 60_000);
  for (const [name, port] of Object.entries(ports)) assert.equal(await isPortOpen('127.0.0.1', port), false, `${name} ${port} still open`);
});
