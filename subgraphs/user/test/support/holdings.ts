// What the user database holds for one user id, as counts per table: how the deletion tests
// (user-deleted.test.ts, e2e/account-lifecycle) say "nothing of that user remains but the tombstone".
import type pg from 'pg';

export interface Holdings {
  references: number;
  profiles: number;
  goals: number;
  badges: number;
  tombstones: number;
}

/** A deleted user: only the tombstone is left. */
export const GONE: Holdings = { references: 0, profiles: 0, goals: 0, badges: 0, tombstones: 1 };

export async function holdingsOf(db: pg.Client, id: number): Promise<Holdings> {
  const n = async (sql: string): Promise<number> => (await db.query(sql, [id])).rows[0].n as number;
  return {
    references: await n('SELECT count(*)::int AS n FROM auth_user_references WHERE id = $1'),
    profiles: await n('SELECT count(*)::int AS n FROM profiles WHERE user_id = $1'),
    goals: await n('SELECT count(*)::int AS n FROM learning_goals WHERE user_id = $1'),
    badges: await n('SELECT count(*)::int AS n FROM user_badges WHERE user_id = $1'),
    tombstones: await n('SELECT count(*)::int AS n FROM deleted_users WHERE id = $1'),
  };
}
