// Data for the bench, written straight into the user database (the bench measures reads, so it
// seeds goals and badges with SQL instead of thousands of mutations) and users made by signing up.
import pg from 'pg';
import { signUp, type SignedUp } from '../../e2e/support/client.ts';

export async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

/** Resolves when the user subgraph has the reference for `id` (the UserCreated event arrived). */
export async function waitForReference(userDb: pg.Client, id: number, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const { rowCount } = await userDb.query('SELECT 1 FROM auth_user_references WHERE id = $1', [id]);
    if (rowCount) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`no reference for user ${id} after ${timeoutMs} ms`);
}

/** A full profile, `goals` goals and the three rule badges for user `id`. */
export async function seedUserData(userDb: pg.Client, id: number, goals: number): Promise<void> {
  await userDb.query(
    `INSERT INTO profiles (user_id, display_name, bio, avatar_url, location, updated_at)
     VALUES ($1, 'Bench User', 'Measures things.', 'https://example.test/a.png', 'Lab', now()) ON CONFLICT (user_id) DO NOTHING`,
    [id],
  );
  await userDb.query(
    `INSERT INTO learning_goals (user_id, title, description, status, progress, updated_at)
     SELECT $1, 'goal ' || g, 'practise ' || g, 'ACTIVE', g % 100, now() FROM generate_series(1, $2::int) AS g`,
    [id, goals],
  );
  await userDb.query(
    `INSERT INTO user_badges (user_id, badge_id) SELECT $1, id FROM badges WHERE slug IN ('first-goal', 'first-goal-completed', 'profile-completed')
     ON CONFLICT DO NOTHING`,
    [id],
  );
}

/** `count` references (ids from `firstId`) each with a profile and one badge, for `_entities` at scale. */
export async function seedReferences(userDb: pg.Client, firstId: number, count: number): Promise<number[]> {
  await userDb.query(`INSERT INTO auth_user_references (id, source) SELECT g, 'REPAIR' FROM generate_series($1::int, $2::int) AS g ON CONFLICT DO NOTHING`, [firstId, firstId + count - 1]);
  await userDb.query(`INSERT INTO profiles (user_id, display_name, bio) SELECT g, 'user ' || g, 'bio' FROM generate_series($1::int, $2::int) AS g ON CONFLICT DO NOTHING`, [firstId, firstId + count - 1]);
  await userDb.query(
    `INSERT INTO user_badges (user_id, badge_id) SELECT g, (SELECT id FROM badges WHERE slug = 'first-goal') FROM generate_series($1::int, $2::int) AS g ON CONFLICT DO NOTHING`,
    [firstId, firstId + count - 1],
  );
  return Array.from({ length: count }, (_, i) => firstId + i);
}

/** Signs up through the router and waits until the user subgraph knows the user. */
export async function signedUpUser(routerUrl: string, userDb: pg.Client): Promise<SignedUp & { id: number }> {
  const user = await signUp(routerUrl);
  const id = Number(user.user.id);
  await waitForReference(userDb, id);
  return { ...user, id };
}
