// `npm run reconcile` after a fault: sign-ups while the user subgraph is down end consistent once it
// is back; a reference deleted by hand is reported as missing and repaired; an orphan (a reference
// whose auth user is gone) is reported and repaired by deleting its data and keeping a tombstone,
// as UserDeleted does; an account deleted while the user subgraph is down is such an orphan.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { after, test } from 'node:test';
import pg from 'pg';
import { signUp, TEST_PASSWORD } from '../support/client.ts';
import { startStack } from '../support/stack.ts';

const stack = await startStack({ label: 'e2e_reconcile', env: { auth: { RATE_LIMIT_SIGNUP_ADDRESS_MAX: '100' } } });
after(() => stack.stop());
const userDb = new pg.Client({ connectionString: stack.databases.user });
await userDb.connect();
after(() => userDb.end());

function runReconcile(...args: string[]): { code: number | null; output: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/reconcile.ts', ...args], {
    env: { ...process.env, AUTH_DATABASE_URL: stack.databases.auth, USER_DATABASE_URL: stack.databases.user },
    encoding: 'utf8',
  });
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
}

/** The count column of one finding's row in the printed table (the last table printed). */
function count(output: string, finding: string): number {
  const rows = output.split('\n').filter((line) => line.startsWith(`| ${finding} `));
  const row = rows.at(-1);
  assert.ok(row, `no "${finding}" row in:\n${output}`);
  return Number(row.split('|')[2]?.trim());
}

