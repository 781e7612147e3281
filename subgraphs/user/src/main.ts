// Process entry: config from the environment, start, stop on SIGTERM/SIGINT.
import { ConfigError } from '@tracklore/shared/config';
import { stopOnSignals } from '@tracklore/shared/http/service';
import { createLogger } from '@tracklore/shared/logger';
import { loadUserConfig } from './config.ts';
import { startUser } from './app.ts';

try {
  const config = loadUserConfig();
  const logger = createLogger('user', config.logLevel);
  const service = await startUser(config, { logger });
  stopOnSignals(service.stop, logger, { graceMs: config.shutdownGraceMs });
} catch (error) {
  console.error(error instanceof ConfigError ? `user: ${error.message}` : error);
  process.exit(1);
}
