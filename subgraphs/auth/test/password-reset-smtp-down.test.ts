// SMTP unreachable: reset requests still answer true at once; the mail waits in mail_outbox and is
// delivered exactly once when the mail server is back, and its link works. Mail whose link expired
// meanwhile, or that used up its attempts, is abandoned (and its stored link cleared), not sent.
// "SMTP down" is a real port where nothing listens yet; a real SMTP listener starts there later.
import { strict as assert } from 'node:assert';
import { after, test } from 'node:test';
import { createSmtpCapture } from '@tracklore/devkit/smtp-capture';
import { freePort } from '@tracklore/devkit/ports';
import { systemClock } from '@tracklore/shared/clock';
import { errorCode, logIn, RESET_SUBJECT, signUp, startTestAuth, uniqueEmail } from './helpers.ts';

const smtpPort = await freePort();
const t = await startTestAuth('auth_reset_smtp_down', {
  SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
  PASSWORD_RESET_URL: 'https://app.example.test/reset-password',
  MAIL_RETRY_MIN_MS: '200',
  MAIL_RETRY_MAX_MS: '1000',
  MAIL_MAX_ATTEMPTS: '50',
  OUTBOX_POLL_INTERVAL_MS: '600000', // retries are timed by backoff, not by the safety poll
});

const request = (email: string) => t.gql<{ requestPasswordReset: boolean }>('mutation($e: String!) { requestPasswordReset(email: $e) }', { e: email });

interface MailRow {
  attempts: number;
  last_error: string | null;
  sent_at: Date | null;
  abandoned_at: Date | null;
  payload: { text: string } | null;
}
/** The reset mail's job (sign-up also queued a verification mail to the same address). */
async function mailRow(email: string): Promise<MailRow | undefined> {
  const { rows } = await t.sql.query<MailRow>(
    `SELECT attempts, last_error, sent_at, abandoned_at, payload FROM mail_outbox WHERE recipient = $1 AND kind = 'password-reset'`, [email]);
  assert.ok(rows.length <= 1, 'one job per request');
  return rows[0];
}

async function ready(): Promise<{ checks: { mail: { pending: number; lastError: string | null; abandonedLastDay: number } } }> {
  const response = await fetch(`${t.auth.url}/ready`);
  assert.equal(response.status, 200, 'SMTP being down must not make the service unready');
  return (await response.json()) as never;
}

test('reset mail survives an SMTP outage, arrives once when SMTP is back, and its link works', async () => {
  const email = uniqueEmail('smtpdown');
  const expired = uniqueEmail('smtpexpired');
  const exhausted = uniqueEmail('smtpexhausted');
  for (const e of [email, expired, exhausted]) await signUp(t, e);

  for (const e of [email, expired, exhausted]) assert.equal((await request(e)).data?.requestPasswordReset, true);
  for (const e of [email, expired, exhausted]) await waitFor(async () => ((await mailRow(e))?.attempts ?? 0) >= 2);
  const waiting = (await mailRow(email))!;
  assert.equal(waiting.sent_at, null);
  assert.equal(waiting.abandoned_at, null);
  assert.ok(waiting.last_error, 'the failed send is recorded');
  const down = await ready();
  assert.ok(down.checks.mail.pending >= 3);
  assert.ok(down.checks.mail.lastError);

  // The link of one mail expires while SMTP is down; another one runs out of attempts.
  await t.sql.query(`UPDATE mail_outbox SET expires_at = now() - interval '1 second' WHERE recipient = $1 AND kind = 'password-reset'`, [expired]);
  await t.sql.query(`UPDATE mail_outbox SET attempts = 49 WHERE recipient = $1 AND kind = 'password-reset'`, [exhausted]);
  await waitFor(async () => (await mailRow(exhausted))?.abandoned_at != null);

  const smtp = createSmtpCapture({ port: smtpPort });
  await smtp.start();
  after(() => smtp.stop());
  const isReset = (m: { subject: string }) => m.subject === RESET_SUBJECT;
  const mail = await smtp.waitFor((m) => m.to.includes(email) && isReset(m), 30_000);
  const link = mail.text.match(/https:\/\/app\.example\.test\/reset-password\?token=([A-Za-z0-9_-]+)/);
  assert.ok(link, `no reset link in: ${mail.text}`);
  assert.equal(mail.subject, 'Reset your Tracklore password');

  await waitFor(async () => (await mailRow(expired))?.abandoned_at != null);
  await waitFor(async () => (await ready()).checks.mail.pending === 0);
  await new Promise((r) => setTimeout(r, 1500)); // room for a duplicate to show up, if there were one
  assert.equal(smtp.messages.filter((m) => m.to.includes(email) && isReset(m)).length, 1, 'delivered exactly once');
  assert.equal(smtp.messages.filter((m) => (m.to.includes(expired) || m.to.includes(exhausted)) && isReset(m)).length, 0, 'abandoned mail is not sent');

  const sent = (await mailRow(email))!;
  assert.ok(sent.sent_at);
  assert.equal(sent.payload, null, 'the stored link (raw token) is cleared once sent');
  for (const e of [expired, exhausted]) assert.equal((await mailRow(e))!.payload, null, 'and once abandoned');
  assert.ok((await mailRow(exhausted))!.attempts >= 50);
  assert.ok((await ready()).checks.mail.abandonedLastDay >= 2);

  const reset = await t.gql<{ resetPassword: boolean }>('mutation($t: String!, $p: String!) { resetPassword(token: $t, newPassword: $p) }', { t: link[1], p: 'a brand new passphrase' });
  assert.equal(reset.data?.resetPassword, true, JSON.stringify(reset.errors));
  assert.equal(errorCode(await logIn(t, email)), 'INVALID_CREDENTIALS');
  assert.equal((await logIn(t, email, 'a brand new passphrase')).errors, undefined);
});

async function waitFor(check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = systemClock.now() + timeoutMs;
  while (!(await check())) {
    if (systemClock.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}
