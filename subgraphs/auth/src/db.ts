// The auth database through Prisma (driver adapter over a pg pool we own, so every statement can
// be observed). Repositories accept either the client or a transaction client, so callers decide
// what runs in one transaction.
import pg from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';
import { preparedStatementNames } from '@tracklore/shared/db/prepared-statements';
import { observeStatements, type StatementObserver } from '@tracklore/shared/db/statements';
import type { Logger } from '@tracklore/shared/logger';
import { PrismaClient, type Prisma } from './generated/prisma/client.ts';

export type Db = PrismaClient;
export type Tx = Prisma.TransactionClient;
export type DbOrTx = Db | Tx;

export interface DbOptions {
  url: string;
  logger: Logger;
  /** Pool size. Default 10. */
  maxConnections?: number;
  /** Called with the SQL text of every statement sent to PostgreSQL (tests count them). */
  onStatement?: StatementObserver;
}

export function createDb(options: DbOptions): Db {
  const pool = new pg.Pool({ connectionString: options.url, max: options.maxConnections ?? 10, connectionTimeoutMillis: 5000 });
  if (options.onStatement) observeStatements(pool, options.onStatement);
  const adapter = new PrismaPg(pool, {
    onPoolError: (err) => options.logger.warn({ err }, 'idle database connection failed'),
    // $disconnect() ends the pool, as it did when the adapter made it.
    disposeExternalPool: true,
    statementNameGenerator: preparedStatementNames(),
  });
  return new PrismaClient({ adapter });
}

/** True for Prisma's unique-constraint violation. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'P2002';
}
