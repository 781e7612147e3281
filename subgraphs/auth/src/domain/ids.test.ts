import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { AppError } from '@tracklore/shared/errors';
import { isUuid, parseUserId, toUserId } from './ids.ts';

test('user ids are positive integers in plain digits that fit an INTEGER column', () => {
  assert.equal(toUserId('42'), 42);
  assert.equal(toUserId(7), 7);
  assert.equal(toUserId('2147483647'), 2_147_483_647, 'the largest INTEGER');
  for (const bad of ['0', '-1', '1.5', '1e3', ' 1', '01', 'abc', '', '2147483648', '9999999999', '99999999999999999', 2 ** 31, null, undefined, 3.5]) {
    assert.equal(toUserId(bad), undefined, String(bad));
  }
  assert.throws(() => parseUserId('x', 'userId'), (e: unknown) => e instanceof AppError && e.code === 'BAD_USER_INPUT' && e.details.field === 'userId');
});

test('uuids', () => {
  assert.equal(isUuid('3f1c2a4e-9b7d-4c1e-8a2f-0123456789ab'), true);
  assert.equal(isUuid('not-a-uuid'), false);
});
