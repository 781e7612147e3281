// The router as a real process during its grace period: /ready turns 503 at once after SIGTERM
// while /health and queries still succeed, each answer with `connection: close`; a second signal
// exits at once; SIGINT (Ctrl-C) drains without the grace period. The subgraphs run in-process
// from the test stack (stack.ts), whose router env the process uses.
import { strict as assert } from 'node:assert';
import http from 'node:http';
import { after, before, test } from 'node:test';
import { signUp } from '../support/client.ts';
import { send } from '../support/keep-alive-client.ts';
import { startServiceProcess } from '../support/service-process.ts';
import { startStack, type Stack } from '../support/stack.ts';

const GRACE_LINE = 'stopping: /ready answers 503, still accepting during the grace period';
const ME = '{ me { id email profile { displayName } } }';

let stack: Stack;
before(async () => {
  stack = await startStack({ label: 'e2e_shutdown_grace' });
});
after(() => stack?.stop());

test('after SIGTERM: /ready 503 at once, /health and queries answered during the grace period; a second signal exits at once', async () => {
  // A grace period far longer than the test: only the second signal can end it.
  const router = await startServiceProcess('router', { ...stack.env.router, SHUTDOWN_GRACE_MS: '600000' });
  after(() => router.kill());
  const agent = new http.Agent({ keepAlive: true });
  after(() => agent.destroy());
  const account = await signUp(`${router.url}/graphql`);
  assert.equal((await send(agent, `${router.url}/ready`)).status, 200);
  assert.equal((await send(agent, `${router.url}/graphql`, { query: ME }, account.accessToken)).connection, 'keep-alive');

  router.signal('SIGTERM');
  assert.equal((await router.waitForLog('shutdown requested')).graceMs, 600000);
  const ready = await send(agent, `${router.url}/ready`);
  assert.equal(ready.status, 503);
  assert.equal(ready.connection, 'close', 'the keep-alive client is told to go elsewhere');
  const health = await send(agent, `${router.url}/health`);
  assert.equal(health.status, 200, 'the process is alive');
  const during = await send(agent, `${router.url}/graphql`, { query: ME }, account.accessToken);
  assert.equal(during.status, 200);
  const body = JSON.parse(during.body) as { data?: { me?: { id: string } }; errors?: unknown[] };
  assert.equal(body.errors, undefined, during.body);
  assert.equal(body.data?.me?.id, account.user.id);
  assert.equal(during.connection, 'close');
  assert.equal(router.count(GRACE_LINE), 1);

  // Under process.once this second SIGTERM found no handler and the default action killed the process.
  router.signal('SIGTERM');
  const { code, signal } = await router.exited;
  assert.equal(signal, null, 'it exited by itself, not by the default action of the signal');
  assert.equal(code, 128 + 15);
  assert.equal(router.count('second signal: exiting without finishing the shutdown'), 1);
  assert.equal(router.count('stopped'), 0);
});

test('SIGINT (Ctrl-C) drains and exits 0 without waiting for the grace period', async () => {
  const router = await startServiceProcess('router', { ...stack.env.router, SHUTDOWN_GRACE_MS: '600000' });
  after(() => router.kill());
  router.signal('SIGINT');
  const { code } = await router.exited;
  assert.equal(code, 0);
  assert.equal(router.logs.find((l) => l.msg === 'shutdown requested')?.graceMs, 0);
  assert.equal(router.count(GRACE_LINE), 0);
  assert.equal(router.logs.find((l) => l.msg === 'stopped')?.forcedConnections, 0);
});
