import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { AppError } from '@tracklore/shared/errors';
import { checkCredentials, INVALID_CREDENTIALS_MESSAGE } from './credentials.ts';
import type { PasswordHasher } from './password-hasher.ts';

function recordingHasher() {
  const calls: Array<[string, string]> = [];
  const hasher: PasswordHasher = {
    dummyHash: 'DUMMY',
    hash: async (p) => `H(${p})`,
    verify: async (h, p) => {
      calls.push([h, p]);
      return h === `H(${p})`;
    },
    needsRehash: () => false,
  };
  return { hasher, calls };
}

const sameError = (e: unknown) => e instanceof AppError && e.code === 'INVALID_CREDENTIALS' && e.message === INVALID_CREDENTIALS_MESSAGE;

test('an unknown account is verified against the dummy hash and fails like a wrong password', async () => {
  const { hasher, calls } = recordingHasher();
  await assert.rejects(checkCredentials(null, 'whatever-password', hasher), sameError);
  await assert.rejects(checkCredentials({ passwordHash: 'H(right)' }, 'wrong', hasher), sameError);
  assert.deepEqual(calls, [['DUMMY', 'whatever-password'], ['H(right)', 'wrong']]);
});

test('the right password returns the account', async () => {
  const { hasher } = recordingHasher();
  const user = { id: 1, passwordHash: 'H(right)' };
  assert.equal(await checkCredentials(user, 'right', hasher), user);
});
