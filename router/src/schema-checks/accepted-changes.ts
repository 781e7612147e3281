// Breaking changes made on purpose are listed, with a reason, in a checked-in JSON file
// (schema-checks/accepted-changes.json); the check lets exactly those through.
import { readFileSync } from 'node:fs';
import { z } from 'zod';

export interface AcceptedChange {
  /** graphql-inspector change type, e.g. FIELD_REMOVED. */
  type: string;
  /** Schema coordinate the change is about, e.g. User.email (as `npm run schema:check` prints it). */
  path: string;
  /** Why it is acceptable (who was told, what replaces it). */
  reason: string;
}

const fileSchema = z.object({
  $comment: z.string().optional(),
  accepted: z.array(z.strictObject({ type: z.string().regex(/^[A-Z_]+$/), path: z.string().min(1), reason: z.string().min(10, 'give a reason of at least 10 characters') })),
});

export class AcceptedChangesError extends Error {
  override readonly name = 'AcceptedChangesError';
}

/** A missing file means nothing is accepted; a malformed one is an error. */
export function readAcceptedChanges(path: string): AcceptedChange[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new AcceptedChangesError(`cannot read ${path}: ${(error as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new AcceptedChangesError(`${path} is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) {
    throw new AcceptedChangesError(`${path}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
  }
  return parsed.data.accepted;
}
