// Node child processes of the dev stack: output prefixed with the part's name, readiness by URL,
// and a stop that signals once and waits (SIGKILL only after a grace period).
//
// Each child runs in its own process group, so a Ctrl-C in the terminal reaches only the parent
// (`npm start`), which then stops the children one at a time. A child that got the terminal's
// SIGINT as well as the parent's SIGTERM would take the second signal as "exit at once" and cut
// its drain short. An IPC channel tells the child when the parent has died without stopping it
// (see exit-with-parent.mjs, plain JavaScript so that it also loads into a child without tsx),
// so children never outlive the parent.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { formatLogLine } from './log-format.ts';

export const EXIT_WITH_PARENT = join(import.meta.dirname, 'exit-with-parent.mjs');

export interface ExitStatus {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ChildPart {
  name: string;
  process: ChildProcess;
  /** Last lines of output, for error messages. */
  tail: string[];
  exited: Promise<ExitStatus>;
  /** Idempotent: sends SIGTERM once, waits for the exit; SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<ExitStatus>;
}

/** "exit 0", "exit 1", "killed by SIGKILL". */
export const describeExit = (status: ExitStatus): string => (status.signal ? `killed by ${status.signal}` : `exit ${status.code}`);

export interface NodeChildOptions {
  /** Load tsx first (a TypeScript script); false for JavaScript such as the service bundles. Default true. */
  typescript?: boolean;
}

/** Runs `node [--import tsx] <args>` (a script and its arguments) as a part of the stack. */
export function startNodeChild(name: string, args: string[], env: NodeJS.ProcessEnv, options: NodeChildOptions = {}): ChildPart {
  const loader = options.typescript === false ? [] : ['--import', 'tsx'];
  const child = spawn(process.execPath, [...loader, '--import', EXIT_WITH_PARENT, ...args], {
    env,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    // Own process group (and session): the terminal's signals are not delivered to it.
    detached: true,
  });
  const tail: string[] = [];
  const prefix = `${name.padEnd(8)} │ `;
  for (const stream of [child.stdout!, child.stderr!]) {
    createInterface({ input: stream }).on('line', (line) => {
      tail.push(line);
      if (tail.length > 20) tail.shift();
      process.stdout.write(`${prefix}${formatLogLine(line)}\n`);
    });
  }
  const exited = new Promise<ExitStatus>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  let stopping: Promise<ExitStatus> | undefined;
  return {
    name,
    process: child,
    tail,
    exited,
    stop(graceMs = 15_000) {
      stopping ??= (async () => {
        if (child.exitCode === null && child.signalCode === null) {
          child.kill('SIGTERM');
          const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
          await exited;
          clearTimeout(timer);
        }
        return exited;
      })();
      return stopping;
    },
  };
}

/** Polls `url` until it answers 2xx, the child exits, or `timeoutMs` passes. */
export async function waitForUrl(part: ChildPart, url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exit: ExitStatus | undefined;
  void part.exited.then((status) => (exit = status));
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (exit) throw new Error(`${describeExit(exit)} before it was ready:\n    ${part.tail.slice(-8).join('\n    ')}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return;
      last = `${response.status} ${(await response.text()).slice(0, 300)}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`not ready after ${timeoutMs / 1000} s at ${url}: ${last}`);
}
