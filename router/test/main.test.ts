// The router as a process (router/src/main.ts): a config error names the variable and exits 1;
// SIGTERM stops it in order and it exits 0.
import { strict as assert } from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import { after, test } from 'node:test';
import { REPO_ROOT } from '../src/paths.ts';
import { composeFixtureSupergraph, TEST_GATEWAY_SECRET } from './support/fixture-subgraphs.ts';

const MAIN = `${REPO_ROOT}/router/src/main.ts`;
const supergraph = composeFixtureSupergraph();
after(() => supergraph.remove());

test('a missing GATEWAY_SECRET stops the start with a message naming it', () => {
  const { GATEWAY_SECRET: _omit, ...env } = process.env;
  const result = spawnSync(process.execPath, ['--import', 'tsx', MAIN], { cwd: REPO_ROOT, env: { ...env, ROUTER_PORT: '0' }, encoding: 'utf8', timeout: 60_000 });
  assert.equal(result.status, 1);
  assert.match(result.stderr, /GATEWAY_SECRET is required but not set/);
});

test('SIGTERM drains and stops the router, which then exits 0', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    cwd: REPO_ROOT,
    env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'info', GATEWAY_SECRET: TEST_GATEWAY_SECRET, ROUTER_PORT: '0', SUPERGRAPH_PATH: supergraph.supergraphPath, SHUTDOWN_GRACE_MS: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('router serving the supergraph')) resolve();
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    void exited.then((code) => reject(new Error(`router exited (${code}) before serving:\n${output}`)));
  });
  const url = JSON.parse(output.split('\n').find((l) => l.includes('"router listening"')) ?? '{}').url as string;
  assert.equal((await fetch(`${url}/health`)).status, 200);
  child.kill('SIGTERM');
  assert.equal(await exited, 0, output);
  assert.match(output, /"msg":"stopped"/);
});
