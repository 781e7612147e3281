// The peer: Hive Gateway 2.15 with the Rust query planner (@graphql-hive/router-runtime), one
// process, serving the committed supergraph at /graphql with the subgraph URLs of this bench run.
// Configured like the router: the caller's Authorization is propagated to the subgraphs, every
// subgraph request is signed with x-tracklore-gateway by a plugin, and neither side deduplicates
// in-flight subgraph requests: the router's RemoteGraphQLDataSource deduplicates only GET requests
// and sends POST, while Hive's HTTP transport deduplicates identical in-flight queries by default
// (@graphql-tools/executor-http deduplicateInflightRequests), so it is switched off here — with it
// on, 10 connections asking the same `badges` share subgraph calls and the peer looks faster. Env: HIVE_PORT, GATEWAY_SECRET, AUTH_SUBGRAPH_URL, USER_SUBGRAPH_URL.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createGatewayRuntime, type GatewayPlugin } from '@graphql-hive/gateway';
import { unifiedGraphHandler } from '@graphql-hive/router-runtime';
import { GATEWAY_HEADER, signGatewayHeader } from '@tracklore/shared/gateway-trust';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`hive-gateway: ${name} is required`);
  return value;
};
const secret = env('GATEWAY_SECRET');
const supergraph = readFileSync(new URL('../../supergraph.graphql', import.meta.url), 'utf8')
  .replace(/(@join__graph\(name: "auth", url: ")[^"]+/, `$1${env('AUTH_SUBGRAPH_URL')}`)
  .replace(/(@join__graph\(name: "user", url: ")[^"]+/, `$1${env('USER_SUBGRAPH_URL')}`);

/** Signs every subgraph request, as the router's SubgraphDataSource does. */
const signSubgraphRequests: GatewayPlugin = {
  onFetch({ options, setOptions }) {
    setOptions({ ...options, headers: { ...(options.headers as Record<string, string>), [GATEWAY_HEADER]: signGatewayHeader(secret) } });
  },
};

const gateway = createGatewayRuntime({
  supergraph,
  unifiedGraphHandler,
  graphqlEndpoint: '/graphql',
  landingPage: false,
  graphiql: false,
  logging: 'warn',
  propagateHeaders: {
    fromClientToSubgraphs: ({ request }) => {
      const authorization = request.headers.get('authorization');
      return authorization ? { authorization } : {};
    },
  },
  transportEntries: { '*.http': { options: { deduplicateInflightRequests: false } } },
  plugins: () => [signSubgraphRequests],
});

const server = createServer(gateway);
server.keepAliveTimeout = 65_000;
server.listen(Number(env('HIVE_PORT')), '127.0.0.1');
const stop = () => {
  server.close();
  void Promise.resolve(gateway.dispose()).finally(() => process.exit(0));
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
