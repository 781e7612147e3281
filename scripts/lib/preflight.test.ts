// The preflight's decisions with injected probes: which Chromium it picks, when it installs one and
// with which commands, and the one line it reports for each missing dependency.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { DEBIAN_CHROMIUM, preflight, type Probes } from './preflight.ts';

const SERVER = 'postgresql://postgres@127.0.0.1:5432/postgres';

interface Fake {
  probes: Probes;
  lines: string[];
  commands: string[];
  connects: string[];
}

function fake(options: { env?: NodeJS.ProcessEnv; files?: string[]; commands?: string[]; root?: boolean; aptInstalls?: boolean; postgres?: Error } = {}): Fake {
  const files = new Set(options.files ?? []);
  const onPath = new Set(options.commands ?? ['java', 'mvn', 'apt-get']);
  const lines: string[] = [];
  const commands: string[] = [];
  const connects: string[] = [];
  const probes: Probes = {
    env: options.env ?? {},
    exists: (path) => files.has(path),
    which: (command) => (onPath.has(command) ? `/usr/bin/${command}` : undefined),
    isRoot: () => options.root ?? false,
    run(command, args, env) {
      commands.push(`${env?.DEBIAN_FRONTEND ?? ''} ${command} ${args.join(' ')}`.trim());
      if (args[0] === 'install' && options.aptInstalls !== false) files.add(DEBIAN_CHROMIUM);
      return args[0] === 'install' && options.aptInstalls === false ? 100 : 0;
    },
    async connectPostgres(url) {
      connects.push(url);
      if (options.postgres) throw options.postgres;
    },
  };
  return { probes, lines, commands, connects };
}

async function check(f: Fake) {
  const report = { ok: (part: string, message: string) => f.lines.push(`ok ${part}: ${message}`), problem: (part: string, message: string) => f.lines.push(`✖ ${part}: ${message}`) };
  return preflight(f.probes, report, SERVER);
}

test("Debian's chromium is used when CHROMIUM_PATH is unset; every check reports one line", async () => {
  const f = fake({ files: [DEBIAN_CHROMIUM] });
  assert.deepEqual(await check(f), { ok: true, chromium: DEBIAN_CHROMIUM });
  assert.deepEqual(f.lines, ['ok chromium: /usr/bin/chromium', 'ok java: java and mvn found for the test broker and Zipkin', 'ok postgres: PostgreSQL at 127.0.0.1:5432 answers']);
  assert.deepEqual(f.commands, []);
  assert.deepEqual(f.connects, [SERVER]);
});

test('CHROMIUM_PATH wins over Debian’s path', async () => {
  const f = fake({ env: { CHROMIUM_PATH: '/opt/chrome/chrome' }, files: ['/opt/chrome/chrome', DEBIAN_CHROMIUM] });
  assert.equal((await check(f)).chromium, '/opt/chrome/chrome');
  assert.equal(f.lines[0], 'ok chromium: /opt/chrome/chrome (CHROMIUM_PATH)');
});

test('a CHROMIUM_PATH that points nowhere fails without falling back or installing', async () => {
  const f = fake({ env: { CHROMIUM_PATH: '/nope/chrome' }, files: [DEBIAN_CHROMIUM], root: true });
  const result = await check(f);
  assert.equal(result.ok, false);
  assert.equal(result.chromium, undefined);
  assert.equal(f.lines[0], '✖ chromium: CHROMIUM_PATH=/nope/chrome does not exist; install it with: apt-get install -y chromium, or set CHROMIUM_PATH');
  assert.deepEqual(f.commands, []);
});

test('without chromium and not root: one line naming what to install, nothing run', async () => {
  const f = fake({ root: false });
  const result = await check(f);
  assert.equal(result.ok, false);
  assert.deepEqual(f.lines.filter((l) => l.includes('chromium')), ['✖ chromium: not found; install it with: apt-get install -y chromium, or set CHROMIUM_PATH']);
  assert.deepEqual(f.commands, []);
  // The other checks still run, so one run names everything that is missing.
  assert.equal(f.lines.length, 3);
});

