// Email addresses are the login name: normalised once (trim, lower-case) so that
// "Ada@Example.com " and "ada@example.com" are one account, then checked for a plausible shape.
import { badInput } from '@tracklore/shared/errors';

const MAX_LENGTH = 254; // RFC 5321 path limit
const LOCAL_PART = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const DOMAIN_LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

export function normaliseEmail(input: string): string {
  return input.trim().toLowerCase();
}

/** Why `email` (already normalised) is not acceptable, or undefined when it is. */
export function emailProblem(email: string): string | undefined {
  if (email.length === 0) return 'email is required';
  if (email.length > MAX_LENGTH) return `email must be at most ${MAX_LENGTH} characters`;
  const at = email.lastIndexOf('@');
  if (at <= 0 || at === email.length - 1) return 'email must look like name@example.com';
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  if (local.length > 64 || !LOCAL_PART.test(local)) return 'email must look like name@example.com';
  const labels = domain.split('.');
  if (labels.length < 2 || !labels.every((l) => DOMAIN_LABEL.test(l)) || /^[0-9]+$/.test(labels.at(-1) ?? '')) {
    return 'email must look like name@example.com';
  }
  return undefined;
}

/** Normalises and validates; BAD_USER_INPUT naming `field` when the address is not usable. */
export function parseEmail(input: string, field = 'email'): string {
  const email = normaliseEmail(input);
  const problem = emailProblem(email);
  if (problem) throw badInput(field, problem);
  return email;
}
