// The auth database through Prisma (driver adapter over a pg pool). Repositories accept either
// the client or a transaction client, so callers decide what runs in one transaction.
import { PrismaPg } from '@prisma/adapter-pg';
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
}

export function createDb(options: DbOptions): Db {
  const adapter = new PrismaPg(
    { connectionString: options.url, max: options.maxConnections ?? 10, connectionTimeoutMillis: 5000 },
    { onPoolError: (err) => options.logger.warn({ err }, 'idle database connection failed') },
  );
  return new PrismaClient({ adapter });
}

/** True for Prisma's unique-constraint violation. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'P2002';
}
