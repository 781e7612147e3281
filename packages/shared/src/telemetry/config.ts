// The OpenTelemetry variables the services honour: the standard OTEL_* names, read by the SDK
// itself (@opentelemetry/sdk-node). This schema validates them at start, so a typo stops the
// service naming the variable instead of silently tracing nothing, and it is what the README's
// "Tracing" table is checked against (scripts/readme-env.test.ts).
import { z } from 'zod';

const EXPORTERS = ['otlp', 'zipkin', 'console', 'none'] as const;
const SAMPLERS = ['always_on', 'always_off', 'traceidratio', 'parentbased_always_on', 'parentbased_always_off', 'parentbased_traceidratio'] as const;

const list = (allowed: readonly string[]) =>
  z.string().refine((v) => v.split(',').every((item) => allowed.includes(item.trim())), `must be a comma-separated list of ${allowed.join(', ')}`);

export const telemetryEnvSchema = z.object({
  OTEL_SDK_DISABLED: z.enum(['true', 'false']).default('false'),
  OTEL_SERVICE_NAME: z.string().min(1).optional(),
  // Unset means off here (the SDK's own default would be otlp): see enabled.ts.
  OTEL_TRACES_EXPORTER: list(EXPORTERS).optional(),
  OTEL_TRACES_SAMPLER: z.enum(SAMPLERS).default('parentbased_always_on'),
  OTEL_TRACES_SAMPLER_ARG: z.coerce.number().min(0).max(1).optional(),
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url().default('http://localhost:4318'),
  OTEL_EXPORTER_OTLP_PROTOCOL: z.enum(['http/protobuf', 'http/json', 'grpc']).default('http/protobuf'),
  OTEL_EXPORTER_ZIPKIN_ENDPOINT: z.url().default('http://localhost:9411/api/v2/spans'),
  OTEL_BSP_SCHEDULE_DELAY: z.coerce.number().int().min(0).default(5000),
  // Metrics and logs have their own paths (Prometheus /metrics, JSON on stdout): off unless asked for.
  OTEL_METRICS_EXPORTER: z.string().default('none'),
  OTEL_LOGS_EXPORTER: z.string().default('none'),
});
