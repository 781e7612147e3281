// Default database URLs (DESIGN.md) and the per-service environment variable that overrides each.
import type { Service } from './migrate.ts';

export const DATABASE_URL_VARIABLE: Record<Service, string> = { auth: 'AUTH_DATABASE_URL', user: 'USER_DATABASE_URL' };

export function databaseUrl(service: Service, env: NodeJS.ProcessEnv = process.env): string {
  return env[DATABASE_URL_VARIABLE[service]] ?? `postgresql://postgres@127.0.0.1:5432/tracklore_${service}`;
}

/** Same server, another database name: how tests get their own databases. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
