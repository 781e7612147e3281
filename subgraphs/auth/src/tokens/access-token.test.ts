import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { createLocalJWKSet, type JWTVerifyGetKey } from 'jose';
import { FakeClock } from '@tracklore/devkit/fake-clock';
import { systemClock } from '@tracklore/shared/clock';
import { AppError } from '@tracklore/shared/errors';
import { createAccessTokenVerifier } from '@tracklore/shared/tokens/access-token';
import { accessTokenClaims, signAccessToken } from './access-token.ts';
import { generateKeyMaterial, importPrivateKey } from './key-material.ts';

const base = { userId: 42, roles: ['USER', 'ADMIN'] as const, sessionId: 'b7c1e0f2-3a4d-4e5f-8a9b-0c1d2e3f4a5b', issuer: 'http://auth.test', audience: 'tracklore', ttlSeconds: 900 };

test('claims: sub is the user id as a string, exp = iat + ttl, roles and sid carried', () => {
  const claims = accessTokenClaims({ ...base, nowMs: 1_800_000_000_999, jti: 'j-1' });
  assert.deepEqual(claims, {
    iss: 'http://auth.test', aud: 'tracklore', sub: '42', iat: 1_800_000_000, exp: 1_800_000_900, jti: 'j-1',
    roles: ['USER', 'ADMIN'], sid: base.sessionId,
  });
  const a = accessTokenClaims({ ...base, nowMs: 0 });
  const b = accessTokenClaims({ ...base, nowMs: 0 });
  assert.notEqual(a.jti, b.jti);
});

test('a signed token verifies with the shared verifier; its kid and claims survive', async () => {
  const material = await generateKeyMaterial();
  assert.equal('d' in material.publicJwk, false);
  const key = { kid: material.kid, alg: 'EdDSA' as const, privateKey: await importPrivateKey(material.privateJwk) };
  const nowMs = systemClock.now(); // jose checks expiry against the real time
  const token = await signAccessToken(accessTokenClaims({ ...base, nowMs }), key);
  const verify = createAccessTokenVerifier({ keys: createLocalJWKSet({ keys: [material.publicJwk] }), issuer: base.issuer, audience: base.audience });
  const verified = await verify(token);
  assert.equal(verified.userId, 42);
  assert.deepEqual(verified.roles, ['USER', 'ADMIN']);
  assert.equal(verified.sessionId, base.sessionId);
  assert.equal(verified.exp, Math.floor(nowMs / 1000) + 900);
  const other = createAccessTokenVerifier({ keys: createLocalJWKSet({ keys: [material.publicJwk] }), issuer: base.issuer, audience: 'other' });
  await assert.rejects(other(token), (e: unknown) => e instanceof AppError && e.code === 'UNAUTHENTICATED');
  const expired = await signAccessToken(accessTokenClaims({ ...base, nowMs: nowMs - 3600_000 }), key);
  await assert.rejects(verify(expired), (e: unknown) => e instanceof AppError && /expired/.test(e.message));
});

/** Counts Ed25519 signature checks: jose verifies through WebCrypto's crypto.subtle.verify. */
type Subtle = typeof globalThis.crypto.subtle;
function countSignatureChecks(): { count(): number; restore(): void } {
  const subtle = globalThis.crypto.subtle;
  const original = subtle.verify;
  let checks = 0;
  subtle.verify = function (this: Subtle, ...args: Parameters<Subtle['verify']>) {
    checks += 1;
    return original.apply(this, args);
  };
  return { count: () => checks, restore: () => void delete (subtle as { verify?: unknown }).verify };
}

async function keyPair() {
  const material = await generateKeyMaterial();
  return { material, key: { kid: material.kid, alg: 'EdDSA' as const, privateKey: await importPrivateKey(material.privateJwk) } };
}

