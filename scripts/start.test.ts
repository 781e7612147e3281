// `npm start` for real: the whole development stack comes up on free ports (databases created if
// missing, migrations applied), serves a merged query through the router, stops every part on
// Ctrl-C, and does all of it again on the second run (existing databases). With KAFKA_BROKERS at
// a closed port it fails fast, naming Kafka and the address.
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { before, test } from 'node:test';
import { dropDatabase } from '@tracklore/devkit/databases';
import { freePort, isPortOpen } from '@tracklore/devkit/ports';
import { testDatabaseUrl } from '@tracklore/devkit/test-databases';

interface Run {
  output: () => string;
  up: Promise<void>;
  exited: Promise<number | null>;
  interrupt(): void;
}

function runStart(env: NodeJS.ProcessEnv): Run {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let markUp: () => void = () => {};
  const up = new Promise<void>((resolve) => (markUp = resolve));
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    if (output.includes('Tracklore is up')) markUp();
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { output: () => output, up, exited, interrupt: () => child.kill('SIGINT') };
}

async function within<T>(promise: Promise<T>, ms: number, what: string, output: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} did not happen within ${ms / 1000} s; output:\n${output().slice(-3000)}`)), ms)));
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function graphql(url: string, query: string, token?: string): Promise<{ data?: Record<string, unknown>; errors?: unknown[] }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query }) });
  return (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
}

const databases = {
  AUTH_DATABASE_URL: testDatabaseUrl('start', 'auth'),
  USER_DATABASE_URL: testDatabaseUrl('start', 'user'),
};
let ports: Record<string, number>;

before(async () => {
  await dropDatabase(databases.AUTH_DATABASE_URL);
  await dropDatabase(databases.USER_DATABASE_URL);
  ports = { ROUTER_PORT: await freePort(), AUTH_PORT: await freePort(), USER_PORT: await freePort(), FRONTEND_PORT: await freePort(), MAIL_SMTP_PORT: await freePort(), MAIL_UI_PORT: await freePort() };
});

const stackEnv = (): NodeJS.ProcessEnv => ({ ...databases, ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])), LOG_LEVEL: 'warn' });

const userDb = new URL(databases.USER_DATABASE_URL).pathname.slice(1);
const authDb = new URL(databases.AUTH_DATABASE_URL).pathname.slice(1);
for (const [attempt, applied] of [['first', '2 applied, 0 already applied'], ['second', '0 applied, 2 already applied']] as const) {
  test(`npm start brings the whole stack up and Ctrl-C stops it (${attempt} run)`, async () => {
    const run = runStart(stackEnv());
    try {
      await within(run.up, 240_000, 'the stack coming up', run.output);
      assert.ok(run.output().includes(`${userDb}: ${applied}`), `expected "${userDb}: ${applied}" in the output`);
      if (attempt === 'first') assert.ok(run.output().includes(`created database ${authDb}`), 'the first run creates the databases');
      const router = `http://127.0.0.1:${ports.ROUTER_PORT}/graphql`;
      const email = `start.${Date.now()}.${attempt}@example.test`;
      const signUp = await graphql(router, `mutation { signUp(email: "${email}", password: "correct horse battery staple") { accessToken } }`);
      const token = (signUp.data?.signUp as { accessToken?: string } | undefined)?.accessToken;
      assert.ok(token, JSON.stringify(signUp));
      const me = await graphql(router, '{ me { email profile { displayName } goals { title } } }', token);
      assert.deepEqual(me, { data: { me: { email, profile: { displayName: null }, goals: [] } } });
      const web = await fetch(`http://127.0.0.1:${ports.FRONTEND_PORT}/`);
      assert.equal(web.status, 200);
      assert.match(await web.text(), /<div id="root">|Tracklore/);
      assert.equal((await fetch(`http://127.0.0.1:${ports.MAIL_UI_PORT}/health`)).status, 200);
    } finally {
      run.interrupt();
      const code = await within(run.exited, 60_000, 'the stack stopping', run.output);
      assert.equal(code, 0, run.output().slice(-2000));
    }
    for (const [name, port] of Object.entries(ports)) assert.equal(await isPortOpen('127.0.0.1', port), false, `${name} ${port} still open after stop`);
  });
}

test('npm start fails fast when KAFKA_BROKERS points at a closed port', async () => {
  const address = `127.0.0.1:${await freePort()}`;
  const run = runStart({ KAFKA_BROKERS: address });
  const code = await within(run.exited, 30_000, 'the failure', run.output);
  assert.equal(code, 1, run.output());
  assert.match(run.output(), new RegExp(`Kafka failed to start: no broker is listening at ${address.replace(/\./g, '\\.')}`));
  assert.doesNotMatch(run.output(), /auth\s+starting/, 'nothing after Kafka was started');
});