async function consumerCaughtUp(): Promise<void> {
  for (let i = 0; i < 300; i += 1) {
    const ready = (await (await fetch(`${stack.user.url}/ready`)).json()) as { checks?: { kafka?: { lag?: number | null } } };
    if (ready.checks?.kafka?.lag === 0) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the user subgraph consumer did not catch up with the topic');
}

async function referenceIds(): Promise<number[]> {
  return (await userDb.query<{ id: number }>('SELECT id FROM auth_user_references ORDER BY id')).rows.map((r) => r.id);
}

test('sign-ups during a user-subgraph outage reconcile to 0 missing / 0 orphans; a hand-deleted reference is found and repaired', async () => {
  await stack.user.stop();
  const ids: number[] = [];
  for (let i = 0; i < 5; i += 1) {
    const result = await stack.graphql<{ signUp: { user: { id: string } } }>(
      'mutation($e: String!, $p: String!) { signUp(email: $e, password: $p) { user { id } } }',
      { e: `reconcile.${i}.${Date.now()}@example.test`, p: 'correct horse battery staple' },
    );
    assert.ok(result.data?.signUp, JSON.stringify(result.errors));
    ids.push(Number(result.data.signUp.user.id));
  }
  await stack.user.start();
  let refs = await referenceIds();
  for (let i = 0; i < 150 && !ids.every((id) => refs.includes(id)); i += 1) {
    await new Promise((r) => setTimeout(r, 200));
    refs = await referenceIds();
  }
  assert.deepEqual(ids.filter((id) => !refs.includes(id)), [], 'events consumed after the outage');
  // The topic is shared by every test file, so this consumer also made references for other files'
  // users: once it has caught up, those are this database's orphans by construction — remove them.
  await consumerCaughtUp();
  await userDb.query('DELETE FROM auth_user_references WHERE id <> ALL($1::int[])', [ids]);

  const clean = runReconcile('--grace-seconds', '0');
  assert.equal(clean.code, 0, clean.output);
  assert.equal(count(clean.output, 'missing'), 0);
  assert.equal(count(clean.output, 'orphans'), 0);
  assert.equal(count(clean.output, 'duplicates'), 0);

  const [deleted] = ids;
  const orphan = 2_100_000_000;
  await userDb.query('DELETE FROM auth_user_references WHERE id = $1', [deleted]);
  await userDb.query(`INSERT INTO auth_user_references (id, source) VALUES ($1, 'EVENT')`, [orphan]);

  const found = runReconcile('--grace-seconds', '0');
  assert.equal(found.code, 1, found.output);
  assert.equal(count(found.output, 'missing'), 1);
  assert.match(found.output, new RegExp(`\\| missing .*\\| ${deleted}\\b`));
  assert.equal(count(found.output, 'orphans'), 1);
  assert.match(found.output, new RegExp(`\\| orphans .*\\| ${orphan}\\b`));

  const repaired = runReconcile('--repair', '--grace-seconds', '0');
  assert.match(repaired.output, new RegExp(`created 1 missing reference\\(s\\) \\(source REPAIR\\): ${deleted}`));
  assert.equal(count(repaired.output, 'missing'), 0, 'the last table is the one after repair');
  assert.match(repaired.output, new RegExp(`deleted \\d+ orphan reference\\(s\\) with their data, tombstones kept: .*\\b${orphan}\\b`));
  assert.equal(count(repaired.output, 'orphans'), 0, 'the orphan is gone after repair');
  const { rows: tombstones } = await userDb.query('SELECT count(*)::int AS n FROM deleted_users WHERE id = $1', [orphan]);
  assert.equal(tombstones[0].n, 1, 'a tombstone keeps a late UserCreated from bringing it back');
  const { rows } = await userDb.query('SELECT source FROM auth_user_references WHERE id = $1', [deleted]);
  assert.equal(rows[0]?.source, 'REPAIR');
  const { rows: profiles } = await userDb.query('SELECT count(*)::int AS n FROM profiles WHERE user_id = $1', [deleted]);
  assert.equal(profiles[0].n, 1, 'the repaired reference has its empty profile, as read-repair creates');

  const after = runReconcile('--grace-seconds', '0');
  assert.equal(after.code, 0, after.output);
  assert.match(after.output, /consistent/);
});

test('an account deleted while the user subgraph is down is an orphan; --repair deletes its data, and the late UserDeleted changes nothing', async () => {
  const account = await signUp(stack.routerUrl);
  const id = Number(account.user.id);
  const goal = await stack.graphql('mutation { createGoal(input: { title: "reconcile me" }) { id } }', {}, { token: account.accessToken });
  assert.equal(goal.errors, undefined, JSON.stringify(goal.errors));
  await stack.user.stop();
  try {
    // With the consumer stopped nothing new arrives: a first repair removes the other files' users
    // this consumer saw on the shared topic (orphans here by construction), so what follows is ours.
    assert.equal(runReconcile('--repair', '--grace-seconds', '0').code, 0);
    const deleted = await stack.graphql<{ deleteAccount: boolean }>('mutation($p: String!) { deleteAccount(password: $p) }', { p: TEST_PASSWORD }, { token: account.accessToken });
    assert.equal(deleted.data?.deleteAccount, true, JSON.stringify(deleted.errors));

    const found = runReconcile('--grace-seconds', '0');
    assert.equal(found.code, 1, found.output);
    assert.equal(count(found.output, 'orphans'), 1);
    assert.match(found.output, new RegExp(`\\| orphans .*\\| ${id}\\b`));
    const repaired = runReconcile('--repair', '--grace-seconds', '0');
    assert.equal(repaired.code, 0, repaired.output);
    assert.match(repaired.output, new RegExp(`deleted 1 orphan reference\\(s\\) with their data, tombstones kept: ${id}\\b`));
  } finally {
    await stack.user.start();
  }
  const counts = async () => (await userDb.query(
    `SELECT (SELECT count(*) FROM auth_user_references WHERE id = $1)::int AS refs, (SELECT count(*) FROM learning_goals WHERE user_id = $1)::int AS goals,
            (SELECT count(*) FROM deleted_users WHERE id = $1)::int AS tombstones`, [id])).rows[0];
  assert.deepEqual(await counts(), { refs: 0, goals: 0, tombstones: 1 });
  await consumerCaughtUp(); // the UserDeleted is consumed now: recorded, nothing else changes
  assert.deepEqual(await counts(), { refs: 0, goals: 0, tombstones: 1 });
});

test('a bad option is refused with the usage line and exit code 2', () => {
  const result = runReconcile('--grace-seconds', 'soon');
  assert.equal(result.code, 2);
  assert.match(result.output, /--grace-seconds must be a whole number/);
});
