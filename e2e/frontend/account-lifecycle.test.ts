// Account lifecycle in the web app (issue 14), in Chromium against the real stack: sign up → the
// verification mail from the real SMTP listener → its link in the browser → the reminder banner
// is gone (resend, and its rate limit, on the way); the link again, and a made-up one, are refused
// in words; delete the account (wrong password under the field, then the right one) → signed out
// and the log-in fails; an admin searches and pages through users, disables one (a reason is
// required) → that user's open tab and log-in say ACCOUNT_DISABLED, awards a badge, enables it again; a
// non-admin has no admin link and gets the not-allowed page; the new parts at phone width.
// Screenshots go to test-results/screenshots/.
import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { createLogger } from '@tracklore/shared/logger';
import { createDb } from '../../subgraphs/auth/src/db.ts';
import { grantRole } from '../../subgraphs/auth/src/domain/roles.ts';
import { signUp, TEST_PASSWORD, uniqueEmail, type SignedUp } from '../support/client.ts';
import type { Stack } from '../support/stack.ts';
import { fieldErrorOf, focusedElement, screenshot, startWebApp, type WebApp } from './web-app.ts';

/** More accounts than one page of the admin's list (20) share this prefix. */
const PREFIX = `pg${randomBytes(4).toString('hex')}`;
const PAGED_USERS = 23;
const DISABLE_REASON = 'Posting spam in goal titles';
const DISABLED_MESSAGE = 'This account has been disabled by an administrator';

let app: WebApp;
let stack: Stack;
let page: Page;
const email = uniqueEmail('lifecycle');
const adminEmail = uniqueEmail('lifecycle.admin');
let member: SignedUp;
let verificationLink = '';

before(async () => {
  app = await startWebApp('e2e_frontend_lifecycle', {
    // The paged users all sign up from 127.0.0.1; one resend per account makes the limit quick to reach.
    RATE_LIMIT_SIGNUP_ADDRESS_MAX: '500',
    RATE_LIMIT_VERIFY_ACCOUNT_MAX: '1',
  });
  ({ stack, page } = app);
  const accounts: SignedUp[] = [];
  for (let i = 0; i < PAGED_USERS; i += 6) {
    const batch = Array.from({ length: Math.min(6, PAGED_USERS - i) }, (_, j) => signUp(stack.routerUrl, `${PREFIX}.${String(i + j).padStart(2, '0')}@example.test`));
    accounts.push(...(await Promise.all(batch)));
  }
  member = accounts[0] as SignedUp;
  await signUp(stack.routerUrl, adminEmail);
  const db = createDb({ url: stack.databases.auth, logger: createLogger('lifecycle', 'silent') });
  try {
    await grantRole(db, adminEmail, 'ADMIN');
  } finally {
    await db.$disconnect();
  }
});

after(() => app?.stop());

const heading = (p: Page, name: string) => p.getByRole('heading', { level: 1, name });
const nav = (p: Page, name: string) => p.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });
const banner = (p: Page) => p.getByRole('region', { name: 'Please verify your email address.' });

async function logIn(p: Page, address: string, password = TEST_PASSWORD): Promise<void> {
  await p.getByLabel('Email').fill(address);
  await p.getByLabel('Password').fill(password);
  await p.getByRole('button', { name: 'Log in' }).click();
}

async function logOut(p: Page): Promise<void> {
  await p.getByRole('button', { name: 'Log out', exact: true }).click();
  await heading(p, 'Log in').waitFor();
}

