// One part of the stack restarted as a real process under load (the *-restart.test.ts files):
// keep-alive clients send `me` through the router without pause; the part gets SIGTERM, exits,
// and a new process takes its place on the same port. Every request sent before the signal must
// succeed; requests sent after it may fail while nothing listens (no other replica here).
import { strict as assert } from 'node:assert';
import http from 'node:http';
import { freePort } from '@tracklore/devkit/ports';
import { signUp } from '../support/client.ts';
import { send } from '../support/keep-alive-client.ts';
import { startServiceProcess, type ServiceName, type ServiceProcess } from '../support/service-process.ts';
import type { Stack } from '../support/stack.ts';

const ME = '{ me { id email profile { displayName } } }';
const CLIENTS = 4;
/** Long enough for a request sent just before the signal to reach every subgraph it needs. */
const GRACE_MS = '3000';

interface Outcome {
  sentBeforeSignal: boolean;
  ok: boolean;
  error?: string;
}

export interface RestartReport {
  beforeSignal: { sent: number; failed: Outcome[] };
  /** Requests sent before the signal and still unanswered when it was sent. */
  inFlightAtSignal: number;
  afterRestart: number;
  exit: { code: number | null; forcedConnections: unknown };
}

/** Waits for `condition`; gives up well within the test runner's file timeout, saying why. */
async function until(condition: () => boolean, what: string, details: () => unknown[], limit = 45_000): Promise<void> {
  const deadline = Date.now() + limit;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}:\n    ${details().map((d) => JSON.stringify(d)).join('\n    ')}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The stack's in-process `name` gives way to a process of it, which is then restarted under load. */
export async function restartUnderLoad(stack: Stack, name: ServiceName): Promise<RestartReport> {
  const env: NodeJS.ProcessEnv = { ...stack.env[name], SHUTDOWN_GRACE_MS: GRACE_MS };
  if (name === 'router') env.ROUTER_PORT = String(await freePort());
  else await stack[name].stop();
  const processes: ServiceProcess[] = [];
  const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS * 2 });
  let running = true;
  try {
    const first = await startServiceProcess(name, env, 60_000);
    processes.push(first);
    const routerUrl = name === 'router' ? `${first.url}/graphql` : stack.routerUrl;
    const account = await signUp(routerUrl);

    let signalled = false;
    let restarted = false;
    let inFlight = 0;
    let afterRestart = 0;
    const outcomes: Outcome[] = [];
    const request = async (): Promise<Outcome> => {
      const sentBeforeSignal = !signalled;
      inFlight += sentBeforeSignal ? 1 : 0;
      try {
        const answer = await send(agent, routerUrl, { query: ME }, account.accessToken);
        const body = JSON.parse(answer.body) as { data?: { me?: { id?: string } | null }; errors?: unknown[] };
        const ok = answer.status === 200 && body.errors === undefined && body.data?.me?.id === account.user.id;
        return { sentBeforeSignal, ok, error: ok ? undefined : `HTTP ${answer.status}: ${answer.body.slice(0, 300)}` };
      } catch (error) {
        return { sentBeforeSignal, ok: false, error: `${(error as NodeJS.ErrnoException).code ?? ''} ${(error as Error).message}` };
      } finally {
        inFlight -= sentBeforeSignal ? 1 : 0;
      }
    };
    const client = async () => {
      while (running) {
        const outcome = await request();
        outcomes.push(outcome);
        if (restarted && outcome.ok) afterRestart += 1;
        // Only failures pause (nothing listens for a moment); successes follow each other at once.
        if (!outcome.ok) await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    const clients = Array.from({ length: CLIENTS }, () => client());

    const details = (service: ServiceProcess) => () => [...outcomes.filter((o) => !o.ok).slice(-3), ...service.logs.slice(-5)];
    await until(() => outcomes.filter((o) => o.ok).length >= 40, '40 answered requests before the signal', details(first));
    signalled = true;
    first.signal('SIGTERM');
    const inFlightAtSignal = inFlight;
    let exit: { code: number | null } | undefined;
    void first.exited.then((result) => (exit = result));
    await until(() => exit !== undefined, 'the old process to exit after SIGTERM', () => first.logs.slice(-8));
    const code = exit!.code;
    const forcedConnections = first.logs.find((l) => l.msg === 'stopped')?.forcedConnections;

    const second = await startServiceProcess(name, env, 60_000);
    processes.push(second);
    restarted = true;
    await until(() => afterRestart >= 20, '20 answered requests after the restart', details(second));
    running = false;
    await Promise.all(clients);

    const before = outcomes.filter((o) => o.sentBeforeSignal);
    return {
      beforeSignal: { sent: before.length, failed: before.filter((o) => !o.ok) },
      inFlightAtSignal,
      afterRestart,
      exit: { code, forcedConnections },
    };
  } finally {
    running = false;
    agent.destroy();
    for (const service of processes) await service.kill();
  }
}

/** The assertions every restart file makes. */
export function assertNothingLost(report: RestartReport): void {
  assert.deepEqual(report.beforeSignal.failed, [], `${report.beforeSignal.failed.length} of ${report.beforeSignal.sent} requests sent before the signal failed`);
  assert.ok(report.beforeSignal.sent >= 40, 'the load ran before the signal');
  assert.ok(report.inFlightAtSignal >= 1, 'requests were in flight when the signal came');
  assert.ok(report.afterRestart >= 20, 'the new process answered');
  assert.equal(report.exit.code, 0, 'the old process exited 0');
  assert.equal(report.exit.forcedConnections, 0, 'its drain forced no connection closed');
}
