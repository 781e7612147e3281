// Small real subgraphs for router tests: @apollo/subgraph schemas served by the shared HTTP edge
// on free ports, accepting only router-signed requests (requireGateway), recording the headers of
// every GraphQL request they accept. Named auth and user like the real ones, so the router's
// AUTH_SUBGRAPH_URL / USER_SUBGRAPH_URL overrides apply.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { requireGateway } from '@tracklore/shared/gateway-trust';
import { startHttpService, type HttpService } from '@tracklore/shared/http/service';
import { createLogger } from '@tracklore/shared/logger';
import { composeSupergraph } from '../../src/composition/compose.ts';
import { readSupergraphConfig } from '../../src/composition/supergraph-config.ts';
import { loadRouterConfig, type RouterConfig } from '../../src/config.ts';

export const FIXTURE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../fixtures/subgraphs');
export const TEST_GATEWAY_SECRET = 'router-test-gateway-secret-0123456789abcdef';

type Context = { headers: IncomingHttpHeaders };
type ResolverMap = NonNullable<Extract<Parameters<typeof buildSubgraphSchema>[0], { typeDefs: unknown }>['resolvers']>;

export interface FixtureSubgraph {
  name: 'auth' | 'user';
  url: string;
  graphqlUrl: string;
  port: number;
  /** Headers of each accepted GraphQL request, oldest first. */
  requests: IncomingHttpHeaders[];
  /** Distinct TCP connections the subgraph accepted. */
  connections(): number;
  stop(): Promise<void>;
  /** Starts it again on the same port (after stop). */
  restart(): Promise<void>;
}

const userFromToken = (headers: IncomingHttpHeaders) => headers.authorization?.match(/^Bearer user-(\d+)$/)?.[1];

const resolvers: Record<'auth' | 'user', ResolverMap> = {
  auth: {
    Query: {
      me: (_: unknown, __: unknown, context: unknown) => {
        const id = userFromToken((context as Context).headers);
        return id ? { id, email: `user${id}@example.com` } : null;
      },
      echo: (_: unknown, { text }: { text: string }) => text,
    },
    Mutation: { rename: (_: unknown, { email }: { email: string }) => ({ id: '1', email }) },
    User: { __resolveReference: (ref: { id: string }) => ({ id: ref.id, email: `user${ref.id}@example.com` }) },
  },
  user: {
    Query: { badgeCatalog: () => ['first-goal'] },
    User: { __resolveReference: (ref: { id: string }) => ({ id: ref.id, profile: { bio: `bio of ${ref.id}` }, badges: ['first-goal'] }) },
  },
};

export async function startFixtureSubgraph(name: 'auth' | 'user', options: { port?: number; /** Schema text; default the fixture file. */ sdl?: string; secret?: string } = {}): Promise<FixtureSubgraph> {
  const requests: IncomingHttpHeaders[] = [];
  const sockets = new WeakSet<object>();
  let connections = 0;
  let service: HttpService | undefined;
  let port = options.port ?? 0;

  async function start(): Promise<void> {
    const typeDefs = parse(options.sdl ?? readFileSync(join(FIXTURE_DIR, `${name}.graphql`), 'utf8'));
    const server = new ApolloServer<Context>({ schema: buildSubgraphSchema({ typeDefs, resolvers: resolvers[name] }), plugins: [ApolloServerPluginInlineTraceDisabled()] });
    service = await startHttpService<Context>({
      name: `fixture-${name}`,
      logger: createLogger(`fixture-${name}`, 'silent'),
      port,
      graphql: {
        server,
        guard: requireGateway(options.secret ?? TEST_GATEWAY_SECRET),
        context: async (req) => {
          requests.push(req.headers);
          return { headers: req.headers };
        },
      },
      drainTimeoutMs: 1000,
    });
    service.server.on('connection', (socket) => {
      if (!sockets.has(socket)) connections += 1;
      sockets.add(socket);
    });
    port = service.port;
  }

  await start();
  const url = `http://127.0.0.1:${port}`;
  return {
    name,
    url,
    graphqlUrl: `${url}/graphql`,
    port,
    requests,
    connections: () => connections,
    stop: async () => service?.stop(),
    restart: start,
  };
}

export interface FixtureSupergraph {
  dir: string;
  configPath: string;
  supergraphPath: string;
  /** Replaces a subgraph schema file in the scratch copy (for watch tests). */
  writeSchema(name: 'auth' | 'user', sdl: string): void;
  remove(): void;
}

/** A scratch copy of the fixture supergraph.yaml and schemas, composed into supergraph.graphql. */
export function composeFixtureSupergraph(): FixtureSupergraph {
  const dir = mkdtempSync(join(tmpdir(), 'router-supergraph-'));
  cpSync(FIXTURE_DIR, dir, { recursive: true });
  const configPath = join(dir, 'supergraph.yaml');
  const supergraphPath = join(dir, 'supergraph.graphql');
  const result = composeSupergraph(readSupergraphConfig(configPath));
  if (!result.ok) throw new Error(`fixture supergraph does not compose: ${JSON.stringify(result.problems)}`);
  writeFileSync(supergraphPath, result.supergraphSdl);
  return {
    dir,
    configPath,
    supergraphPath,
    writeSchema: (name, sdl) => writeFileSync(join(dir, `${name}.graphql`), sdl),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Router config for tests: port 0, the fixture supergraph, subgraph URL overrides, quiet logs. */
export function testRouterConfig(supergraph: FixtureSupergraph, subgraphs: { auth: { graphqlUrl: string }; user: { graphqlUrl: string } }, env: NodeJS.ProcessEnv = {}): RouterConfig {
  return loadRouterConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
    GATEWAY_SECRET: TEST_GATEWAY_SECRET,
    ROUTER_PORT: '0',
    SUPERGRAPH_PATH: supergraph.supergraphPath,
    SUPERGRAPH_CONFIG_PATH: supergraph.configPath,
    AUTH_SUBGRAPH_URL: subgraphs.auth.graphqlUrl,
    USER_SUBGRAPH_URL: subgraphs.user.graphqlUrl,
    ROUTER_READY_TIMEOUT_MS: '1000',
    ...env,
  });
}

export interface GraphQLResult {
  status: number;
  contentType: string | null;
  headers: Headers;
  body: { data?: Record<string, unknown> | null; errors?: Array<{ message: string; path?: unknown[]; extensions?: Record<string, unknown> }> };
}

/** POSTs an operation the way a client would (JSON, asking for the GraphQL response media type). */
export async function postGraphQL(url: string, body: unknown, headers: Record<string, string> = {}): Promise<GraphQLResult> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json;q=0.9', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: GraphQLResult['body'];
  try {
    parsed = JSON.parse(text) as GraphQLResult['body'];
  } catch {
    throw new Error(`not JSON (HTTP ${response.status}): ${text.slice(0, 200)}`);
  }
  return { status: response.status, contentType: response.headers.get('content-type'), headers: response.headers, body: parsed };
}
