// Shared harness for the auth integration tests: a freshly migrated database, a real SMTP
// listener, the service started in-process on port 0, and a GraphQL client that signs requests
// like the router does.
import { after } from 'node:test';
import pg from 'pg';
import { parseUserCreated } from '@tracklore/shared/events/user-created';
import { signGatewayHeader, GATEWAY_HEADER } from '@tracklore/shared/gateway-trust';
import { createSmtpCapture, type SmtpCapture } from '@tracklore/devkit/smtp-capture';
import { createTestDatabase } from '@tracklore/devkit/test-databases';
import { testBrokers, type ReadMessage } from '@tracklore/devkit/test-kafka';
import { systemClock } from '@tracklore/shared/clock';
import { startAuth, type RunningAuth } from '../src/app.ts';
import { loadAuthConfig, type AuthConfig } from '../src/config.ts';

export const GATEWAY_SECRET = 'test-gateway-secret-0123456789abcdef';
export const INTERNAL_API_SECRET = 'test-internal-secret-0123456789abcdef';

export interface GraphQLResult<D = Record<string, unknown>> {
  status: number;
  data?: D | null;
  errors?: Array<{ message: string; path?: string[]; extensions?: Record<string, unknown> }>;
}

export interface RequestOptions {
  token?: string;
  headers?: Record<string, string>;
  /** Default true: add the router's signature header. */
  signed?: boolean;
}

export interface TestAuth {
  auth: RunningAuth;
  config: AuthConfig;
  /** The variables the service was configured from (for a second instance or a child process). */
  env: Record<string, string>;
  databaseUrl: string;
  smtp: SmtpCapture;
  /** A pg client on the service's database, for checks the API cannot show. */
  sql: pg.Client;
  gql<D = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, options?: RequestOptions): Promise<GraphQLResult<D>>;
}

