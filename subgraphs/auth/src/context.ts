// Per-request GraphQL context: the viewer (verified token + active session), the client as the
// router reports it, and request-scoped DataLoaders. The viewer is settled once the operation is
// known (authenticationPlugin): a mutation checks its session in the database, a query may use
// the session cache.
import type { IncomingMessage } from 'node:http';
import type { ApolloServerPlugin } from '@apollo/server';
import DataLoader from 'dataloader';
import type { AppError } from '@tracklore/shared/errors';
import { bearerToken } from '@tracklore/shared/tokens/access-token';
import { activeTraceparent } from '@tracklore/shared/telemetry/trace-context';
import type { AuthServices, ClientInfo, Viewer } from './domain/services.ts';
import { authenticate, type SessionSource } from './domain/viewer.ts';
import { findUsersByIds, toUserView, type UserView } from './repositories/users.ts';

export interface AuthContext {
  services: AuthServices;
  viewer: Viewer | null;
  /** Why a presented access token was not accepted; null when none was presented or it was. */
  authError: AppError | null;
  client: ClientInfo;
  loaders: { userById: DataLoader<number, UserView | null> };
  /** Checks the request's access token and sets viewer / authError; run by authenticationPlugin. */
  authenticate(this: AuthContext, source: SessionSource): Promise<void>;
}

/**
 * The client address: the right-most x-forwarded-for entry, i.e. the one the router itself
 * added (entries to its left came from the client and prove nothing). Only router-signed
 * requests reach GraphQL, so the header is trusted there.
 */
export function clientAddress(req: IncomingMessage): string | null {
  const header = req.headers['x-forwarded-for'];
  const value = Array.isArray(header) ? header.join(',') : header;
  const entries = (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const forwarded = entries.at(-1);
  if (forwarded && forwarded.length <= 64) return forwarded;
  return req.socket.remoteAddress ?? null;
}

const TRACEPARENT = /^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/;

export function clientInfo(req: IncomingMessage): ClientInfo {
  const agent = req.headers['user-agent'];
  const trace = req.headers.traceparent;
  return {
    address: clientAddress(req),
    userAgent: typeof agent === 'string' && agent !== '' ? agent.slice(0, 512) : null,
    // With tracing on, the auth subgraph's own request span (so events continue its trace); else the caller's.
    traceparent: activeTraceparent() ?? (typeof trace === 'string' && TRACEPARENT.test(trace) ? trace : null),
  };
}

/** One SELECT for every user id asked for during a request (entity references, `user`, `me`). */
export function userLoader(services: AuthServices): DataLoader<number, UserView | null> {
  return new DataLoader(async (ids) => {
    const rows = await findUsersByIds(services.db, ids);
    const byId = new Map(rows.map((r) => [r.id, toUserView(r)]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}

export async function createContext(services: AuthServices, req: IncomingMessage): Promise<AuthContext> {
  const token = bearerToken(req.headers.authorization);
  return {
    services,
    viewer: null,
    authError: null,
    client: clientInfo(req),
    loaders: { userById: userLoader(services) },
    // Sets the fields on `this`: Apollo runs the operation with a shallow copy of this object.
    async authenticate(source) {
      if (!token) return;
      const result = await authenticate(services, token, source);
      if ('error' in result) {
        this.authError = result.error;
        return;
      }
      this.viewer = result.viewer;
      // The session lookup already read the viewer's user row: `me` needs no second statement.
      this.loaders.userById.prime(result.user.id, result.user);
    },
  };
}

/**
 * Authenticates each operation once it is parsed: mutations against the database (a session
 * ended on any instance cannot write, at once), queries and entity fetches through the session
 * cache (reads see a revocation within the cache's bound, normally at once via NOTIFY).
 */
export const authenticationPlugin: ApolloServerPlugin<AuthContext> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ contextValue, operation }) {
        await contextValue.authenticate(operation?.operation === 'mutation' ? 'database' : 'cache');
      },
    };
  },
};
