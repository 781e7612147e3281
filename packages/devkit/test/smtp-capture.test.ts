// The SMTP capture is a real listener: nodemailer talks SMTP to it over TCP.
import { strict as assert } from 'node:assert';
import { after, test } from 'node:test';
import nodemailer from 'nodemailer';
import { createSmtpCapture } from '../src/smtp-capture.ts';

const capture = createSmtpCapture();
after(() => capture.stop());

test('captures mail sent over SMTP and finds it with waitFor', async () => {
  await capture.start();
  assert.match(capture.url, /^smtp:\/\/127\.0\.0\.1:\d+$/);
  const seen: number[] = [];
  const unsubscribe = capture.onMessage((m) => seen.push(m.id));
  const transport = nodemailer.createTransport({ url: capture.url });
  const waiting = capture.waitFor((m) => m.subject === 'second');
  await transport.sendMail({ from: 'App <app@example.test>', to: 'One@Example.test', subject: 'first', text: 'hello 1' });
  await transport.sendMail({ from: 'app@example.test', to: 'two@example.test', subject: 'second', text: 'hello 2', html: '<p>hello 2</p>' });
  transport.close();
  const second = await waiting;
  assert.deepEqual(second.to, ['two@example.test']);
  assert.deepEqual(second.envelopeTo, ['two@example.test']);
  assert.equal(second.text.trim(), 'hello 2');
  assert.equal(second.html, '<p>hello 2</p>');
  const first = await capture.waitFor((m) => m.subject === 'first', 100); // already received
  assert.deepEqual(first.to, ['one@example.test']);
  assert.match(first.from, /app@example\.test/);
  assert.equal(first.headers.subject, 'first');
  assert.deepEqual(seen, [1, 2]);
  unsubscribe();
  assert.equal(capture.messages.length, 2);
  capture.clear();
  assert.equal(capture.messages.length, 0);
  await assert.rejects(capture.waitFor((m) => m.subject === 'never', 50), /no matching mail within 50 ms/);
});
