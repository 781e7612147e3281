// The user subgraph's database: one pg pool we own (so we can close it last and observe every
// statement) under the generated Prisma client.
import pg from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';
import { preparedStatementNames } from '@tracklore/shared/db/prepared-statements';
import { observeStatements } from '@tracklore/shared/db/statements';
import { PrismaClient } from './generated/prisma/client.ts';

export type Db = PrismaClient;
export type { TransactionClient as DbTx } from './generated/prisma/internal/prismaNamespace.ts';

export interface DatabaseOptions {
  connectionString: string;
  /** Largest number of pooled connections. */
  poolSize: number;
  /** Called with the SQL text of every statement sent to PostgreSQL (tests count them). */
  onStatement?: (sql: string) => void;
}

export interface Database {
  prisma: Db;
  pool: pg.Pool;
  /** Throws when PostgreSQL does not answer; used by /ready. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export function openDatabase(options: DatabaseOptions): Database {
  const pool = new pg.Pool({ connectionString: options.connectionString, max: options.poolSize, connectionTimeoutMillis: 5000, idleTimeoutMillis: 30_000 });
  // An idle connection dying (e.g. PostgreSQL restarts) must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  if (options.onStatement) observeStatements(pool, options.onStatement);
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool, { statementNameGenerator: preparedStatementNames() }) });
  let closed: Promise<void> | undefined;
  return {
    prisma,
    pool,
    async ping() {
      await pool.query('SELECT 1');
    },
    close() {
      closed ??= (async () => {
        await prisma.$disconnect();
        await pool.end();
      })();
      return closed;
    },
  };
}

const TRANSIENT_PRISMA_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024', 'P2028', 'P2034']);
const TRANSIENT_ADAPTER_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections', 'TransactionWriteConflict']);
// SQLSTATE classes/codes worth retrying: connection exceptions, serialization/deadlock, shutdown, resources.
const TRANSIENT_SQLSTATE = /^(08|40001|40P01|57P0[1-3]|53)/;
const TRANSIENT_MESSAGE = /Connection terminated|connection timeout|timeout exceeded when trying to connect|ECONNREFUSED|ECONNRESET|Can't reach database server/i;

/**
 * True when retrying the same database work later may succeed (server unreachable, connection
 * lost, deadlock or serialization conflict); false for errors retrying cannot fix.
 */
export function isTransientDbError(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 5) return false;
  const e = error as { code?: unknown; meta?: { driverAdapterError?: { cause?: { kind?: unknown; originalCode?: unknown; code?: unknown } } }; message?: unknown; cause?: unknown };
  if (typeof e.code === 'string' && (TRANSIENT_PRISMA_CODES.has(e.code) || TRANSIENT_SQLSTATE.test(e.code) || e.code === 'ECONNREFUSED' || e.code === 'ECONNRESET')) return true;
  const cause = e.meta?.driverAdapterError?.cause;
  if (cause) {
    if (typeof cause.kind === 'string' && TRANSIENT_ADAPTER_KINDS.has(cause.kind)) return true;
    const sqlState = cause.originalCode ?? cause.code;
    if (typeof sqlState === 'string' && TRANSIENT_SQLSTATE.test(sqlState)) return true;
  }
  if (typeof e.message === 'string' && TRANSIENT_MESSAGE.test(e.message)) return true;
  return isTransientDbError(e.cause, depth + 1);
}