describe('account lifecycle in the web app', () => {
  test('sign up → banner; resend, then its rate limit is said plainly', async () => {
    await page.goto(`${app.web.url}/signup`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign up' }).click();
    await heading(page, 'Learning goals').waitFor();
    await banner(page).waitFor();
    assert.match((await banner(page).textContent()) ?? '', new RegExp(email.replace(/[.]/g, '\\.')));

    await banner(page).getByRole('button', { name: 'Resend link' }).click();
    await banner(page).getByRole('status').getByText('A new link is on its way').waitFor();
    await screenshot(page, '30-verify-banner-resent');
    await banner(page).getByRole('button', { name: 'Resend link' }).click();
    await banner(page).getByRole('alert').getByText(/^No new link was sent\. Too many attempts\. Try again in \d+ minutes?\.$/).waitFor();
    assert.equal(await banner(page).getByRole('status').count(), 0, 'the earlier confirmation is gone');
    await screenshot(page, '31-verify-banner-rate-limited');
  });

  test('the mailed link verifies the address in the browser; the banner is gone', async () => {
    // Sign-up's mail and the resend's, from the real SMTP listener: whichever came first (both work until one is used).
    const mail = await stack.smtp.waitFor((m) => m.to.includes(email.toLowerCase()) && m.text.includes('/verify-email?token='), 20_000);
    verificationLink = /https?:\/\/\S+\/verify-email\?token=[^\s"<>]+/.exec(mail.text)?.[0] ?? '';
    assert.ok(verificationLink.startsWith(`${app.web.url}/verify-email?token=`), `the mail links to this app: ${mail.text}`);
    await page.goto(verificationLink);
    await heading(page, 'Verify your email').waitFor();
    await page.getByRole('status').getByText('Your email address is verified.').waitFor();
    assert.ok(!page.url().includes('token='), 'the token left the address bar');
    await screenshot(page, '32-email-verified');
    await page.getByRole('link', { name: 'Continue to Tracklore' }).click();
    await heading(page, 'Learning goals').waitFor();
    await page.waitForLoadState('networkidle');
    assert.equal(await banner(page).count(), 0, 'the banner is gone');

    const me = await stack.graphql<{ logIn: { user: { emailVerified: boolean } } }>(
      'mutation ($e: String!, $p: String!) { logIn(email: $e, password: $p) { user { emailVerified } } }',
      { e: email, p: TEST_PASSWORD },
    );
    assert.deepEqual(me.data?.logIn.user, { emailVerified: true }, JSON.stringify(me.errors));
  });

  test('the same link again, or a made-up one, is refused with a clear message', async () => {
    await page.goto(verificationLink);
    await page.getByRole('alert').getByText('This verification link was already used.').waitFor();
    await page.getByText('Each link works once, for 24 hours.').waitFor();
    await screenshot(page, '33-verify-link-used');
    await page.goto(`${app.web.url}/verify-email?token=${'x'.repeat(43)}`);
    await page.getByRole('alert').getByText(/This verification link is not valid; ask for a new one\./).waitFor();
  });

  test('delete account: a wrong password is refused under the field, the right one ends the session; log-in then fails', async () => {
    await page.goto(`${app.web.url}/profile`);
    await heading(page, 'Your profile').waitFor();
    // By keyboard: open the form, the password field has the focus, Enter sends it.
    await page.getByRole('button', { name: 'Delete account…' }).focus();
    await page.keyboard.press('Enter');
    await page.keyboard.type('not my password at all');
    await page.keyboard.press('Enter');
    assert.equal(await fieldErrorOf(page, 'password'), 'This password is incorrect.');
    await screenshot(page, '34-delete-account-wrong-password');

    await page.getByLabel('Your password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Delete my account permanently' }).click();
    await heading(page, 'Log in').waitFor();
    await page.getByText('Your account has been deleted.').waitFor();
    assert.deepEqual(await page.evaluate<string[]>('Object.keys(sessionStorage)'), []);
    await screenshot(page, '35-account-deleted');
    await logIn(page, email);
    await page.getByRole('alert').getByText('Email or password is incorrect.').waitFor();
  });

  test('admin: search and page through users, disable one (reason required) → its log-in says so; award a badge; enable', async () => {
    await logIn(page, adminEmail);
    await heading(page, 'Learning goals').waitFor();
    await nav(page, 'Admin').click();
    await heading(page, 'Users').waitFor();

    const range = page.locator('#users-range');
    const rows = page.getByRole('list', { name: 'Users' }).getByRole('article');
    await page.getByLabel('Email starts with').fill(PREFIX.toUpperCase()); // the prefix match ignores case
    await page.getByRole('button', { name: 'Search' }).click();
    await range.getByText(`Users 1–20 of ${PAGED_USERS}`).waitFor();
    const firstPage = await rows.getByRole('heading').allTextContents();
    assert.equal(firstPage.length, 20);
    assert.equal(await page.getByRole('button', { name: 'Previous' }).isDisabled(), true);
    await screenshot(page, '36-admin-users');
    await page.getByRole('button', { name: 'Next' }).click();
    await range.getByText(`Users 21–${PAGED_USERS} of ${PAGED_USERS}`).waitFor();
    const secondPage = await rows.getByRole('heading').allTextContents();
    assert.equal(await page.getByRole('button', { name: 'Next' }).isDisabled(), true);
    // The two pages together are every matching account, each once.
    assert.equal(new Set([...firstPage, ...secondPage]).size, PAGED_USERS);
    assert.ok([...firstPage, ...secondPage].every((shown) => shown.startsWith(`${PREFIX}.`)));
    await page.getByRole('button', { name: 'Previous' }).click();
    await range.getByText(`Users 1–20 of ${PAGED_USERS}`).waitFor();
    assert.deepEqual(await rows.getByRole('heading').allTextContents(), firstPage);

    await page.getByLabel('Email starts with').fill(member.user.email);
    await page.getByRole('button', { name: 'Search' }).click();
    await range.getByText('Users 1–1 of 1').waitFor();
    const row = page.getByRole('article', { name: member.user.email });
    // The person is signed in elsewhere while the admin disables the account.
    const other = await app.browser.newContext();
    try {
      const theirs = await other.newPage();
      await theirs.goto(`${app.web.url}/login`);
      await logIn(theirs, member.user.email);
      await heading(theirs, 'Learning goals').waitFor();

      await row.getByRole('button', { name: 'Disable…' }).click();
      await row.getByRole('button', { name: 'Disable account' }).click();
      assert.match(await fieldErrorOf(page, 'reason'), /Give a reason/);
      await row.getByLabel('Reason for disabling').fill(DISABLE_REASON);
      await row.getByRole('button', { name: 'Disable account' }).click();
      await row.getByRole('status').getByText('Account disabled.').waitFor();
      assert.equal((await focusedElement(page)).text, 'Enable', 'the focus stays in the row once the form closes');
      await row.locator('.pill', { hasText: 'Disabled' }).waitFor();
      await row.getByText(`Disabled: ${DISABLE_REASON}`).waitFor();
      await screenshot(page, '37-admin-user-disabled');

      // Their next page load finds the session ended; the refresh's ACCOUNT_DISABLED says why.
      await nav(theirs, 'Profile').click();
      await heading(theirs, 'Log in').waitFor();
      await theirs.getByRole('status').getByText(DISABLED_MESSAGE).waitFor();
      await logIn(theirs, member.user.email);
      await theirs.getByRole('alert').getByText(DISABLED_MESSAGE).waitFor();
      await screenshot(theirs, '38-log-in-disabled');

      await row.getByRole('button', { name: 'Award badge…' }).click();
      await row.getByLabel('Badge', { exact: true }).selectOption({ label: 'Mentor' });
      await row.getByRole('button', { name: 'Award badge' }).click();
      await row.getByRole('status').getByText('Badge “Mentor” awarded.').waitFor();
      const badges = await stack.graphql<{ user: { badges: Array<{ badge: { slug: string } }> } }>('query ($id: ID!) { user(id: $id) { badges { badge { slug } } } }', { id: member.user.id });
      assert.ok(badges.data?.user.badges.some((b) => b.badge.slug === 'mentor'), JSON.stringify(badges));

      await row.getByRole('button', { name: 'Enable' }).click();
      await row.getByRole('status').getByText('Account enabled.').waitFor();
      assert.equal(await row.locator('.pill', { hasText: 'Disabled' }).count(), 0);
      await logIn(theirs, member.user.email);
      // Back where the ended session left them.
      await heading(theirs, 'Your profile').waitFor();
    } finally {
      await other.close();
    }
  });

  test('a non-admin sees no admin link and gets the not-allowed page', async () => {
    await logOut(page);
    await logIn(page, member.user.email);
    await heading(page, 'Learning goals').waitFor();
    await nav(page, 'Goals').waitFor();
    assert.equal(await nav(page, 'Admin').count(), 0);
    await page.goto(`${app.web.url}/admin/users`);
    await heading(page, 'Not allowed').waitFor();
    assert.equal(await page.getByRole('list', { name: 'Users' }).count(), 0);
    await screenshot(page, '39-not-allowed');
  });

  test('at phone width the banner, the delete section and the admin list fit without sideways scrolling', async () => {
    const phone = await app.browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    try {
      const small = await phone.newPage();
      const overflow = () => small.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
      await small.goto(`${app.web.url}/login`);
      await logIn(small, member.user.email); // never verified: the banner shows
      await banner(small).waitFor();
      await nav(small, 'Profile').click();
      await small.getByRole('button', { name: 'Delete account…' }).click();
      await small.getByLabel('Your password').waitFor();
      assert.ok((await overflow()) <= 0, `profile overflows by ${await overflow()}px`);
      await screenshot(small, '40-phone-profile-delete');
      await small.getByRole('button', { name: 'Keep my account' }).click();
      assert.equal((await focusedElement(small)).text, 'Delete account…', 'the focus goes back to the button that opened the form');
      await logOut(small);

      await logIn(small, adminEmail);
      await nav(small, 'Admin').click();
      await small.getByRole('list', { name: 'Users' }).getByRole('article').first().waitFor();
      await small.getByRole('article', { name: member.user.email }).getByRole('button', { name: 'Disable…' }).click();
      await small.getByLabel('Reason for disabling').waitFor();
      assert.ok((await overflow()) <= 0, `admin users overflows by ${await overflow()}px`);
      await screenshot(small, '41-phone-admin-users');
    } finally {
      await phone.close();
    }
  });
});
