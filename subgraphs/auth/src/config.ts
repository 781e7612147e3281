// Auth subgraph configuration: every environment variable it reads, validated once at start.
// Keys are the variable names; its transform yields the typed config, so each default is written once.
import { z } from 'zod';
import { env, loadConfig } from '@tracklore/shared/config';

// Rate limits: RATE_LIMIT_<NAME>_MAX attempts per RATE_LIMIT_<NAME>_WINDOW_SECONDS fixed window.
const limitMax = (fallback: number) => env.int(fallback, 1);
const limitWindow = (fallbackSeconds: number) => env.int(fallbackSeconds, 1, 7 * 24 * 3600);

export const authEnvSchema = z.object({
  LOG_LEVEL: env.logLevel(),
  NODE_ENV: env.nodeEnv(),
  /** Shared secret the router signs subgraph requests with (≥ 32 chars). */
  GATEWAY_SECRET: env.secret(),
  /** Comma-separated host:port list. */
  KAFKA_BROKERS: env.brokers('127.0.0.1:9092'),
  /** Listen address. */
  AUTH_HOST: z.string().min(1).default('127.0.0.1'),
  /** Listen port; 0 picks a free one. */
  AUTH_PORT: env.port(4001),
  AUTH_DATABASE_URL: env.postgresUrl('postgresql://postgres@127.0.0.1:5432/tracklore_auth'),
  /** Access-token `iss`; also the public base URL of the JWKS. */
  AUTH_ISSUER: env.url('http://127.0.0.1:4001'),
  /** Access-token `aud`. */
  AUTH_AUDIENCE: z.string().min(1).default('tracklore'),
  /** Access-token lifetime in seconds. */
  ACCESS_TOKEN_TTL_SECONDS: env.int(900, 30, 24 * 3600),
  /** Refresh-token (session) lifetime in days, extended on each refresh. */
  REFRESH_TOKEN_TTL_DAYS: env.int(30, 1, 365),
  /** Password-reset token lifetime in minutes. */
  PASSWORD_RESET_TTL_MINUTES: env.int(30, 1, 24 * 60),
  /** Credential of the /internal/* service API (≥ 32 chars). */
  INTERNAL_API_SECRET: env.secret(),
  /** Optional (≥ 32 chars): when set, private signing keys are stored AES-256-GCM encrypted. Unset: in clear. */
  SIGNING_KEY_ENCRYPTION_SECRET: env.secret().optional(),
  /** Outgoing mail server. */
  SMTP_URL: env.url('smtp://127.0.0.1:1025'),
  MAIL_FROM: z.string().min(3).default('Tracklore <no-reply@tracklore.local>'),
  /** Page of the frontend that takes the reset token as ?token=... */
  PASSWORD_RESET_URL: env.url('http://127.0.0.1:5173/reset-password'),
  /** Page of the frontend that takes the email-verification token as ?token=... */
  EMAIL_VERIFICATION_URL: env.url('http://127.0.0.1:5173/verify-email'),
  /** Failed logins per account per window. */
  RATE_LIMIT_LOGIN_ACCOUNT_MAX: limitMax(5),
  RATE_LIMIT_LOGIN_ACCOUNT_WINDOW_SECONDS: limitWindow(15 * 60),
  /** Failed logins per client address per window. */
  RATE_LIMIT_LOGIN_ADDRESS_MAX: limitMax(50),
  RATE_LIMIT_LOGIN_ADDRESS_WINDOW_SECONDS: limitWindow(15 * 60),
  /** Sign-up attempts per client address per window. */
  RATE_LIMIT_SIGNUP_ADDRESS_MAX: limitMax(20),
  RATE_LIMIT_SIGNUP_ADDRESS_WINDOW_SECONDS: limitWindow(60 * 60),
  /** Password-reset requests per client address per window. */
  RATE_LIMIT_RESET_ADDRESS_MAX: limitMax(10),
  RATE_LIMIT_RESET_ADDRESS_WINDOW_SECONDS: limitWindow(60 * 60),
  /** Password-reset mails per account per window (further requests send nothing). */
  RATE_LIMIT_RESET_ACCOUNT_MAX: limitMax(3),
  RATE_LIMIT_RESET_ACCOUNT_WINDOW_SECONDS: limitWindow(60 * 60),
  /** Verification mails an account may ask for (requestEmailVerification) per window; past it RATE_LIMITED. */
  RATE_LIMIT_VERIFY_ACCOUNT_MAX: limitMax(3),
  RATE_LIMIT_VERIFY_ACCOUNT_WINDOW_SECONDS: limitWindow(60 * 60),
  /**
   * How long a read may use a cached active session, in ms (0: every request asks the database).
   * Revocations reach every instance at once via NOTIFY; this bounds the delay when one is lost.
   */
  SESSION_CACHE_TTL_MS: env.int(1000, 0, 60_000),
  /** Safety poll of the outbox relay and the mail sender in ms (NOTIFY wakes them sooner). */
  OUTBOX_POLL_INTERVAL_MS: env.int(10_000, 100),
  /** First retry delay after a failed publish, in ms. */
  OUTBOX_RETRY_MIN_MS: env.int(500, 1),
  /** Longest retry delay, in ms. */
  OUTBOX_RETRY_MAX_MS: env.int(60_000, 1),
  /** Events published per batch. */
  OUTBOX_BATCH_SIZE: env.int(100, 1, 1000),
  /** How long claimed events stay reserved, in ms (renewed while sending; a crashed relay's claims are due again after it). */
  OUTBOX_LEASE_MS: env.int(10_000, 1000, 600_000),
  /** First retry delay after a failed mail send, in ms. */
  MAIL_RETRY_MIN_MS: env.int(5_000, 1),
  /** Longest mail retry delay, in ms. */
  MAIL_RETRY_MAX_MS: env.int(300_000, 1),
  /** Sends tried per mail before it is abandoned (also abandoned once its reset link expired). */
  MAIL_MAX_ATTEMPTS: env.int(10, 1, 100),
  /** After SIGTERM, ms the listener keeps accepting while /ready answers 503. */
  SHUTDOWN_GRACE_MS: env.shutdownGraceMs(),
  /** Bearer token of GET /metrics (≥ 32 chars); unset: no /metrics. */
  METRICS_TOKEN: env.metricsToken(),
});

