import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { Registry } from 'prom-client';
import { metricsRoutes } from './route.ts';
import { scrapeSample } from './scrape-sample.ts';

const failures = async (registry: Registry, source: string) =>
  (await registry.getSingleMetric('metrics_scrape_failures_total')?.get())?.values.find((v) => v.labels.source === source)?.value;

test('concurrent readers share one run; a later read runs again', async () => {
  const registry = new Registry();
  let runs = 0;
  const read = scrapeSample(registry, 'db', async () => ++runs, 1000);
  assert.deepEqual(await Promise.all([read(), read(), read()]), [1, 1, 1]);
  assert.equal(await read(), 2);
  assert.equal(await failures(registry, 'db'), 0);
});

test('a failed or unanswered sample resolves undefined and is counted', async () => {
  const registry = new Registry();
  const failing = scrapeSample(registry, 'broken', () => Promise.reject(new Error('down')), 1000);
  const hanging = scrapeSample(registry, 'slow', () => new Promise<number>(() => {}), 20);
  assert.equal(await failing(), undefined);
  assert.equal(await hanging(), undefined);
  assert.equal(await failures(registry, 'broken'), 1);
  assert.equal(await failures(registry, 'slow'), 1);
});

test('without a token there is no /metrics route at all', () => {
  assert.deepEqual(metricsRoutes(new Registry(), undefined), []);
  assert.equal(metricsRoutes(new Registry(), 'x'.repeat(32))[0]?.path, '/metrics');
});
