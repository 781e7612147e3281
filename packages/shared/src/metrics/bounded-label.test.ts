import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { BoundedLabel } from './bounded-label.ts';

test('keeps the first values it sees, then answers the overflow value for new ones', () => {
  const label = new BoundedLabel(2, 'other', 10);
  assert.deepEqual(['a', 'b', 'c', 'a', 'b', 'd'].map((v) => label.value(v)), ['a', 'b', 'other', 'a', 'b', 'other']);
  assert.equal(new BoundedLabel(5, 'other', 10).value('x'.repeat(11)), 'other');
});
