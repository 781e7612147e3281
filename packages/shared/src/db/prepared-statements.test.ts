import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { preparedStatementNames } from './prepared-statements.ts';

test('one stable name per statement text, distinct texts distinct names, and none past the cap', () => {
  const name = preparedStatementNames(2);
  const a = name({ sql: 'SELECT 1' });
  assert.match(a, /^tl_[A-Za-z0-9_-]{24}$/);
  assert.equal(name({ sql: 'SELECT 1' }), a);
  const b = name({ sql: 'SELECT 2' });
  assert.notEqual(b, a);
  assert.equal(name({ sql: 'SELECT 3' }), '', 'a third text runs unnamed');
  assert.equal(name({ sql: 'SELECT 2' }), b, 'named texts keep their name');
  assert.equal(preparedStatementNames()({ sql: 'SELECT 1' }), a, 'the name depends only on the text');
});