test('a verified token is remembered until it expires: one signature check per token, failures never remembered', async (t) => {
  const { material, key } = await keyPair();
  const checks = countSignatureChecks();
  t.after(() => checks.restore());
  const clock = new FakeClock(Date.UTC(2026, 11, 3, 12, 0, 0));
  const verify = createAccessTokenVerifier({ keys: createLocalJWKSet({ keys: [material.publicJwk] }), issuer: base.issuer, audience: base.audience, clock });
  const token = await signAccessToken(accessTokenClaims({ ...base, nowMs: clock.now() }), key);
  const first = await verify(token);
  const second = await verify(token);
  assert.equal(checks.count(), 1);
  assert.equal(second, first);
  assert.throws(() => (first.roles as string[]).push('ADMIN'), TypeError, 'remembered claims are shared, so frozen');

  const other = await signAccessToken(accessTokenClaims({ ...base, userId: 7, nowMs: clock.now() }), key);
  assert.equal((await verify(other)).userId, 7);
  assert.equal(checks.count(), 2);

  // A tampered token (same header and claims, another signature) is checked and refused, every time.
  const tampered = `${token.slice(0, token.lastIndexOf('.') + 1)}${'A'.repeat(86)}`;
  for (let i = 0; i < 2; i += 1) await assert.rejects(verify(tampered), (e: unknown) => e instanceof AppError && e.code === 'UNAUTHENTICATED');
  assert.equal(checks.count(), 4);

  // Past exp + the 5 s tolerance, the remembered token is refused like any expired one.
  clock.advance((base.ttlSeconds + 4) * 1000);
  assert.equal((await verify(token)).userId, 42);
  assert.equal(checks.count(), 4);
  clock.advance(2000);
  await assert.rejects(verify(token), (e: unknown) => e instanceof AppError && /expired/.test(e.message));
});

test('a remembered token dies with its key: removed from the key set it is refused at once; a reloaded key checks it again', async (t) => {
  const { material, key } = await keyPair();
  const checks = countSignatureChecks();
  t.after(() => checks.restore());
  let keySet: JWTVerifyGetKey = createLocalJWKSet({ keys: [material.publicJwk] });
  const verify = createAccessTokenVerifier({ keys: (header, input) => keySet(header, input), issuer: base.issuer, audience: base.audience });
  const token = await signAccessToken(accessTokenClaims({ ...base, nowMs: systemClock.now() }), key);
  await verify(token);
  await verify(token);
  assert.equal(checks.count(), 1);

  keySet = createLocalJWKSet({ keys: [material.publicJwk] }); // the same key, imported again (a reload)
  assert.equal((await verify(token)).userId, 42);
  assert.equal(checks.count(), 2, 'another key object: checked in full once more');
  await verify(token);
  assert.equal(checks.count(), 2);

  keySet = createLocalJWKSet({ keys: [(await generateKeyMaterial()).publicJwk] }); // the token's key is gone
  await assert.rejects(verify(token), (e: unknown) => e instanceof AppError && e.code === 'UNAUTHENTICATED');
});

test('the cache is bounded (oldest dropped first) and can be turned off', async (t) => {
  const { material, key } = await keyPair();
  const checks = countSignatureChecks();
  t.after(() => checks.restore());
  const keys = createLocalJWKSet({ keys: [material.publicJwk] });
  const nowMs = systemClock.now();
  const [a, b, c] = await Promise.all([1, 2, 3].map((userId) => signAccessToken(accessTokenClaims({ ...base, userId, nowMs }), key)));
  const bounded = createAccessTokenVerifier({ keys, issuer: base.issuer, audience: base.audience, cacheMaxEntries: 2 });
  for (const token of [a, b, c, c, b]) await bounded(token!);
  assert.equal(checks.count(), 3, 'b and c are still remembered');
  await bounded(a!);
  assert.equal(checks.count(), 4, 'a was dropped when c came in');

  const off = createAccessTokenVerifier({ keys, issuer: base.issuer, audience: base.audience, cacheMaxEntries: 0 });
  for (let i = 0; i < 3; i += 1) await off(a!);
  assert.equal(checks.count(), 7);
});
