// `npm run db:migrate`: create each service's database if missing and apply its migrations.
// `npm run db:reset`: drop both databases and start again (development data only).
import { fail, step } from './lib/log.ts';
import { dropDatabase, ensureDatabase } from '@tracklore/devkit/databases';
import { applyMigrations, migrationsDir, SERVICES } from '@tracklore/devkit/migrate';
import { databaseUrl } from '@tracklore/devkit/urls';

export async function prepareDatabases(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  for (const service of SERVICES) {
    const url = databaseUrl(service, env);
    const created = await ensureDatabase(url);
    const name = new URL(url).pathname.slice(1);
    if (created) step('postgres', `created database ${name}`);
    const result = await applyMigrations(url, migrationsDir(service), (m) => step('postgres', `${name}: ${m}`));
    step('postgres', `${name}: ${result.applied.length} applied, ${result.alreadyApplied.length} already applied`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const command = process.argv[2];
  try {
    if (command === 'reset') {
      for (const service of SERVICES) {
        await dropDatabase(databaseUrl(service));
        step('postgres', `dropped ${new URL(databaseUrl(service)).pathname.slice(1)}`);
      }
      await prepareDatabases();
    } else if (command === 'migrate') {
      await prepareDatabases();
    } else {
      fail('db', `unknown command ${command ?? '(none)'}; use migrate or reset`);
    }
  } catch (error) {
    fail('postgres', (error as Error).message);
  }
}
