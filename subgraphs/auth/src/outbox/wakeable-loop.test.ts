import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { WakeableLoop, type NextRound } from './wakeable-loop.ts';

test('wakes during a round coalesce into exactly one more round', async () => {
  let rounds = 0;
  let release: () => void = () => {};
  const loop = new WakeableLoop(async () => {
    rounds += 1;
    if (rounds === 1) await new Promise<void>((r) => (release = r));
    return 60_000;
  });
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
  const loop = new WakeableLoop(async () => asked[rounds++] ?? 60_000);
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
  });
  loop.wake();
  await loop.stop();
  assert.equal(finished, true);
  assert.equal(loop.isStopped, true);
  loop.wake();
  await sleep(100);
  assert.equal(rounds, 1);
  await loop.stop(); // idempotent
});
