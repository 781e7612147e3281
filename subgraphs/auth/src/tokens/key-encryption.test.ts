import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { generateKeyMaterial } from './key-material.ts';
import { createKeyCipher, isEncryptedJwk } from './key-encryption.ts';

const SECRET = 'a-signing-key-encryption-secret-0123456789';

test('a private JWK round-trips through encryption, and the stored form holds no key material', async () => {
  const { kid, privateJwk } = await generateKeyMaterial();
  const cipher = createKeyCipher(SECRET);
  const sealed = cipher.seal(privateJwk, kid);
  assert.ok(isEncryptedJwk(sealed));
  assert.ok(!JSON.stringify(sealed).includes(String(privateJwk.d)), 'the secret d is not stored in clear');
  assert.notDeepEqual(cipher.seal(privateJwk, kid), sealed, 'fresh salt and IV per seal');
  assert.deepEqual(cipher.open(JSON.parse(JSON.stringify(sealed)), kid), privateJwk);
});

test('a wrong secret, a missing secret or another row fail with an error naming the variable', async () => {
  const { kid, privateJwk } = await generateKeyMaterial();
  const sealed = createKeyCipher(SECRET).seal(privateJwk, kid);
  assert.throws(() => createKeyCipher(`${SECRET}-wrong`).open(sealed, kid), (err: Error) => {
    assert.match(err.message, /SIGNING_KEY_ENCRYPTION_SECRET/);
    assert.match(err.message, new RegExp(kid));
    assert.ok(!err.message.includes(String(privateJwk.d)));
    return true;
  });
  assert.throws(() => createKeyCipher(undefined).open(sealed, kid), /stored encrypted: set SIGNING_KEY_ENCRYPTION_SECRET/);
  assert.throws(() => createKeyCipher(SECRET).open(sealed, 'another-kid'), /SIGNING_KEY_ENCRYPTION_SECRET/);
});

test('keys stored in clear keep loading, with or without a secret; without one nothing is encrypted', async () => {
  const { kid, privateJwk } = await generateKeyMaterial();
  assert.deepEqual(createKeyCipher(SECRET).open(privateJwk, kid), privateJwk);
  const plain = createKeyCipher(undefined);
  assert.equal(plain.encrypts, false);
  assert.deepEqual(plain.seal(privateJwk, kid), privateJwk);
  assert.deepEqual(plain.open(privateJwk, kid), privateJwk);
});
