// Each integration test gets its own freshly migrated databases, so a run never touches
// development data and test files cannot see each other's rows.
import { dropDatabase, ensureDatabase } from './databases.ts';
import { applyMigrations, migrationsDir, type Service } from './migrate.ts';
import { withDatabase } from './urls.ts';

/** Server the test databases live on; TEST_DATABASE_SERVER_URL overrides it. */
export function testServerUrl(env: NodeJS.ProcessEnv = process.env): string {
  return env.TEST_DATABASE_SERVER_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
}

/**
 * Drops and recreates `tracklore_test_<label>_<service>` and applies every migration.
 * `label` must be letters, digits and _ (use the test file's name).
 */
export async function createTestDatabase(service: Service, label: string): Promise<string> {
  if (!/^[a-z0-9_]{1,40}$/.test(label)) throw new TypeError(`test database label ${JSON.stringify(label)} must match [a-z0-9_]{1,40}`);
  const url = withDatabase(testServerUrl(), `tracklore_test_${label}_${service}`);
  await dropDatabase(url);
  await ensureDatabase(url);
  await applyMigrations(url, migrationsDir(service));
  return url;
}
