import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { systemClock, type Clock } from '@tracklore/shared/clock';
import { WakeableLoop, type NextRound } from './wakeable-loop.ts';

test('wakes during a round coalesce into exactly one more round', async () => {
  let rounds = 0;
  let release: () => void = () => {};
  const loop = new WakeableLoop(async () => {
    rounds += 1;
    if (rounds === 1) await new Promise<void>((r) => (release = r));
    return 60_000;
  }, systemClock);
  loop.wake();
  loop.wake();
  loop.wake();
  release();
  await sleep(20);
  assert.equal(rounds, 2);
  await loop.stop();
});

test("runs again after the delay the round asked for, and at once on 'again'", async () => {
  const asked: NextRound[] = ['again', 60, 60_000];
  let rounds = 0;
  const loop = new WakeableLoop(async () => asked[rounds++] ?? 60_000, systemClock);
  loop.wake();
  await sleep(20);
  assert.equal(rounds, 2, "'again' ran the next round without waiting");
  await sleep(120);
  assert.equal(rounds, 3, 'the 60 ms timer ran the third round');
  await loop.stop();
});

test('stop waits for the round in progress, then nothing wakes it', async () => {
  let rounds = 0;
  let finished = false;
  const loop = new WakeableLoop(async () => {
    rounds += 1;
    await sleep(30);
    finished = true;
    return 50;
  }, systemClock);
  loop.wake();
  await loop.stop();
  assert.equal(finished, true);
  assert.equal(loop.isStopped, true);
  loop.wake();
  await sleep(100);
  assert.equal(rounds, 1);
  await loop.stop(); // idempotent
});

/** A clock whose sleeps end only when the test says so (or when aborted). */
function manualClock() {
  const sleeps: Array<{ ms: number; end: () => void; signal?: AbortSignal }> = [];
  const clock: Clock = {
    now: () => 0,
    date: () => new Date(0),
    sleep: (ms, signal) =>
      new Promise<void>((resolve, reject) => {
        sleeps.push({ ms, end: resolve, signal });
        signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
      }),
  };
  return { clock, sleeps };
}

const settle = async () => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
};

test('the delay is slept on the clock (at least 50 ms); wake() cuts it short, and a sleep ending as wake() aborts it adds no round', async () => {
  const { clock, sleeps } = manualClock();
  let rounds = 0;
  const loop = new WakeableLoop(async () => (++rounds === 1 ? 10 : 60_000), clock);
  loop.wake();
  await settle();
  assert.deepEqual(sleeps.map((s) => s.ms), [50]);
  loop.wake();
  await settle();
  assert.equal(rounds, 2, 'woken during the sleep');
  assert.equal(sleeps[0]?.signal?.aborted, true);
  sleeps[1]?.end();
  loop.wake();
  await settle();
  assert.equal(rounds, 3, 'one round for the wake(), none for the sleep that ended at the same time');
  await loop.stop();
  assert.equal(sleeps[2]?.signal?.aborted, true, 'stop() ends the pending sleep');
});
