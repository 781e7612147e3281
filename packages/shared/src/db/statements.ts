// Observing every SQL statement a service sends: each pooled pg client's query() is wrapped when
// the pool opens it, so what is counted is what reaches PostgreSQL (tests count statements).
import type pg from 'pg';

/** Receives the SQL text of one statement, before it is sent. */
export type StatementObserver = (sql: string) => void;

function sqlText(arg: unknown): string {
  if (typeof arg === 'string') return arg;
  if (arg && typeof arg === 'object' && 'text' in arg && typeof arg.text === 'string') return arg.text;
  return '';
}

/** Calls `onStatement` for every query sent through a client of `pool` (connections opened from now on). */
export function observeStatements(pool: pg.Pool, onStatement: StatementObserver): void {
  pool.on('connect', (client) => {
    const original = client.query.bind(client) as (...args: unknown[]) => unknown;
    client.query = ((...args: unknown[]) => {
      onStatement(sqlText(args[0]));
      return original(...args);
    }) as typeof client.query;
  });
}
