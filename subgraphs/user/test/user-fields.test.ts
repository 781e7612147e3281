// The raw-SQL read behind User.profile, badges and goals (repositories/user-fields.ts) must return
// exactly what Prisma's own queries return for the same rows: schema.prisma stays the one
// description of these tables (the drift test ties it to the migrations), and a column renamed
// or added there fails here until the raw SQL follows.
import { strict as assert } from 'node:assert';
import { after, before, test } from 'node:test';
import { createTestDatabase } from '@tracklore/devkit/test-databases';
import { openDatabase, type Database } from '../src/db.ts';
import { findUserFields } from '../src/repositories/user-fields.ts';

let database: Database;
let databaseUrl: string;
const [full, bare, none] = [101, 102, 103]; // full: every field set; bare: only nulls; none: no profile, badge or goal

before(async () => {
  databaseUrl = await createTestDatabase('user', 'user_fields');
  database = openDatabase({ connectionString: databaseUrl, poolSize: 2 });
  const { pool } = database;
  await pool.query(`INSERT INTO auth_user_references (id, source) VALUES (${full}, 'EVENT'), (${bare}, 'REPAIR'), (${none}, 'EVENT')`);
  await pool.query(`INSERT INTO profiles (user_id, display_name, bio, avatar_url, location, updated_at)
    VALUES (${full}, 'Ada', 'Bio ✓', 'https://cdn.example/a.png', 'London', '2026-01-02T03:04:05.678Z'), (${bare}, NULL, NULL, NULL, NULL, NULL)`);
  await pool.query(`UPDATE badges SET icon_url = 'https://cdn.example/first.png' WHERE slug = 'first-goal'`);
  await pool.query(`INSERT INTO user_badges (user_id, badge_id, awarded_at) SELECT ${full}, id, '2026-01-01T00:00:00.001Z'::timestamptz + (id || ' s')::interval FROM badges`);
  await pool.query(`INSERT INTO user_badges (user_id, badge_id) SELECT ${bare}, id FROM badges WHERE slug = 'first-goal-completed'`);
  await pool.query(`INSERT INTO learning_goals (user_id, title, description, status, progress, target_date, created_at, updated_at) VALUES
    (${full}, 'Rust', 'The book', 'COMPLETED', 100, '2026-06-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', '2026-01-03T00:00:00.000Z'),
    (${full}, 'Go', NULL, 'ACTIVE', 0, NULL, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    (${bare}, 'Zig', NULL, 'ARCHIVED', 42, NULL, now(), now())`);
});
after(() => database?.close());

const ids = [full, bare, none];

test('one statement: profiles, badges and goals equal to Prisma findMany (badges with their badge; nullable columns and enums included)', async () => {
  const { prisma } = database;
  const statements: string[] = [];
  const counted = openDatabase({ connectionString: databaseUrl, poolSize: 1, onStatement: (sql) => statements.push(sql) });
  let raw;
  try {
    raw = await findUserFields(counted.prisma, { profiles: ids, badges: ids, goals: ids });
  } finally {
    await counted.close();
  }
  assert.equal(statements.length, 1, statements.join('\n'));
  const profiles = await prisma.profile.findMany({ where: { userId: { in: ids } }, orderBy: { userId: 'asc' } });
  const badges = await prisma.userBadge.findMany({ where: { userId: { in: ids } }, include: { badge: true }, orderBy: [{ userId: 'asc' }, { awardedAt: 'asc' }, { badgeId: 'asc' }] });
  const goals = await prisma.learningGoal.findMany({ where: { userId: { in: ids } }, orderBy: [{ userId: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }] });
  assert.equal(profiles.length, 2);
  assert.ok(badges.length >= 4, 'every catalog badge for one user, one for another');
  assert.equal(goals.length, 3);
  assert.deepEqual(raw, { profiles, badges, goals });
});

test('each part is read only for the ids that asked for it', async () => {
  const { prisma } = database;
  const onlyProfile = await findUserFields(prisma, { profiles: [full], badges: [], goals: [] });
  assert.deepEqual(onlyProfile.profiles.map((p) => p.userId), [full]);
  assert.deepEqual([onlyProfile.badges, onlyProfile.goals], [[], []]);
  const onlyBadges = await findUserFields(prisma, { profiles: [], badges: [bare], goals: [] });
  assert.deepEqual([onlyBadges.profiles, onlyBadges.goals], [[], []]);
  assert.deepEqual(onlyBadges.badges.map((b) => [b.userId, b.badge.slug]), [[bare, 'first-goal-completed']]);
  const onlyGoals = await findUserFields(prisma, { profiles: [], badges: [], goals: [full, none] });
  assert.deepEqual([onlyGoals.profiles, onlyGoals.badges], [[], []]);
  assert.deepEqual(onlyGoals.goals.map((g) => [g.userId, g.title]), [[full, 'Rust'], [full, 'Go']]);
});
