import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  UNEXPECTED_ERROR_MESSAGE,
  fieldKey,
  formatRetryAfter,
  isUnauthenticated,
  messageFor,
  refreshFailureKind,
  refreshRefusalNotice,
  toFormErrors,
} from './error-messages.ts';

const bad = (field: string, message: string) => ({ message, extensions: { code: 'BAD_USER_INPUT', field } });

test('a BAD_USER_INPUT error lands beside the field its extensions.field names', () => {
  const errors = toFormErrors([bad('input.displayName', 'Display name is too long')], ['displayName', 'bio']);
  assert.deepEqual(errors, { fields: { displayName: 'Display name is too long' }, form: [] });
});

test('top-level argument fields match directly', () => {
  const errors = toFormErrors([bad('password', 'Password must be at least 12 characters')], ['email', 'password']);
  assert.equal(errors.fields.password, 'Password must be at least 12 characters');
});

test('a message under its field drops the leading field name and starts with a capital', () => {
  const errors = toFormErrors(
    [bad('input.avatarUrl', 'input.avatarUrl must be an absolute https URL'), bad('password', 'password must be at least 10 characters'), bad('input.bio', 'bio is too long')],
    ['avatarUrl', 'password', 'bio'],
  );
  assert.deepEqual(errors.fields, { avatarUrl: 'Must be an absolute https URL', password: 'Must be at least 10 characters', bio: 'Is too long' });
  // A password typed again is refused in the app's words, under its field (changePassword, deleteAccount).
  const wrong = toFormErrors([{ message: 'current password is incorrect', extensions: { code: 'INVALID_CREDENTIALS', field: 'currentPassword' } }], ['currentPassword']);
  assert.deepEqual(wrong.fields, { currentPassword: 'This password is incorrect.' });
  const again = toFormErrors([{ message: 'password is incorrect', extensions: { code: 'INVALID_CREDENTIALS', field: 'password' } }], ['password']);
  assert.deepEqual(again.fields, { password: 'This password is incorrect.' });
  // Form-level messages keep the name: nothing else says which field is meant.
  assert.deepEqual(toFormErrors([bad('input.avatarUrl', 'input.avatarUrl must be https')], []).form, ['input.avatarUrl must be https']);
});

test('a field this form does not show becomes a form-level message', () => {
  const errors = toFormErrors([bad('token', 'This reset link is invalid or has expired')], ['newPassword']);
  assert.deepEqual(errors, { fields: {}, form: ['This reset link is invalid or has expired'] });
});

test('EMAIL_TAKEN goes to the email field even without extensions.field', () => {
  const errors = toFormErrors([{ message: 'taken', extensions: { code: 'EMAIL_TAKEN' } }], ['email', 'password']);
  assert.match(errors.fields.email ?? '', /already exists/);
  assert.deepEqual(errors.form, []);
});

test('the first error for a field wins and form messages are not repeated', () => {
  const errors = toFormErrors(
    [bad('input.title', 'First'), bad('input.title', 'Second'), { message: 'x', extensions: { code: 'FORBIDDEN' } }, { message: 'y', extensions: { code: 'FORBIDDEN' } }],
    ['title'],
  );
  assert.deepEqual(errors, { fields: { title: 'First' }, form: ['You are not allowed to do that.'] });
});

test('unknown codes and internal errors never show the server text', () => {
  assert.equal(messageFor({ message: 'relation "goals" does not exist', extensions: { code: 'INTERNAL_SERVER_ERROR' } }), UNEXPECTED_ERROR_MESSAGE);
  assert.equal(messageFor({ message: 'boom' }), UNEXPECTED_ERROR_MESSAGE);
  assert.deepEqual(toFormErrors([], ['email']).form, [UNEXPECTED_ERROR_MESSAGE]);
});

test('every contract code has a message of its own', () => {
  const codes = ['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'EMAIL_TAKEN', 'INVALID_CREDENTIALS', 'ACCOUNT_DISABLED', 'RATE_LIMITED', 'SERVICE_UNAVAILABLE'];
  const messages = codes.map((code) => messageFor({ message: 'server text', extensions: { code } }));
  assert.equal(new Set(messages).size, codes.length);
  for (const message of messages) assert.notEqual(message, UNEXPECTED_ERROR_MESSAGE);
  assert.equal(messageFor({ message: 'x', extensions: { code: 'INVALID_CREDENTIALS' } }), 'Email or password is incorrect.');
  assert.match(messageFor({ message: 'x', extensions: { code: 'ACCOUNT_DISABLED' } }), /disabled by an administrator/);
});

test('RATE_LIMITED says when to retry', () => {
  assert.equal(messageFor({ message: 'x', extensions: { code: 'RATE_LIMITED', retryAfter: 30 } }), 'Too many attempts. Try again in 30 seconds.');
  assert.match(messageFor({ message: 'x', extensions: { code: 'RATE_LIMITED' } }), /wait a little/);
  assert.equal(formatRetryAfter(1), 'in 1 second');
  assert.equal(formatRetryAfter(0.2), 'in 1 second');
  assert.equal(formatRetryAfter(60), 'in 1 minute');
  assert.equal(formatRetryAfter(600), 'in 10 minutes');
});

test('fieldKey keeps the last path segment', () => {
  assert.equal(fieldKey('input.avatarUrl'), 'avatarUrl');
  assert.equal(fieldKey('email'), 'email');
});

test('only outages leave a session alive after a failed refresh', () => {
  assert.equal(refreshFailureKind([{ message: 'x', extensions: { code: 'UNAUTHENTICATED' } }]), 'rejected');
  assert.equal(refreshFailureKind([{ message: 'x', extensions: { code: 'INVALID_CREDENTIALS' } }]), 'rejected');
  // A disabled account's refresh is final: retrying it would never succeed.
  assert.equal(refreshFailureKind([{ message: 'x', extensions: { code: 'ACCOUNT_DISABLED' } }]), 'rejected');
  assert.equal(refreshFailureKind([{ message: 'x', extensions: { code: 'RATE_LIMITED' } }]), 'unavailable');
  assert.equal(refreshFailureKind([{ message: 'x', extensions: { code: 'SERVICE_UNAVAILABLE' } }]), 'unavailable');
  assert.equal(refreshFailureKind([{ message: 'x', extensions: { code: 'INTERNAL_SERVER_ERROR' } }]), 'unavailable');
});

test('a refresh refused for a disabled account says so; other refusals have no notice of their own', () => {
  assert.match(refreshRefusalNotice([{ message: 'x', extensions: { code: 'ACCOUNT_DISABLED' } }]) ?? '', /disabled by an administrator/);
  assert.equal(refreshRefusalNotice([{ message: 'x', extensions: { code: 'UNAUTHENTICATED' } }]), null);
});

test('isUnauthenticated looks at every error', () => {
  assert.equal(isUnauthenticated([{ message: 'a', extensions: { code: 'NOT_FOUND' } }, { message: 'b', extensions: { code: 'UNAUTHENTICATED' } }]), true);
  assert.equal(isUnauthenticated([{ message: 'a' }]), false);
});
