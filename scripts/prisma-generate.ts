// Generates both Prisma clients offline. `prisma generate` only needs the schema engine's path to
// exist (it never runs it for the prisma-client generator), so without a real engine we point
// PRISMA_SCHEMA_ENGINE_BINARY at a placeholder file.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const env: NodeJS.ProcessEnv = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: '1', CHECKPOINT_DISABLE: '1' };
if (!env.PRISMA_SCHEMA_ENGINE_BINARY || !existsSync(env.PRISMA_SCHEMA_ENGINE_BINARY)) {
  const placeholder = join(process.cwd(), '.cache/prisma/schema-engine-placeholder');
  mkdirSync(join(process.cwd(), '.cache/prisma'), { recursive: true });
  if (!existsSync(placeholder)) writeFileSync(placeholder, '#!/bin/sh\necho "placeholder: the Prisma schema engine is not installed here" >&2\nexit 1\n', { mode: 0o755 });
  env.PRISMA_SCHEMA_ENGINE_BINARY = placeholder;
}
for (const service of ['auth', 'user']) {
  const result = spawnSync(process.execPath, [join(process.cwd(), 'node_modules/prisma/build/index.js'), 'generate', '--schema', `prisma/${service}/schema.prisma`], { env, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`prisma generate failed for ${service}`);
    process.exit(result.status ?? 1);
  }
}
