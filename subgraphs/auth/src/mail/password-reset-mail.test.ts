import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { passwordResetLink, passwordResetMail } from './password-reset-mail.ts';

test('the token is appended as ?token=, keeping any query the base URL has', () => {
  assert.equal(passwordResetLink('http://127.0.0.1:5173/reset-password', 'abc_-1'), 'http://127.0.0.1:5173/reset-password?token=abc_-1');
  assert.equal(passwordResetLink('https://app.example/reset?lang=en', 'tok'), 'https://app.example/reset?lang=en&token=tok');
});

test('the mail carries the link and the validity in text and HTML', () => {
  const mail = passwordResetMail({ to: 'a@b.co', link: 'https://x.example/r?token=T&a=1', validMinutes: 30 });
  assert.equal(mail.to, 'a@b.co');
  assert.match(mail.text, /https:\/\/x\.example\/r\?token=T&a=1/);
  assert.match(mail.text, /30 minutes/);
  assert.match(mail.html ?? '', /href="https:\/\/x\.example\/r\?token=T&#38;a=1"/);
});
