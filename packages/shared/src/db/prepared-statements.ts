// Names for Prisma's statements, so pg prepares each statement text once per connection
// (@prisma/adapter-pg's `statementNameGenerator`). Unnamed, PostgreSQL parses and plans a statement
// on every call: for the user subgraph's one-statement `me` read that was most of PostgreSQL's CPU
// per request (bench/README.md). The first `max` distinct texts get a name; any further text runs
// unnamed, as before, so a query shape that varies (an IN list per length) cannot fill every
// session with prepared statements. Each name is derived from its text, so one name never meets
// two texts (pg refuses that).
import { createHash } from 'node:crypto';

export function preparedStatementNames(max = 200): (query: { sql: string }) => string {
  const names = new Map<string, string>();
  return ({ sql }) => {
    let name = names.get(sql);
    if (name === undefined && names.size < max) {
      name = `tl_${createHash('sha256').update(sql).digest('base64url').slice(0, 24)}`;
      names.set(sql, name);
    }
    // The adapter's type says string; pg treats an empty name as an unnamed statement.
    return name ?? '';
  };
}
