// Email verification over real SMTP: sign-up mails the first link itself; the link's token marks the
// address verified once; a used, expired or unknown link says which; resending is rate-limited per
// account; emailVerified is visible to the viewer and admins only.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { errorCode, errorField, signUp, signUpAdmin, startTestAuth, uniqueEmail, VERIFY_SUBJECT, type GraphQLResult } from './helpers.ts';

const t = await startTestAuth('auth_email_verification', {
  EMAIL_VERIFICATION_URL: 'https://app.example.test/verify-email',
  RATE_LIMIT_VERIFY_ACCOUNT_MAX: '2',
});

const LINK = /https:\/\/app\.example\.test\/verify-email\?token=([A-Za-z0-9_-]+)/;

/** Tokens of every verification mail `email` received so far, oldest first, after waiting for the `count`th. */
async function mailedTokens(email: string, count = 1): Promise<string[]> {
  const mine = () => t.smtp.messages.filter((m) => m.to.includes(email) && m.subject === VERIFY_SUBJECT);
  await t.smtp.waitFor(() => mine().length >= count, 15_000);
  return mine().map((mail) => {
    const link = LINK.exec(mail.text);
    assert.ok(link, `no verification link in: ${mail.text}`);
    assert.match(mail.from, /no-reply@tracklore\.local/);
    return link[1]!;
  });
}

const verify = (token: string) => t.gql<{ verifyEmail: boolean }>('mutation($t: String!) { verifyEmail(token: $t) }', { t: token });
const resend = (accessToken?: string) => t.gql<{ requestEmailVerification: boolean }>('mutation { requestEmailVerification }', {}, { token: accessToken });
const verified = async (accessToken: string) => (await t.gql<{ me: { emailVerified: boolean } }>('{ me { emailVerified } }', {}, { token: accessToken })).data?.me.emailVerified;

function assertTokenError(result: GraphQLResult<unknown>, message: RegExp): void {
  assert.equal(errorCode(result), 'BAD_USER_INPUT', JSON.stringify(result.errors));
  assert.equal(errorField(result), 'token');
  assert.match(result.errors?.[0]?.message ?? '', message);
}

test('sign-up mails a link; its token verifies the address once', async () => {
  const email = uniqueEmail('verify');
  const session = await signUp(t, email);
  const [token] = await mailedTokens(email);
  assert.equal(await verified(session.accessToken), false);
  const stored = await t.sql.query('SELECT token_hash FROM email_verification_tokens t JOIN users u ON u.id = t.user_id WHERE u.email = $1', [email]);
  assert.equal(stored.rows.length, 1);
  assert.notEqual(stored.rows[0].token_hash, token, 'only a hash is stored');

  assert.equal((await verify(token!)).data?.verifyEmail, true);
  assert.equal(await verified(session.accessToken), true);
  assertTokenError(await verify(token!), /already used/);
  assert.equal(await verified(session.accessToken), true);
});

test('the link is valid for 24 hours; an expired link says so', async () => {
  const email = uniqueEmail('verifyexpired');
  const session = await signUp(t, email);
  const [token] = await mailedTokens(email);
  const { rows } = await t.sql.query(
    'SELECT extract(epoch FROM t.expires_at - t.created_at)::int AS seconds FROM email_verification_tokens t JOIN users u ON u.id = t.user_id WHERE u.email = $1', [email]);
  assert.equal(rows[0].seconds, 24 * 3600);
  await t.sql.query(`UPDATE email_verification_tokens SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [Number(session.user.id)]);
  assertTokenError(await verify(token!), /^this link has expired; ask for a new one$/);
  assert.equal(await verified(session.accessToken), false);
});

test('an unknown or malformed token is BAD_USER_INPUT on token', async () => {
  assertTokenError(await verify('A'.repeat(43)), /not valid/);
  assertTokenError(await verify('not a token'), /not valid/);
});

test('requestEmailVerification mails a new link, up to the per-account limit', async () => {
  const email = uniqueEmail('resend');
  const session = await signUp(t, email);
  await mailedTokens(email);
  assert.equal(errorCode(await resend()), 'UNAUTHENTICATED');
  assert.equal((await resend(session.accessToken)).data?.requestEmailVerification, true);
  assert.equal((await resend(session.accessToken)).data?.requestEmailVerification, true);
  const limited = await resend(session.accessToken);
  assert.equal(errorCode(limited), 'RATE_LIMITED');
  assert.ok(Number(limited.errors?.[0]?.extensions?.retryAfter) >= 1);
  // Sign-up's own mail does not count against the limit: two resends, three mails.
  const tokens = await mailedTokens(email, 3);
  assert.equal(tokens.length, 3);
  // Any unexpired link works; once one did, the others are spent.
  assert.equal((await verify(tokens[1]!)).data?.verifyEmail, true);
  assertTokenError(await verify(tokens[2]!), /already used/);
});

test('an already verified address answers true and gets no mail', async () => {
  const email = uniqueEmail('already');
  const session = await signUp(t, email);
  const [token] = await mailedTokens(email);
  await verify(token!);
  const jobs = async () =>
    (await t.sql.query(`SELECT count(*)::int AS n FROM mail_outbox WHERE user_id = $1 AND kind = 'email-verification'`, [Number(session.user.id)])).rows[0].n as number;
  const before = await jobs();
  for (let i = 0; i < 4; i += 1) assert.equal((await resend(session.accessToken)).data?.requestEmailVerification, true, 'no rate limit either');
  assert.equal(await jobs(), before);
});

test('emailVerified is visible to the viewer and admins only', async () => {
  const owner = await signUp(t, uniqueEmail('owner'));
  const other = await signUp(t, uniqueEmail('other'));
  const admin = await signUpAdmin(t);
  const query = 'query($id: ID!) { user(id: $id) { id emailVerified } }';
  const as = (accessToken?: string) => t.gql<{ user: { emailVerified: boolean } | null }>(query, { id: owner.user.id }, { token: accessToken });
  assert.equal((await as(owner.accessToken)).data?.user?.emailVerified, false);
  assert.equal((await as(admin.accessToken)).data?.user?.emailVerified, false);
  assert.equal(errorCode(await as(other.accessToken)), 'FORBIDDEN');
  assert.equal(errorCode(await as()), 'FORBIDDEN');
  const payload = await t.gql<{ signUp: { user: { emailVerified: boolean } } }>(
    'mutation($e: String!) { signUp(email: $e, password: "a fine new passphrase") { user { emailVerified } } }', { e: uniqueEmail('payload') });
  assert.equal(payload.data?.signUp.user.emailVerified, false, "the payload's user is the new session's own");
});
