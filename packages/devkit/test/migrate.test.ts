// The offline applier: applies every migration from an empty database, is idempotent, keeps
// Prisma's bookkeeping, and refuses a changed checksum.
import { strict as assert } from 'node:assert';
import { cpSync, mkdtempSync, appendFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import pg from 'pg';
import { dropDatabase, ensureDatabase } from '../src/databases.ts';
import { applyMigrations, migrationsDir, readMigrations, SERVICES } from '../src/migrate.ts';
import { testDatabaseUrl } from '../src/test-databases.ts';

const temp = mkdtempSync(join(tmpdir(), 'tracklore-migrate-'));
after(() => rmSync(temp, { recursive: true, force: true }));

for (const service of SERVICES) {
  test(`${service}: applies all migrations to an empty database, and a second run changes nothing`, async () => {
    const url = testDatabaseUrl('migrate', service);
    await dropDatabase(url);
    assert.equal(await ensureDatabase(url), true);
    const expected = readMigrations(migrationsDir(service)).map((m) => m.name);
    const first = await applyMigrations(url, migrationsDir(service));
    assert.deepEqual(first, { applied: expected, alreadyApplied: [] });
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const before = await client.query('SELECT migration_name, checksum, finished_at, applied_steps_count FROM _prisma_migrations ORDER BY migration_name');
      assert.deepEqual(before.rows.map((r) => r.migration_name), expected);
      assert.ok(before.rows.every((r) => r.finished_at instanceof Date && r.applied_steps_count === 1 && /^[0-9a-f]{64}$/.test(r.checksum)));
      const second = await applyMigrations(url, migrationsDir(service));
      assert.deepEqual(second, { applied: [], alreadyApplied: expected });
      const afterRows = await client.query('SELECT migration_name, checksum, finished_at FROM _prisma_migrations ORDER BY migration_name');
      assert.deepEqual(afterRows.rows, before.rows.map(({ migration_name, checksum, finished_at }) => ({ migration_name, checksum, finished_at })));
    } finally {
      await client.end();
    }
  });
}

test('a migration edited after it was applied stops the applier', async () => {
  const dir = join(temp, 'migrations');
  cpSync(migrationsDir('auth'), dir, { recursive: true });
  const url = testDatabaseUrl('migrate', 'checksum');
  await dropDatabase(url);
  await ensureDatabase(url);
  await applyMigrations(url, dir);
  const [first] = readMigrations(dir);
  appendFileSync(join(dir, first!.name, 'migration.sql'), '\n-- edited\n');
  await assert.rejects(applyMigrations(url, dir), /was changed after it was applied.*refusing to continue/);
  await dropDatabase(url);
});
