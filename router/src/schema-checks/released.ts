// The breaking-change check's baseline: the supergraph as last released, committed as
// schema-checks/released.graphql and written only by `npm run schema:release`. Comparing with a
// file rather than a git revision means the result does not depend on the clone's history (a
// fresh or shallow clone, a branch, a squash): every unaccepted breaking change since the last
// release fails, however many commits back it was made.
import { readFileSync } from 'node:fs';

export class ReleasedSchemaError extends Error {
  override readonly name = 'ReleasedSchemaError';
}

export function readReleasedSupergraph(path: string): string {
  let sdl: string;
  try {
    sdl = readFileSync(path, 'utf8');
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new ReleasedSchemaError(
      missing ? `${path} is missing: there is no released supergraph to compare with (run \`npm run schema:release\` once and commit it)` : `${path} cannot be read: ${(error as Error).message}`,
    );
  }
  if (sdl.trim() === '') throw new ReleasedSchemaError(`${path} is empty: run \`npm run schema:release\` and commit it`);
  return sdl;
}
