// Structured JSON logs (pino) with the service name on every line; secrets are redacted by path.
import { pino, type Logger } from 'pino';

export type { Logger };

const REDACT = [
  'password', '*.password', 'newPassword', '*.newPassword', 'currentPassword', '*.currentPassword',
  'refreshToken', '*.refreshToken', 'accessToken', '*.accessToken', 'token', '*.token',
  'privateJwk', '*.privateJwk', 'req.headers.authorization', 'headers.authorization',
];

export function createLogger(service: string, level: string = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({ name: service, level, redact: { paths: REDACT, censor: '[redacted]' }, base: { service } });
}
