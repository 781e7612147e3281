// React access to the SessionManager: its state as a store, and the sign-in/out actions that
// also reset Apollo's cache so no data of a previous user outlives their session.
import { createContext, useCallback, useContext, useMemo, useSyncExternalStore, type ReactNode } from 'react';
import { useApolloClient } from '@apollo/client/react';
import type { SessionManager, SessionState, SessionTokens } from './session-manager.ts';
import { LogOutDocument } from './operations.ts';
import { DeleteAccountDocument, LogOutEverywhereDocument } from '../pages/account/operations.ts';

export const ACCOUNT_DELETED_NOTICE = 'Your account has been deleted. Thank you for learning with Tracklore.';

const SessionContext = createContext<SessionManager | null>(null);

export function SessionProvider({ session, children }: { session: SessionManager; children: ReactNode }) {
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionManager {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside <SessionProvider>');
  return session;
}

export function useSessionState(): SessionState {
  const session = useSession();
  return useSyncExternalStore(session.subscribe, session.getState);
}

/** The AuthPayload fields the session needs. */
export interface AuthPayloadLike {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  user: { id: string };
}

export function toTokens(payload: AuthPayloadLike): SessionTokens {
  return { accessToken: payload.accessToken, refreshToken: payload.refreshToken, expiresIn: payload.expiresIn, userId: payload.user.id };
}

export function useAuthActions() {
  const session = useSession();
  const client = useApolloClient();

  const signIn = useCallback(
    async (payload: AuthPayloadLike) => {
      await client.clearStore();
      session.signIn(toTokens(payload));
    },
    [client, session],
  );

  /** Tells the server when it can; the local session ends either way. */
  const logOut = useCallback(async () => {
    const refreshToken = session.refreshToken();
    try {
      if (refreshToken) await client.mutate({ mutation: LogOutDocument, variables: { refreshToken } });
    } catch {
      // The server may be unreachable or the session already gone; forgetting it here is what matters.
    }
    session.end('You have been logged out.');
    await client.clearStore();
  }, [client, session]);

  /** Throws when the server refused, so the page can say so; the session stays then. */
  const logOutEverywhere = useCallback(async () => {
    await client.mutate({ mutation: LogOutEverywhereDocument });
    session.end('You have been logged out on every device.');
    await client.clearStore();
  }, [client, session]);

  /** Throws when the server refused (wrong password), so the form can say so; the session stays then. */
  const deleteAccount = useCallback(
    async (password: string) => {
      await client.mutate({ mutation: DeleteAccountDocument, variables: { password } });
      // The server ended every session with the account: only the local one is left to forget.
      session.end(ACCOUNT_DELETED_NOTICE);
      await client.clearStore();
    },
    [client, session],
  );

  return useMemo(() => ({ signIn, logOut, logOutEverywhere, deleteAccount }), [signIn, logOut, logOutEverywhere, deleteAccount]);
}
