// Each service as a real process under signals: SIGTERM on an idle one exits 0 without forcing a
// connection closed; during the grace period /ready is 503 while /health and queries still work;
// SIGINT skips the grace; a second signal exits at once; SHUTDOWN_GRACE_MS is validated at start.
// The parts not under test run in-process from the test stack (stack.ts), whose env the processes use.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import http from 'node:http';
import { after, before, test } from 'node:test';
import { signUp } from '../support/client.ts';
import { startServiceProcess, type ServiceName, type ServiceProcess } from '../support/service-process.ts';
import { startStack, type Stack } from '../support/stack.ts';

const GRACE_LINE = 'stopping: /ready answers 503, still accepting during the grace period';
const FORCED_LINE = 'drain timeout: destroying the connections still open';
const ME = '{ me { id email profile { displayName } } }';

let stack: Stack;
before(async () => {
  stack = await startStack({ label: 'e2e_shutdown_signals' });
});
after(() => stack?.stop());

interface Answer {
  status: number;
  connection: string | undefined;
  body: string;
}

function send(agent: http.Agent, url: string, body?: unknown, token?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = body === undefined ? {} : { 'content-type': 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    const request = http.request(url, { agent, method: body === undefined ? 'GET' : 'POST', headers }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      res.once('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, body: text }));
    });
    request.once('error', reject);
    request.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

const idleSockets = (agent: http.Agent) => Object.values(agent.freeSockets).flat().length;

/** The environment of a part of the stack, for a process of it; subgraphs keep their fixed port. */
async function freeForProcess(name: ServiceName): Promise<NodeJS.ProcessEnv> {
  if (name !== 'router') await stack[name].stop();
  return stack.env[name];
}
const backInProcess = async (name: ServiceName) => {
  if (name !== 'router') await stack[name].start();
};

for (const name of ['router', 'auth', 'user'] as const) {
  test(`SIGTERM on an idle ${name} process with a keep-alive client: exit 0, no connection forced closed`, async () => {
    let service: ServiceProcess | undefined;
    const agent = new http.Agent({ keepAlive: true });
    try {
      service = await startServiceProcess(name, { ...(await freeForProcess(name)), SHUTDOWN_GRACE_MS: '0' });
      assert.equal((await send(agent, `${service.url}/health`)).status, 200);
      assert.equal(idleSockets(agent), 1, 'the client holds an idle keep-alive connection');
      service.signal('SIGTERM');
      const { code } = await service.exited;
      assert.equal(code, 0);
      const stopped = service.logs.filter((l) => l.msg === 'stopped');
      assert.equal(stopped.length, 1);
      assert.equal(stopped[0]?.forcedConnections, 0);
      assert.equal(service.count(FORCED_LINE), 0);
      assert.equal(service.count(GRACE_LINE), 0, 'SHUTDOWN_GRACE_MS=0: no grace period');
      assert.equal(idleSockets(agent), 0, 'the idle connection was closed by the service');
    } finally {
      agent.destroy();
      await service?.kill();
      await backInProcess(name);
    }
  });
}

test('after SIGTERM the router answers /ready 503 at once, while /health and queries succeed during the grace period', async () => {
  const router = await startServiceProcess('router', { ...stack.env.router, SHUTDOWN_GRACE_MS: '5000' });
  after(() => router.kill());
  const agent = new http.Agent({ keepAlive: true });
  after(() => agent.destroy());
  const account = await signUp(`${router.url}/graphql`);
  assert.equal((await send(agent, `${router.url}/ready`)).status, 200);
  const warm = await send(agent, `${router.url}/graphql`, { query: ME }, account.accessToken);
  assert.equal(warm.connection, 'keep-alive');

  router.signal('SIGTERM');
  assert.equal((await router.waitForLog('shutdown requested')).graceMs, 5000);
  const ready = await send(agent, `${router.url}/ready`);
  assert.equal(ready.status, 503);
  assert.equal(ready.connection, 'close', 'the keep-alive client is told to go elsewhere');
  assert.equal((await send(agent, `${router.url}/health`)).status, 200);
  const during = await send(agent, `${router.url}/graphql`, { query: ME }, account.accessToken);
  assert.equal(during.status, 200);
  const body = JSON.parse(during.body) as { data?: { me?: { id: string } }; errors?: unknown[] };
  assert.equal(body.errors, undefined, during.body);
  assert.equal(body.data?.me?.id, account.user.id);
  assert.equal(during.connection, 'close');

  const { code } = await router.exited;
  assert.equal(code, 0);
  assert.equal(router.count(GRACE_LINE), 1);
  assert.equal(router.logs.find((l) => l.msg === 'stopped')?.forcedConnections, 0);
});

test('SIGINT (Ctrl-C) drains and exits 0 without waiting for the grace period', async () => {
  const router = await startServiceProcess('router', { ...stack.env.router, SHUTDOWN_GRACE_MS: '600000' });
  after(() => router.kill());
  router.signal('SIGINT');
  const { code } = await router.exited;
  assert.equal(code, 0);
  assert.equal(router.logs.find((l) => l.msg === 'shutdown requested')?.graceMs, 0);
  assert.equal(router.count(GRACE_LINE), 0);
  assert.equal(router.count('stopped'), 1);
});

test('a second signal during the shutdown exits at once with 128 + its number', async () => {
  const router = await startServiceProcess('router', { ...stack.env.router, SHUTDOWN_GRACE_MS: '600000' });
  after(() => router.kill());
  router.signal('SIGTERM');
  await router.waitForLog(GRACE_LINE);
  // Under process.once this second SIGTERM found no handler and killed the process by default action.
  router.signal('SIGTERM');
  const { code, signal } = await router.exited;
  assert.equal(signal, null, 'it exited itself, it was not killed by the signal');
  assert.equal(code, 128 + 15);
  assert.equal(router.count('second signal: exiting without finishing the shutdown'), 1);
  assert.equal(router.count('stopped'), 0);
});

test('a malformed SHUTDOWN_GRACE_MS stops each service at start, naming the variable', () => {
  const mains = { router: 'router/src/main.ts', auth: 'subgraphs/auth/src/main.ts', user: 'subgraphs/user/src/main.ts' } as const;
  for (const name of ['router', 'auth', 'user'] as const) {
    const result = spawnSync(process.execPath, ['--import', 'tsx', mains[name]], {
      env: { ...process.env, ...stack.env[name], SHUTDOWN_GRACE_MS: '-1' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    assert.equal(result.status, 1, `${name}: ${result.stderr}`);
    assert.match(result.stderr, /SHUTDOWN_GRACE_MS/, name);
  }
});
