import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadRouterConfig } from './config.ts';

const base = { GATEWAY_SECRET: 'g'.repeat(32) };

test('in development CORS allows the web app on FRONTEND_PORT, 5173 unless set', () => {
  assert.deepEqual(loadRouterConfig({ ...base, NODE_ENV: 'development' }).corsOrigins, ['http://127.0.0.1:5173', 'http://localhost:5173']);
  assert.deepEqual(loadRouterConfig({ ...base, NODE_ENV: 'development', FRONTEND_PORT: '7173' }).corsOrigins, ['http://127.0.0.1:7173', 'http://localhost:7173']);
});

test('ROUTER_CORS_ORIGINS wins; outside development there is no default', () => {
  const explicit = loadRouterConfig({ ...base, NODE_ENV: 'development', FRONTEND_PORT: '7173', ROUTER_CORS_ORIGINS: 'https://app.example/, http://127.0.0.1:9000' });
  assert.deepEqual(explicit.corsOrigins, ['https://app.example', 'http://127.0.0.1:9000']);
  assert.deepEqual(loadRouterConfig({ ...base, NODE_ENV: 'production', FRONTEND_PORT: '7173' }).corsOrigins, []);
  assert.deepEqual(loadRouterConfig({ ...base, NODE_ENV: 'test' }).corsOrigins, []);
});

test('a FRONTEND_PORT that is not a port is refused by name', () => {
  assert.throws(() => loadRouterConfig({ ...base, FRONTEND_PORT: 'web' }), /FRONTEND_PORT/);
});
