import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { formatLogLine } from './log-format.ts';

test('a pino line becomes time, level, message, fields and the trace id; other lines stay as they are', () => {
  const line = JSON.stringify({ level: 30, time: Date.UTC(2026, 0, 1, 12, 0, 1, 234), pid: 1, hostname: 'h', name: 'user', service: 'user', msg: 'user listening', url: 'http://127.0.0.1:4002', trace_id: 'a'.repeat(32), span_id: 'b'.repeat(16) });
  assert.equal(formatLogLine(line), `12:00:01.234 INFO  user listening url=http://127.0.0.1:4002 trace=${'a'.repeat(32)}`);
  const error = JSON.stringify({ level: 50, time: 0, msg: 'failed', note: 'two words', err: { message: 'boom', stack: 'Error: boom\n    at x' } });
  assert.equal(formatLogLine(error), '00:00:00.000 ERROR failed note="two words"\nError: boom\n    at x');
  assert.equal(formatLogLine('VITE v7 ready'), 'VITE v7 ready');
  assert.equal(formatLogLine('{"not":"pino"}'), '{"not":"pino"}');
});
