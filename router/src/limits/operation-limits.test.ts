import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { getOperationAST, parse } from 'graphql';
import { limitViolations, measureOperation } from './operation-limits.ts';

function size(query: string, operationName?: string) {
  const document = parse(query);
  const operation = getOperationAST(document, operationName);
  assert.ok(operation);
  return measureOperation(document, operation);
}

test('depth counts nested field levels; fields and aliases are counted through fragments', () => {
  assert.deepEqual(size('{ me { id } }'), { depth: 2, fields: 2, aliases: 0 });
  assert.deepEqual(size('{ me { id profile { bio } } }'), { depth: 3, fields: 4, aliases: 0 });
  assert.deepEqual(
    size('query { a: me { ...F } b: me { ... on User { id } } } fragment F on User { id x: email goals { title } }'),
    { depth: 3, fields: 7, aliases: 3 },
  );
});

test('introspection and __typename are not counted', () => {
  assert.deepEqual(size('{ __typename me { __typename id } __schema { types { name fields { name type { name ofType { name } } } } } }'), { depth: 2, fields: 2, aliases: 0 });
});

test('a fragment bomb is measured quickly and counted at its expanded size', () => {
  // Each level spreads the previous one twice: 2^30 fields after expansion.
  const levels = Array.from({ length: 30 }, (_, i) => `fragment F${i + 1} on User { ...F${i} ...F${i} }`).join('\n');
  const measured = size(`{ me { ...F30 } } fragment F0 on User { id } ${levels}`);
  assert.equal(measured.fields, 1 + 2 ** 30);
  assert.equal(measured.depth, 2);
});

test('the operation named in the request is measured, and cyclic fragments do not loop', () => {
  assert.equal(size('query A { me { id } } query B { me { profile { bio } } }', 'B').depth, 3);
  assert.deepEqual(size('{ me { ...A } } fragment A on User { id ...B } fragment B on User { ...A }'), { depth: 2, fields: 2, aliases: 0 });
});

test('each exceeded limit gives its own code, with the limit in extensions', () => {
  const limits = { maxDepth: 3, maxFields: 10, maxAliases: 1 };
  assert.deepEqual(limitViolations({ depth: 3, fields: 10, aliases: 1 }, limits), []);
  const errors = limitViolations({ depth: 4, fields: 11, aliases: 2 }, limits);
  assert.deepEqual(errors.map((e) => [e.extensions.code, e.extensions.limit]), [['QUERY_TOO_DEEP', 3], ['TOO_MANY_FIELDS', 10], ['TOO_MANY_ALIASES', 1]]);
  assert.match(errors[0]?.message ?? '', /nested 4 levels deep; the limit is 3/);
});
