import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { AppError } from '@tracklore/shared/errors';
import { parseCreateGoalInput, parseId, parseProfileInput, parseUpdateGoalInput } from './validation.ts';

const rejectsField = (field: string) => (error: unknown) => error instanceof AppError && error.code === 'BAD_USER_INPUT' && error.details.field === field;

test('profile: omitted fields stay unchanged, null or blank clears, text is trimmed', () => {
  assert.deepEqual(parseProfileInput({}), {});
  assert.deepEqual(parseProfileInput({ displayName: '  Ada  ', bio: null, location: '   ' }), { displayName: 'Ada', bio: null, location: null });
});

test('profile limits count characters (code points), not UTF-16 units', () => {
  assert.deepEqual(parseProfileInput({ displayName: '😀'.repeat(100) }), { displayName: '😀'.repeat(100) });
  assert.throws(() => parseProfileInput({ displayName: '😀'.repeat(101) }), rejectsField('input.displayName'));
});

test('avatarUrl must be an absolute https URL without credentials', () => {
  assert.deepEqual(parseProfileInput({ avatarUrl: 'https://cdn.example/a.png' }), { avatarUrl: 'https://cdn.example/a.png' });
  for (const bad of ['http://cdn.example/a.png', 'javascript:alert(1)', '/relative.png', 'https://user:pw@cdn.example/a.png', 'data:image/png;base64,AAAA']) {
    assert.throws(() => parseProfileInput({ avatarUrl: bad }), rejectsField('input.avatarUrl'), bad);
  }
});

test('goal input: title 1–200 after trimming, progress an integer 0–100, nulls refused where the field is required', () => {
  assert.equal(parseCreateGoalInput({ title: ' Learn Rust ' }).title, 'Learn Rust');
  assert.throws(() => parseCreateGoalInput({ title: '   ' }), rejectsField('input.title'));
  assert.throws(() => parseUpdateGoalInput({ progress: 50.5 }), rejectsField('input.progress'));
  assert.throws(() => parseUpdateGoalInput({ progress: -1 }), rejectsField('input.progress'));
  assert.throws(() => parseUpdateGoalInput({ title: null }), rejectsField('input.title'));
  assert.throws(() => parseUpdateGoalInput({ status: null }), rejectsField('input.status'));
  assert.deepEqual(parseUpdateGoalInput({ progress: 100, status: 'COMPLETED', description: null }), { progress: 100, status: 'COMPLETED', description: null });
});

test('ids are positive 32-bit integers', () => {
  assert.equal(parseId('42', 'id'), 42);
  assert.equal(parseId('2147483647', 'id'), 2_147_483_647);
  for (const bad of ['0', '-1', '1.5', 'abc', '2147483648', '0042', '']) assert.throws(() => parseId(bad, 'id'), rejectsField('id'), bad);
});
