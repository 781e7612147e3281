import { strict as assert } from 'node:assert';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { AppError } from '@tracklore/shared/errors';
import { GOAL_LIMITS, parseCreateGoalInput, parseId, parseProfileInput, parseUpdateGoalInput, PROFILE_LIMITS, toId } from './validation.ts';

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

const rejects = (field: string, message: string) => (error: unknown) => rejectsField(field)(error) && (error as AppError).message === message;

test('messages name the field and say what is wrong; the first field at fault is the one reported', () => {
  assert.throws(() => parseProfileInput({ displayName: 'x'.repeat(101), bio: 'y'.repeat(2001) }), rejects('input.displayName', 'input.displayName must be at most 100 characters (this is 101)'));
  assert.throws(() => parseProfileInput({ bio: 'y'.repeat(2001), location: 'z'.repeat(101) }), rejects('input.bio', 'input.bio must be at most 2000 characters (this is 2001)'));
  assert.throws(() => parseProfileInput({ location: 7 as unknown as string }), rejects('input.location', 'input.location must be a string'));
  assert.throws(() => parseProfileInput({ avatarUrl: 'http://cdn.example/a.png' }), rejects('input.avatarUrl', 'input.avatarUrl must be an absolute https URL'));
  assert.throws(() => parseProfileInput({ avatarUrl: 'https://user:pw@cdn.example/a.png' }), rejects('input.avatarUrl', 'input.avatarUrl must not contain credentials'));
  assert.throws(() => parseProfileInput({ avatarUrl: `https://cdn.example/${'a'.repeat(2048)}` }), rejects('input.avatarUrl', 'input.avatarUrl must be at most 2048 characters (this is 2068)'));
  assert.throws(() => parseCreateGoalInput({ title: '  ' }), rejects('input.title', 'input.title must be 1 to 200 characters (it is blank)'));
  assert.throws(() => parseCreateGoalInput({ title: 'x', description: 'd'.repeat(5001) }), rejects('input.description', 'input.description must be at most 5000 characters (this is 5001)'));
  assert.throws(() => parseCreateGoalInput({ title: 'x', targetDate: new Date(Number.NaN) }), rejects('input.targetDate', 'input.targetDate must be an ISO-8601 date-time'));
  assert.throws(() => parseUpdateGoalInput({ title: null }), rejects('input.title', 'input.title cannot be null'));
  assert.throws(() => parseUpdateGoalInput({ progress: null }), rejects('input.progress', 'input.progress cannot be null'));
  assert.throws(() => parseUpdateGoalInput({ progress: 101 }), rejects('input.progress', 'input.progress must be an integer from 0 to 100'));
  assert.throws(() => parseUpdateGoalInput({ status: 'DONE' as 'ACTIVE' }), rejects('input.status', 'input.status must be one of ACTIVE, COMPLETED, ARCHIVED'));
  assert.throws(() => parseId('0042', 'userId'), rejects('userId', 'userId must be a positive integer id'));
});

test('the longest allowed text is accepted (after trimming); limits count code points', () => {
  const exactly = (n: number) => 'é'.repeat(n);
  assert.deepEqual(parseProfileInput({ displayName: ` ${exactly(100)} `, bio: exactly(2000), location: exactly(100) }), { displayName: exactly(100), bio: exactly(2000), location: exactly(100) });
  assert.equal(parseCreateGoalInput({ title: '𝄞'.repeat(200), description: '𝄞'.repeat(5000) }).title, '𝄞'.repeat(200));
  assert.throws(() => parseCreateGoalInput({ title: '𝄞'.repeat(201) }), rejects('input.title', 'input.title must be at most 200 characters (this is 201)'));
});

test('create fills what was left out with null; update leaves it out (unchanged) and lets optional text be cleared', () => {
  assert.deepEqual(parseCreateGoalInput({ title: 'x' }), { title: 'x', description: null, targetDate: null });
  assert.deepEqual(parseCreateGoalInput({ title: 'x', description: '  ' }), { title: 'x', description: null, targetDate: null });
  const target = new Date('2027-01-31T00:00:00Z');
  assert.deepEqual(parseUpdateGoalInput({ targetDate: target }), { targetDate: target });
  assert.deepEqual(parseUpdateGoalInput({ description: ' ', targetDate: null }), { description: null, targetDate: null });
  assert.deepEqual(parseProfileInput({ avatarUrl: '' }), { avatarUrl: null });
});

test('ids: numbers are read like strings; toId answers null instead of throwing', () => {
  assert.equal(parseId(7, 'id'), 7);
  for (const bad of [1e300, 2 ** 31, 0, null, undefined, {}]) assert.throws(() => parseId(bad, 'id'), rejectsField('id'), String(bad));
  assert.equal(toId('12'), 12);
  assert.equal(toId('12abc'), null);
  assert.equal(toId(undefined), null);
});

test("the limits are the columns' VARCHAR sizes in prisma/user/schema.prisma", async () => {
  const prisma = await readFile(new URL('../../../../prisma/user/schema.prisma', import.meta.url), 'utf8');
  const size = (model: string, field: string) => {
    const body = new RegExp(`model ${model} \\{([^}]*)\\}`).exec(prisma)?.[1] ?? '';
    return Number(new RegExp(`^\\s*${field}\\s.*@db\\.VarChar\\((\\d+)\\)`, 'm').exec(body)?.[1]);
  };
  assert.deepEqual(Object.fromEntries(Object.keys(PROFILE_LIMITS).map((field) => [field, size('Profile', field)])), PROFILE_LIMITS);
  assert.deepEqual({ title: size('LearningGoal', 'title'), description: size('LearningGoal', 'description') }, { title: GOAL_LIMITS.title, description: GOAL_LIMITS.description });
});
