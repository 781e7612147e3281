// Who may call: the resolvers' checks on the request's viewer.
import { AppError } from '@tracklore/shared/errors';
import type { AuthContext } from '../context.ts';
import type { Viewer } from '../domain/services.ts';

export function requireViewer(ctx: AuthContext): Viewer {
  if (ctx.viewer) return ctx.viewer;
  throw ctx.authError ?? new AppError('UNAUTHENTICATED', 'sign in first: this needs an access token');
}
