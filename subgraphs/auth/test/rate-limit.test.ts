// Rate limits on shared counters: failed logins per account and per client address (the address
// the router forwards in x-forwarded-for), sign-ups and reset requests per address.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { errorCode, logIn, signUp, startTestAuth, uniqueEmail } from './helpers.ts';

// Week-long windows: a fixed window boundary falling inside a test would reset the counts.
const WEEK = String(7 * 24 * 3600);
const t = await startTestAuth('auth_rate_limit', {
  RATE_LIMIT_LOGIN_ACCOUNT_WINDOW_SECONDS: WEEK,
  RATE_LIMIT_LOGIN_ADDRESS_WINDOW_SECONDS: WEEK,
  RATE_LIMIT_SIGNUP_ADDRESS_WINDOW_SECONDS: WEEK,
  RATE_LIMIT_RESET_ADDRESS_WINDOW_SECONDS: WEEK,
  RATE_LIMIT_LOGIN_ACCOUNT_MAX: '3',
  RATE_LIMIT_LOGIN_ADDRESS_MAX: '5',
  RATE_LIMIT_SIGNUP_ADDRESS_MAX: '2',
  RATE_LIMIT_RESET_ADDRESS_MAX: '2',
});
const from = (address: string) => ({ headers: { 'x-forwarded-for': address } });

test('the N+1th failed login for an account within the window is RATE_LIMITED with retryAfter', async () => {
  const email = uniqueEmail('victim');
  await signUp(t, email, undefined, from('10.0.0.1'));
  for (let i = 0; i < 3; i++) {
    const failed = await logIn(t, email, 'wrong password here', from(`10.0.1.${i}`));
    assert.equal(errorCode(failed), 'INVALID_CREDENTIALS', `attempt ${i + 1}`);
  }
  const limited = await logIn(t, email, 'wrong password here', from('10.0.1.9'));
  assert.equal(errorCode(limited), 'RATE_LIMITED');
  const retryAfter = limited.errors?.[0]?.extensions?.retryAfter;
  assert.ok(Number.isInteger(retryAfter) && (retryAfter as number) >= 1 && (retryAfter as number) <= Number(WEEK), `retryAfter ${retryAfter}`);
  // Even the right password waits: the account is locked for this window.
  assert.equal(errorCode(await logIn(t, email, undefined, from('10.0.1.10'))), 'RATE_LIMITED');
});

test('successful logins do not count; unknown accounts are limited the same way', async () => {
  const email = uniqueEmail('regular');
  await signUp(t, email, undefined, from('10.0.2.1'));
  for (let i = 0; i < 5; i++) assert.equal((await logIn(t, email, undefined, from(`10.0.2.${10 + i}`))).errors, undefined);
  const ghost = uniqueEmail('ghost');
  for (let i = 0; i < 3; i++) assert.equal(errorCode(await logIn(t, ghost, 'some password x', from(`10.0.3.${i}`))), 'INVALID_CREDENTIALS');
  assert.equal(errorCode(await logIn(t, ghost, 'some password x', from('10.0.3.9'))), 'RATE_LIMITED');
});

test('failed logins per client address are limited across accounts; other addresses are not', async () => {
  for (let i = 0; i < 5; i++) assert.equal(errorCode(await logIn(t, uniqueEmail('spray'), 'some password x', from('192.0.2.7'))), 'INVALID_CREDENTIALS');
  assert.equal(errorCode(await logIn(t, uniqueEmail('spray'), 'some password x', from('192.0.2.7'))), 'RATE_LIMITED');
  // The router appends the address it saw; a client-supplied entry to its left is ignored.
  assert.equal(errorCode(await logIn(t, uniqueEmail('spray'), 'some password x', from('192.0.2.7, 192.0.2.8'))), 'INVALID_CREDENTIALS');
  assert.equal(errorCode(await logIn(t, uniqueEmail('spray'), 'some password x', from('203.0.113.5, 192.0.2.7'))), 'RATE_LIMITED');
});

test('sign-ups and reset requests per address', async () => {
  await signUp(t, uniqueEmail('s1'), undefined, from('198.51.100.1'));
  await signUp(t, uniqueEmail('s2'), undefined, from('198.51.100.1'));
  const third = await t.gql('mutation($e: String!) { signUp(email: $e, password: "correct horse battery staple") { accessToken } }', { e: uniqueEmail('s3') }, from('198.51.100.1'));
  assert.equal(errorCode(third), 'RATE_LIMITED');
  await signUp(t, uniqueEmail('s4'), undefined, from('198.51.100.2'));

  const ask = (address: string) => t.gql<{ requestPasswordReset: boolean }>('mutation($e: String!) { requestPasswordReset(email: $e) }', { e: uniqueEmail('r') }, from(address));
  assert.equal((await ask('198.51.100.3')).data?.requestPasswordReset, true);
  assert.equal((await ask('198.51.100.3')).data?.requestPasswordReset, true);
  assert.equal(errorCode(await ask('198.51.100.3')), 'RATE_LIMITED');
});

test('counters live in rate_limit_buckets (shared by every instance)', async () => {
  const { rows } = await t.sql.query(`SELECT key, count FROM rate_limit_buckets WHERE key LIKE 'login:address:192.0.2.7'`);
  assert.equal(rows.length, 1);
  assert.ok(rows[0].count >= 6);
});
