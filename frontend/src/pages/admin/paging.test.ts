import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FIRST_PAGE, currentAfter, describeRange, nextPage, previousPage } from './paging.ts';

test('next remembers each page, previous goes back to the cursor before, and stops at the first page', () => {
  assert.equal(currentAfter(FIRST_PAGE), null);
  const second = nextPage(FIRST_PAGE, 'c20');
  const third = nextPage(second, 'c40');
  assert.equal(currentAfter(third), 'c40');
  assert.equal(currentAfter(previousPage(third)), 'c20');
  assert.equal(currentAfter(previousPage(previousPage(third))), null);
  assert.deepEqual(previousPage(FIRST_PAGE), FIRST_PAGE);
  assert.deepEqual(FIRST_PAGE, [null], 'nextPage does not change the stack it was given');
});

test('the range counts from the page number and says the total', () => {
  assert.equal(describeRange(FIRST_PAGE, 20, 45), 'Users 1–20 of 45');
  assert.equal(describeRange(nextPage(nextPage(FIRST_PAGE, 'a'), 'b'), 5, 45), 'Users 41–45 of 45');
  assert.equal(describeRange(nextPage(FIRST_PAGE, 'a'), 3, 13, 10), 'Users 11–13 of 13');
  // Users deleted meanwhile can leave a page empty; the total still comes from the server.
  assert.equal(describeRange(nextPage(FIRST_PAGE, 'a'), 0, 20), 'No users on this page (20 in all).');
});
