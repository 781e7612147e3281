// The web app in a real browser (Debian's Chromium via playwright-core) against the real stack:
// sign up → edit profile → create a goal → complete it → the badge appears → log out → log in →
// sessions → forgot password → the emailed link → reset → log in with the new password; plus
// field errors (an over-long value is refused, not cut), notices that do not outlive their page
// view, a bio that looks like HTML, a read-only completed goal, two sessions told apart, a reused
// reset link and a revoked session. Focus, token refresh and phone width: browser-navigation.test.ts.
// Screenshots of each page go to test-results/screenshots/.
import { strict as assert } from 'node:assert';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { graphqlRequest, TEST_PASSWORD, uniqueEmail } from '../support/client.ts';
import type { Stack } from '../support/stack.ts';
import { fieldErrorOf, screenshot, startWebApp, type WebApp } from './web-app.ts';

const XSS_BIO = 'Curious learner. <img src=x onerror=alert(1)>';
const NEW_PASSWORD = 'a brand new passphrase 42';

let app: WebApp;
let stack: Stack;
let page: Page;
let operations: string[];
let dialogs: string[];
const email = uniqueEmail('web');
/** When the browser's login of the journey had finished (Date.now()). */
let loggedInAt = 0;

before(async () => {
  app = await startWebApp('e2e_frontend_journey');
  ({ stack, page, operations, dialogs } = app);
});

after(() => app?.stop());

const heading = (name: string) => page.getByRole('heading', { level: 1, name });
const nav = (name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });
const fieldError = (name: string) => fieldErrorOf(page, name);

async function logIn(password: string): Promise<void> {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
}

