// Config is read once at start from the environment and validated with zod, so a missing or
// malformed variable stops the process with a message naming that variable.
import { z } from 'zod';

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
}

/** Parses `env` against a zod schema whose keys are environment variable names (its transform may reshape them). */
export function loadConfig<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv = process.env): z.output<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = issue.path.join('.') || '(root)';
    return issue.code === 'invalid_type' && env[name] === undefined
      ? `${name} is required but not set`
      : `${name}: ${issue.message}`;
  });
  throw new ConfigError(problems);
}

/** Common field helpers: every option states its unit in its name or description. */
export const env = {
  port: (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback),
  url: (fallback?: string) => (fallback === undefined ? z.url() : z.url().default(fallback)),
  postgresUrl: (fallback: string) =>
    z.string().default(fallback).refine((v) => /^postgres(ql)?:\/\//.test(v), 'must be a postgresql:// URL'),
  /** Comma-separated host:port list. */
  brokers: (fallback: string) =>
    z
      .string()
      .default(fallback)
      .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean))
      .refine((list) => list.length > 0 && list.every((b) => /^[^:\s]+:\d+$/.test(b)), 'must be host:port[,host:port]'),
  int: (fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER) => z.coerce.number().int().min(min).max(max).default(fallback),
  bool: (fallback: boolean) =>
    z
      .enum(['true', 'false', '1', '0', 'yes', 'no'])
      .default(fallback ? 'true' : 'false')
      .transform((v) => v === 'true' || v === '1' || v === 'yes'),
  secret: (minLength = 32) => z.string().min(minLength, `must be at least ${minLength} characters`),
  logLevel: () => z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  nodeEnv: () => z.enum(['development', 'test', 'production']).default('development'),
  /**
   * SHUTDOWN_GRACE_MS, read by every service: after SIGTERM, how long /ready answers 503 while the
   * listener still accepts, before it closes and in-flight requests drain. Default 5000.
   */
  shutdownGraceMs: () => z.coerce.number().int().min(0).max(600_000).default(5000),
  /**
   * METRICS_TOKEN, read by every service: the bearer token GET /metrics requires (≥ 32 chars).
   * Optional: unset, the service serves no /metrics at all (see metrics/route.ts).
   */
  metricsToken: () => z.string().min(32, 'must be at least 32 characters').optional(),
};

/**
 * Each variable a config schema reads, with its default as it would be written in the environment
 * (before transforms), or undefined when it has none: what the README's tables must list.
 */
export function envVariables(schema: z.ZodObject): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(schema.shape).map(([name, field]) => [name, rawDefault(field as z.ZodType)]));
}

function rawDefault(field: z.ZodType): string | undefined {
  const def = field._zod.def as { type: string; defaultValue?: unknown; in?: z.ZodType; innerType?: z.ZodType };
  if (def.type === 'default') return String(def.defaultValue);
  if (def.type === 'pipe' && def.in) return rawDefault(def.in);
  if ((def.type === 'optional' || def.type === 'nullable') && def.innerType) return rawDefault(def.innerType);
  return undefined;
}
