// Process entry: config from the environment, start, stop on SIGTERM/SIGINT.
import { ConfigError } from '@tracklore/shared/config';
import { stopOnSignals } from '@tracklore/shared/http/service';
import { createLogger } from '@tracklore/shared/logger';
import { startAuth } from './app.ts';
import { loadAuthConfig } from './config.ts';

try {
  const config = loadAuthConfig();
  const logger = createLogger('auth', config.logLevel);
  const auth = await startAuth(config, { logger });
  stopOnSignals(auth.stop, logger, { graceMs: config.shutdownGraceMs });
} catch (error) {
  console.error(error instanceof ConfigError ? `auth: ${error.message}` : error);
  process.exit(1);
}
