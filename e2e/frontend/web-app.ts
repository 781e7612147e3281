// What the browser journeys need besides the stack: the current frontend built into a temporary
// folder, served by the frontend's own static server, and Debian's Chromium driven by playwright-core.
// startWebApp puts it all together for one test file.
import { spawnSync } from 'node:child_process';
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { freePort } from '@tracklore/devkit/ports';
import { startStaticServer, type StaticServer } from '../../frontend/server/static-server.ts';
import { startStack, type Stack } from '../support/stack.ts';

const ROOT = join(import.meta.dirname, '..', '..');
/** `npm test` passes the browser its preflight found or installed; Debian's path otherwise. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = join(ROOT, 'test-results', 'screenshots');

/** `vite build` of frontend/ into a fresh temporary folder (the checkout's dist/ is left alone). */
export function buildFrontend(): { dir: string; remove(): void } {
  const base = mkdtempSync(join(tmpdir(), 'tracklore-web-'));
  const dir = join(base, 'dist');
  const vite = join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  const result = spawnSync(process.execPath, [vite, 'build', '--outDir', dir, '--emptyOutDir', '--logLevel', 'warn'], { cwd: join(ROOT, 'frontend'), encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`vite build failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
  return { dir, remove: () => rmSync(base, { recursive: true, force: true }) };
}

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`chromium: ${CHROMIUM} not found; install it with: apt-get install -y chromium, or set CHROMIUM_PATH`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Full-page screenshot into test-results/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Operation names of the GraphQL POSTs a page sends, as they happen. */
export function recordOperations(page: Page): string[] {
  const names: string[] = [];
  page.on('request', (request) => {
    if (request.method() !== 'POST') return;
    try {
      const body = JSON.parse(request.postData() ?? '{}') as { operationName?: string };
      if (body.operationName) names.push(body.operationName);
    } catch {
      // not a GraphQL request
    }
  });
  return names;
}

export interface FocusedElement {
  tag: string;
  text: string;
  focusVisible: boolean;
  outlineStyle: string;
  boxShadow: string;
}

/** What has the keyboard focus and whether it shows a ring (computed styles, in the page). */
export async function focusedElement(page: Page): Promise<FocusedElement> {
  // A string: this file is typed for Node, without DOM globals.
  return page.evaluate<FocusedElement>(`(() => {
    const el = document.activeElement;
    const style = getComputedStyle(el);
    return { tag: el.tagName, text: el.textContent ?? '', focusVisible: el.matches(':focus-visible'), outlineStyle: style.outlineStyle, boxShadow: style.boxShadow };
  })()`);
}

/** Waits until the page's h1 named `name` has the focus, then tells whether it shows a ring. */
export async function focusedHeadingOf(page: Page, name: string): Promise<FocusedElement> {
  // A function, not a string: the app's CSP forbids eval, which a polled string predicate needs.
  type Doc = { document: { activeElement: { tagName: string; textContent: string | null } | null } };
  await page.waitForFunction((text) => {
    const active = (globalThis as unknown as Doc).document.activeElement;
    return active?.tagName === 'H1' && active.textContent === text;
  }, name);
  return focusedElement(page);
}

/** The message under the field named `name`, checked to be tied to it for assistive technology. */
export async function fieldErrorOf(page: Page, name: string): Promise<string> {
  const error = page.locator(`.field:has([name="${name}"]) .field__error`);
  await error.waitFor();
  const input = page.locator(`[name="${name}"]`);
  assert.equal(await input.getAttribute('aria-invalid'), 'true');
  const errorId = await error.getAttribute('id');
  assert.ok(errorId && (await input.getAttribute('aria-describedby'))?.split(' ').includes(errorId), `${name}'s error is in its aria-describedby`);
  return (await error.textContent()) ?? '';
}

export interface WebApp {
  stack: Stack;
  web: StaticServer;
  browser: Browser;
  context: BrowserContext;
  /** A desktop-sized page; dialogs it opens are dismissed and recorded in `dialogs`. */
  page: Page;
  /** Operation names the page sent, in order. */
  operations: string[];
  dialogs: string[];
  stop(): Promise<void>;
}

/** The stack (its password-reset and verification links and CORS pointing at the app), the built app, Chromium. */
export async function startWebApp(label: string, authEnv: NodeJS.ProcessEnv = {}): Promise<WebApp> {
  // Undone in reverse on stop, or at once when a later step fails (no server left holding the run).
  const undo: Array<() => unknown> = [];
  const stop = async () => {
    for (const step of undo.splice(0).reverse()) await step();
  };
  try {
    const build = buildFrontend();
    undo.push(() => build.remove());
    const port = await freePort();
    const origin = `http://127.0.0.1:${port}`;
    const stack = await startStack({
      label,
      env: { auth: { PASSWORD_RESET_URL: `${origin}/reset-password`, EMAIL_VERIFICATION_URL: `${origin}/verify-email`, ...authEnv }, router: { ROUTER_CORS_ORIGINS: origin } },
    });
    undo.push(() => stack.stop());
    const web = await startStaticServer({ root: build.dir, routerUrl: stack.routerUrl, port });
    undo.push(() => web.stop());
    const browser = await launchChromium();
    undo.push(() => browser.close());
    const context = await browser.newContext({ viewport: { width: 1100, height: 860 } });
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    const operations = recordOperations(page);
    return { stack, web, browser, context, page, operations, dialogs, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
