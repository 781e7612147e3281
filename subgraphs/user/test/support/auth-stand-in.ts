// A real HTTP server standing in for the auth subgraph's service surface (JWKS + /internal API per
// the team conventions), with a real Ed25519 key from jose. Tests mint tokens with it, decide
// which users exist and which sessions are revoked, and take it down or make it hang.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { exportJWK, generateKeyPair, jwtVerify, createLocalJWKSet, SignJWT, type CryptoKey, type JWK } from 'jose';
import type { Role } from '@tracklore/shared/tokens/access-token';
import { systemClock } from '@tracklore/shared/clock';

export const ISSUER = 'http://auth.stand-in.test';
export const AUDIENCE = 'tracklore-test';
export const SERVICE_SECRET = 'internal-secret-for-user-subgraph-tests-0123456789';

export interface AuthStandIn {
  url: string;
  /** Users that exist at "auth", with their roles. */
  users: Map<number, Role[]>;
  revokedSessions: Set<string>;
  /** Requests answered, by route. */
  hits: { jwks: number; users: number; introspect: number };
  /** Every request that reached the server, answered or not. */
  received: number;
  /** 'hang': accept requests and never answer. */
  mode: 'answer' | 'hang';
  mint(userId: number, options?: { roles?: Role[]; sessionId?: string; expiresInSeconds?: number }): Promise<string>;
  /** Stops listening (connections refused) until start(). */
  down(): Promise<void>;
  /** Listens again on the same port. */
  up(): Promise<void>;
  stop(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null');
}

export async function startAuthStandIn(): Promise<AuthStandIn> {
  const { publicKey, privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
  const kid = `test-${randomUUID().slice(0, 8)}`;
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid, alg: 'EdDSA', use: 'sig' };
  const keys = createLocalJWKSet({ keys: [jwk] });
  const sockets = new Set<Socket>();

  const standIn: Omit<AuthStandIn, 'url' | 'down' | 'up' | 'stop'> = {
    users: new Map(),
    revokedSessions: new Set(),
    hits: { jwks: 0, users: 0, introspect: 0 },
    received: 0,
    mode: 'answer',
    mint: (userId, options = {}) => sign(privateKey, kid, userId, options),
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    standIn.received += 1;
    if (standIn.mode === 'hang') return; // never answer
    const url = new URL(req.url ?? '/', 'http://x');
    if (req.method === 'GET' && url.pathname === '/.well-known/jwks.json') {
      standIn.hits.jwks += 1;
      return send(res, 200, { keys: [jwk] });
    }
    if (!url.pathname.startsWith('/internal/')) return send(res, 404, { error: { code: 'NOT_FOUND', message: 'no route' } });
    if (req.headers['x-service-secret'] !== SERVICE_SECRET) return send(res, 401, { error: { code: 'UNAUTHENTICATED', message: 'bad service secret' } });
    const userMatch = url.pathname.match(/^\/internal\/users\/([^/]+)$/);
    if (req.method === 'GET' && userMatch) {
      standIn.hits.users += 1;
      const id = Number(userMatch[1]);
      if (!Number.isInteger(id)) return send(res, 400, { error: { code: 'BAD_USER_INPUT', message: 'id must be an integer' } });
      const roles = standIn.users.get(id);
      if (!roles) return send(res, 404, { error: { code: 'NOT_FOUND', message: 'no such user' } });
      return send(res, 200, { id, email: `user${id}@example.test`, roles, createdAt: systemClock.date().toISOString() });
    }
    if (req.method === 'POST' && url.pathname === '/internal/introspect') {
      standIn.hits.introspect += 1;
      const body = (await readJson(req)) as { token?: string } | null;
      try {
        const { payload } = await jwtVerify(String(body?.token), keys, { issuer: ISSUER, audience: AUDIENCE, algorithms: ['EdDSA'] });
        const userId = Number(payload.sub);
        const roles = standIn.users.get(userId);
        if (!roles || standIn.revokedSessions.has(String(payload.sid))) return send(res, 200, { active: false });
        return send(res, 200, { active: true, userId, sessionId: payload.sid, roles, exp: payload.exp });
      } catch {
        return send(res, 200, { active: false });
      }
    }
    send(res, 404, { error: { code: 'NOT_FOUND', message: 'no route' } });
  }

  const server = createServer((req, res) => void handle(req, res).catch(() => send(res, 500, { error: { code: 'INTERNAL', message: 'x' } })));
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  const down = async () => {
    if (!server.listening) return;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const socket of sockets) socket.destroy();
    await closed;
  };
  return Object.assign(standIn, {
    url: `http://127.0.0.1:${port}`,
    down,
    up: () => new Promise<void>((resolve) => (server.listening ? resolve() : server.listen(port, '127.0.0.1', resolve))),
    stop: down,
  });
}

async function sign(privateKey: CryptoKey, kid: string, userId: number, options: { roles?: Role[]; sessionId?: string; expiresInSeconds?: number }): Promise<string> {
  const now = Math.floor(systemClock.now() / 1000);
  return new SignJWT({ roles: options.roles ?? ['USER'], sid: options.sessionId ?? randomUUID() })
    .setProtectedHeader({ alg: 'EdDSA', kid })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setSubject(String(userId))
    .setIssuedAt(now)
    .setExpirationTime(now + (options.expiresInSeconds ?? 900))
    .setJti(randomUUID())
    .sign(privateKey);
}
