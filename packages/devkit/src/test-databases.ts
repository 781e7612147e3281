// Each integration test gets its own freshly migrated databases, so a run never touches
// development data and test files cannot see each other's rows. Names carry the test run's id
// (TEST_RUN_ID, set by `npm test`), so two runs on one PostgreSQL server never drop each other's
// databases; the runner drops its run's databases at the end.
import { randomInt } from 'node:crypto';
import pg from 'pg';
import { dropDatabase, ensureDatabase } from './databases.ts';
import { applyMigrations, migrationsDir, type Service } from './migrate.ts';
import { withDatabase } from './urls.ts';

const PREFIX = 'tltest_';

/** Server the test databases live on; TEST_DATABASE_SERVER_URL overrides it. */
export function testServerUrl(env: NodeJS.ProcessEnv = process.env): string {
  return env.TEST_DATABASE_SERVER_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
}

export function testRunId(env: NodeJS.ProcessEnv = process.env): string {
  const id = env.TEST_RUN_ID ?? 'local';
  if (!/^[a-z0-9]{1,6}$/.test(id)) throw new TypeError(`TEST_RUN_ID ${JSON.stringify(id)} must match [a-z0-9]{1,6}`);
  return id;
}

/**
 * URL of the test database `tltest_<run>_<label>_<suffix>` (not created).
 * `label` names the test file ([a-z0-9_], at most 36); `suffix` the service or purpose.
 */
export function testDatabaseUrl(label: string, suffix: string): string {
  if (!/^[a-z0-9_]{1,36}$/.test(label)) throw new TypeError(`test database label ${JSON.stringify(label)} must match [a-z0-9_]{1,36}`);
  if (!/^[a-z0-9]{1,8}$/.test(suffix)) throw new TypeError(`test database suffix ${JSON.stringify(suffix)} must match [a-z0-9]{1,8}`);
  return withDatabase(testServerUrl(), `${PREFIX}${testRunId()}_${label}_${suffix}`);
}

/**
 * Drops and recreates the test database for `label` and `service`, then applies every migration.
 * An auth database starts its user ids at a random offset: the Kafka topics are shared by every
 * test file, and ids counted from 1 in each file would make one file's UserCreated events match
 * another file's users.
 */
export async function createTestDatabase(service: Service, label: string): Promise<string> {
  const url = testDatabaseUrl(label, service);
  await dropDatabase(url);
  await ensureDatabase(url);
  await applyMigrations(url, migrationsDir(service));
  if (service === 'auth') {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(`SELECT setval('users_id_seq', $1)`, [randomInt(1_000_000, 1_000_000_000)]);
    } finally {
      await client.end();
    }
  }
  return url;
}

/** Drops every database of test run `runId`; returns how many. */
export async function dropRunDatabases(runId: string): Promise<number> {
  const client = new pg.Client({ connectionString: testServerUrl() });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [`${PREFIX}${runId}\\_%`]);
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    return rows.length;
  } finally {
    await client.end();
  }
}
