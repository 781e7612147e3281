// Goal 4: sign-up → AuthUserReference visible. `concurrency` clients sign up through the router
// (`count` in all); the clock starts when a sign-up's response arrives and stops when a poll of
// the user database (every 5 ms, one query for all pending ids) first sees the reference.
import { performance } from 'node:perf_hooks';
import type pg from 'pg';
import { signUp } from '../../e2e/support/client.ts';
import { quantile } from './load.ts';

export interface EventFigures {
  count: number;
  p50: number;
  p99: number;
  max: number;
  signUpP50: number;
}

export async function measureSignUpToReference(routerUrl: string, userDb: pg.Client, options: { count: number; concurrency: number; timeoutMs?: number }): Promise<EventFigures> {
  const pending = new Map<number, number>();
  const latencies: number[] = [];
  const signUps: number[] = [];
  let issued = 0;
  let done = false;
  const deadline = performance.now() + (options.timeoutMs ?? 120_000);

  const poller = (async () => {
    while (!done || pending.size > 0) {
      if (performance.now() > deadline) throw new Error(`${pending.size} references still missing after the time limit`);
      if (pending.size > 0) {
        const { rows } = await userDb.query<{ id: number }>('SELECT id FROM auth_user_references WHERE id = ANY($1::int[])', [[...pending.keys()]]);
        const now = performance.now();
        for (const { id } of rows) {
          latencies.push(now - pending.get(id)!);
          pending.delete(id);
        }
      }
      await new Promise((r) => setTimeout(r, 5));
    }
  })();

  async function worker(): Promise<void> {
    while (issued < options.count) {
      issued += 1;
      const t0 = performance.now();
      const user = await signUp(routerUrl);
      const t1 = performance.now();
      signUps.push(t1 - t0);
      pending.set(Number(user.user.id), t1);
    }
  }
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  done = true;
  await poller;
  latencies.sort((a, b) => a - b);
  signUps.sort((a, b) => a - b);
  return { count: latencies.length, p50: quantile(latencies, 0.5), p99: quantile(latencies, 0.99), max: latencies.at(-1) ?? NaN, signUpP50: quantile(signUps, 0.5) };
}
