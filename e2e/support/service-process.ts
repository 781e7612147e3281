// A service as a real process, the way it runs in production: `node <part>/dist/main.mjs`, the
// bundle scripts/lib/bundles.ts builds (once per test process),
// with an environment (usually a test stack's `env`, see stack.ts), its JSON log lines collected,
// ready once GET /health answers. For shutdown tests: signal it, wait for a log line, read the exit code.
//
//   const auth = await startServiceProcess('auth', { ...stack.env.auth, SHUTDOWN_GRACE_MS: '0' });
//   after(() => auth.kill());
//   auth.signal('SIGTERM');
//   assert.equal((await auth.exited).code, 0);
import { spawn } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { ensureBuilt, SERVICE_BUNDLES, TELEMETRY_BUNDLE } from '../../scripts/lib/bundles.ts';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export type ServiceName = keyof typeof SERVICE_BUNDLES;
export type LogLine = Record<string, unknown> & { msg?: string };

export interface ServiceProcess {
  name: ServiceName;
  /** http://127.0.0.1:port (from its "listening" log line). */
  url: string;
  /** Its JSON log lines so far; other output is kept as { msg: <text> }. */
  logs: LogLine[];
  /** Resolves when it has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  signal(signal: NodeJS.Signals): void;
  /** The first log line with this msg (already seen or still to come); rejects if it exits first. */
  waitForLog(msg: string): Promise<LogLine>;
  /** Log lines with this msg so far. */
  count(msg: string): number;
  /** SIGKILL if it is still running, for `after` hooks. */
  kill(): Promise<void>;
}

/** Starts it with `env` over this process's environment (LOG_LEVEL always info) and waits for /health. */
export async function startServiceProcess(name: ServiceName, env: NodeJS.ProcessEnv, timeoutMs = 90_000): Promise<ServiceProcess> {
  await ensureBuilt();
  // The telemetry preload first, as in production: tracing when the OTEL_* variables ask for it.
  const child = spawn(process.execPath, ['--import', `./${TELEMETRY_BUNDLE}`, SERVICE_BUNDLES[name]], {
    cwd: REPO_ROOT,
    // info: the "listening", "shutdown requested" and "stopped" lines are what tests wait for.
    env: { ...process.env, ...env, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: LogLine[] = [];
  const waiters: Array<{ msg: string; resolve(line: LogLine): void }> = [];
  const onLine = (text: string) => {
    let line: LogLine;
    try {
      line = JSON.parse(text) as LogLine;
    } catch {
      line = { msg: text };
    }
    logs.push(line);
    for (const waiter of waiters.filter((w) => w.msg === line.msg)) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve(line);
    }
  };
  createInterface({ input: child.stdout }).on('line', onLine);
  createInterface({ input: child.stderr }).on('line', onLine);
  let running = true;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => {
      running = false;
      resolve({ code, signal });
    }),
  );
  const tail = () => logs.slice(-15).map((l) => JSON.stringify(l)).join('\n    ');

  const waitForLog = (msg: string): Promise<LogLine> => {
    const seen = logs.find((l) => l.msg === msg);
    if (seen) return Promise.resolve(seen);
    return new Promise<LogLine>((resolve, reject) => {
      waiters.push({ msg, resolve });
      void exited.then(({ code, signal }) => reject(new Error(`${name} exited (${code ?? signal}) before logging "${msg}":\n    ${tail()}`)));
    });
  };

  const handle: ServiceProcess = {
    name,
    url: '',
    logs,
    exited,
    signal: (signal) => void child.kill(signal),
    waitForLog,
    count: (msg) => logs.filter((l) => l.msg === msg).length,
    async kill() {
      if (!running) return;
      child.kill('SIGKILL');
      await exited;
    },
  };
  try {
    const listening = await Promise.race([
      waitForLog(`${name} listening`),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${name} did not start within ${timeoutMs} ms:\n    ${tail()}`)), timeoutMs).unref()),
    ]);
    handle.url = String(listening.url);
    const health = await fetch(`${handle.url}/health`);
    if (health.status !== 200) throw new Error(`${name} /health answered ${health.status}`);
  } catch (error) {
    await handle.kill();
    throw error;
  }
  return handle;
}
