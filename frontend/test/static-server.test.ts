// The static server against a real HTTP client: content types, SPA fallback, runtime config,
// security headers, and no way out of the root folder.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configScript, resolveUnder, startStaticServer, type StaticServer } from '../server/static-server.ts';

const ROUTER = 'http://127.0.0.1:45678/graphql';
let root: string;
let server: StaticServer;

before(async () => {
  const base = mkdtempSync(join(tmpdir(), 'tracklore-static-'));
  root = join(base, 'dist');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>app</title>');
  writeFileSync(join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(join(root, 'assets', 'index-abc.css'), 'body{}');
  writeFileSync(join(root, 'favicon.svg'), '<svg/>');
  writeFileSync(join(base, 'secret.txt'), 'outside the root');
  server = await startStaticServer({ root, routerUrl: ROUTER });
});

after(async () => {
  await server.stop();
  await server.stop(); // idempotent
  rmSync(join(root, '..'), { recursive: true, force: true });
});

test('files are served with their content types; hashed assets are cacheable', async () => {
  const js = await fetch(`${server.url}/assets/index-abc.js`);
  assert.equal(js.status, 200);
  assert.equal(js.headers.get('content-type'), 'text/javascript; charset=utf-8');
  assert.match(js.headers.get('cache-control') ?? '', /immutable/);
  assert.equal(await js.text(), 'console.log(1)');
  assert.equal((await fetch(`${server.url}/assets/index-abc.css`)).headers.get('content-type'), 'text/css; charset=utf-8');
  assert.equal((await fetch(`${server.url}/favicon.svg`)).headers.get('content-type'), 'image/svg+xml');
});

test('client routes fall back to index.html, query strings included', async () => {
  for (const path of ['/', '/reset-password?token=abc.def', '/goals', '/profile/edit']) {
    const res = await fetch(server.url + path);
    assert.equal(res.status, 200, path);
    assert.equal(res.headers.get('content-type'), 'text/html; charset=utf-8', path);
    assert.equal(res.headers.get('cache-control'), 'no-cache', path);
    assert.equal(await res.text(), '<!doctype html><title>app</title>', path);
  }
});

test('a missing file with an extension is a 404, not the app', async () => {
  const res = await fetch(`${server.url}/assets/missing.js`);
  assert.equal(res.status, 404);
  assert.match(res.headers.get('content-type') ?? '', /^text\/plain/);
});

test('/config.js carries the router URL', async () => {
  const res = await fetch(`${server.url}/config.js`);
  assert.equal(res.headers.get('content-type'), 'text/javascript; charset=utf-8');
  assert.equal(await res.text(), `window.__TRACKLORE_CONFIG__ = {"routerUrl":"${ROUTER}"};\n`);
  assert.equal(configScript('http://x.test/</script>'), 'window.__TRACKLORE_CONFIG__ = {"routerUrl":"http://x.test/\\u003c/script>"};\n');
});

test('security headers: CSP limited to the router origin, nosniff, no referrer', async () => {
  const res = await fetch(`${server.url}/goals`);
  const csp = res.headers.get('content-security-policy') ?? '';
  assert.match(csp, /script-src 'self'(;|$)/);
  assert.match(csp, /connect-src 'self' http:\/\/127\.0\.0\.1:45678(;|$)/);
  assert.match(csp, /frame-ancestors 'none'/);
  assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(res.headers.get('referrer-policy'), 'no-referrer');
});

test('paths cannot leave the root folder', async () => {
  // fetch() normalises "..", so send raw request lines.
  const get = (path: string) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const url = new URL(server.url);
      request({ host: url.hostname, port: url.port, path }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      })
        .on('error', reject)
        .end();
    });
  const encodedSlashes = await get('/assets/%2e%2e%2f%2e%2e%2fsecret.txt');
  assert.equal(encodedSlashes.status, 400);
  for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/../../secret.txt']) {
    const res = await get(path);
    assert.equal(res.status, 404, path); // the URL parser already folded ".." into the root
    assert.ok(!res.body.includes('outside the root'), path);
  }
  assert.equal(resolveUnder('/srv/dist', '/../secret.txt'), null);
  assert.equal(resolveUnder('/srv/dist', '/a%2f..%2f..%2fsecret.txt'), null);
  assert.equal(resolveUnder('/srv/dist', '/a%00b'), null);
  assert.equal(resolveUnder('/srv/dist', '/%E0%A4%A'), null);
  assert.equal(resolveUnder('/srv/dist', '/assets/x.js'), '/srv/dist/assets/x.js');
});

test('only GET and HEAD are allowed', async () => {
  const post = await fetch(`${server.url}/`, { method: 'POST' });
  assert.equal(post.status, 405);
  const head = await fetch(`${server.url}/assets/index-abc.js`, { method: 'HEAD' });
  assert.equal(head.status, 200);
  assert.equal(head.headers.get('content-length'), '14');
});

test('starting without a build says what to run', async () => {
  await assert.rejects(startStaticServer({ root: join(root, 'assets'), routerUrl: ROUTER }), /npm run build -w @tracklore\/frontend/);
});
