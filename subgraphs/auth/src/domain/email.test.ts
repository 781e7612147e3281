import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { AppError } from '@tracklore/shared/errors';
import { emailProblem, normaliseEmail, parseEmail } from './email.ts';

test('normalisation trims and lower-cases', () => {
  assert.equal(normaliseEmail('  Ada.Lovelace@Example.COM \n'), 'ada.lovelace@example.com');
});

test('plausible addresses pass', () => {
  for (const ok of ['a@b.co', 'first.last+tag@sub.example.org', "o'brien@example.ie", 'x_y-z@xn--bcher-kva.example']) {
    assert.equal(emailProblem(ok), undefined, ok);
  }
});

test('implausible addresses are refused with a reason', () => {
  for (const bad of ['', 'no-at-sign', '@example.com', 'a@', 'a@localhost', 'a b@example.com', 'a..b@example.com', '.a@example.com',
    'a@-example.com', 'a@example..com', 'a@example.123', `${'a'.repeat(65)}@example.com`, `a@${'b'.repeat(250)}.com`, 'a@b@example.com']) {
    assert.ok(emailProblem(bad), `expected a problem for ${JSON.stringify(bad)}`);
  }
});

test('parseEmail returns the normalised address or BAD_USER_INPUT naming the field', () => {
  assert.equal(parseEmail(' Me@Example.com '), 'me@example.com');
  assert.throws(
    () => parseEmail('nope', 'email'),
    (error: unknown) => error instanceof AppError && error.code === 'BAD_USER_INPUT' && error.details.field === 'email',
  );
});
