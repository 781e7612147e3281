// The internal service API (/internal/*), for other services only: a shared secret in
// x-service-secret, compared in constant time. Shapes are fixed by the team contract.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError, readJsonBody } from '@tracklore/shared/http/body';
import { secretMatches } from '@tracklore/shared/http/secret';
import { sendJson, type Route } from '@tracklore/shared/http/service';
import type { AuthServices } from '../domain/services.ts';
import { toUserId } from '../domain/ids.ts';
import { introspect } from '../domain/viewer.ts';
import { findUserById } from '../repositories/users.ts';

export const SERVICE_SECRET_HEADER = 'x-service-secret';
const MAX_BODY_BYTES = 16 * 1024;

const sendError = (res: ServerResponse, status: number, code: string, message: string) => sendJson(res, status, { error: { code, message } });

function guarded(secret: string, handle: (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>) {
  return async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    if (!secretMatches(secret, req.headers[SERVICE_SECRET_HEADER])) return sendError(res, 401, 'UNAUTHENTICATED', `missing or wrong ${SERVICE_SECRET_HEADER}`);
    try {
      await handle(req, res, url);
    } catch (error) {
      if (error instanceof HttpError) return sendError(res, error.status, error.status === 400 ? 'BAD_USER_INPUT' : error.code, error.message);
      throw error;
    }
  };
}

export function internalRoutes(services: AuthServices): Route[] {
  const secret = services.config.internalApiSecret;
  return [
    {
      method: 'GET',
      path: '/internal/users/',
      prefix: true,
      handle: guarded(secret, async (_req, res, url) => {
        // Not URI-decoded: an id is digits, and a malformed escape (%zz) must be a 400, not a throw.
        const id = toUserId(url.pathname.slice('/internal/users/'.length));
        if (id === undefined) return sendError(res, 400, 'BAD_USER_INPUT', 'user id must be a positive integer');
        const user = await findUserById(services.db, id);
        if (!user) return sendError(res, 404, 'NOT_FOUND', `no user with id ${id}`);
        sendJson(res, 200, { id: user.id, email: user.email, roles: user.roles, createdAt: user.createdAt.toISOString() });
      }),
    },
    {
      method: 'POST',
      path: '/internal/introspect',
      handle: guarded(secret, async (req, res) => {
        const body = await readJsonBody(req, MAX_BODY_BYTES);
        const token = typeof body === 'object' && body !== null ? (body as { token?: unknown }).token : undefined;
        if (typeof token !== 'string' || token === '') return sendError(res, 400, 'BAD_USER_INPUT', 'body must be JSON {"token": "<access token>"}');
        sendJson(res, 200, await introspect(services, token), { 'cache-control': 'no-store' });
      }),
    },
  ];
}
