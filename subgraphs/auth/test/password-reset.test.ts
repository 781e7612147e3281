// Password reset over real SMTP: the mailed link's token works once, expires, ends every session;
// unknown addresses get the same answer and no mail.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { errorCode, logIn, PASSWORD, RESET_SUBJECT, signUp, startTestAuth, uniqueEmail } from './helpers.ts';

const t = await startTestAuth('auth_password_reset', { PASSWORD_RESET_URL: 'https://app.example.test/reset-password' });

const request = (email: string) => t.gql<{ requestPasswordReset: boolean }>('mutation($e: String!) { requestPasswordReset(email: $e) }', { e: email });
const reset = (token: string, newPassword: string) =>
  t.gql<{ resetPassword: boolean }>('mutation($t: String!, $p: String!) { resetPassword(token: $t, newPassword: $p) }', { t: token, p: newPassword });

async function mailedToken(email: string): Promise<string> {
  // Sign-up also mails a verification link to the address: wait for the reset mail.
  const mail = await t.smtp.waitFor((m) => m.to.includes(email) && m.subject === RESET_SUBJECT);
  const link = mail.text.match(/https:\/\/app\.example\.test\/reset-password\?token=([A-Za-z0-9_-]+)/);
  assert.ok(link, `no reset link in: ${mail.text}`);
  assert.equal(mail.subject, 'Reset your Tracklore password');
  assert.match(mail.from, /no-reply@tracklore\.local/);
  return link[1]!;
}

test('the mailed token resets the password once and ends every session', async () => {
  const email = uniqueEmail('reset');
  const first = await signUp(t, email);
  const second = (await logIn(t, email)).data!.logIn;
  assert.equal((await request(email)).data?.requestPasswordReset, true);
  const token = await mailedToken(email);
  const stored = await t.sql.query('SELECT token_hash FROM password_reset_tokens');
  assert.ok(stored.rows.every((r) => r.token_hash !== token), 'only a hash is stored');

  assert.equal(errorCode(await reset(token, 'short')), 'BAD_USER_INPUT', 'policy still applies');
  assert.equal((await reset(token, 'a brand new passphrase')).data?.resetPassword, true);
  const again = await reset(token, 'yet another passphrase');
  assert.equal(errorCode(again), 'BAD_USER_INPUT');
  assert.equal(again.errors?.[0]?.extensions?.field, 'token');

  for (const session of [first, second]) {
    assert.equal((await t.gql<{ me: unknown }>('{ me { id } }', {}, { token: session.accessToken })).data?.me, null);
    const refreshed = await t.gql('mutation($r: String!) { refreshSession(refreshToken: $r) { accessToken } }', { r: session.refreshToken });
    assert.equal(errorCode(refreshed), 'UNAUTHENTICATED');
  }
  assert.equal(errorCode(await logIn(t, email, PASSWORD)), 'INVALID_CREDENTIALS');
  assert.equal((await logIn(t, email, 'a brand new passphrase')).errors, undefined);
});

test('an expired token fails', async () => {
  const email = uniqueEmail('expired');
  await signUp(t, email);
  await request(email);
  const token = await mailedToken(email);
  await t.sql.query(`UPDATE password_reset_tokens SET expires_at = now() - interval '1 second' WHERE user_id = (SELECT id FROM users WHERE email = $1)`, [email]);
  assert.equal(errorCode(await reset(token, 'a brand new passphrase')), 'BAD_USER_INPUT');
  assert.equal((await logIn(t, email)).errors, undefined, 'the old password still works');
});

test('the token is valid for 30 minutes', async () => {
  const email = uniqueEmail('ttl');
  await signUp(t, email);
  await request(email);
  await mailedToken(email);
  const { rows } = await t.sql.query(
    `SELECT extract(epoch FROM expires_at - created_at)::int AS seconds FROM password_reset_tokens WHERE user_id = (SELECT id FROM users WHERE email = $1)`, [email]);
  assert.equal(rows[0].seconds, 1800);
});

test('an unknown email still answers true and sends nothing', async () => {
  const unknown = uniqueEmail('nobody');
  assert.equal((await request(unknown)).data?.requestPasswordReset, true);
  // A later request for a real account is delivered; by then the unknown one has been handled.
  const known = uniqueEmail('somebody');
  await signUp(t, known);
  await request(known);
  await mailedToken(known);
  assert.equal(t.smtp.messages.filter((m) => m.to.includes(unknown)).length, 0);
  const { rows } = await t.sql.query('SELECT count(*)::int AS n FROM password_reset_tokens t JOIN users u ON u.id = t.user_id WHERE u.email = $1', [unknown]);
  assert.equal(rows[0].n, 0);
  assert.equal(errorCode(await request('not-an-email')), 'BAD_USER_INPUT');
});

test('changePassword needs the current password, then ends the other sessions only', async () => {
  const email = uniqueEmail('change');
  const mine = await signUp(t, email);
  const other = (await logIn(t, email)).data!.logIn;
  const change = (current: string, next: string) =>
    t.gql<{ changePassword: boolean }>('mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) }', { c: current, n: next }, { token: mine.accessToken });
  assert.equal(errorCode(await change('wrong password!!', 'a changed passphrase')), 'INVALID_CREDENTIALS');
  const weak = await change(PASSWORD, email);
  assert.equal(errorCode(weak), 'BAD_USER_INPUT');
  assert.equal(weak.errors?.[0]?.extensions?.field, 'newPassword');
  assert.equal((await change(PASSWORD, 'a changed passphrase')).data?.changePassword, true);
  assert.notEqual((await t.gql<{ me: unknown }>('{ me { id } }', {}, { token: mine.accessToken })).data?.me, null);
  assert.equal((await t.gql<{ me: unknown }>('{ me { id } }', {}, { token: other.accessToken })).data?.me, null);
  assert.equal((await logIn(t, email, 'a changed passphrase')).errors, undefined);
  assert.equal(errorCode(await t.gql('mutation { changePassword(currentPassword: "x", newPassword: "y") }')), 'UNAUTHENTICATED');
});
