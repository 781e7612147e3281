import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { AppError } from '@tracklore/shared/errors';
import { decodeUserCursor, encodeUserCursor } from './cursors.ts';

test('a cursor round-trips to its user id and does not show the id in clear', () => {
  for (const id of [1, 42, 2_147_483_647]) {
    const cursor = encodeUserCursor(id);
    assert.doesNotMatch(cursor, new RegExp(`^${id}$`));
    assert.equal(decodeUserCursor(cursor), id);
  }
});

test('anything else is BAD_USER_INPUT on after', () => {
  const bad = ['', '42', 'not a cursor!', encodeUserCursor(5).slice(0, -1), Buffer.from('user:0').toString('base64url'),
    Buffer.from('user:2147483648').toString('base64url'), Buffer.from('goal:5').toString('base64url'), Buffer.from('user:5x').toString('base64url'), 'A'.repeat(100)];
  for (const cursor of bad) {
    assert.throws(() => decodeUserCursor(cursor), (error: unknown) => error instanceof AppError && error.code === 'BAD_USER_INPUT' && error.details.field === 'after', cursor);
  }
});
