// The reason an admin gives for disabling an account, checked before sending with the auth
// subgraph's rule (1 to 500 code points after trimming; it answers BAD_USER_INPUT on `reason`).
import { tooLong } from '../../ui/text-limits.ts';

export const DISABLE_REASON_MAX = 500;

/** The message for the reason field, or null when it may be sent. */
export function disableReasonError(reason: string): string | null {
  if (reason.trim() === '') return 'Give a reason: it is kept with the account for other admins.';
  return tooLong(reason, DISABLE_REASON_MAX);
}
