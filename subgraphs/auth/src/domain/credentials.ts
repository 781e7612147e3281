// Checking a password against an account, in constant work: an unknown account still runs one
// argon2 verification (against the dummy hash) and fails with the same error as a wrong password.
import { AppError } from '@tracklore/shared/errors';
import type { PasswordHasher } from './password-hasher.ts';

export const INVALID_CREDENTIALS_MESSAGE = 'email or password is incorrect';

/** A disabled account (admin action): said only after the password or a refresh token proved who is asking. */
export const accountDisabled = (): AppError => new AppError('ACCOUNT_DISABLED', 'this account has been disabled by an administrator; contact support');

export async function checkCredentials<U extends { passwordHash: string }>(user: U | null, password: string, hasher: PasswordHasher): Promise<U> {
  const ok = await hasher.verify(user?.passwordHash ?? hasher.dummyHash, password);
  if (!user || !ok) throw new AppError('INVALID_CREDENTIALS', INVALID_CREDENTIALS_MESSAGE);
  return user;
}
