import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PORT_DEFAULTS, readPorts, stackEnv } from './stack-env.ts';

const CHANGED = { FRONTEND_PORT: '7173', ROUTER_PORT: '7000', AUTH_PORT: '7001', USER_PORT: '7002', MAIL_SMTP_PORT: '7025', MAIL_UI_PORT: '7026', ZIPKIN_PORT: '7411' };

test('every URL the parts are given follows the port variables', () => {
  const env = stackEnv(CHANGED, readPorts(CHANGED));
  assert.equal(env.ROUTER_CORS_ORIGINS, 'http://127.0.0.1:7173,http://localhost:7173');
  assert.equal(env.PASSWORD_RESET_URL, 'http://127.0.0.1:7173/reset-password');
  assert.equal(env.EMAIL_VERIFICATION_URL, 'http://127.0.0.1:7173/verify-email');
  assert.equal(env.VITE_ROUTER_URL, 'http://127.0.0.1:7000/graphql');
  assert.equal(env.AUTH_URL, 'http://127.0.0.1:7001');
  assert.equal(env.AUTH_ISSUER, 'http://127.0.0.1:7001');
  assert.equal(env.AUTH_SUBGRAPH_URL, 'http://127.0.0.1:7001/graphql');
  assert.equal(env.USER_SUBGRAPH_URL, 'http://127.0.0.1:7002/graphql');
  assert.equal(env.SMTP_URL, 'smtp://127.0.0.1:7025');
  assert.equal(env.OTEL_EXPORTER_ZIPKIN_ENDPOINT, 'http://127.0.0.1:7411/api/v2/spans');
  assert.deepEqual(
    Object.fromEntries(Object.keys(PORT_DEFAULTS).map((name) => [name, env[name]])),
    CHANGED,
    'each part reads its own port variable',
  );
});

test('without port variables the defaults the README lists are used', () => {
  const env = stackEnv({}, readPorts({}));
  assert.equal(env.FRONTEND_PORT, '5173');
  assert.equal(env.MAIL_UI_PORT, '8025');
  assert.equal(env.ROUTER_CORS_ORIGINS, 'http://127.0.0.1:5173,http://localhost:5173');
  assert.equal(env.VITE_ROUTER_URL, 'http://127.0.0.1:4000/graphql');
  assert.equal(env.NODE_ENV, 'development');
  assert.ok((env.GATEWAY_SECRET ?? '').length >= 32 && env.GATEWAY_SECRET !== env.INTERNAL_API_SECRET);
  assert.ok((env.METRICS_TOKEN ?? '').length >= 32 && ![env.GATEWAY_SECRET, env.INTERNAL_API_SECRET].includes(env.METRICS_TOKEN), 'a metrics token of its own');
});

test('a variable set explicitly is kept, an empty one is filled in', () => {
  const source = { ...CHANGED, ROUTER_CORS_ORIGINS: 'https://app.example', PASSWORD_RESET_URL: 'https://app.example/reset', GATEWAY_SECRET: 'x'.repeat(32), SMTP_URL: '' };
  const env = stackEnv(source, readPorts(source));
  assert.equal(env.ROUTER_CORS_ORIGINS, 'https://app.example');
  assert.equal(env.PASSWORD_RESET_URL, 'https://app.example/reset');
  assert.equal(env.GATEWAY_SECRET, 'x'.repeat(32));
  assert.equal(env.SMTP_URL, 'smtp://127.0.0.1:7025');
});

test('a port that is not one, or used twice, is refused naming the variables', () => {
  assert.throws(() => readPorts({ ROUTER_PORT: 'abc' }), /^Error: ROUTER_PORT must be a port number from 1 to 65535, got "abc"$/);
  assert.throws(() => readPorts({ AUTH_PORT: '70000' }), /AUTH_PORT must be a port number/);
  assert.throws(() => readPorts({ USER_PORT: '0' }), /USER_PORT must be a port number/);
  assert.throws(() => readPorts({ MAIL_UI_PORT: '80.5' }), /MAIL_UI_PORT must be a port number/);
  assert.throws(() => readPorts({ FRONTEND_PORT: '4000' }), /^Error: FRONTEND_PORT and ROUTER_PORT are both 4000; every part needs its own port$/);
});