test('root without apt-get cannot install: the same one line', async () => {
  const f = fake({ root: true, commands: ['java', 'mvn'] });
  assert.equal((await check(f)).ok, false);
  assert.equal(f.lines[0], '✖ chromium: not found; install it with: apt-get install -y chromium, or set CHROMIUM_PATH');
  assert.deepEqual(f.commands, []);
});

test('root with apt-get installs Debian’s chromium (update, then install -y, non-interactive) and passes its path on', async () => {
  const f = fake({ root: true });
  assert.deepEqual(await check(f), { ok: true, chromium: DEBIAN_CHROMIUM });
  assert.deepEqual(f.commands, ['noninteractive apt-get update', 'noninteractive apt-get install -y chromium']);
  assert.deepEqual(f.lines.slice(0, 2), [
    "ok chromium: not found; installing Debian's chromium (apt-get update, apt-get install -y chromium)",
    'ok chromium: /usr/bin/chromium (installed)',
  ]);
});

test('a failed apt-get install is one line with its exit code', async () => {
  const f = fake({ root: true, aptInstalls: false });
  const result = await check(f);
  assert.equal(result.ok, false);
  assert.equal(f.lines[1], '✖ chromium: apt-get install -y chromium failed (exit 100); install it with: apt-get install -y chromium, or set CHROMIUM_PATH');
});

test('missing java and mvn are both named in one line with how to get them', async () => {
  const f = fake({ files: [DEBIAN_CHROMIUM], commands: [] });
  assert.equal((await check(f)).ok, false);
  assert.equal(
    f.lines[1],
    '✖ java: the test broker and Zipkin need java (a Java 17+ runtime: apt-get install -y default-jre-headless) and mvn (Maven: apt-get install -y maven); or set KAFKA_BROKERS to a running broker for Kafka',
  );
});

test('only the missing one of java and mvn is named', async () => {
  const f = fake({ files: [DEBIAN_CHROMIUM], commands: ['java'] });
  assert.equal((await check(f)).ok, false);
  assert.equal(f.lines[1], '✖ java: the test broker and Zipkin need mvn (Maven: apt-get install -y maven); or set KAFKA_BROKERS to a running broker for Kafka');
});

test('with KAFKA_BROKERS java and mvn are still needed, for Zipkin', async () => {
  const f = fake({ env: { KAFKA_BROKERS: '10.0.0.5:9092' }, files: [DEBIAN_CHROMIUM], commands: ['java', 'mvn'] });
  assert.equal((await check(f)).ok, true);
  assert.equal(f.lines[1], 'ok java: java and mvn found for Zipkin (Kafka: KAFKA_BROKERS=10.0.0.5:9092)');
  const without = fake({ env: { KAFKA_BROKERS: '10.0.0.5:9092' }, files: [DEBIAN_CHROMIUM], commands: [] });
  assert.equal((await check(without)).ok, false);
  assert.equal(without.lines[1], '✖ java: Zipkin needs java (a Java 17+ runtime: apt-get install -y default-jre-headless) and mvn (Maven: apt-get install -y maven) (KAFKA_BROKERS=10.0.0.5:9092 spares only the broker)');
});

test('an unreachable PostgreSQL is one line with the reason, also for an AggregateError without a message', async () => {
  const refused = new AggregateError([new Error('connect ECONNREFUSED 127.0.0.1:5432'), new Error('connect ECONNREFUSED ::1:5432')], '');
  const f = fake({ files: [DEBIAN_CHROMIUM], postgres: refused });
  assert.equal((await check(f)).ok, false);
  assert.equal(
    f.lines[2],
    '✖ postgres: cannot reach PostgreSQL at 127.0.0.1:5432 (connect ECONNREFUSED 127.0.0.1:5432; connect ECONNREFUSED ::1:5432); start it there or set TEST_DATABASE_SERVER_URL',
  );
});
