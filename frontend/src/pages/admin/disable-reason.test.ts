import { test } from 'node:test';
import assert from 'node:assert/strict';
import { disableReasonError } from './disable-reason.ts';

test('a reason is required: blank or only spaces is refused', () => {
  assert.match(disableReasonError('') ?? '', /Give a reason/);
  assert.match(disableReasonError('   \n') ?? '', /Give a reason/);
  assert.equal(disableReasonError(' Spam '), null);
});

test('at most 500 characters, counted like the server (code points of the trimmed text)', () => {
  assert.equal(disableReasonError(`  ${'😀'.repeat(500)}  `), null);
  assert.equal(disableReasonError('a'.repeat(501)), 'Must be at most 500 characters (this is 501).');
});
