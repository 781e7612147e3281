// The OpenTelemetry Node SDK with the instrumentations Tracklore needs: http (incoming and
// outgoing requests, W3C trace context in and out), pg (every SQL statement), kafkajs (send and
// process spans, context in message headers) and Prisma (client operations). @apollo/gateway and
// Apollo Server emit their own spans through @opentelemetry/api once a provider is registered.
// Loaded only by start.ts, only when tracing is on.
import { register } from 'node:module';
import { createAddHookMessageChannel } from 'import-in-the-middle';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { KafkaJsInstrumentation } from '@opentelemetry/instrumentation-kafkajs';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { PrismaInstrumentation } from '@prisma/instrumentation';
import { ConfigError, loadConfig } from '../config.ts';
import { telemetryEnvSchema } from './config.ts';
import { backgroundAwareSampler } from './sampler.ts';

/** Probes and scrapes: a span per poll would bury the requests people look for. */
const UNTRACED_PATHS = new Set(['/health', '/ready', '/metrics']);
const pathOf = (url: string | undefined): string => (url ?? '').split('?')[0] ?? '';

export async function startTracing(): Promise<void> {
  try {
    loadConfig(telemetryEnvSchema);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`telemetry: ${error.message}`);
    process.exit(1);
  }
  // Our defaults for the two signals this module does not serve (the SDK's would be otlp).
  process.env.OTEL_METRICS_EXPORTER ??= 'none';
  process.env.OTEL_LOGS_EXPORTER ??= 'none';
  // The services are ES modules importing CommonJS packages: only this loader hook lets the
  // instrumentations see those imports (require hooks alone see only require()). The message
  // channel limits it to the modules an instrumentation asked for; wrapping every module would
  // triple the services' start-up time.
  const { registerOptions, waitForAllMessagesAcknowledged } = createAddHookMessageChannel();
  register('import-in-the-middle/hook.mjs', import.meta.url, registerOptions);
  const sdk = new NodeSDK({
    sampler: backgroundAwareSampler(),
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (req) => UNTRACED_PATHS.has(pathOf(req.url)),
        ignoreOutgoingRequestHook: (options) => UNTRACED_PATHS.has(pathOf(typeof options.path === 'string' ? options.path : undefined)),
      }),
      // Statements outside any traced operation (the relay's polls, LISTEN) would each be a trace.
      new PgInstrumentation({ requireParentSpan: true }),
      new KafkaJsInstrumentation(),
      new PrismaInstrumentation(),
    ],
  });
  sdk.start();
  await waitForAllMessagesAcknowledged();
}
