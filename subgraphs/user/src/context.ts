// The GraphQL context: shared services, fresh DataLoaders, and the viewer verified lazily (a
// request that only reads public fields never touches its token).
import type { IncomingMessage } from 'node:http';
import type { Viewer } from './auth-client/viewer.ts';
import { createLoaders, type Loaders } from './loaders.ts';
import type { UserServices } from './services.ts';

export interface UserContext {
  services: UserServices;
  loaders: Loaders;
  /** The viewer from the Authorization header (verified locally, memoised); null without one. */
  viewer(): Promise<Viewer | null>;
}

export function createContext(services: UserServices, req: IncomingMessage): UserContext {
  let viewer: Promise<Viewer | null> | undefined;
  return {
    services,
    loaders: createLoaders(services.db),
    viewer: () => (viewer ??= services.viewers.fromAuthorization(req.headers.authorization)),
  };
}
