// What `npm test` checks before any test runs: Chromium (installed here when the process may install
// Debian packages), Java and Maven for the Kafka broker and Zipkin, and PostgreSQL. Each check reports one
// line; a missing dependency is named at the start instead of surfacing later as a hang or a stack
// trace. The probes are injected so the decisions can be unit-tested without touching the machine.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import pg from 'pg';

/** Where Debian's `chromium` package puts the browser. */
export const DEBIAN_CHROMIUM = '/usr/bin/chromium';

export interface Probes {
  env: NodeJS.ProcessEnv;
  exists(path: string): boolean;
  /** Full path of `command` on PATH, or undefined. */
  which(command: string): string | undefined;
  isRoot(): boolean;
  /** Runs a command with its output streamed to the terminal; returns its exit code. */
  run(command: string, args: string[], env?: NodeJS.ProcessEnv): number;
  /** Resolves when the PostgreSQL server at `url` answers a query; rejects with the reason otherwise. */
  connectPostgres(url: string): Promise<void>;
}

export interface Report {
  ok(part: string, message: string): void;
  problem(part: string, message: string): void;
}

export interface PreflightResult {
  ok: boolean;
  /** The browser the tests get as CHROMIUM_PATH, when one was found or installed. */
  chromium?: string;
}

const CHROMIUM_HINT = `install it with: apt-get install -y chromium, or set CHROMIUM_PATH`;

/** CHROMIUM_PATH, then Debian's path; installs Debian's `chromium` when root with apt-get. */
export function ensureChromium(probes: Probes, report: Report): string | undefined {
  const configured = probes.env.CHROMIUM_PATH;
  if (configured) {
    if (probes.exists(configured)) {
      report.ok('chromium', `${configured} (CHROMIUM_PATH)`);
      return configured;
    }
    // An explicit choice that points nowhere is a mistake to fix, not a reason to pick another browser.
    report.problem('chromium', `CHROMIUM_PATH=${configured} does not exist; ${CHROMIUM_HINT}`);
    return undefined;
  }
  if (probes.exists(DEBIAN_CHROMIUM)) {
    report.ok('chromium', DEBIAN_CHROMIUM);
    return DEBIAN_CHROMIUM;
  }
  if (!probes.isRoot() || !probes.which('apt-get')) {
    report.problem('chromium', `not found; ${CHROMIUM_HINT}`);
    return undefined;
  }
  report.ok('chromium', `not found; installing Debian's chromium (apt-get update, apt-get install -y chromium)`);
  const env = { ...probes.env, DEBIAN_FRONTEND: 'noninteractive' };
  const update = probes.run('apt-get', ['update'], env);
  const install = update === 0 ? probes.run('apt-get', ['install', '-y', 'chromium'], env) : update;
  if (install !== 0 || !probes.exists(DEBIAN_CHROMIUM)) {
    report.problem('chromium', `apt-get ${update === 0 ? 'install -y chromium' : 'update'} failed (exit ${install}); ${CHROMIUM_HINT}`);
    return undefined;
  }
  report.ok('chromium', `${DEBIAN_CHROMIUM} (installed)`);
  return DEBIAN_CHROMIUM;
}

/**
 * Java runs the test Kafka broker and the Zipkin server (tracing tests, `npm start`); Maven fetches
 * their jars. KAFKA_BROKERS spares the broker, not Zipkin, so both are always needed.
 */
export function checkJavaTools(probes: Probes, report: Report): boolean {
  const brokers = probes.env.KAFKA_BROKERS;
  const users = brokers ? 'Zipkin' : 'the test broker and Zipkin';
  const missing = [
    probes.which('java') ? undefined : 'java (a Java 17+ runtime: apt-get install -y default-jre-headless)',
    probes.which('mvn') ? undefined : 'mvn (Maven: apt-get install -y maven)',
  ].filter((m) => m !== undefined);
  if (missing.length > 0) {
    report.problem('java', `${users} need${brokers ? 's' : ''} ${missing.join(' and ')}${brokers ? ` (KAFKA_BROKERS=${brokers} spares only the broker)` : '; or set KAFKA_BROKERS to a running broker for Kafka'}`);
    return false;
  }
  report.ok('java', `java and mvn found for ${users}${brokers ? ` (Kafka: KAFKA_BROKERS=${brokers})` : ''}`);
  return true;
}

export async function checkPostgres(probes: Probes, report: Report, serverUrl: string): Promise<boolean> {
  const host = new URL(serverUrl).host;
  try {
    await probes.connectPostgres(serverUrl);
  } catch (error) {
    report.problem('postgres', `cannot reach PostgreSQL at ${host} (${reason(error)}); start it there or set TEST_DATABASE_SERVER_URL`);
    return false;
  }
  report.ok('postgres', `PostgreSQL at ${host} answers`);
  return true;
}

/** Every check in order (each reports one line), so one run names everything that is missing. */
export async function preflight(probes: Probes, report: Report, serverUrl: string): Promise<PreflightResult> {
  const chromium = ensureChromium(probes, report);
  const java = checkJavaTools(probes, report);
  const postgres = await checkPostgres(probes, report, serverUrl);
  return { ok: chromium !== undefined && java && postgres, chromium };
}

/** One line from a connection error; Node's AggregateError (IPv4 + IPv6 attempts) has an empty message. */
function reason(error: unknown): string {
  const e = error as { message?: string; code?: string; errors?: { message?: string }[] };
  return e.message || e.errors?.map((inner) => inner.message).join('; ') || e.code || String(error);
}

/** The probes on this machine. */
export function machineProbes(env: NodeJS.ProcessEnv = process.env): Probes {
  return {
    env,
    exists: existsSync,
    which(command) {
      for (const dir of (env.PATH ?? '').split(delimiter)) {
        const path = join(dir, command);
        try {
          accessSync(path, constants.X_OK);
          return path;
        } catch {
          // not in this folder
        }
      }
      return undefined;
    },
    isRoot: () => process.getuid?.() === 0,
    run: (command, args, runEnv) => spawnSync(command, args, { stdio: 'inherit', env: runEnv ?? env }).status ?? 1,
    async connectPostgres(url) {
      // A bounded connect: a server that drops packets must not stall the run.
      const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
      try {
        await client.connect();
        await client.query('SELECT 1');
      } finally {
        await client.end().catch(() => {});
      }
    },
  };
}
