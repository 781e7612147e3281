// The web app in Chromium, around the pages rather than one journey: where the focus goes after
// navigation (a ring for keyboard users only), the access token refreshed on its own while the
// app is used, and every page at phone width. The account and its content come through the API;
// the browser logs in like a person. Screenshots go to test-results/screenshots/.
import { strict as assert } from 'node:assert';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { signUp, TEST_PASSWORD, uniqueEmail } from '../support/client.ts';
import { fieldErrorOf, focusedElement, focusedHeadingOf, screenshot, startWebApp, type WebApp } from './web-app.ts';

/** Short-lived access tokens, so the test sees the app refresh one on its own. */
const ACCESS_TOKEN_TTL_SECONDS = 30;
const GOAL = 'Read the federation spec';

let app: WebApp;
let page: Page;
const email = uniqueEmail('webnav');

before(async () => {
  app = await startWebApp('e2e_frontend_navigation', { ACCESS_TOKEN_TTL_SECONDS: String(ACCESS_TOKEN_TTL_SECONDS) });
  page = app.page;
  const account = await signUp(app.stack.routerUrl, email);
  const token = { token: account.accessToken };
  // Verified through the mailed link, so no reminder banner (and its Resend button) sits between
  // the navigation and the heading in the tab order; account-lifecycle.test.ts covers the banner.
  const mail = await app.stack.smtp.waitFor((m) => m.to.includes(email.toLowerCase()) && m.text.includes('/verify-email?token='), 20_000);
  const verificationToken = /\/verify-email\?token=([A-Za-z0-9_-]+)/.exec(mail.text)?.[1];
  const verified = await app.stack.graphql('mutation ($t: String!) { verifyEmail(token: $t) }', { t: verificationToken });
  assert.deepEqual(verified.data, { verifyEmail: true }, JSON.stringify(verified.errors));
  const profile = await app.stack.graphql(
    'mutation ($input: UpdateProfileInput!) { updateProfile(input: $input) { displayName } }',
    { input: { displayName: 'Grace Brewster Murray Hopper', bio: 'Compilers, COBOL and nanoseconds.', location: 'Arlington, Virginia' } },
    token,
  );
  assert.equal(profile.errors, undefined, JSON.stringify(profile.errors));
  const goal = await app.stack.graphql('mutation ($input: CreateGoalInput!) { createGoal(input: $input) { id } }', { input: { title: GOAL, description: 'Entities, @key and the query planner.' } }, token);
  assert.equal(goal.errors, undefined, JSON.stringify(goal.errors));
});

after(() => app?.stop());

const nav = (name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });

describe('the web app around its pages', () => {
  test('after navigating, the heading has the focus: a ring for keyboard users, none after a click', async () => {
    await page.goto(`${app.web.url}/login`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('article', { name: GOAL }).waitFor();

    await nav('Badges').click();
    const clicked = await focusedHeadingOf(page, 'Badges');
    assert.deepEqual({ focusVisible: clicked.focusVisible, outlineStyle: clicked.outlineStyle, boxShadow: clicked.boxShadow }, { focusVisible: false, outlineStyle: 'none', boxShadow: 'none' });
    await screenshot(page, '20-heading-after-click');

    await page.keyboard.press('Shift+Tab'); // from the heading back into the navigation: its last link
    assert.equal((await focusedElement(page)).text, 'Password');
    await page.keyboard.press('Enter');
    const typed = await focusedHeadingOf(page, 'Change password');
    assert.equal(typed.focusVisible, true);
    assert.ok(typed.outlineStyle !== 'none' || typed.boxShadow !== 'none', `a visible ring: ${JSON.stringify(typed)}`);
    await screenshot(page, '21-heading-after-keyboard');
  });

  test('the access token is refreshed before it expires, and the app keeps working', async () => {
    const refreshes = () => app.operations.filter((o) => o === 'RefreshSession').length;
    const before = refreshes();
    await page.getByLabel('Current password').fill('not my password at all');
    await page.getByLabel('New password', { exact: true }).fill('a brand new passphrase 42');
    await page.getByLabel('Repeat new password').fill('a brand new passphrase 42');
    await page.getByRole('button', { name: 'Change password' }).click();
    assert.match(await fieldErrorOf(page, 'currentPassword'), /incorrect/i);
    await screenshot(page, '22-change-password-refused');

    // The refresh timer fires before the 30 s token expires; wait for it, then use the app.
    await page.waitForRequest((r) => r.method() === 'POST' && (r.postData() ?? '').includes('"operationName":"RefreshSession"'), { timeout: ACCESS_TOKEN_TTL_SECONDS * 2_000 });
    await nav('Goals').click();
    await page.getByRole('article', { name: GOAL }).waitFor();
    assert.ok(refreshes() > before);
    assert.equal(new URL(page.url()).pathname, '/goals', 'still signed in');
  });

  test('on a phone-width screen every page fits without sideways scrolling', async () => {
    const phone = await app.browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    try {
      const small = await phone.newPage();
      small.on('dialog', (dialog) => void dialog.dismiss().then(() => app.dialogs.push(dialog.message())));
      await small.goto(`${app.web.url}/login`);
      await small.getByLabel('Email').fill(email);
      await small.getByLabel('Password').fill(TEST_PASSWORD);
      await small.getByRole('button', { name: 'Log in' }).click();
      const pages = [
        ['Goals', 'Learning goals', 'goals'],
        ['Profile', 'Your profile', 'profile'],
        ['Badges', 'Badges', 'badges'],
        ['Sessions', 'Sessions', 'sessions'],
        ['Password', 'Change password', 'password'],
      ] as const;
      for (const [link, title, path] of pages) {
        await small.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link, exact: true }).click();
        await small.getByRole('heading', { level: 1, name: title }).waitFor();
        await small.waitForLoadState('networkidle');
        const overflow = await small.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
        assert.ok(overflow <= 0, `${path} overflows by ${overflow}px`);
        await screenshot(small, `23-phone-${path}`);
      }
      assert.deepEqual(app.dialogs, []);
    } finally {
      await phone.close();
    }
  });
});
