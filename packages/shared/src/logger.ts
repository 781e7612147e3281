// Structured JSON logs (pino) with the service name on every line; secrets are redacted by path.
// A line written while a span is active carries its trace_id and span_id, so a log line leads to
// its trace and a trace to its log lines (telemetry/start.ts; without tracing no span is ever
// active and lines are unchanged). Logs are JSON everywhere; `npm start` formats them for people.
import { isSpanContextValid, trace } from '@opentelemetry/api';
import { pino, type Logger } from 'pino';

export type { Logger };

const REDACT = [
  'password', '*.password', 'newPassword', '*.newPassword', 'currentPassword', '*.currentPassword',
  'refreshToken', '*.refreshToken', 'accessToken', '*.accessToken', 'token', '*.token',
  'privateJwk', '*.privateJwk', 'req.headers.authorization', 'headers.authorization',
];

/** The active span's ids, in the field names of the OpenTelemetry log data model. */
export function traceFields(): { trace_id?: string; span_id?: string } {
  const context = trace.getActiveSpan()?.spanContext();
  if (!context || !isSpanContextValid(context)) return {};
  return { trace_id: context.traceId, span_id: context.spanId };
}

export function createLogger(service: string, level: string = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({ name: service, level, redact: { paths: REDACT, censor: '[redacted]' }, base: { service }, mixin: traceFields });
}
