// The HTTP part of the bad-input corpus (REQUESTS in bad-input-corpus.ts) through the router on
// the real stack: each case gets the common checks of bad-input-harness.ts and its own expectation.
// The text-argument part is bad-text-input.test.ts.
import { after, before, describe, test } from 'node:test';
import { REQUESTS } from './bad-input-corpus.ts';
import { assertExpected, assertStillServing, assertWellFormed, CONCURRENCY, send, startCorpusStack, type CorpusStack } from './bad-input-harness.ts';

let corpus: CorpusStack;
before(async () => {
  corpus = await startCorpusStack('e2e_bad_input');
});
after(() => corpus?.stack.stop());

describe('requests', { concurrency: CONCURRENCY }, () => {
  for (const c of REQUESTS) {
    test(c.name, async () => {
      const answer = await send(corpus.stack, typeof c.request === 'function' ? c.request(corpus.fixtures) : c.request);
      assertWellFormed(c.name, answer);
      if (c.expect) assertExpected(c.name, answer, c.expect);
      await assertStillServing(corpus, c.name);
    });
  }
});
