// `npm start` for real: the whole development stack comes up on free ports (databases created if
// missing, migrations applied), serves a merged query through the router, and stops on Ctrl-C
// delivered as a terminal delivers it (to the process group, and once more by npm): each part is
// signalled once, in reverse order, and exits 0 after its own drain. With KAFKA_BROKERS at a
// closed port, a bad port variable or a busy port it fails fast, naming the cause. (A second
// start on existing databases, ended by killing start.ts: e2e/dev-stack/killed-start.test.ts; one
// stack per file, as each start takes a good part of the per-file test timeout.)
import { strict as assert } from 'node:assert';
import { createServer } from 'node:net';
import { before, test } from 'node:test';
import { freePort, isPortOpen } from '@tracklore/devkit/ports';
import { freeStackPorts, freshDatabases, linesOf, migrationCount, portEnv, runStart, within } from '../e2e/dev-stack/npm-start.ts';
import type { StackPorts } from './lib/stack-env.ts';

async function graphql(url: string, query: string, token?: string): Promise<{ data?: Record<string, unknown>; errors?: unknown[] }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query }) });
  return (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
}

/** Every part start.ts runs. */
const PARTS = ['mail', 'auth', 'user', 'router', 'web'] as const;
/** The parts that log through the shared HTTP service (one "shutdown requested" per signal). */
const SERVICES = ['auth', 'user', 'router'] as const;

let databases: Awaited<ReturnType<typeof freshDatabases>>;
let ports: StackPorts;

before(async () => {
  databases = await freshDatabases('start');
  ports = await freeStackPorts();
});

// info: the services' shutdown log lines are part of what is checked.
const stackEnv = (): NodeJS.ProcessEnv => ({ ...databases, ...portEnv(ports), LOG_LEVEL: 'info' });

const userDb = () => new URL(databases.USER_DATABASE_URL).pathname.slice(1);
const authDb = () => new URL(databases.AUTH_DATABASE_URL).pathname.slice(1);
test('npm start brings the whole stack up on new databases, and Ctrl-C stops each part once, cleanly', async () => {
  const run = runStart(stackEnv());
  try {
    await within(run.up, 170_000, 'the stack coming up', run.output);
    assert.ok(run.output().includes(`created database ${authDb()}`), 'the databases are created');
    const applied = `${userDb()}: ${migrationCount('user')} applied, 0 already applied`;
    assert.ok(run.output().includes(applied), `expected "${applied}" in the output`);
    const router = `http://127.0.0.1:${ports.ROUTER_PORT}/graphql`;
    const email = `start.${Date.now()}@example.test`;
    const signUp = await graphql(router, `mutation { signUp(email: "${email}", password: "correct horse battery staple") { accessToken } }`);
    const token = (signUp.data?.signUp as { accessToken?: string } | undefined)?.accessToken;
    assert.ok(token, JSON.stringify(signUp));
    const me = await graphql(router, '{ me { email profile { displayName } goals { title } } }', token);
    assert.deepEqual(me, { data: { me: { email, profile: { displayName: null }, goals: [] } } });
    const web = await fetch(`http://127.0.0.1:${ports.FRONTEND_PORT}/`);
    assert.equal(web.status, 200);
    assert.match(await web.text(), /<div id="root">|Tracklore/);
    assert.equal((await fetch(`http://127.0.0.1:${ports.MAIL_UI_PORT}/health`)).status, 200);
    assert.ok(run.output().includes(`Traces (Zipkin)  http://127.0.0.1:${ports.ZIPKIN_PORT}/zipkin/`), 'the Zipkin URL is printed');
    assert.equal((await fetch(`http://127.0.0.1:${ports.ZIPKIN_PORT}/health`)).status, 200);
  } finally {
    run.interrupt();
    const status = await within(run.exited, 90_000, 'the stack stopping', run.output);
    assert.deepEqual(status, { code: 0, signal: null }, run.output().slice(-3000));
  }
  const output = run.output();
  for (const part of SERVICES) {
    const requests = linesOf(output, part).filter((line) => line.includes('shutdown requested'));
    assert.equal(requests.length, 1, `${part} logged one shutdown request:\n${linesOf(output, part).slice(-10).join('\n')}`);
    // Lines as start.ts shows them to people (scripts/lib/log-format.ts).
    assert.match(requests[0] ?? '', / signal=SIGTERM /, `${part} was stopped by start.ts, not by the terminal's SIGINT`);
    assert.ok(linesOf(output, part).some((line) => / INFO {2}stopped\b/.test(line)), `${part} finished its drain`);
  }
  assert.deepEqual(linesOf(output, 'mail').filter((line) => line.includes('shutdown requested')), ['mail catcher: shutdown requested (SIGTERM)']);
  const started = [...output.matchAll(/\] (\w+)\s+starting \(pid \d+\)$/gm)].map((m) => m[1]);
  assert.deepEqual([...started].sort(), [...PARTS].sort());
  assert.deepEqual(started.filter((part) => SERVICES.includes(part as (typeof SERVICES)[number])), [...SERVICES], 'auth, user, router in dependency order');
  const stops = [...output.matchAll(/\] (\w+)\s+stopped \((.+)\)$/gm)].map((m) => `${m[1]}: ${m[2]}`);
  // Last started, first stopped. Vite ends a SIGTERM'd dev server with 128 + 15 once it has closed; the others exit 0.
  assert.deepEqual(stops, [...started].reverse().map((part) => `${part}: exit ${part === 'web' ? 143 : 0}`), output.slice(-3000));
  for (const [name, port] of Object.entries(ports)) assert.equal(await isPortOpen('127.0.0.1', port), false, `${name} ${port} still open after stop`);
});

test('npm start fails fast when KAFKA_BROKERS points at a closed port', async () => {
  const address = `127.0.0.1:${await freePort()}`;
  const run = runStart({ ...portEnv(ports), KAFKA_BROKERS: address });
  const status = await within(run.exited, 30_000, 'the failure', run.output);
  assert.equal(status.code, 1, run.output());
  assert.match(run.output(), new RegExp(`Kafka failed to start: no broker is listening at ${address.replace(/\./g, '\\.')}`));
  assert.doesNotMatch(run.output(), /auth\s+starting/, 'nothing after Kafka was started');
});

test('npm start refuses a port variable that is not a port, or a port already in use, naming it', async () => {
  const bad = runStart({ ...portEnv(ports), MAIL_UI_PORT: 'eighty' });
  assert.equal((await within(bad.exited, 30_000, 'the refusal', bad.output)).code, 1);
  assert.match(bad.output(), /ports: MAIL_UI_PORT must be a port number from 1 to 65535, got "eighty"/);

  const squatter = createServer().listen(ports.ROUTER_PORT, '127.0.0.1');
  await new Promise((resolve) => squatter.once('listening', resolve));
  try {
    const busy = runStart({ ...portEnv(ports) });
    assert.equal((await within(busy.exited, 30_000, 'the refusal', busy.output)).code, 1);
    assert.match(busy.output(), new RegExp(`127\\.0\\.0\\.1:${ports.ROUTER_PORT} \\(ROUTER_PORT\\) is already in use`));
    assert.doesNotMatch(busy.output(), /kafka|starting/, 'nothing was started');
  } finally {
    squatter.close();
  }
});
