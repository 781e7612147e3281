import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { emailVerificationLink, emailVerificationMail } from './email-verification-mail.ts';

test('the verification mail carries the link (token in ?token=) and its validity', () => {
  const link = emailVerificationLink('http://127.0.0.1:5173/verify-email', 'tok_-1');
  assert.equal(link, 'http://127.0.0.1:5173/verify-email?token=tok_-1');
  const mail = emailVerificationMail({ to: 'a@b.co', link: 'https://x.example/v?lang=en&token=T', validHours: 24 });
  assert.equal(mail.to, 'a@b.co');
  assert.equal(mail.subject, 'Verify your Tracklore email address');
  assert.match(mail.text, /https:\/\/x\.example\/v\?lang=en&token=T/);
  assert.match(mail.text, /24 hours/);
  assert.match(mail.html ?? '', /href="https:\/\/x\.example\/v\?lang=en&#38;token=T"/);
});
