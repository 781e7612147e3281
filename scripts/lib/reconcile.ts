// Reconciliation of the two services' views of who exists: every auth user should have exactly one
// AuthUserReference in the user database, and every reference an auth user. Reads both databases
// directly (read-only queries, safe while the stack runs); repairs through the user subgraph's own
// repository: a missing reference with the write read-repair does (createReference, source
// REPAIR), an orphan with the one UserDeleted does (forgetUsers: its data deleted, the tombstone
// kept), because auth never reuses an id, so a reference without an auth user is a deleted user.
import pg from 'pg';
import { openDatabase } from '../../subgraphs/user/src/db.ts';
import { createReference, forgetUsers } from '../../subgraphs/user/src/repositories/references.ts';

export interface ReconcileOptions {
  authDatabaseUrl: string;
  userDatabaseUrl: string;
  /**
   * Auth users younger than this many seconds are "pending", not missing: their UserCreated event
   * may simply not have been consumed yet. Default 60.
   */
  graceSeconds?: number;
}

export interface ReconcileReport {
  authUsers: number;
  references: number;
  /** Auth users older than the grace period with no reference. */
  missing: number[];
  /** Auth users within the grace period with no reference yet. */
  pending: number[];
  /** References with no auth user: the account was deleted and its UserDeleted not consumed (yet). */
  orphans: number[];
  /** User ids with more than one reference row (the primary key forbids it; checked so a schema change cannot hide it). */
  duplicates: number[];
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

export async function reconcile(options: ReconcileOptions): Promise<ReconcileReport> {
  const grace = options.graceSeconds ?? 60;
  // References first, auth users after: a reference exists only once its auth user committed, so
  // every reference read here whose user is missing from the later read was really deleted (a
  // sign-up between the two reads cannot show as an orphan, and --repair deletes orphans).
  const [references, duplicates] = await Promise.all([
    query<{ id: number }>(options.userDatabaseUrl, 'SELECT id FROM auth_user_references ORDER BY id'),
    query<{ id: number }>(options.userDatabaseUrl, 'SELECT id FROM auth_user_references GROUP BY id HAVING count(*) > 1 ORDER BY id'),
  ]);
  const users = await query<{ id: number; recent: boolean }>(options.authDatabaseUrl, `SELECT id, created_at > now() - make_interval(secs => $1) AS recent FROM users ORDER BY id`, [grace]);
  const referenced = new Set(references.map((r) => r.id));
  const known = new Set(users.map((u) => u.id));
  const unreferenced = users.filter((u) => !referenced.has(u.id));
  return {
    authUsers: users.length,
    references: references.length,
    missing: unreferenced.filter((u) => !u.recent).map((u) => u.id),
    pending: unreferenced.filter((u) => u.recent).map((u) => u.id),
    orphans: references.filter((r) => !known.has(r.id)).map((r) => r.id),
    duplicates: duplicates.map((d) => d.id),
  };
}

/** Creates the missing references (each with its empty profile); returns the ids it created (a tombstoned id is not). */
export async function repairMissing(userDatabaseUrl: string, ids: readonly number[]): Promise<number[]> {
  const database = openDatabase({ connectionString: userDatabaseUrl, poolSize: 2 });
  try {
    const created: number[] = [];
    for (const id of ids) if ((await createReference(database.prisma, id, 'REPAIR')) === 'created') created.push(id);
    return created;
  } finally {
    await database.close();
  }
}

/** Deletes the orphans' references with their profile, goals and badges, keeping tombstones; returns the ids removed. */
export async function repairOrphans(userDatabaseUrl: string, ids: readonly number[]): Promise<number[]> {
  const database = openDatabase({ connectionString: userDatabaseUrl, poolSize: 2 });
  try {
    return await forgetUsers(database.prisma, ids);
  } finally {
    await database.close();
  }
}

const SHOWN = 20;
const list = (ids: readonly number[]) => (ids.length > SHOWN ? `${ids.slice(0, SHOWN).join(', ')}, … (+${ids.length - SHOWN})` : ids.join(', '));

/** The report as a Markdown-style table, one finding a row. */
export function formatReport(report: ReconcileReport, graceSeconds: number): string {
  const rows: Array<[string, number[], string]> = [
    ['missing', report.missing, 'auth user without AuthUserReference'],
    ['orphans', report.orphans, 'AuthUserReference of a deleted auth user'],
    ['duplicates', report.duplicates, 'more than one reference for one user'],
    ['pending', report.pending, `no reference yet, signed up < ${graceSeconds} s ago`],
  ];
  const width = Math.max(...rows.map(([, ids]) => String(ids.length).length), 5);
  return [
    `auth users: ${report.authUsers}   references: ${report.references}`,
    '',
    `| finding    | ${'count'.padStart(width)} | meaning                                   | user ids`,
    `|------------|${'-'.repeat(width + 2)}|-------------------------------------------|---------`,
    ...rows.map(([name, ids, meaning]) => `| ${name.padEnd(10)} | ${String(ids.length).padStart(width)} | ${meaning.padEnd(41)} | ${list(ids)}`),
  ].join('\n');
}
