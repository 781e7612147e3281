import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { tracingEnabled } from './enabled.ts';

test('tracing is on only with a named traces exporter and the SDK not disabled', () => {
  assert.equal(tracingEnabled({}), false, 'unset: off (no collector to spam)');
  assert.equal(tracingEnabled({ OTEL_TRACES_EXPORTER: 'none' }), false);
  assert.equal(tracingEnabled({ OTEL_TRACES_EXPORTER: 'zipkin' }), true);
  assert.equal(tracingEnabled({ OTEL_TRACES_EXPORTER: 'otlp,zipkin' }), true);
  assert.equal(tracingEnabled({ OTEL_TRACES_EXPORTER: 'otlp', OTEL_SDK_DISABLED: 'TRUE' }), false);
  assert.equal(tracingEnabled({ OTEL_TRACES_EXPORTER: 'otlp', OTEL_SDK_DISABLED: 'false' }), true);
});
