import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { AppError } from '@tracklore/shared/errors';
import { assertPasswordAllowed, isCommonPassword, passwordProblem, PASSWORD_MAX_LENGTH } from './password-policy.ts';

test('10 to 128 characters, counted in code points', () => {
  assert.match(passwordProblem('short-pw1', undefined) ?? '', /at least 10/);
  assert.equal(passwordProblem('ten chars!', undefined), undefined);
  assert.equal(passwordProblem('x'.repeat(PASSWORD_MAX_LENGTH), undefined), undefined);
  assert.match(passwordProblem('x'.repeat(PASSWORD_MAX_LENGTH + 1), undefined) ?? '', /at most 128/);
  // five emoji are ten UTF-16 units but five characters
  assert.match(passwordProblem('🔑🔑🔑🔑🔑', undefined) ?? '', /at least 10/);
});

test('well-known passwords are refused, whatever their case', () => {
  assert.equal(isCommonPassword('Password123'), true);
  assert.equal(isCommonPassword('QWERTYUIOP'), true);
  assert.match(passwordProblem('1234567890', undefined) ?? '', /too common/);
  assert.equal(isCommonPassword('violet-harbour-lantern'), false);
});

test('the email (or its name part) is not a password', () => {
  assert.match(passwordProblem('Someone.Long@example.com', 'someone.long@example.com') ?? '', /email/);
  assert.match(passwordProblem('someone.long', 'someone.long@example.com') ?? '', /email/);
  assert.equal(passwordProblem('someone.long', 'other.person@example.com'), undefined);
});

test('assertPasswordAllowed throws BAD_USER_INPUT with the given field', () => {
  assert.throws(
    () => assertPasswordAllowed('short', undefined, 'newPassword'),
    (e: unknown) => e instanceof AppError && e.code === 'BAD_USER_INPUT' && e.details.field === 'newPassword',
  );
  assert.doesNotThrow(() => assertPasswordAllowed('a perfectly fine phrase', 'me@example.com', 'password'));
});
