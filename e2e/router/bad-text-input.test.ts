// The text-argument part of the bad-input corpus: every text argument of every mutation (and
// query) with every sample of TEXT_SAMPLES (bad-input-corpus.ts), through the router on the real
// stack. Unstorable text (NUL, unpaired surrogates) is BAD_USER_INPUT naming the argument; unusual
// but valid text is stored exactly as sent, or gets the argument's usual answer.
import { strict as assert } from 'node:assert';
import { after, before, describe, test } from 'node:test';
import { bearer, op, TEXT_ARGUMENTS, TEXT_SAMPLES } from './bad-input-corpus.ts';
import { assertExpected, assertStillServing, assertWellFormed, CONCURRENCY, responses, send, startCorpusStack, type CorpusStack } from './bad-input-harness.ts';

let corpus: CorpusStack;
before(async () => {
  corpus = await startCorpusStack('e2e_bad_text_input');
});
after(() => corpus?.stack.stop());

// One test per argument, a subtest per sample (in turn: some write the same row), and the
// liveness check once per argument.
describe('text arguments', { concurrency: CONCURRENCY }, () => {
  for (const argument of TEXT_ARGUMENTS) {
    const operation = argument.query.match(/\{\s*(\w+)/)?.[1] ?? argument.query;
    test(`${operation} ${argument.field}`, async (t) => {
      const { stack, fixtures } = corpus;
      for (const [kind, samples] of Object.entries(TEXT_SAMPLES)) {
        for (const [sampleName, sample] of Object.entries(samples)) {
          const name = `${operation} ${argument.field}: ${sampleName}`;
          await t.test(sampleName, async () => {
            const text = (argument.value ?? ((s: string) => `Ada ${s} Lovelace`))(sample);
            const headers = argument.token ? bearer(argument.token(fixtures)) : {};
            const answer = await send(stack, op(argument.query, { ...argument.variables?.(fixtures), text }, {}, headers));
            assertWellFormed(name, answer);
            const [response] = responses(answer);
            if (kind === 'unstorable') {
              assertExpected(name, answer, { status: 200, code: 'BAD_USER_INPUT', field: argument.field });
              assert.match(String(response?.errors?.[0]?.message), /NUL|unpaired surrogate/, name);
            } else if (argument.storable === 'accepted') {
              assert.equal(response?.errors, undefined, `${name}: ${answer.text}`);
            } else if ('echo' in argument.storable) {
              assert.equal(response?.errors, undefined, `${name}: ${answer.text}`);
              assert.equal(argument.storable.echo((response?.data ?? {}) as Record<string, unknown>), text, `${name}: stored exactly as sent`);
            } else if ('data' in argument.storable) {
              assert.deepEqual(response?.data, argument.storable.data, `${name}: ${answer.text}`);
            } else {
              assertExpected(name, answer, argument.storable);
            }
          });
        }
      }
      await assertStillServing(corpus, `${operation} ${argument.field}`);
    });
  }
});
