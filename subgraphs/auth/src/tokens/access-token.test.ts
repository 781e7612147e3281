import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { createLocalJWKSet } from 'jose';
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
