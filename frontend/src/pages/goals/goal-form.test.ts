import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clampProgress, dateInputToIso, formatTargetDate, fromGoal, goalFormErrors, isoToDateInput, parseStatusFilter, toGoalInput } from './goal-form.ts';

test('a picked day round-trips through the API as midnight UTC', () => {
  assert.equal(dateInputToIso('2027-03-14'), '2027-03-14T00:00:00.000Z');
  assert.equal(isoToDateInput('2027-03-14T00:00:00.000Z'), '2027-03-14');
  assert.equal(formatTargetDate('2027-03-14T00:00:00.000Z', 'en-US'), 'Mar 14, 2027');
});

test('empty or malformed days mean no target date', () => {
  assert.equal(dateInputToIso(''), null);
  assert.equal(dateInputToIso('14/03/2027'), null);
  assert.equal(dateInputToIso('2027-13-45'), null);
  assert.equal(isoToDateInput(null), '');
  assert.equal(isoToDateInput('not a date'), '');
});

test('toGoalInput trims and turns blanks into null', () => {
  assert.deepEqual(toGoalInput({ title: '  Learn Rust ', description: '   ', targetDate: '' }), { title: 'Learn Rust', description: null, targetDate: null });
  assert.deepEqual(toGoalInput({ title: 'A', description: ' ch. 1–3 ', targetDate: '2027-01-02' }), {
    title: 'A',
    description: 'ch. 1–3',
    targetDate: '2027-01-02T00:00:00.000Z',
  });
});

test('fromGoal fills the edit form', () => {
  assert.deepEqual(fromGoal({ title: 'T', description: null, targetDate: '2027-01-02T00:00:00.000Z' }), { title: 'T', description: '', targetDate: '2027-01-02' });
});

test('clampProgress keeps 0–100 whole numbers', () => {
  assert.deepEqual([-10, 0, 42.4, 100, 130, Number.NaN].map(clampProgress), [0, 0, 42, 100, 100, 0]);
});

test('parseStatusFilter accepts the three statuses in any case, else means all', () => {
  assert.equal(parseStatusFilter('completed'), 'COMPLETED');
  assert.equal(parseStatusFilter('ACTIVE'), 'ACTIVE');
  assert.equal(parseStatusFilter(null), null);
  assert.equal(parseStatusFilter('all'), null);
  assert.equal(parseStatusFilter('DELETED'), null);
});

test('a blank title or a value over the server limits is refused per field', () => {
  assert.deepEqual(goalFormErrors({ title: ` ${'t'.repeat(200)} `, description: '😀'.repeat(5000), targetDate: '' }), {});
  assert.deepEqual(goalFormErrors({ title: '   ', description: '', targetDate: '' }), { title: 'Give the goal a title.' });
  assert.deepEqual(goalFormErrors({ title: 't'.repeat(201), description: 'd'.repeat(5001), targetDate: '' }), {
    title: 'Must be at most 200 characters (this is 201).',
    description: 'Must be at most 5000 characters (this is 5001).',
  });
});
