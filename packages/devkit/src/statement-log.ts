// Recording the SQL statements a service sends (through its onSqlStatement hook, which observes
// the pg pool) so tests can assert exact counts per request and that a read wrote nothing.
export interface StatementLog {
  /** Pass as a service's onSqlStatement. */
  readonly record: (sql: string) => void;
  /** Everything recorded since the last take(), and forget it. */
  take(): string[];
}

export function createStatementLog(): StatementLog {
  let statements: string[] = [];
  return {
    record: (sql) => void statements.push(sql),
    take() {
      const taken = statements;
      statements = [];
      return taken;
    },
  };
}

/** True for a statement that changes data (or takes row locks for a change). */
export function isWrite(sql: string): boolean {
  return /^\s*(WITH\b[\s\S]*\b)?(INSERT|UPDATE|DELETE|MERGE|TRUNCATE)\b/i.test(sql) || /\bFOR\s+(NO\s+KEY\s+)?UPDATE\b/i.test(sql);
}
