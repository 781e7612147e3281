// Grants a role to an existing account, e.g. the first ADMIN:
//   npm run grant-role -w @tracklore/auth-subgraph -- ada@example.com ADMIN
// Idempotent; AUTH_DATABASE_URL selects the database.
import { loadConfig } from '@tracklore/shared/config';
import { AppError } from '@tracklore/shared/errors';
import { createLogger } from '@tracklore/shared/logger';
import { cliEnvSchema } from '../config.ts';
import { createDb } from '../db.ts';
import { grantRole, parseRole } from '../domain/roles.ts';

const [email, roleName = 'ADMIN'] = process.argv.slice(2);
if (!email) {
  console.error('usage: grant-role <email> [USER|ADMIN]   (default ADMIN)');
  process.exit(2);
}
const env = loadConfig(cliEnvSchema);
const db = createDb({ url: env.AUTH_DATABASE_URL, logger: createLogger('auth-cli', env.LOG_LEVEL) });
try {
  const role = parseRole(roleName);
  const roles = await grantRole(db, email, role);
  process.stdout.write(`granted ${role} to ${email.trim().toLowerCase()}; roles now ${roles.join(', ')}\n`);
} catch (error) {
  console.error(`grant-role failed: ${error instanceof AppError ? error.message : (error as Error).message}`);
  process.exitCode = 1;
} finally {
  await db.$disconnect();
}
