// Child processes of the dev stack: output prefixed with the part's name, readiness by URL,
// and a stop that sends SIGTERM and waits (SIGKILL after a grace period).
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface ChildPart {
  name: string;
  process: ChildProcess;
  /** Last lines of output, for error messages. */
  tail: string[];
  exited: Promise<number | null>;
  stop(graceMs?: number): Promise<void>;
}

export function startChild(name: string, command: string, args: string[], env: NodeJS.ProcessEnv): ChildPart {
  const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const tail: string[] = [];
  const prefix = `${name.padEnd(8)} │ `;
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => {
      tail.push(line);
      if (tail.length > 20) tail.shift();
      process.stdout.write(`${prefix}${line}\n`);
    });
  }
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code, signal) => resolve(code ?? (signal ? 128 : null))));
  let stopping: Promise<void> | undefined;
  return {
    name,
    process: child,
    tail,
    exited,
    stop(graceMs = 15_000) {
      stopping ??= (async () => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
        await exited;
        clearTimeout(timer);
      })();
      return stopping;
    },
  };
}

/** Polls `url` until it answers 2xx, the child exits, or `timeoutMs` passes. */
export async function waitForUrl(part: ChildPart, url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exitCode: number | null | undefined;
  void part.exited.then((code) => (exitCode = code));
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (exitCode !== undefined) throw new Error(`exited with code ${exitCode} before it was ready:\n    ${part.tail.slice(-8).join('\n    ')}`);
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
