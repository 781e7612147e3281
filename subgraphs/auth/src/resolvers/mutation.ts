// Mutations: each parses/authorises, calls one domain function, maps the result.
import { AppError } from '@tracklore/shared/errors';
import type { AuthContext } from '../context.ts';
import { changePassword, logIn, signUp } from '../domain/accounts.ts';
import type { Viewer } from '../domain/services.ts';
import { requestPasswordReset, resetPassword } from '../domain/password-reset.ts';
import { logOut, logOutEverywhere, refreshSession, revokeOwnSession, type AuthResult } from '../domain/sessions.ts';
import type { UserParent } from './user.ts';

function requireViewer(ctx: AuthContext): Viewer {
  if (ctx.viewer) return ctx.viewer;
  throw ctx.authError ?? new AppError('UNAUTHENTICATED', 'sign in first: this needs an access token');
}

function payload(result: AuthResult): { accessToken: string; refreshToken: string; expiresIn: number; user: UserParent } {
  return { accessToken: result.accessToken, refreshToken: result.refreshToken, expiresIn: result.expiresIn, user: { ...result.user, issuedTo: result.viewer } };
}

type Credentials = { email: string; password: string };

export const mutationResolvers = {
  Mutation: {
    signUp: async (_: unknown, args: Credentials, ctx: AuthContext) => payload(await signUp(ctx.services, args, ctx.client)),
    logIn: async (_: unknown, args: Credentials, ctx: AuthContext) => payload(await logIn(ctx.services, args, ctx.client)),
    refreshSession: async (_: unknown, args: { refreshToken: string }, ctx: AuthContext) => payload(await refreshSession(ctx.services, args.refreshToken)),
    logOut: (_: unknown, args: { refreshToken: string }, ctx: AuthContext) => logOut(ctx.services, args.refreshToken),
    logOutEverywhere: (_: unknown, _args: unknown, ctx: AuthContext) => logOutEverywhere(ctx.services, requireViewer(ctx)),
    revokeSession: (_: unknown, args: { id: string }, ctx: AuthContext) => revokeOwnSession(ctx.services, requireViewer(ctx), args.id),
    requestPasswordReset: (_: unknown, args: { email: string }, ctx: AuthContext) => requestPasswordReset(ctx.services, args, ctx.client),
    resetPassword: (_: unknown, args: { token: string; newPassword: string }, ctx: AuthContext) => resetPassword(ctx.services, args),
    changePassword: (_: unknown, args: { currentPassword: string; newPassword: string }, ctx: AuthContext) =>
      changePassword(ctx.services, requireViewer(ctx), args),
  },
};
