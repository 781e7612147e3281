// Router process: config from the environment, start, stop cleanly on SIGTERM/SIGINT.
import { ConfigError } from '@tracklore/shared/config';
import { stopOnSignals } from '@tracklore/shared/http/service';
import { createLogger } from '@tracklore/shared/logger';
import { startRouter } from './app.ts';
import { loadRouterConfig } from './config.ts';

const logger = createLogger('router');
try {
  const config = loadRouterConfig();
  const router = await startRouter(config, { logger });
  stopOnSignals(router.stop, logger, { graceMs: config.shutdownGraceMs });
} catch (error) {
  if (error instanceof ConfigError) console.error(error.message);
  else logger.fatal({ err: error }, 'router failed to start');
  process.exit(1);
}