const rule = (max: number, windowSeconds: number) => ({ max, windowSeconds });
export type RateLimitRule = ReturnType<typeof rule>;

/** The typed config the code uses: the variables grouped by what reads them. */
export const authConfigSchema = authEnvSchema.transform((e) => ({
  logLevel: e.LOG_LEVEL,
  nodeEnv: e.NODE_ENV,
  gatewaySecret: e.GATEWAY_SECRET,
  kafkaBrokers: e.KAFKA_BROKERS,
  host: e.AUTH_HOST,
  port: e.AUTH_PORT,
  databaseUrl: e.AUTH_DATABASE_URL,
  issuer: e.AUTH_ISSUER,
  audience: e.AUTH_AUDIENCE,
  accessTokenTtlSeconds: e.ACCESS_TOKEN_TTL_SECONDS,
  refreshTokenTtlDays: e.REFRESH_TOKEN_TTL_DAYS,
  passwordResetTtlMinutes: e.PASSWORD_RESET_TTL_MINUTES,
  internalApiSecret: e.INTERNAL_API_SECRET,
  signingKeyEncryptionSecret: e.SIGNING_KEY_ENCRYPTION_SECRET,
  smtpUrl: e.SMTP_URL,
  mailFrom: e.MAIL_FROM,
  passwordResetUrl: e.PASSWORD_RESET_URL,
  emailVerificationUrl: e.EMAIL_VERIFICATION_URL,
  sessionCacheTtlMs: e.SESSION_CACHE_TTL_MS,
  rateLimits: {
    loginAccount: rule(e.RATE_LIMIT_LOGIN_ACCOUNT_MAX, e.RATE_LIMIT_LOGIN_ACCOUNT_WINDOW_SECONDS),
    loginAddress: rule(e.RATE_LIMIT_LOGIN_ADDRESS_MAX, e.RATE_LIMIT_LOGIN_ADDRESS_WINDOW_SECONDS),
    signupAddress: rule(e.RATE_LIMIT_SIGNUP_ADDRESS_MAX, e.RATE_LIMIT_SIGNUP_ADDRESS_WINDOW_SECONDS),
    resetAddress: rule(e.RATE_LIMIT_RESET_ADDRESS_MAX, e.RATE_LIMIT_RESET_ADDRESS_WINDOW_SECONDS),
    /** Past it no mail is sent, silently: no enumeration, no mail bombing. */
    resetAccount: rule(e.RATE_LIMIT_RESET_ACCOUNT_MAX, e.RATE_LIMIT_RESET_ACCOUNT_WINDOW_SECONDS),
    verifyAccount: rule(e.RATE_LIMIT_VERIFY_ACCOUNT_MAX, e.RATE_LIMIT_VERIFY_ACCOUNT_WINDOW_SECONDS),
  },
  outbox: {
    pollIntervalMs: e.OUTBOX_POLL_INTERVAL_MS,
    retryMinMs: e.OUTBOX_RETRY_MIN_MS,
    retryMaxMs: e.OUTBOX_RETRY_MAX_MS,
    batchSize: e.OUTBOX_BATCH_SIZE,
    leaseMs: e.OUTBOX_LEASE_MS,
  },
  /** The mail sender's safety poll is outbox.pollIntervalMs. */
  mail: { retryMinMs: e.MAIL_RETRY_MIN_MS, retryMaxMs: e.MAIL_RETRY_MAX_MS, maxAttempts: e.MAIL_MAX_ATTEMPTS },
  shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
  metricsToken: e.METRICS_TOKEN,
}));

export type AuthConfig = z.output<typeof authConfigSchema>;

/** Reads and validates the environment; throws ConfigError naming each bad variable. */
export function loadAuthConfig(source: NodeJS.ProcessEnv = process.env): AuthConfig {
  return loadConfig(authConfigSchema, source);
}

/** The subset the command-line tools need (no secrets required; rotate-key encrypts with the optional one). */
export const cliEnvSchema = authEnvSchema.pick({ LOG_LEVEL: true, AUTH_DATABASE_URL: true, ACCESS_TOKEN_TTL_SECONDS: true, SIGNING_KEY_ENCRYPTION_SECRET: true });
