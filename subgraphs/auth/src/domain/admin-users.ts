// User management for ADMINs: the users connection (id order, opaque cursors, email-prefix search)
// and disabling / enabling accounts. Disabling revokes every session in the same transaction;
// log-in and refresh then answer ACCOUNT_DISABLED (accounts.ts, sessions.ts), and the session
// lookup ignores a disabled user's sessions (repositories/sessions.ts), so its access tokens stop
// working for writes at once and for reads as soon as the session caches drop (NOTIFY).
import { AppError, badInput } from '@tracklore/shared/errors';
import { revokeUserSessions } from '../repositories/sessions.ts';
import { countUsers, listUsersPage, setDisabled, type UserView } from '../repositories/users.ts';
import { decodeUserCursor, encodeUserCursor } from './cursors.ts';
import { parseUserId } from './ids.ts';
import type { AuthServices, Viewer } from './services.ts';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;
/** An address is at most 254 characters, so a longer prefix matches nothing. */
const MAX_QUERY_LENGTH = 254;
const MAX_REASON_LENGTH = 500;

export function requireAdmin(viewer: Viewer): void {
  if (!viewer.roles.includes('ADMIN')) throw new AppError('FORBIDDEN', 'only admins may manage users');
}

export interface UserPage {
  edges: Array<{ cursor: string; node: UserView }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

export async function listUsers(services: AuthServices, viewer: Viewer, args: { first?: number | null; after?: string | null; query?: string | null }): Promise<UserPage> {
  requireAdmin(viewer);
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) throw badInput('first', `first must be 1 to ${MAX_PAGE_SIZE}`);
  const afterId = args.after === null || args.after === undefined ? 0 : decodeUserCursor(args.after, 'after');
  const query = args.query?.trim() ?? '';
  if (query.length > MAX_QUERY_LENGTH) throw badInput('query', `query must be at most ${MAX_QUERY_LENGTH} characters`);
  const emailPrefix = query === '' ? null : query;
  // One row more than asked tells whether another page follows.
  const [rows, totalCount] = await Promise.all([listUsersPage(services.db, { afterId, limit: first + 1, emailPrefix }), countUsers(services.db, emailPrefix)]);
  const edges = rows.slice(0, first).map((node) => ({ cursor: encodeUserCursor(node.id), node }));
  return { edges, pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null }, totalCount };
}

const notFound = () => new AppError('NOT_FOUND', 'no user with that id');

export async function disableUser(services: AuthServices, viewer: Viewer, args: { id: string; reason: string }): Promise<UserView> {
  requireAdmin(viewer);
  const userId = parseUserId(args.id, 'id');
  const reason = args.reason.trim();
  // Code points, as PostgreSQL's VARCHAR(500) counts them.
  const length = [...reason].length;
  if (length < 1 || length > MAX_REASON_LENGTH) throw badInput('reason', `reason must be 1 to ${MAX_REASON_LENGTH} characters`);
  if (userId === viewer.userId) throw badInput('id', 'admins cannot disable their own account');
  const now = services.clock.date();
  const user = await services.db.$transaction(async (tx) => {
    const updated = await setDisabled(tx, userId, reason, now);
    if (!updated) throw notFound();
    await revokeUserSessions(tx, userId, 'disabled-by-admin', now);
    return updated;
  });
  // This instance reads its own write at once (the NOTIFY tells the others).
  services.sessionCache.clear();
  services.logger.warn({ userId, adminId: viewer.userId }, 'account disabled');
  return user;
}

export async function enableUser(services: AuthServices, viewer: Viewer, args: { id: string }): Promise<UserView> {
  requireAdmin(viewer);
  const userId = parseUserId(args.id, 'id');
  const user = await setDisabled(services.db, userId, null, services.clock.date());
  if (!user) throw notFound();
  services.sessionCache.clear();
  services.logger.info({ userId, adminId: viewer.userId }, 'account enabled');
  return user;
}
