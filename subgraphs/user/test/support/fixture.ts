// One user subgraph + auth stand-in + database per GraphQL test file, with helpers to sign users
// in and to call the subgraph as the router would.
import type pg from 'pg';
import { createTestDatabase } from '@tracklore/devkit/test-databases';
import type { Role } from '@tracklore/shared/tokens/access-token';
import { startAuthStandIn, type AuthStandIn } from './auth-stand-in.ts';
import type { UserOverrides } from '../../src/app.ts';
import { bigUserId, openPg, startTestUser, testConfig, type GraphQLResult, type TestUser } from './harness.ts';

export interface SignedIn {
  id: number;
  token: string;
  sessionId: string;
}

export interface Fixture {
  auth: AuthStandIn;
  user: TestUser;
  db: pg.Client;
  databaseUrl: string;
  /** Statements sent to PostgreSQL since the last reset. */
  statements: string[];
  /** A user that exists at auth (no local reference yet) with a fresh access token. */
  signIn(roles?: Role[]): Promise<SignedIn>;
  gql(query: string, variables?: Record<string, unknown>, who?: SignedIn | string): Promise<GraphQLResult>;
  stop(): Promise<void>;
}

export async function startFixture(label: string, env: Record<string, string> = {}, deps: UserOverrides = {}): Promise<Fixture> {
  const auth = await startAuthStandIn();
  const databaseUrl = await createTestDatabase('user', label);
  const statements: string[] = [];
  const user = await startTestUser(testConfig(databaseUrl, { AUTH_URL: auth.url, ...env }), { onSqlStatement: (sql) => statements.push(sql), ...deps });
  const db = await openPg(databaseUrl);
  return {
    auth,
    user,
    db,
    databaseUrl,
    statements,
    async signIn(roles = ['USER']) {
      const id = bigUserId();
      const sessionId = crypto.randomUUID();
      auth.users.set(id, roles);
      return { id, sessionId, token: await auth.mint(id, { roles, sessionId }) };
    },
    gql: (query, variables, who) => user.graphql(query, variables, typeof who === 'string' ? who : who?.token),
    async stop() {
      await user.stop();
      await db.end();
      await auth.stop();
    },
  };
}

/** The codes of a result's errors, with their fields, e.g. ["BAD_USER_INPUT:input.bio"]. */
export function errorCodes(result: GraphQLResult): string[] {
  return (result.errors ?? []).map((e) => [e.extensions?.code, e.extensions?.field].filter((x) => x !== undefined).join(':'));
}
