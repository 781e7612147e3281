import { useEffect } from 'react';
import { useSession } from '../session/SessionContext.tsx';

export const ACCOUNT_GONE_NOTICE = 'Your session has ended. Please log in again.';

interface MeResult {
  data: { me: unknown } | undefined;
  refetch: () => Promise<{ data?: { me: unknown } | undefined }>;
}

/**
 * `me` is null when the router did not accept our access token (session revoked elsewhere,
 * account deleted). Try one refresh and ask again; the SessionManager ends the session if the
 * refresh is refused, and the guards then send the person to the login page with a notice. If
 * `me` is still null with a fresh token, the account is gone: end the session too.
 */
export function useSessionLostWhenMeIsNull(result: MeResult): void {
  const session = useSession();
  const meIsNull = result.data !== undefined && result.data.me === null;
  const { refetch } = result;
  useEffect(() => {
    if (!meIsNull) return;
    let cancelled = false;
    void (async () => {
      if (!(await session.recoverFromUnauthenticated()) || cancelled) return;
      const again = await refetch().catch(() => null);
      if (!cancelled && again?.data?.me === null && session.getState().status === 'signed-in') session.end(ACCOUNT_GONE_NOTICE, 'expired');
    })();
    return () => {
      cancelled = true;
    };
  }, [meIsNull, refetch, session]);
}
