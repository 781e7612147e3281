// The one Apollo Client of the app: JSON POSTs to the router (its CSRF prevention accepts
// content-type application/json), the in-memory access token as a Bearer header, and one
// refresh-and-retry when the router says UNAUTHENTICATED.
import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { SetContextLink } from '@apollo/client/link/context';
import { ErrorLink } from '@apollo/client/link/error';
import { from, of, switchMap } from 'rxjs';
import { isUnauthenticated, refreshFailureKind, refreshRefusalNotice } from '../errors/error-messages.ts';
import { graphQLErrorsOf } from '../errors/apollo-errors.ts';
import type { RefreshResult, SessionManager } from '../session/session-manager.ts';
import { RefreshSessionDocument } from '../session/operations.ts';

declare module '@apollo/client' {
  interface DefaultContext {
    /** Send no Authorization header (refreshSession, signUp, logIn ...). */
    skipAuth?: boolean;
    /** Set on the one retry after a refresh, so a second UNAUTHENTICATED is final. */
    authRetried?: boolean;
  }
}

export function createApolloClient(routerUrl: string, session: SessionManager): ApolloClient {
  const auth = new SetContextLink(async (context) => {
    if (context.skipAuth) return {};
    const token = await session.getAccessToken();
    return token ? { headers: { ...context.headers, authorization: `Bearer ${token}` } } : {};
  });

  const retryAfterRefresh = new ErrorLink(({ error, result, operation, forward }) => {
    const context = operation.getContext();
    if (context.skipAuth || context.authRetried || !result) return;
    if (!CombinedGraphQLErrors.is(error) || !isUnauthenticated(error.errors)) return;
    return from(session.recoverFromUnauthenticated()).pipe(
      switchMap((refreshed) => {
        if (!refreshed) return of(result);
        operation.setContext({ authRetried: true });
        return forward(operation);
      }),
    );
  });

  return new ApolloClient({
    link: ApolloLink.from([retryAfterRefresh, auth, new HttpLink({ uri: routerUrl, credentials: 'omit' })]),
    cache: new InMemoryCache({
      typePolicies: {
        // Value objects without ids live inside their User.
        Profile: { keyFields: false, merge: true },
        UserBadge: { keyFields: false },
        AuthPayload: { keyFields: false },
      },
    }),
    defaultOptions: { watchQuery: { fetchPolicy: 'cache-and-network' } },
  });
}

/** SessionManager's `refresh`, done through the client without the auth link. */
export async function refreshThrough(client: ApolloClient, refreshToken: string): Promise<RefreshResult> {
  try {
    const { data } = await client.mutate({
      mutation: RefreshSessionDocument,
      variables: { refreshToken },
      context: { skipAuth: true },
      fetchPolicy: 'no-cache',
    });
    if (!data) return { kind: 'unavailable' };
    const payload = data.refreshSession;
    return {
      kind: 'ok',
      tokens: { accessToken: payload.accessToken, refreshToken: payload.refreshToken, expiresIn: payload.expiresIn, userId: payload.user.id },
    };
  } catch (error) {
    const errors = graphQLErrorsOf(error);
    if (!errors) return { kind: 'unavailable' };
    const kind = refreshFailureKind(errors);
    const notice = refreshRefusalNotice(errors);
    return kind === 'rejected' && notice ? { kind, notice } : { kind };
  }
}
