import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import nodemailer from 'nodemailer';
import { linksOf, startMailCatcher, type MailCatcher } from './mail-catcher.ts';

let catcher: MailCatcher;

before(async () => {
  catcher = await startMailCatcher({ smtpPort: 0, httpPort: 0 });
});
after(() => catcher.stop());

test('a mail sent over SMTP is listed and shown with its links, its HTML never rendered', async () => {
  const transport = nodemailer.createTransport(catcher.smtpUrl);
  const link = 'http://127.0.0.1:5173/reset-password?token=abc_DEF-123';
  await transport.sendMail({
    from: 'Tracklore <no-reply@tracklore.local>',
    to: 'reader@example.test',
    subject: 'Reset <your> password',
    text: `Open ${link} to choose a new password.`,
    html: `<p>Open <a href="${link}&amp;x=1">this link</a><script>alert(1)</script></p>`,
  });
  transport.close();

  const list = await fetch(catcher.webUrl + '/');
  assert.equal(list.status, 200);
  assert.match(list.headers.get('content-type') ?? '', /^text\/html/);
  const listHtml = await list.text();
  assert.match(listHtml, /Reset &lt;your&gt; password/);
  assert.match(listHtml, /reader@example\.test/);
  const id = /href="\/mails\/(\d+)"/.exec(listHtml)?.[1];
  assert.ok(id, 'the list links to the mail');

  const mailHtml = await (await fetch(`${catcher.webUrl}/mails/${id}`)).text();
  assert.ok(mailHtml.includes(`<a href="${link}" rel="noreferrer noopener">`), 'the reset link is clickable');
  assert.ok(mailHtml.includes(`href="${link}&amp;x=1"`), 'HTML hrefs are listed too');
  assert.ok(!mailHtml.includes('<script>alert(1)</script>'), 'mail HTML is shown as escaped source');
  assert.ok(mailHtml.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));

  const api = (await (await fetch(`${catcher.webUrl}/api/mails`)).json()) as Array<{ subject: string; links: string[] }>;
  assert.equal(api.at(-1)?.subject, 'Reset <your> password');
  assert.deepEqual(api.at(-1)?.links, [link, `${link}&x=1`]);
});

test('/health answers for the dev stack, unknown mails are 404 and only GET is served', async () => {
  assert.equal((await fetch(`${catcher.webUrl}/health`)).status, 200);
  assert.equal((await fetch(`${catcher.webUrl}/mails/999`)).status, 404);
  assert.equal((await fetch(`${catcher.webUrl}/`, { method: 'POST' })).status, 405);
});

test('linksOf keeps http(s) links only, once each', () => {
  assert.deepEqual(linksOf({ text: 'a https://x.test/a, b https://x.test/a and mailto:me@x.test', html: '<a href="javascript:alert(1)">x</a><a href=\'https://y.test/?a=1&amp;b=2\'>y</a>' }), [
    'https://x.test/a',
    'https://y.test/?a=1&b=2',
  ]);
});
