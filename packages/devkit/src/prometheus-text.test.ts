import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { Counter, Gauge, Histogram, createMetricsRegistry, exposition } from '@tracklore/shared/metrics/registry';
import { findSamples, parsePrometheusText, sampleValue } from './prometheus-text.ts';

test('reads what prom-client writes: default metrics, counters, gauges and histograms with escaped label values', async () => {
  const registry = createMetricsRegistry();
  new Counter({ name: 'jobs_total', help: 'jobs', labelNames: ['kind'], registers: [registry] }).inc({ kind: 'a "quoted"\\ \nname' }, 3);
  new Gauge({ name: 'depth', help: 'depth', registers: [registry] }).set(-2.5);
  const histogram = new Histogram({ name: 'wait_seconds', help: 'wait', buckets: [0.1, 1], registers: [registry] });
  histogram.observe(0.5);
  histogram.observe(5);
  const parsed = parsePrometheusText(await exposition(registry));
  assert.equal(parsed.types.get('wait_seconds'), 'histogram');
  assert.equal(sampleValue(parsed, 'jobs_total', { kind: 'a "quoted"\\ \nname' }), 3);
  assert.equal(sampleValue(parsed, 'depth'), -2.5);
  assert.equal(sampleValue(parsed, 'wait_seconds_count'), 2);
  assert.deepEqual(findSamples(parsed, 'wait_seconds_bucket').map((s) => [s.labels.le, s.value]), [['0.1', 0], ['1', 1], ['+Inf', 2]]);
  assert.equal(sampleValue(parsed, 'absent_total'), undefined);
  assert.ok((sampleValue(parsed, 'process_resident_memory_bytes') ?? 0) > 0);
  assert.equal(parsed.types.get('nodejs_eventloop_lag_seconds'), 'gauge');
});

test('refuses what is not the text format', () => {
  const typed = '# TYPE up gauge\n';
  assert.throws(() => parsePrometheusText('up 1\n'), /no TYPE line/);
  assert.throws(() => parsePrometheusText(`${typed}up{job="x} 1\n`), /unterminated/);
  assert.throws(() => parsePrometheusText(`${typed}up{job=x} 1\n`), /not quoted/);
  assert.throws(() => parsePrometheusText(`${typed}up one\n`), /not a sample value/);
  assert.throws(() => parsePrometheusText('<html>not metrics</html>\n'), /not a sample line/);
  assert.throws(() => parsePrometheusText('# TYPE up widget\n'), /unknown type/);
  assert.equal(sampleValue(parsePrometheusText(`# a comment\n${typed}up{job="x",} 1 1700000000000\n`), 'up', { job: 'x' }), 1);
});
