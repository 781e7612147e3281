// The whole Tracklore stack in-process for end-to-end tests: fresh test databases, the test Kafka
// broker (KAFKA_BROKERS, set by `npm test`), an SMTP capture, the auth and user subgraphs and the
// router serving the committed supergraph, each on a free port of 127.0.0.1.
//
//   const stack = await startStack({ label: 'e2e_signup' });   // label: unique per test file
//   after(() => stack.stop());
//   const result = await stack.graphql('{ me { id } }', {}, { token });
//
// Each part has its own URL; `stack.user.stop()` / `stack.user.start()` take the user subgraph
// down and bring it back on the same port (degradation tests); the same for `stack.auth`.
import { randomBytes, randomUUID } from 'node:crypto';
import { createSmtpCapture, type SmtpCapture } from '@tracklore/devkit/smtp-capture';
import { freePort } from '@tracklore/devkit/ports';
import { createTestDatabase } from '@tracklore/devkit/test-databases';
import { testBrokers } from '@tracklore/devkit/test-kafka';
import { createLogger } from '@tracklore/shared/logger';
import { startRouter, type RunningRouter } from '../../router/src/app.ts';
import { loadRouterConfig } from '../../router/src/config.ts';
import { startAuth, type AuthOverrides } from '../../subgraphs/auth/src/app.ts';
import { loadAuthConfig } from '../../subgraphs/auth/src/config.ts';
import { startUser, type UserOverrides } from '../../subgraphs/user/src/app.ts';
import { loadUserConfig } from '../../subgraphs/user/src/config.ts';
import { graphqlRequest, type GraphQLResult, type RequestOptions } from './client.ts';

export interface StackOptions {
  /** Names the test databases tltest_<run>_<label>_auth / _user: [a-z0-9_], unique per test file. */
  label: string;
  /** Extra environment variables per part (e.g. ROUTER_MAX_DEPTH for the router). */
  env?: { auth?: NodeJS.ProcessEnv; user?: NodeJS.ProcessEnv; router?: NodeJS.ProcessEnv };
  /** Log level of every part. Default LOG_LEVEL, else warn. */
  logLevel?: string;
  /** Replaceable parts of the subgraphs (e.g. onSqlStatement to count SQL statements). */
  deps?: { auth?: AuthOverrides; user?: UserOverrides };
}

/** A subgraph of the stack that can be stopped and started again on the same port. */
export interface StackPart {
  /** http://127.0.0.1:port */
  readonly url: string;
  /** http://127.0.0.1:port/graphql (router-signed requests only). */
  readonly graphqlUrl: string;
  readonly running: boolean;
  /** Idempotent. */
  stop(): Promise<void>;
  /** Starts it again with the same configuration (after stop). */
  start(): Promise<void>;
}

export interface Stack {
  /** The router's GraphQL endpoint: http://127.0.0.1:port/graphql. */
  routerUrl: string;
  router: RunningRouter;
  auth: StackPart;
  user: StackPart;
  smtp: SmtpCapture;
  databases: { auth: string; user: string };
  /** Per-stack random secrets (the subgraphs trust the router's GATEWAY_SECRET signature). */
  secrets: { gateway: string; internalApi: string };
  /** The environment each part was configured from, for child processes or extra instances. */
  env: { auth: NodeJS.ProcessEnv; user: NodeJS.ProcessEnv; router: NodeJS.ProcessEnv };
  /** An operation through the router. */
  graphql<D = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, options?: RequestOptions): Promise<GraphQLResult<D>>;
  /** Idempotent: router → user → auth → SMTP capture. */
  stop(): Promise<void>;
}

async function part(url: string, start: () => Promise<{ stop(): Promise<void> }>): Promise<StackPart> {
  let handle: { stop(): Promise<void> } | undefined = await start();
  return {
    url,
    graphqlUrl: `${url}/graphql`,
    get running() {
      return handle !== undefined;
    },
    async stop() {
      const current = handle;
      handle = undefined;
      await current?.stop();
    },
    async start() {
      if (!handle) handle = await start();
    },
  };
}

export async function startStack(options: StackOptions): Promise<Stack> {
  const logLevel = options.logLevel ?? process.env.LOG_LEVEL ?? 'warn';
  const secrets = { gateway: randomBytes(32).toString('base64url'), internalApi: randomBytes(32).toString('base64url') };
  const brokers = testBrokers().join(',');
  const stops: Array<() => Promise<void>> = [];
  const stopAll = async () => {
    for (const stop of stops.splice(0).reverse()) await stop().catch((error: unknown) => console.error('stack: stop failed', error));
  };

  try {
    const smtp = createSmtpCapture();
    await smtp.start();
    stops.push(() => smtp.stop());
    const [authDb, userDb] = await Promise.all([createTestDatabase('auth', options.label), createTestDatabase('user', options.label)]);
    // Fixed free ports: the issuer and AUTH_URL must be known up front, and parts restart in place.
    const [authPort, userPort] = [await freePort(), await freePort()];
    const authUrl = `http://127.0.0.1:${authPort}`;
    const userUrl = `http://127.0.0.1:${userPort}`;
    const common = { LOG_LEVEL: logLevel, NODE_ENV: 'test', GATEWAY_SECRET: secrets.gateway, KAFKA_BROKERS: brokers };

    const authEnv: NodeJS.ProcessEnv = {
      ...common,
      AUTH_PORT: String(authPort),
      AUTH_DATABASE_URL: authDb,
      AUTH_ISSUER: authUrl,
      INTERNAL_API_SECRET: secrets.internalApi,
      SMTP_URL: smtp.url,
      PASSWORD_RESET_URL: 'http://127.0.0.1:5173/reset-password',
      ...options.env?.auth,
    };
    const authConfig = loadAuthConfig(authEnv);
    const auth = await part(authUrl, () => startAuth(authConfig, { logger: createLogger('auth', logLevel), ...options.deps?.auth }));
    stops.push(() => auth.stop());

    const userEnv: NodeJS.ProcessEnv = {
      ...common,
      USER_PORT: String(userPort),
      USER_DATABASE_URL: userDb,
      AUTH_URL: authUrl,
      AUTH_ISSUER: authUrl,
      INTERNAL_API_SECRET: secrets.internalApi,
      KAFKA_GROUP_ID: `e2e-${options.label}-${randomUUID()}`,
      ...options.env?.user,
    };
    const userConfig = loadUserConfig(userEnv);
    const user = await part(userUrl, () => startUser(userConfig, { logger: createLogger('user', logLevel), ...options.deps?.user }));
    stops.push(() => user.stop());

    const routerEnv: NodeJS.ProcessEnv = {
      ...common,
      ROUTER_PORT: '0',
      AUTH_SUBGRAPH_URL: auth.graphqlUrl,
      USER_SUBGRAPH_URL: user.graphqlUrl,
      ...options.env?.router,
    };
    const router = await startRouter(loadRouterConfig(routerEnv), { logger: createLogger('router', logLevel) });
    stops.push(() => router.stop());

    let stopped: Promise<void> | undefined;
    return {
      routerUrl: router.graphqlUrl,
      router,
      auth,
      user,
      smtp,
      databases: { auth: authDb, user: userDb },
      secrets,
      env: { auth: authEnv, user: userEnv, router: routerEnv },
      graphql: (query, variables, requestOptions) => graphqlRequest(router.graphqlUrl, query, variables, requestOptions),
      stop: () => (stopped ??= stopAll()),
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