describe('the web app journey', () => {
  test('sign up: a weak password is refused beside its field, then the account is created', async () => {
    await page.goto(`${app.web.url}/signup`);
    await heading('Create your account').waitFor();
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('short');
    await page.getByRole('button', { name: 'Sign up' }).click();
    assert.match(await fieldError('password'), /10 characters/);
    await screenshot(page, '01-sign-up-error');
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign up' }).click();
    await heading('Learning goals').waitFor();
    await page.getByText('No goals yet.').waitFor();
    await screenshot(page, '02-goals-empty');
  });

  test('edit profile: field errors, avatar preview, and a bio that looks like HTML stays text', async () => {
    await nav('Profile').click();
    await page.getByText('Your profile is still empty.').waitFor();
    await screenshot(page, '03-profile-empty');
    await page.getByRole('link', { name: 'Edit profile' }).click();
    await heading('Edit profile').waitFor();
    // One character over the limit: refused beside the field, kept whole, nothing sent.
    const saves = operations.filter((o) => o === 'UpdateProfile').length;
    await page.getByLabel('Display name').fill('A'.repeat(101));
    await page.getByRole('button', { name: 'Save profile' }).click();
    assert.match(await fieldError('displayName'), /at most 100 characters \(this is 101\)/);
    assert.equal((await page.getByLabel('Display name').inputValue()).length, 101, 'the value was not cut');
    assert.equal(operations.filter((o) => o === 'UpdateProfile').length, saves, 'no request for a value the server refuses');
    await screenshot(page, '04a-profile-edit-too-long');
    await page.getByLabel('Display name').fill('Ada Lovelace');
    await page.getByLabel('Bio').fill(XSS_BIO);
    await page.getByLabel('Location').fill('London');
    await page.getByLabel('Avatar URL').fill('http://127.0.0.1:9/avatar.png');
    await page.getByRole('button', { name: 'Save profile' }).click();
    assert.match(await fieldError('avatarUrl'), /https/);
    await screenshot(page, '04-profile-edit-error');

    const avatar = 'https://127.0.0.1:9/avatar.png'; // loopback, nothing listens: the preview falls back quietly
    await page.getByLabel('Avatar URL').fill(avatar);
    assert.equal(await page.getByAltText('Avatar preview').getAttribute('src'), avatar);
    await page.getByRole('button', { name: 'Save profile' }).click();
    await page.getByText('Profile saved.').waitFor();
    await page.getByTestId('profile-bio').getByText(XSS_BIO).waitFor();
    assert.equal(await page.getByTestId('viewer').textContent(), 'Ada Lovelace');
    assert.equal(await page.locator('img[src="x"]').count(), 0, 'the bio made no <img>');
    assert.deepEqual(dialogs, [], 'no script from the bio ran');
    await screenshot(page, '05-profile');

    // The confirmation belonged to that page view: a reload shows the profile without it.
    await page.reload();
    await page.getByTestId('profile-bio').getByText(XSS_BIO).waitFor();
    assert.equal(await page.getByText('Profile saved.').count(), 0, '"Profile saved." survived the reload');
  });

  test('create a goal, complete it, and filter by status', async () => {
    await nav('Goals').click();
    await page.getByLabel('Title').fill('Learn GraphQL federation');
    await page.getByLabel('Description (optional)').fill('Subgraphs, entities, the router.');
    await page.getByLabel('Target date (optional)').fill('2027-03-14');
    await page.getByRole('button', { name: 'Add goal' }).click();
    const goal = page.getByRole('article', { name: 'Learn GraphQL federation' });
    await goal.waitFor();
    assert.match((await goal.textContent()) ?? '', /Target: Mar 14, 2027/);
    await screenshot(page, '06-goal-created');

    await goal.getByRole('button', { name: 'Mark complete' }).click();
    await goal.locator('.pill', { hasText: 'Completed' }).waitFor();
    assert.match((await goal.textContent()) ?? '', /Progress 100%/);
    // Done is done: the progress is shown, not a slider that still moves.
    assert.equal(await goal.getByRole('slider').count(), 0, 'no progress slider on a completed goal');
    assert.equal(await goal.getByRole('progressbar').getAttribute('value'), '100');
    await screenshot(page, '07-goal-completed');

    // click, not check(): the radio follows the URL, which React Router updates in a transition.
    await page.getByRole('radio', { name: 'Active' }).click();
    await page.getByText('No active goals.').waitFor();
    assert.equal(await page.getByRole('radio', { name: 'Active' }).isChecked(), true);
    await page.getByRole('radio', { name: 'Completed' }).click();
    await page.getByRole('article', { name: 'Learn GraphQL federation' }).waitFor();
    assert.match(page.url(), /\?status=completed$/);
    await page.getByRole('radio', { name: 'All' }).click();
    await page.waitForURL(/\/goals$/);
  });

  test('the badge for completing a goal appears with its description', async () => {
    const catalog = await graphqlRequest<{ badges: Array<{ slug: string; name: string; description: string }> }>(stack.routerUrl, '{ badges { slug name description } }');
    const finisher = catalog.data?.badges.find((b) => b.slug === 'first-goal-completed');
    assert.ok(finisher, 'the catalog has the first-goal-completed badge');
    await nav('Badges').click();
    const card = page.getByRole('list', { name: 'Earned badges' }).locator('li[data-badge="first-goal-completed"]');
    await card.waitFor();
    assert.equal(await card.getByRole('heading').textContent(), finisher.name);
    assert.equal(await card.locator('.badge__description').textContent(), finisher.description);
    await screenshot(page, '08-badges');
  });

  test('log out, log in again with the keyboard; a reload keeps the session with no token in localStorage', async () => {
    await page.getByRole('button', { name: 'Log out', exact: true }).click();
    await page.getByText('You have been logged out.').waitFor();
    await screenshot(page, '09-logged-out');
    assert.ok(operations.includes('LogOut'));
    // A new attempt on the page replaces the notice of how one got here.
    await logIn('not my password at all');
    await page.getByRole('alert').getByText('Email or password is incorrect.').waitFor();
    assert.equal(await page.getByText('You have been logged out.').count(), 0, 'the logout notice stayed above the error');
    await screenshot(page, '09a-log-in-refused');

    // With the keyboard only: Tab from email to password, Enter submits.
    await page.getByLabel('Email').fill('');
    await page.getByLabel('Password').fill('');
    await page.getByLabel('Email').focus();
    await page.keyboard.type(email);
    await page.keyboard.press('Tab');
    await page.keyboard.type(TEST_PASSWORD);
    await page.keyboard.press('Enter');
    await heading('Learning goals').waitFor();
    loggedInAt = Date.now();
    await page.reload();
    await page.getByRole('article', { name: 'Learn GraphQL federation' }).waitFor();
    // Evaluated in the page (strings: this file is typed for Node, without DOM globals).
    const storage = await page.evaluate<{ local: string[]; session: string[]; cookie: string }>(
      '({ local: Object.keys(localStorage), session: Object.keys(sessionStorage), cookie: document.cookie })',
    );
    assert.deepEqual(storage, { local: [], session: ['tracklore.refreshToken'], cookie: '' });
  });

  test('two sessions from one browser are told apart by start time and address', async () => {
    // A second login with this browser's User-Agent, started in a later second than the first
    // (sessions show their start to the second), from the same machine.
    await sleep(Math.max(0, Math.ceil(loggedInAt / 1000) * 1000 - Date.now()));
    const userAgent = await page.evaluate<string>('navigator.userAgent');
    const second = await graphqlRequest(
      stack.routerUrl,
      'mutation ($email: String!, $password: String!) { logIn(email: $email, password: $password) { accessToken } }',
      { email, password: TEST_PASSWORD },
      { headers: { 'user-agent': userAgent } },
    );
    assert.equal(second.errors, undefined, JSON.stringify(second.errors));
    await nav('Sessions').click();
    const list = page.getByRole('list', { name: 'Active sessions' });
    await list.getByText('This device').waitFor();
    const rows = await list.getByRole('listitem').allTextContents();
    assert.equal(rows.length, 2, rows.join('\n'));
    assert.ok(rows.every((row) => row.startsWith('Chrome on Linux') && row.includes('from 127.0.0.1')), rows.join('\n'));
    const started = await list.locator('.session__started').allTextContents();
    assert.notEqual(started[0], started[1], 'the two sessions look the same');
    await screenshot(page, '10-sessions');
  });

  test('forgot password → emailed link → reset → only the new password works', async () => {
    await page.getByRole('button', { name: 'Log out', exact: true }).click();
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.getByLabel('Email').fill(email);
    await page.getByRole('button', { name: 'Send reset link' }).click();
    await page.getByText('a reset link is on its way').waitFor();
    await screenshot(page, '12-forgot-password');

    // Sign-up also mailed a verification link: wait for the reset mail.
    const mail = await stack.smtp.waitFor((m) => m.to.includes(email.toLowerCase()) && m.text.includes('/reset-password?token='), 20_000);
    const link = /https?:\/\/\S+\/reset-password\?token=[^\s"<>]+/.exec(mail.text)?.[0];
    assert.ok(link && link.startsWith(`${app.web.url}/reset-password?token=`), `the mail links to this app: ${mail.text}`);
    await page.goto(link);
    await heading('Choose a new password').waitFor();
    assert.ok(!page.url().includes('token='), 'the token left the address bar');
    await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('Repeat new password').fill(`${NEW_PASSWORD}!`);
    await page.getByRole('button', { name: 'Set new password' }).click();
    assert.match(await fieldError('confirmPassword'), /do not match/);
    await screenshot(page, '13-reset-password');
    await page.getByLabel('Repeat new password').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Set new password' }).click();
    const done = page.getByText('Your password has been changed');
    await done.or(page.getByRole('alert')).first().waitFor();
    assert.ok(await done.isVisible(), `reset refused: ${await page.getByRole('alert').allTextContents()}`);
    await screenshot(page, '14-reset-done');

    // The same link again: said in the app's words, no form left to fill, a way to a new link.
    await page.goto(link);
    await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('Repeat new password').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Set new password' }).click();
    await page.getByRole('alert').getByText('This reset link can no longer be used').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Set new password' }).count(), 0, 'the form is gone');
    assert.equal(await page.getByLabel('New password', { exact: true }).count(), 0);
    assert.equal(await page.getByText('ask for a new one').count(), 0, 'no server sentence');
    await screenshot(page, '14a-reset-link-used');
    await page.getByRole('link', { name: 'Send me a new link' }).click();
    await heading('Reset your password').waitFor();
    await page.getByRole('link', { name: 'Back to log in' }).click();
    await heading('Log in').waitFor();

    await logIn(TEST_PASSWORD);
    await page.getByRole('alert').getByText('Email or password is incorrect.').waitFor();
    await logIn(NEW_PASSWORD);
    await heading('Learning goals').waitFor();
    await screenshot(page, '15-logged-in-with-new-password');
  });

  test('a session revoked elsewhere sends the browser to log in with a message', async () => {
    const other = await graphqlRequest<{ logIn: { accessToken: string } }>(
      stack.routerUrl,
      'mutation ($email: String!, $password: String!) { logIn(email: $email, password: $password) { accessToken } }',
      { email, password: NEW_PASSWORD },
    );
    assert.ok(other.data?.logIn.accessToken, JSON.stringify(other.errors));
    const revoked = await graphqlRequest(stack.routerUrl, 'mutation { logOutEverywhere }', {}, { token: other.data.logIn.accessToken });
    assert.deepEqual(revoked.data, { logOutEverywhere: true });

    await nav('Profile').click();
    await heading('Log in').waitFor();
    await page.getByText('Your session has expired or was ended. Please log in again.').waitFor();
    await screenshot(page, '16-session-ended');
    assert.deepEqual(await page.evaluate<string[]>('Object.keys(sessionStorage)'), []);
  });

});
