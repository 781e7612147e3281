// Opaque page cursors for the users connection: base64url of "user:<id>". Clients must not build
// them; a cursor that does not decode to a user id is BAD_USER_INPUT naming the argument.
import { badInput } from '@tracklore/shared/errors';
import { toUserId } from './ids.ts';

const PREFIX = 'user:';

export function encodeUserCursor(id: number): string {
  return Buffer.from(`${PREFIX}${id}`, 'utf8').toString('base64url');
}

export function decodeUserCursor(cursor: string, field = 'after'): number {
  const text = /^[A-Za-z0-9_-]{1,32}$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  const id = text.startsWith(PREFIX) ? toUserId(text.slice(PREFIX.length)) : undefined;
  // Re-encoding must give the same text: no padding variants or trailing bits count as another cursor.
  if (id === undefined || encodeUserCursor(id) !== cursor) throw badInput(field, 'after must be a cursor from a previous page (pageInfo.endCursor or an edge cursor)');
  return id;
}
