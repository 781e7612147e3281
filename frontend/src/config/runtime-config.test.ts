import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_ROUTER_URL, resolveConfig as resolve } from './runtime-config.ts';

const PAGE = 'http://127.0.0.1:5173/goals';
const resolveConfig = (runtime: unknown, buildTime: string | undefined) => resolve(runtime, buildTime, PAGE);

test('runtime config wins over the build-time URL', () => {
  const config = resolveConfig({ routerUrl: 'http://127.0.0.1:41234/graphql' }, 'http://127.0.0.1:4000/graphql');
  assert.equal(config.routerUrl, 'http://127.0.0.1:41234/graphql');
});

test('without runtime config the build-time URL, then the default, is used', () => {
  assert.equal(resolveConfig(undefined, 'https://api.example.test/graphql').routerUrl, 'https://api.example.test/graphql');
  assert.equal(resolveConfig({}, undefined).routerUrl, DEFAULT_ROUTER_URL);
  assert.equal(resolveConfig({ routerUrl: '  ' }, '').routerUrl, DEFAULT_ROUTER_URL);
});

test('a relative URL means the page origin (a same-origin proxy)', () => {
  assert.equal(resolveConfig({ routerUrl: '/graphql' }, undefined).routerUrl, 'http://127.0.0.1:5173/graphql');
});

test('unusable URLs are refused with the setting named', () => {
  assert.throws(() => resolve({ routerUrl: 'http://[::1' }, undefined, PAGE), /window\.__TRACKLORE_CONFIG__\.routerUrl is not a URL/);
  assert.throws(() => resolveConfig(undefined, 'javascript:alert(1)'), /VITE_ROUTER_URL must be an http\(s\) URL/);
});
