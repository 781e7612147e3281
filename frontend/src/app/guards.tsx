// Route guards driven by the session state. A signed-out visitor of a private page goes to the
// login page, which shows why (expired session, logged out) and returns them afterwards. Inside
// the signed-in area, RequireAdmin opens the admin pages by the viewer's roles.
import { Navigate, Outlet, useLocation } from 'react-router';
import { useQuery } from '@apollo/client/react';
import { useSession, useSessionState } from '../session/SessionContext.tsx';
import { ViewerDocument } from '../session/operations.ts';
import { errorSummary } from '../errors/apollo-errors.ts';
import { Loading, LoadError } from '../ui/feedback.tsx';
import type { NoticeState } from '../ui/usePageNotice.ts';
import { NotAllowedPage } from './NotAllowedPage.tsx';

export interface LoginLocationState extends NoticeState {
  /** Where to go after logging in. */
  from?: string;
}

export function RequireSignedIn() {
  const state = useSessionState();
  const session = useSession();
  const location = useLocation();
  switch (state.status) {
    case 'restoring':
      return (
        <main className="page page--narrow">
          <Loading label="Restoring your session…" />
        </main>
      );
    case 'unavailable':
      return (
        <main className="page page--narrow">
          <h1>Tracklore is unreachable</h1>
          <p role="alert">We could not reach the server to restore your session. We keep trying; you can also try now.</p>
          <button type="button" className="button" onClick={() => void session.restore()}>
            Try again
          </button>
        </main>
      );
    case 'signed-out': {
      // Back to this page after logging in, unless leaving was the person's own choice.
      const loginState: LoginLocationState = state.reason === 'expired' ? { from: location.pathname + location.search } : {};
      if (state.notice) loginState.notice = state.notice;
      return <Navigate to="/login" replace state={loginState} />;
    }
    case 'signed-in':
      return <Outlet />;
    default: {
      const unreachable: never = state;
      return unreachable;
    }
  }
}

export function RequireSignedOut() {
  const state = useSessionState();
  const location = useLocation();
  if (state.status === 'restoring') return <Loading label="Restoring your session…" />;
  if (state.status === 'signed-in') {
    const from = (location.state as LoginLocationState | null)?.from;
    return <Navigate to={from && from.startsWith('/') && !from.startsWith('//') ? from : '/goals'} replace />;
  }
  return <Outlet />;
}

/**
 * ADMIN only; anyone else gets the not-allowed page (and the layout shows them no link here).
 * The roles come from the viewer query the layout already runs; the server checks them again.
 */
export function RequireAdmin() {
  const { data, error, refetch } = useQuery(ViewerDocument);
  const me = data?.me;
  if (me) return me.roles.includes('ADMIN') ? <Outlet /> : <NotAllowedPage />;
  if (error && !data) return <LoadError message={errorSummary(error)} onRetry={() => void refetch()} />;
  // Also while `me` is null: the layout is ending the session.
  return <Loading label="Checking your access…" />;
}
