// Tracing for a service process: `node --import tsx --import @tracklore/shared/telemetry/start <main>`.
// It must run before the service imports http, pg, kafkajs or Prisma, so that their
// instrumentations can wrap them; `--import` guarantees that. Configured only by the standard
// OTEL_* variables (config.ts, README "Tracing"); when tracing is off this file loads nothing else.
import { tracingEnabled } from './enabled.ts';

if (tracingEnabled(process.env)) {
  const { startTracing } = await import('./sdk.ts');
  await startTracing();
}
