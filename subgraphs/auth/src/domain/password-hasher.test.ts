import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { createArgon2Hasher } from './password-hasher.ts';

test('argon2id at OWASP parameters; verify is false (not a throw) for wrong or broken input', async () => {
  const hasher = await createArgon2Hasher();
  const stored = await hasher.hash('correct horse battery');
  assert.match(stored, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  assert.equal(await hasher.verify(stored, 'correct horse battery'), true);
  assert.equal(await hasher.verify(stored, 'correct horse battery!'), false);
  assert.equal(await hasher.verify('not a hash', 'x'), false);
  assert.match(hasher.dummyHash, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  assert.equal(hasher.needsRehash(stored), false);
});

test('equivalent Unicode forms of a password match (NFKC)', async () => {
  const hasher = await createArgon2Hasher();
  const stored = await hasher.hash('caf\u00e9 au lait please');
  assert.equal(await hasher.verify(stored, 'cafe\u0301 au lait please'), true);
});

test('hashes made with other parameters need a rehash', async () => {
  const weak = await createArgon2Hasher({ algorithm: 2, memoryCost: 1024, timeCost: 1, parallelism: 1 });
  const strong = await createArgon2Hasher();
  assert.equal(strong.needsRehash(await weak.hash('some long password')), true);
  assert.equal(strong.needsRehash('garbage'), true);
});
