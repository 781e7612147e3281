import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { buildSchema, graphql } from 'graphql';
import { AppError } from './errors.ts';
import { assertStorableText, guardTextArguments, unstorableText } from './text-arguments.ts';

const refusesField = (field: string) => (error: unknown) => error instanceof AppError && error.code === 'BAD_USER_INPUT' && error.details.field === field;

test('NUL and unpaired surrogates cannot be stored; everything else that is valid Unicode can', () => {
  for (const bad of ['\u0000', 'a\u0000', 'a\ud800b', '\ud800', '\udc00', 'a\udc00\ud800b', '😀'.slice(0, 1), '😀'.slice(1)]) {
    assert.ok(unstorableText(bad), JSON.stringify(bad));
  }
  for (const good of ['', 'Ada', '😀', '👩‍👩‍👧', 'e\u0301', '\u200f\u202e\ufeff\u200b', '\uffff\ufffe', '\u0001\u001f\u007f', 'a\ud83d\ude00b']) {
    assert.equal(unstorableText(good), undefined, JSON.stringify(good));
  }
  assert.match(unstorableText('a\udc00') ?? '', /unpaired surrogate, U\+DC00/);
});

test('the field is named by its path through input objects and lists', () => {
  assert.throws(() => assertStorableText({ input: { displayName: 'a\u0000' } }, ''), refusesField('input.displayName'));
  assert.throws(() => assertStorableText({ ids: ['1', '2', '\ud800'] }, ''), refusesField('ids[2]'));
  assert.throws(() => assertStorableText('\u0000', 'email'), refusesField('email'));
  assert.doesNotThrow(() => assertStorableText({ input: { title: 'ok', at: new Date(0), n: 1, none: null } }, ''));
});

test('guardTextArguments checks every field with arguments before its resolver runs', async () => {
  const calls: string[] = [];
  const schema = guardTextArguments(
    buildSchema(`
      input Note { text: String }
      type Box { label(suffix: String): String }
      type Query { echo(text: String, note: Note): String  box: Box }
    `),
  );
  const rootValue = {
    echo: (args: { text?: string; note?: { text: string } }) => {
      calls.push('echo');
      return args.text ?? args.note?.text;
    },
    box: { label: ({ suffix }: { suffix: string }) => `box${suffix}` },
  };
  const run = (source: string, variableValues?: Record<string, unknown>) => graphql({ schema, source, rootValue, variableValues });

  const ok = await run('query ($t: String) { echo(text: $t) box { label(suffix: "😀") } }', { t: 'e\u0301 👩‍👩‍👧' });
  assert.deepEqual(JSON.parse(JSON.stringify(ok)), { data: { echo: 'e\u0301 👩‍👩‍👧', box: { label: 'box😀' } } });

  const nul = await run('query ($n: Note) { echo(note: $n) }', { n: { text: 'a\u0000b' } });
  assert.equal(nul.errors?.[0]?.originalError instanceof AppError, true);
  assert.equal((nul.errors?.[0]?.originalError as AppError).details.field, 'note.text');
  const nested = await run('{ box { label(suffix: "\\u0000") } }');
  assert.equal((nested.errors?.[0]?.originalError as AppError).details.field, 'suffix', 'a field of another type, with the default resolver');
  assert.deepEqual(calls, ['echo'], 'the resolver did not run for the refused argument');
});
