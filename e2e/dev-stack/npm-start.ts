// Runs `npm start` (scripts/start.ts) for a test, the way a terminal does: in a process group of
// its own, so a Ctrl-C can be delivered as the terminal delivers it. It gets the Kafka broker the
// test run provides (KAFKA_BROKERS) and this file's own test databases. If the test process dies,
// start.ts is stopped the way it stops its own parts (scripts/lib/exit-with-parent.mjs).
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dropDatabase } from '@tracklore/devkit/databases';
import { freePort } from '@tracklore/devkit/ports';
import { testDatabaseUrl } from '@tracklore/devkit/test-databases';
import { EXIT_WITH_PARENT, type ExitStatus } from '../../scripts/lib/child.ts';
import { PORT_DEFAULTS, type PortVariable, type StackPorts } from '../../scripts/lib/stack-env.ts';

const ROOT = join(import.meta.dirname, '..', '..');

export interface StartRun {
  pid: number;
  output(): string;
  /** Resolves once start.ts printed "Tracklore is up". */
  up: Promise<void>;
  exited: Promise<ExitStatus>;
  /**
   * Ctrl-C in a terminal under `npm start`: SIGINT to the whole foreground process group, and
   * the same SIGINT forwarded once more to start.ts by npm.
   */
  interrupt(): void;
  /** start.ts dies without stopping anything. */
  kill(): void;
}

export function runStart(env: NodeJS.ProcessEnv): StartRun {
  const child = spawn(process.execPath, ['--import', 'tsx', '--import', EXIT_WITH_PARENT, join(ROOT, 'scripts/start.ts')], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    detached: true,
  });
  let output = '';
  let markUp: () => void = () => {};
  const up = new Promise<void>((resolve) => (markUp = resolve));
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    if (output.includes('Tracklore is up')) markUp();
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = new Promise<ExitStatus>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const pid = child.pid!;
  return {
    pid,
    output: () => output,
    up,
    exited,
    interrupt() {
      process.kill(-pid, 'SIGINT');
      process.kill(pid, 'SIGINT');
    },
    kill: () => child.kill('SIGKILL'),
  };
}

/** `promise`, or a failure naming `what` with the end of the output after `ms`. */
export async function within<T>(promise: Promise<T>, ms: number, what: string, output: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} did not happen within ${ms / 1000} s; output:\n${output().slice(-4000)}`)), ms)));
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Free ports for every port variable of `npm start`, none of them a default. */
export async function freeStackPorts(): Promise<StackPorts> {
  const ports = {} as StackPorts;
  const taken = new Set<number>(Object.values(PORT_DEFAULTS));
  for (const name of Object.keys(PORT_DEFAULTS) as PortVariable[]) {
    let port = await freePort();
    while (taken.has(port)) port = await freePort();
    taken.add(port);
    ports[name] = port;
  }
  return ports;
}

export const portEnv = (ports: StackPorts): NodeJS.ProcessEnv => Object.fromEntries(Object.entries(ports).map(([name, port]) => [name, String(port)]));

/** This file's auth and user test databases, dropped first so `npm start` creates them. */
export async function freshDatabases(label: string): Promise<{ AUTH_DATABASE_URL: string; USER_DATABASE_URL: string }> {
  const databases = { AUTH_DATABASE_URL: testDatabaseUrl(label, 'auth'), USER_DATABASE_URL: testDatabaseUrl(label, 'user') };
  await dropDatabase(databases.AUTH_DATABASE_URL);
  await dropDatabase(databases.USER_DATABASE_URL);
  return databases;
}

/** The lines `part` printed through start.ts (after its `name │ ` prefix). */
export function linesOf(output: string, part: string): string[] {
  const prefix = `${part.padEnd(8)} │ `;
  return output
    .split('\n')
    .filter((line) => line.startsWith(prefix))
    .map((line) => line.slice(prefix.length));
}

/** Whether `pid` is a running process (a zombie waiting for its reaper is not). */
/** How many migrations a service's database has (prisma/<service>/migrations), so a new one breaks no check. */
export function migrationCount(service: 'auth' | 'user'): number {
  return readdirSync(join('prisma', service, 'migrations'), { withFileTypes: true }).filter((e) => e.isDirectory()).length;
}

export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}
