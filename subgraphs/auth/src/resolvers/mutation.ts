// Mutations: each parses/authorises, calls one domain function, maps the result.
import { AppError } from '@tracklore/shared/errors';
import type { AuthContext } from '../context.ts';
import { changePassword, logIn, signUp } from '../domain/accounts.ts';
import type { Viewer } from '../domain/services.ts';
import { requestPasswordReset, resetPassword } from '../domain/password-reset.ts';
import { logOut, logOutEverywhere, refreshSession, revokeOwnSession, type AuthResult } from '../domain/sessions.ts';
import type { MutationResolvers, ResolversParentTypes } from './types.generated.ts';

function requireViewer(ctx: AuthContext): Viewer {
  if (ctx.viewer) return ctx.viewer;
  throw ctx.authError ?? new AppError('UNAUTHENTICATED', 'sign in first: this needs an access token');
}

function payload(result: AuthResult): ResolversParentTypes['AuthPayload'] {
  return { accessToken: result.accessToken, refreshToken: result.refreshToken, expiresIn: result.expiresIn, user: { ...result.user, issuedTo: result.viewer } };
}

export const Mutation: MutationResolvers = {
  signUp: async (_, args, ctx) => payload(await signUp(ctx.services, args, ctx.client)),
  logIn: async (_, args, ctx) => payload(await logIn(ctx.services, args, ctx.client)),
  refreshSession: async (_, args, ctx) => payload(await refreshSession(ctx.services, args.refreshToken)),
  logOut: (_, args, ctx) => logOut(ctx.services, args.refreshToken),
  logOutEverywhere: (_, _args, ctx) => logOutEverywhere(ctx.services, requireViewer(ctx)),
  revokeSession: (_, args, ctx) => revokeOwnSession(ctx.services, requireViewer(ctx), args.id),
  requestPasswordReset: (_, args, ctx) => requestPasswordReset(ctx.services, args, ctx.client),
  resetPassword: (_, args, ctx) => resetPassword(ctx.services, args),
  changePassword: (_, args, ctx) => changePassword(ctx.services, requireViewer(ctx), args),
};
