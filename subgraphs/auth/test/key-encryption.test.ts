// Private signing keys at rest: an instance started with SIGNING_KEY_ENCRYPTION_SECRET encrypts
// keys stored in clear, keeps using them (tokens stay valid), and rotation stores new keys
// encrypted; a wrong or missing secret stops start-up with an error naming the variable.
import { strict as assert } from 'node:assert';
import { after, test } from 'node:test';
import { GATEWAY_HEADER, signGatewayHeader } from '@tracklore/shared/gateway-trust';
import { createLogger } from '@tracklore/shared/logger';
import { systemClock } from '@tracklore/shared/clock';
import { startAuth, type RunningAuth } from '../src/app.ts';
import { loadAuthConfig } from '../src/config.ts';
import { createDb } from '../src/db.ts';
import { createKeyCipher } from '../src/tokens/key-encryption.ts';
import { rotateSigningKey } from '../src/tokens/key-ring.ts';
import { GATEWAY_SECRET, INTERNAL_API_SECRET, PASSWORD, signUp, startTestAuth } from './helpers.ts';

const SECRET = 'test-signing-key-encryption-secret-0123456789';
const t = await startTestAuth('auth_key_encryption');
const configWith = (env: Record<string, string>) =>
  loadAuthConfig({ GATEWAY_SECRET, INTERNAL_API_SECRET, AUTH_DATABASE_URL: t.databaseUrl, AUTH_PORT: '0', SMTP_URL: t.smtp.url, LOG_LEVEL: 'silent', KAFKA_BROKERS: t.config.kafkaBrokers.join(','), ...env });

async function gqlVia<D>(auth: RunningAuth, query: string, variables: Record<string, unknown> = {}, token?: string): Promise<D | undefined> {
  const headers: Record<string, string> = { 'content-type': 'application/json', [GATEWAY_HEADER]: signGatewayHeader(GATEWAY_SECRET) };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(`${auth.url}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  return ((await response.json()) as { data?: D }).data;
}
const meVia = async (auth: RunningAuth, token: string) => (await gqlVia<{ me: unknown }>(auth, '{ me { id } }', {}, token))?.me;

const clearRows = async () => (await t.sql.query(`SELECT kid FROM signing_keys WHERE private_jwk ? 'd'`)).rows.length;

test('keys stored in clear are encrypted on start with the secret, keep working, and rotation stores encrypted keys', async () => {
  const user = await signUp(t);
  assert.equal(await clearRows(), 1, 'without the secret the key is stored in clear');

  const encrypted = await startAuth(configWith({ SIGNING_KEY_ENCRYPTION_SECRET: SECRET }));
  after(() => encrypted.stop());
  assert.equal(await clearRows(), 0, 'the clear key was encrypted on start');
  const { rows } = await t.sql.query(`SELECT private_jwk->>'enc' AS enc FROM signing_keys`);
  assert.deepEqual(rows.map((r) => r.enc), ['A256GCM']);
  assert.deepEqual(await meVia(encrypted, user.accessToken), { id: user.user.id }, 'tokens signed before still verify');
  // The instance signs with the key it decrypted.
  const login = await gqlVia<{ logIn: { accessToken: string } }>(encrypted, 'mutation($e: String!, $p: String!) { logIn(email: $e, password: $p) { accessToken } }', { e: user.user.email, p: PASSWORD });
  assert.ok(login?.logIn.accessToken);
  assert.deepEqual(await meVia(t.auth, login.logIn.accessToken), { id: user.user.id });

  const db = createDb({ url: t.databaseUrl, logger: createLogger('test', 'silent') });
  try {
    await rotateSigningKey(db, t.config.accessTokenTtlSeconds, systemClock.date(), createKeyCipher(SECRET));
  } finally {
    await db.$disconnect();
  }
  assert.equal(await clearRows(), 0, 'the rotated-in key is stored encrypted');
  assert.equal((await t.sql.query(`SELECT count(*)::int AS n FROM signing_keys WHERE private_jwk->>'enc' = 'A256GCM'`)).rows[0].n, 2);

  await assert.rejects(startAuth(configWith({ SIGNING_KEY_ENCRYPTION_SECRET: `${SECRET}-wrong` })), /cannot decrypt signing key .*SIGNING_KEY_ENCRYPTION_SECRET/);
  await assert.rejects(startAuth(configWith({})), /stored encrypted: set SIGNING_KEY_ENCRYPTION_SECRET/);
  assert.throws(() => configWith({ SIGNING_KEY_ENCRYPTION_SECRET: 'short' }), /SIGNING_KEY_ENCRYPTION_SECRET/);
});
