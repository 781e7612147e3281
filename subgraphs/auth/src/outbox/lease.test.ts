import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { holdLease } from './lease.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('renews until released, and release waits for the renewal in progress', async () => {
  let renewals = 0;
  let finished = 0;
  const lease = holdLease(async () => {
    renewals += 1;
    await sleep(40);
    finished += 1;
  }, 150, (e) => assert.fail(String(e)));
  while (renewals < 2) await sleep(10);
  await lease.release();
  assert.equal(finished, renewals, 'no renewal still running after release');
  const after = renewals;
  await sleep(200);
  assert.equal(renewals, after, 'no renewal after release');
});

test('a failed renewal is reported and the next one still runs', async () => {
  const errors: unknown[] = [];
  let calls = 0;
  const lease = holdLease(async () => {
    calls += 1;
    if (calls === 1) throw new Error('database away');
  }, 150, (e) => errors.push(e));
  while (calls < 2) await sleep(10);
  await lease.release();
  assert.equal(errors.length, 1);
  assert.match((errors[0] as Error).message, /database away/);
});
