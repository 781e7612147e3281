// `npm run build:services` (and `npm run build`): the service bundles (scripts/lib/bundles.ts) that `npm start`, the Dockerfile,
// the e2e service processes and the bench run with plain node.
import { buildServices } from './lib/bundles.ts';

await buildServices((line) => process.stdout.write(`${line}\n`));
