// Each schema.prisma must describe exactly the database its migrations build.
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, test } from 'node:test';
import { SERVICES } from '../src/migrate.ts';
import { createTestDatabase } from '../src/test-databases.ts';
import { describeDatabase, describePrismaSchema, diffShapes } from '../src/schema-drift.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const schemaPath = (service: string) => join(ROOT, 'prisma', service, 'schema.prisma');
const temp = mkdtempSync(join(tmpdir(), 'tracklore-drift-'));
after(() => rmSync(temp, { recursive: true, force: true }));

for (const service of SERVICES) {
  test(`${service}: schema.prisma agrees with the migrated database`, async () => {
    const url = await createTestDatabase(service, 'schema_drift');
    const [expected, actual] = await Promise.all([describePrismaSchema(schemaPath(service)), describeDatabase(url)]);
    assert.ok(Object.keys(actual.tables).length >= 5, 'the migrated database has the tables');
    assert.deepEqual(diffShapes(expected, actual), []);
  });
}

test('a column added only to schema.prisma is reported as drift', async () => {
  const url = await createTestDatabase('user', 'schema_drift');
  const edited = join(temp, 'schema.prisma');
  const source = readFileSync(schemaPath('user'), 'utf8').replace('  bio         String?   @db.VarChar(2000)', '  bio         String?   @db.VarChar(2000)\n  pronouns    String?');
  assert.notEqual(source, readFileSync(schemaPath('user'), 'utf8'), 'fixture edit applied');
  writeFileSync(edited, source);
  const diff = diffShapes(await describePrismaSchema(edited), await describeDatabase(url));
  assert.deepEqual(diff, ['column profiles.pronouns: missing from the database']);
});
