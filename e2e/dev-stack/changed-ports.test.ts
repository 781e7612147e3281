// `npm start` with every port variable changed (none a default), then the web app in real
// Chromium the way a newcomer uses it: sign up, edit the profile, ask for a password reset, open
// the mail in the mail catcher, follow its link, set a new password and log in with it. Every
// request must go to the router on ROUTER_PORT and be allowed by its CORS check.
import { strict as assert } from 'node:assert';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page, Request } from 'playwright-core';
import type { StackPorts } from '../../scripts/lib/stack-env.ts';
import { TEST_PASSWORD, uniqueEmail } from '../support/client.ts';
import { launchChromium, screenshot } from '../frontend/web-app.ts';
import { freeStackPorts, freshDatabases, portEnv, runStart, within, type StartRun } from './npm-start.ts';

const NEW_PASSWORD = 'another fine passphrase 7';
const email = uniqueEmail('ports');

let ports: StackPorts;
let run: StartRun;
let browser: Browser;
let page: Page;
let web: string;
let router: string;
/** Every request the page sent to a router, wherever it went. */
const routerRequests: Request[] = [];
/** Browser console errors and failed requests: a CORS refusal shows up in both. */
const problems: string[] = [];

before(async () => {
  ports = await freeStackPorts();
  web = `http://127.0.0.1:${ports.FRONTEND_PORT}`;
  router = `http://127.0.0.1:${ports.ROUTER_PORT}/graphql`;
  // The README's way: only the port variables; NODE_ENV as a developer has it (unset).
  // Tracing off: no Zipkin JVM to wait for (scripts/start.test.ts covers it).
  run = runStart({ ...(await freshDatabases('dev_stack_ports')), ...portEnv(ports), NODE_ENV: '', OTEL_SDK_DISABLED: 'true' });
  await within(run.up, 240_000, 'the stack coming up', run.output);
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 1100, height: 860 } })).newPage();
  page.setDefaultTimeout(60_000); // the dev server compiles each module on first request
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === '/graphql') routerRequests.push(request);
  });
  page.on('requestfailed', (request) => problems.push(`${request.method()} ${request.url()} failed: ${request.failure()?.errorText}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
});

after(async () => {
  await browser?.close();
  if (run) {
    run.interrupt();
    const status = await within(run.exited, 90_000, 'the stack stopping', run.output);
    assert.deepEqual(status, { code: 0, signal: null }, run.output().slice(-3000));
  }
});

const heading = (name: string) => page.getByRole('heading', { level: 1, name });

interface InboxMail {
  to: string[];
  subject: string;
  links: string[];
}

/** The mail catcher's own HTTP inbox, polled until a mail for `to` is there. */
async function mailFor(to: string, subject: string): Promise<InboxMail> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const mails = (await (await fetch(`http://127.0.0.1:${ports.MAIL_UI_PORT}/api/mails`)).json()) as InboxMail[];
    const mail = mails.find((m) => m.to.includes(to.toLowerCase()) && m.subject === subject);
    if (mail) return mail;
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`no mail for ${to} in the mail catcher within 30 s`);
}

describe('npm start on changed ports', () => {
  test('start.ts names the changed ports in the URLs it prints', () => {
    const output = run.output();
    assert.ok(output.includes(`Web app          ${web}/`), output.slice(-1500));
    assert.ok(output.includes(`Router (Sandbox) ${router}`));
    assert.ok(output.includes(`Mail catcher     http://127.0.0.1:${ports.MAIL_UI_PORT}/`));
    assert.ok(output.includes(`mail catcher: SMTP smtp://127.0.0.1:${ports.MAIL_SMTP_PORT}`), 'the mail catcher listens for SMTP on MAIL_SMTP_PORT');
  });

  test('every part serves /metrics to the token start.ts printed, and only to it', async () => {
    const token = /authorization: Bearer (\S+)\)/.exec(run.output())?.[1];
    assert.ok(token, run.output().slice(-1500));
    for (const port of [ports.ROUTER_PORT, ports.AUTH_PORT, ports.USER_PORT]) {
      const metrics = await fetch(`http://127.0.0.1:${port}/metrics`, { headers: { authorization: `Bearer ${token}` } });
      assert.equal(metrics.status, 200, `:${port}`);
      assert.match(await metrics.text(), /^# TYPE graphql_operation_duration_seconds histogram$/m);
      assert.equal((await fetch(`http://127.0.0.1:${port}/metrics`)).status, 401, `:${port} without the token`);
    }
  });

  test('sign up through the web app', async () => {
    await page.goto(`${web}/signup`);
    await heading('Create your account').waitFor();
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign up' }).click();
    await heading('Learning goals').waitFor();
    await page.getByText('No goals yet.').waitFor();
    await screenshot(page, 'changed-ports-01-signed-up');
  });

  test('edit the profile', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Profile', exact: true }).click();
    await page.getByRole('link', { name: 'Edit profile' }).click();
    await heading('Edit profile').waitFor();
    await page.getByLabel('Display name').fill('Grace Hopper');
    await page.getByLabel('Bio').fill('Ports are just numbers.');
    await page.getByRole('button', { name: 'Save profile' }).click();
    await page.getByText('Profile saved.').waitFor();
    await page.getByTestId('profile-bio').getByText('Ports are just numbers.').waitFor();
    assert.equal(await page.getByTestId('viewer').textContent(), 'Grace Hopper');
    await screenshot(page, 'changed-ports-02-profile');
  });

  test('reset the password through the mail catcher, then log in with the new one', async () => {
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.getByLabel('Email').fill(email);
    await page.getByRole('button', { name: 'Send reset link' }).click();
    await page.getByText('a reset link is on its way').waitFor();

    // Sign-up also mailed a verification link: take the reset mail.
    const mail = await mailFor(email, 'Reset your Tracklore password');
    const resetLinks = mail.links.filter((link) => new URL(link).pathname === '/reset-password');
    assert.equal(resetLinks.length, 1, `one reset link in the mail: ${mail.links.join(', ')}`);
    assert.ok(resetLinks[0]?.startsWith(`${web}/reset-password?token=`), `the link points at the app on FRONTEND_PORT: ${resetLinks[0]}`);

    // The mail as a person reads it: the catcher's inbox page, the mail, its link.
    await page.goto(`http://127.0.0.1:${ports.MAIL_UI_PORT}/`);
    await page.getByRole('link', { name: mail.subject }).click();
    await page.getByRole('link', { name: resetLinks[0] }).click();
    await heading('Choose a new password').waitFor();
    assert.equal(new URL(page.url()).origin, web);
    await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('Repeat new password').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Set new password' }).click();
    await page.getByText('Your password has been changed').waitFor();

    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await heading('Learning goals').waitFor();
    await screenshot(page, 'changed-ports-03-logged-in-after-reset');
  });

  test('every request went to the router on ROUTER_PORT and its CORS check allowed each one', async () => {
    const posts = routerRequests.filter((r) => r.method() === 'POST');
    // SignUp, profile read and save, LogOut, RequestPasswordReset, ResetPassword, LogIn at least.
    assert.ok(posts.length >= 7, `GraphQL requests seen: ${posts.length}`);
    assert.deepEqual([...new Set(routerRequests.map((r) => new URL(r.url()).origin))], [new URL(router).origin]);
    const allowed = await Promise.all(posts.map(async (r) => (await r.response())?.headers()['access-control-allow-origin']));
    assert.deepEqual(allowed, posts.map(() => web), 'each response allows the app origin');
    assert.deepEqual(problems, []);
  });
});
