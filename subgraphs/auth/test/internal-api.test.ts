// The internal service API (shapes fixed by the team contract), the JWKS document, /ready and
// the housekeeping job.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { createLogger } from '@tracklore/shared/logger';
import { systemClock } from '@tracklore/shared/clock';
import { createDb } from '../src/db.ts';
import { runMaintenance } from '../src/maintenance.ts';
import { INTERNAL_API_SECRET, signUp, startTestAuth, uniqueEmail } from './helpers.ts';

const t = await startTestAuth('auth_internal_api');
const user = await signUp(t, uniqueEmail('internal'));

const call = (path: string, init: RequestInit & { secret?: string | null } = {}) => {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (init.secret !== null) headers['x-service-secret'] = init.secret ?? INTERNAL_API_SECRET;
  return fetch(`${t.auth.url}${path}`, { ...init, headers });
};

test('the service secret is required and compared exactly', async () => {
  for (const secret of [null, 'wrong', `${INTERNAL_API_SECRET}x`, INTERNAL_API_SECRET.slice(0, -1)]) {
    const response = await call(`/internal/users/${user.user.id}`, { secret });
    assert.equal(response.status, 401);
    const body = (await response.json()) as { error: { code: string; message: string } };
    assert.equal(body.error.code, 'UNAUTHENTICATED');
  }
  const introspect = await call('/internal/introspect', { method: 'POST', body: JSON.stringify({ token: user.accessToken }), secret: 'wrong' });
  assert.equal(introspect.status, 401);
});

test('GET /internal/users/:id: 200 with identity, 404 unknown, 400 not an integer', async () => {
  const found = await call(`/internal/users/${user.user.id}`);
  assert.equal(found.status, 200);
  assert.deepEqual(await found.json(), { id: Number(user.user.id), email: user.user.email, roles: ['USER'], createdAt: user.user.createdAt });
  const missing = await call('/internal/users/987654');
  assert.equal(missing.status, 404);
  assert.equal(((await missing.json()) as { error: { code: string } }).error.code, 'NOT_FOUND');
  for (const bad of ['abc', '1.5', '-3', '0', '%zz', '%31']) {
    const response = await call(`/internal/users/${bad}`);
    assert.equal(response.status, 400, bad);
    assert.equal(((await response.json()) as { error: { code: string } }).error.code, 'BAD_USER_INPUT');
  }
});

test('POST /internal/introspect: active with claims, inactive after logout, 400 for a bad body', async () => {
  const active = await call('/internal/introspect', { method: 'POST', body: JSON.stringify({ token: user.accessToken }) });
  const body = (await active.json()) as Record<string, unknown>;
  assert.equal(body.active, true);
  assert.equal(body.userId, Number(user.user.id));
  assert.match(String(body.sessionId), /^[0-9a-f-]{36}$/);
  assert.deepEqual(body.roles, ['USER']);
  assert.equal(typeof body.exp, 'number');
  await t.gql('mutation($r: String!) { logOut(refreshToken: $r) }', { r: user.refreshToken });
  const after = await call('/internal/introspect', { method: 'POST', body: JSON.stringify({ token: user.accessToken }) });
  assert.deepEqual(await after.json(), { active: false });
  const noToken = await call('/internal/introspect', { method: 'POST', body: JSON.stringify({}) });
  assert.equal(noToken.status, 400);
  const notJson = await call('/internal/introspect', { method: 'POST', body: '{oops' });
  assert.equal(notJson.status, 400);
});

test('JWKS: public Ed25519 keys only, cacheable, with a working ETag', async () => {
  const response = await fetch(`${t.auth.url}/.well-known/jwks.json`);
  assert.equal(response.status, 200);
  assert.match(response.headers.get('cache-control') ?? '', /public, max-age=\d+/);
  const text = await response.text();
  const { keys } = JSON.parse(text) as { keys: Array<Record<string, string>> };
  assert.equal(keys.length, 1);
  assert.deepEqual(Object.keys(keys[0]!).sort(), ['alg', 'crv', 'kid', 'kty', 'use', 'x']);
  assert.equal(keys[0]!.kty, 'OKP');
  assert.equal(keys[0]!.crv, 'Ed25519');
  assert.doesNotMatch(text, /"d"/);
  const etag = response.headers.get('etag');
  assert.ok(etag);
  const cached = await fetch(`${t.auth.url}/.well-known/jwks.json`, { headers: { 'if-none-match': etag } });
  assert.equal(cached.status, 304);
});

test('/ready reports the database, Kafka and the outbox backlog', async () => {
  const response = await fetch(`${t.auth.url}/ready`);
  assert.equal(response.status, 200);
  const body = (await response.json()) as { checks: Record<string, Record<string, unknown>> };
  assert.equal(body.checks.database?.ok, true);
  assert.equal(body.checks.kafka?.ok, true);
  assert.ok(['connected', 'disconnected'].includes(String(body.checks.kafka?.state)));
  assert.equal(typeof body.checks.outbox?.pending, 'number');
  assert.equal(body.checks.outbox?.listening, true);
  assert.equal((await fetch(`${t.auth.url}/health`)).status, 200);
});

test('maintenance deletes old rate-limit windows, published outbox rows and dead reset tokens only', async () => {
  await t.sql.query(`INSERT INTO rate_limit_buckets (key, window_start, count) VALUES ('old', now() - interval '30 days', 3), ('fresh', now(), 1)`);
  await t.sql.query(`UPDATE outbox_events SET sent_at = now() - interval '8 days' WHERE key = $1`, [user.user.id]);
  await t.sql.query(`INSERT INTO password_reset_tokens (id, user_id, token_hash, expires_at) VALUES (gen_random_uuid(), $1, 'dead', now() - interval '2 days'), (gen_random_uuid(), $1, 'live', now() + interval '10 minutes')`, [user.user.id]);
  const db = createDb({ url: t.databaseUrl, logger: createLogger('test', 'silent') });
  try {
    const deleted = await runMaintenance(db, t.config, systemClock.date());
    assert.equal(deleted.rateLimitBuckets, 1);
    assert.equal(deleted.outboxEvents, 1);
    assert.equal(deleted.resetTokens, 1);
  } finally {
    await db.$disconnect();
  }
  assert.deepEqual((await t.sql.query('SELECT key FROM rate_limit_buckets WHERE key IN ($1, $2)', ['old', 'fresh'])).rows, [{ key: 'fresh' }]);
  assert.deepEqual((await t.sql.query(`SELECT token_hash FROM password_reset_tokens WHERE token_hash IN ('dead', 'live')`)).rows, [{ token_hash: 'live' }]);
});
