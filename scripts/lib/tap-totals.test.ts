// Reading node's TAP totals and the closing line's agreement with the exit code, on TAP text as
// node 20 and 24 print it (the real runner is exercised in scripts/test-runner.test.ts).
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { closingLine, tapReader, verdict } from './tap-totals.ts';

const TAP = `TAP version 13
# Subtest: passes
ok 1 - passes
  ---
  duration_ms: 0.4
  ...
# Subtest: skipped one
ok 2 - skipped one # SKIP
# Subtest: todo one
ok 3 - todo one # TODO not yet
# Subtest: group
    # Subtest: inner
    ok 1 - inner # SKIP flaky
    # Subtest: cancelled
    not ok 2 - cancelled
    1..2
not ok 4 - group
# Subtest: named like a marker \\# SKIP
ok 5 - named like a marker \\# SKIP
1..5
# tests 6
# suites 1
# pass 2
# fail 0
# cancelled 1
# skipped 2
# todo 1
# duration_ms 12.5
`;

function read(text: string, chunkSize = text.length) {
  const reader = tapReader();
  for (let i = 0; i < text.length; i += chunkSize) reader.push(text.slice(i, i + chunkSize));
  reader.end();
  return reader.totals;
}

test('reads every total and the parent-qualified names of skipped and todo tests', () => {
  const totals = read(TAP);
  assert.deepEqual(totals, { pass: 2, fail: 0, cancelled: 1, skipped: 2, todo: 1, summary: true, notRun: ['skipped one', 'todo one', 'group > inner'] });
});

test('lines split across chunks are read the same', () => {
  assert.deepEqual(read(TAP, 7), read(TAP));
});

test('cancelled tests count as failed and skipped/todo fail the run, naming them', () => {
  const v = verdict(read(TAP), 1);
  assert.equal(closingLine(v), '2 passed, 1 failed, 3 skipped');
  assert.equal(v.exitCode, 1);
  assert.deepEqual(v.notes, ['3 skipped/todo tests (not allowed here; every test must run): skipped one; todo one; group > inner']);
});

test('skipped tests alone make a zero runner exit non-zero', () => {
  const v = verdict({ pass: 4, fail: 0, cancelled: 0, skipped: 1, todo: 0, summary: true, notRun: ['a'] }, 0);
  assert.equal(closingLine(v), '4 passed, 0 failed, 1 skipped');
  assert.equal(v.exitCode, 1);
});

test('a clean run exits 0 with no notes', () => {
  const v = verdict({ pass: 287, fail: 0, cancelled: 0, skipped: 0, todo: 0, summary: true, notRun: [] }, 0);
  assert.deepEqual(v, { passed: 287, failed: 0, skipped: 0, exitCode: 0, notes: [] });
});

test('a non-zero exit never reads 0 failed', () => {
  const v = verdict({ pass: 287, fail: 0, cancelled: 0, skipped: 0, todo: 0, summary: true, notRun: [] }, 1);
  assert.equal(closingLine(v), '287 passed, 1 failed, 0 skipped');
  assert.equal(v.exitCode, 1);
  assert.equal(v.notes.length, 1);
});

test('a runner that ended without a summary (killed) counts as failed', () => {
  const v = verdict(read('TAP version 13\n# Subtest: a\nok 1 - a'), 0);
  assert.equal(v.passed, 0);
  assert.equal(v.failed, 1);
  assert.equal(v.exitCode, 1);
  assert.match(v.notes[0]!, /without a summary/);
});
