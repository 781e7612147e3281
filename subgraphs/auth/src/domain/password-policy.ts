// Password rules (NIST SP 800-63B style): length, not a well-known password, not the email.
// No composition rules; length and a block-list do more for real-world strength.
import { readFileSync } from 'node:fs';
import { badInput } from '@tracklore/shared/errors';

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;

const COMMON = new Set(
  readFileSync(new URL('./common-passwords.txt', import.meta.url), 'utf8')
    .split('\n')
    .map((line) => line.trim().toLowerCase())
    .filter((line) => line !== '' && !line.startsWith('#')),
);

/** Normalised form that is hashed and compared: the same text typed on any device gives the same bytes. */
export function normalisePassword(password: string): string {
  return password.normalize('NFKC');
}

export function isCommonPassword(password: string): boolean {
  return COMMON.has(password.toLowerCase());
}

/** Why `password` may not be used by the account `email` (normalised), or undefined when it may. */
export function passwordProblem(password: string, email: string | undefined): string | undefined {
  const length = [...normalisePassword(password)].length; // code points, not UTF-16 units
  if (length < PASSWORD_MIN_LENGTH) return `password must be at least ${PASSWORD_MIN_LENGTH} characters`;
  if (length > PASSWORD_MAX_LENGTH) return `password must be at most ${PASSWORD_MAX_LENGTH} characters`;
  if (isCommonPassword(password)) return 'password is too common; choose a less guessable one';
  if (email !== undefined) {
    const lowered = password.trim().toLowerCase();
    const local = email.slice(0, email.lastIndexOf('@'));
    if (lowered === email || lowered === local) return 'password must not be your email address';
  }
  return undefined;
}

/** Throws BAD_USER_INPUT naming `field` when the password breaks the policy. */
export function assertPasswordAllowed(password: string, email: string | undefined, field: string): void {
  const problem = passwordProblem(password, email);
  if (problem) throw badInput(field, problem);
}
