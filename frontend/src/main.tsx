// Entry: read the runtime config, build the session and the Apollo client, restore a session kept
// in this tab, render.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApolloProvider } from '@apollo/client/react';
import type { ApolloClient } from '@apollo/client';
import { BrowserRouter } from 'react-router';
import { resolveConfig } from './config/runtime-config.ts';
import { SessionManager } from './session/session-manager.ts';
import { sessionStorageTokenStore } from './session/token-store.ts';
import { SessionProvider } from './session/SessionContext.tsx';
import { createApolloClient, refreshThrough } from './api/client.ts';
import { App } from './app/App.tsx';
import { trackInputModality } from './ui/input-modality.ts';
import './styles.css';

declare global {
  interface Window {
    __TRACKLORE_CONFIG__?: unknown;
  }
}

const root = createRoot(document.getElementById('root') as HTMLElement);
trackInputModality(document);

try {
  const config = resolveConfig(window.__TRACKLORE_CONFIG__, import.meta.env.VITE_ROUTER_URL, window.location.href);
  // The client needs the session (for tokens) and the session needs the client (to refresh).
  let client: ApolloClient | null = null;
  const session = new SessionManager({
    store: sessionStorageTokenStore(),
    refresh: (refreshToken) => refreshThrough(client as ApolloClient, refreshToken),
  });
  client = createApolloClient(config.routerUrl, session);
  void session.restore();

  root.render(
    <StrictMode>
      <ApolloProvider client={client}>
        <SessionProvider session={session}>
          <BrowserRouter>
            <App />
          </BrowserRouter>
        </SessionProvider>
      </ApolloProvider>
    </StrictMode>,
  );
} catch (error) {
  console.error(error);
  root.render(
    <main className="page page--narrow">
      <h1>Tracklore cannot start</h1>
      <p role="alert">{(error as Error).message}</p>
    </main>,
  );
}
