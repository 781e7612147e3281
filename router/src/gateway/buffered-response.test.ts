import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { BufferedResponse } from './buffered-response.ts';

const answer = () => new BufferedResponse('http://127.0.0.1:1/graphql', 200, 'OK', { 'content-type': 'application/json', 'set-cookie': ['a=1', 'b=2'] }, Buffer.from('{"data":{"x":1}}'));

test('a buffered answer reads like a Response: status, ok, case-insensitive headers, body once', async () => {
  const response = answer();
  assert.equal(response.ok, true);
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('Content-Type'), 'application/json');
  assert.equal(response.headers.get('set-cookie'), 'a=1, b=2');
  assert.equal(response.headers.has('x-missing'), false);
  assert.deepEqual([...response.headers].map(([name]) => name), ['content-type', 'set-cookie']);
  const copy = response.clone();
  assert.deepEqual(await response.json(), { data: { x: 1 } });
  assert.equal(response.bodyUsed, true);
  await assert.rejects(response.text(), /already been read/);
  assert.equal(await copy.text(), '{"data":{"x":1}}');
  assert.equal(Buffer.from(await answer().arrayBuffer()).toString(), '{"data":{"x":1}}');
});

test('a non-2xx answer is not ok', () => {
  assert.equal(new BufferedResponse('u', 502, 'Bad Gateway', {}, Buffer.alloc(0)).ok, false);
});
