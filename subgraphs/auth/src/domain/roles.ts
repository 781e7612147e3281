// Granting roles: how the first ADMIN comes to exist (cli/grant-role.ts) and what tests use.
import type { Role } from '@tracklore/shared/tokens/access-token';
import { AppError } from '@tracklore/shared/errors';
import type { DbOrTx } from '../db.ts';
import { addRole } from '../repositories/users.ts';
import { parseEmail } from './email.ts';

export const ROLES: readonly Role[] = ['USER', 'ADMIN'];

export function parseRole(value: string): Role {
  const role = value.trim().toUpperCase();
  if (!(ROLES as readonly string[]).includes(role)) throw new AppError('BAD_USER_INPUT', `role must be one of ${ROLES.join(', ')}`, { field: 'role' });
  return role as Role;
}

/** Adds `role` to the account with `email` (idempotent); returns its roles afterwards. */
export async function grantRole(db: DbOrTx, email: string, role: Role): Promise<Role[]> {
  const roles = await addRole(db, parseEmail(email), role);
  if (!roles) throw new AppError('NOT_FOUND', `no account with email ${parseEmail(email)}`);
  return roles;
}
