// `npm run reconcile [-- --repair] [--grace-seconds N]`: compares the auth subgraph's users with the
// user subgraph's AuthUserReferences and prints missing references, orphans and duplicates as a
// table; `--repair` creates the missing references (as read-repair does), deletes the orphans'
// data keeping their tombstones (as UserDeleted does) and reports what it did.
// Reads AUTH_DATABASE_URL and USER_DATABASE_URL (the development databases by default); works
// while the stack runs or while it is stopped. Exit code: 0 nothing left to fix, 1 findings remain,
// 2 it could not run.
import { parseArgs } from 'node:util';
import { databaseUrl } from '@tracklore/devkit/urls';
import { formatReport, reconcile, repairMissing, repairOrphans } from './lib/reconcile.ts';

let args;
try {
  args = parseArgs({ options: { repair: { type: 'boolean', default: false }, 'grace-seconds': { type: 'string', default: '60' } } }).values;
} catch (error) {
  console.error(`✖ reconcile: ${(error as Error).message}\nusage: npm run reconcile -- [--repair] [--grace-seconds N]`);
  process.exit(2);
}
const graceSeconds = Number(args['grace-seconds']);
if (!Number.isInteger(graceSeconds) || graceSeconds < 0) {
  console.error(`✖ reconcile: --grace-seconds must be a whole number ≥ 0, got ${JSON.stringify(args['grace-seconds'])}`);
  process.exit(2);
}
const options = { authDatabaseUrl: databaseUrl('auth'), userDatabaseUrl: databaseUrl('user'), graceSeconds };
const name = (url: string) => new URL(url).pathname.slice(1);

try {
  console.log(`reconcile: ${name(options.authDatabaseUrl)} (auth) ↔ ${name(options.userDatabaseUrl)} (user)\n`);
  let report = await reconcile(options);
  console.log(formatReport(report, graceSeconds));
  if (args.repair) {
    const created = await repairMissing(options.userDatabaseUrl, report.missing);
    console.log(`\nrepair: created ${created.length} missing reference(s) (source REPAIR)${created.length ? `: ${created.join(', ')}` : ''}`);
    const removed = await repairOrphans(options.userDatabaseUrl, report.orphans);
    console.log(`repair: deleted ${removed.length} orphan reference(s) with their data, tombstones kept${removed.length ? `: ${removed.join(', ')}` : ''}`);
    report = await reconcile(options);
    console.log(`\nafter repair:\n${formatReport(report, graceSeconds)}`);
  }
  const remaining = report.missing.length + report.orphans.length + report.duplicates.length;
  console.log(`\n${remaining === 0 ? 'consistent' : `${remaining} finding(s) need attention`}`);
  process.exit(remaining === 0 ? 0 : 1);
} catch (error) {
  console.error(`✖ reconcile: ${(error as Error).message}`);
  process.exit(2);
}