/** Starts everything for one test file; `after` stops it all. `env` overrides variables. */
export async function startTestAuth(label: string, env: Record<string, string> = {}): Promise<TestAuth> {
  const smtp = createSmtpCapture();
  await smtp.start();
  after(() => smtp.stop());
  const databaseUrl = await createTestDatabase('auth', label);
  const vars: Record<string, string> = {
    GATEWAY_SECRET,
    INTERNAL_API_SECRET,
    AUTH_DATABASE_URL: databaseUrl,
    AUTH_PORT: '0',
    KAFKA_BROKERS: testBrokers().join(','),
    SMTP_URL: smtp.url,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    OUTBOX_RETRY_MAX_MS: '2000',
    ...env,
  };
  const config = loadAuthConfig(vars);
  const auth = await startAuth(config);
  after(() => auth.stop());
  const sql = new pg.Client({ connectionString: databaseUrl });
  await sql.connect();
  after(() => sql.end());
  const gql = async <D>(query: string, variables: Record<string, unknown> = {}, options: RequestOptions = {}): Promise<GraphQLResult<D>> => {
    const headers: Record<string, string> = { 'content-type': 'application/json', ...options.headers };
    if (options.signed !== false) headers[GATEWAY_HEADER] = signGatewayHeader(GATEWAY_SECRET);
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    const response = await fetch(`${auth.url}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
    const body = (await response.json()) as GraphQLResult<D>;
    return { ...body, status: response.status };
  };
  return { auth, config, env: vars, databaseUrl, smtp, sql, gql };
}

let counter = 0;
/** A unique, valid address per call: topics are shared by test files, so events are found by it. */
export function uniqueEmail(prefix = 'user'): string {
  counter += 1;
  return `${prefix}.${systemClock.now().toString(36)}${counter}.${Math.random().toString(36).slice(2, 8)}@example.test`;
}

export const PASSWORD = 'correct horse battery staple';

export const AUTH_PAYLOAD = 'accessToken refreshToken expiresIn user { id email roles createdAt }';

export interface AuthPayload {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  user: { id: string; email: string; roles: string[]; createdAt: string };
}

export async function signUp(t: TestAuth, email = uniqueEmail(), password = PASSWORD, options: RequestOptions = {}): Promise<AuthPayload> {
  const result = await t.gql<{ signUp: AuthPayload }>(`mutation($e: String!, $p: String!) { signUp(email: $e, password: $p) { ${AUTH_PAYLOAD} } }`, { e: email, p: password }, options);
  if (!result.data?.signUp) throw new Error(`signUp failed: ${JSON.stringify(result.errors)}`);
  return result.data.signUp;
}

export async function logIn(t: TestAuth, email: string, password = PASSWORD, options: RequestOptions = {}): Promise<GraphQLResult<{ logIn: AuthPayload }>> {
  return t.gql<{ logIn: AuthPayload }>(`mutation($e: String!, $p: String!) { logIn(email: $e, password: $p) { ${AUTH_PAYLOAD} } }`, { e: email, p: password }, options);
}

export const errorCode = (result: GraphQLResult<unknown>): unknown => result.errors?.[0]?.extensions?.code;

/** The `extensions.field` of the first error (which argument a BAD_USER_INPUT names). */
export const errorField = (result: GraphQLResult<unknown>): unknown => result.errors?.[0]?.extensions?.field;

/** Signs up `email` as an ADMIN and logs in again, so the returned session carries the role from the start. */
export async function signUpAdmin(t: TestAuth, email = uniqueEmail('admin')): Promise<AuthPayload> {
  await signUp(t, email);
  await t.sql.query(`UPDATE users SET roles = ARRAY['USER', 'ADMIN']::"Role"[] WHERE email = $1`, [email]);
  const result = await logIn(t, email);
  if (!result.data?.logIn) throw new Error(`logIn failed: ${JSON.stringify(result.errors)}`);
  return result.data.logIn;
}

/** POST /internal/introspect as the user subgraph calls it. */
export async function introspect(t: TestAuth, token: string): Promise<Record<string, unknown>> {
  const response = await fetch(`${t.auth.url}/internal/introspect`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-service-secret': INTERNAL_API_SECRET },
    body: JSON.stringify({ token }),
  });
  return (await response.json()) as Record<string, unknown>;
}

/** GET /internal/users/:id (read-repair's lookup); the HTTP status. */
export async function internalUserStatus(t: TestAuth, id: string): Promise<number> {
  const response = await fetch(`${t.auth.url}/internal/users/${id}`, { headers: { 'x-service-secret': INTERNAL_API_SECRET } });
  await response.arrayBuffer();
  return response.status;
}

export const VERIFY_SUBJECT = 'Verify your Tracklore email address';
export const RESET_SUBJECT = 'Reset your Tracklore password';

/** The email of a UserCreated message ('' when it is not one): topics are shared, events are found by it. */
export const emailOf = (m: ReadMessage): string => {
  const parsed = parseUserCreated(m.value, m.key);
  return parsed.ok ? parsed.event.user.email : '';
};

/** Runs `work` for every item, `width` at a time (argon2 hashing on 2 cores: no thundering herd). */
export async function inChunks<T>(items: T[], width: number, work: (item: T, index: number) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += width) await Promise.all(items.slice(i, i + width).map((item, j) => work(item, i + j)));
}

/** Outbox rows of these users' UserCreated events not yet sent. */
export async function unsentEvents(t: TestAuth, emails: string[]): Promise<number> {
  const { rows } = await t.sql.query(`SELECT count(*)::int AS n FROM outbox_events WHERE sent_at IS NULL AND payload->'user'->>'email' = ANY($1)`, [emails]);
  return rows[0].n as number;
}

/** Unsent rows once the relay has had up to `withinMs` to mark them: a message is on the topic
 * before its row's sent_at commits, so reading the topic first and the outbox right after races. */
export async function unsentAfterRelay(t: TestAuth, emails: string[], withinMs = 10_000): Promise<number> {
  let n = await unsentEvents(t, emails);
  for (let waited = 0; n > 0 && waited < withinMs; waited += 100) {
    await new Promise((r) => setTimeout(r, 100));
    n = await unsentEvents(t, emails);
  }
  return n;
}
