// The raw-SQL reads behind User.profile, badges and goals (repositories/user-fields.ts) must return
// exactly what Prisma's own queries return for the same rows: schema.prisma stays the one
// description of these tables (the drift test ties it to the migrations), and a column renamed
// or added there fails here until the raw SQL follows.
import { strict as assert } from 'node:assert';
import { after, before, test } from 'node:test';
import { createTestDatabase } from '@tracklore/devkit/test-databases';
import { openDatabase, type Database } from '../src/db.ts';
import { findGoalsOfUsers, findProfilesAndBadges } from '../src/repositories/user-fields.ts';

let database: Database;
const [full, bare, none] = [101, 102, 103]; // full: every field set; bare: only nulls; none: no profile, badge or goal

before(async () => {
  database = openDatabase({ connectionString: await createTestDatabase('user', 'user_fields'), poolSize: 2 });
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

test('profiles and badges: equal to Prisma findMany (with the badge included)', async () => {
  const { prisma } = database;
  const raw = await findProfilesAndBadges(prisma, { profiles: ids, badges: ids });
  const profiles = await prisma.profile.findMany({ where: { userId: { in: ids } }, orderBy: { userId: 'asc' } });
  const badges = await prisma.userBadge.findMany({ where: { userId: { in: ids } }, include: { badge: true }, orderBy: [{ userId: 'asc' }, { awardedAt: 'asc' }, { badgeId: 'asc' }] });
  assert.equal(profiles.length, 2);
  assert.ok(badges.length >= 4, 'every catalog badge for one user, one for another');
  assert.deepEqual(raw, { profiles, badges });
});

test('each part is read only for the ids that asked for it', async () => {
  const { prisma } = database;
  const onlyProfile = await findProfilesAndBadges(prisma, { profiles: [full], badges: [] });
  assert.deepEqual(onlyProfile.profiles.map((p) => p.userId), [full]);
  assert.deepEqual(onlyProfile.badges, []);
  const onlyBadges = await findProfilesAndBadges(prisma, { profiles: [], badges: [bare] });
  assert.deepEqual(onlyBadges.profiles, []);
  assert.deepEqual(onlyBadges.badges.map((b) => [b.userId, b.badge.slug]), [[bare, 'first-goal-completed']]);
});

test('goals: equal to Prisma findMany, nullable columns and enums included', async () => {
  const { prisma } = database;
  const raw = await findGoalsOfUsers(prisma, ids);
  const viaPrisma = await prisma.learningGoal.findMany({ where: { userId: { in: ids } }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
  assert.equal(viaPrisma.length, 3);
  assert.deepEqual(raw, viaPrisma);
});
