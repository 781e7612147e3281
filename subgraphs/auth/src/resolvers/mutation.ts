// Mutations: each parses/authorises, calls one domain function, maps the result.
import { deleteAccount } from '../domain/account-deletion.ts';
import { changePassword, logIn, signUp } from '../domain/accounts.ts';
import { disableUser, enableUser } from '../domain/admin-users.ts';
import { requestEmailVerification, verifyEmail } from '../domain/email-verification.ts';
import { requestPasswordReset, resetPassword } from '../domain/password-reset.ts';
import { logOut, logOutEverywhere, refreshSession, revokeOwnSession, type AuthResult } from '../domain/sessions.ts';
import { requireViewer } from './guards.ts';
import type { MutationResolvers, ResolversParentTypes } from './types.generated.ts';

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
  requestEmailVerification: (_, _args, ctx) => requestEmailVerification(ctx.services, requireViewer(ctx)),
  verifyEmail: (_, args, ctx) => verifyEmail(ctx.services, args),
  deleteAccount: (_, args, ctx) => deleteAccount(ctx.services, requireViewer(ctx), args, ctx.client),
  disableUser: (_, args, ctx) => disableUser(ctx.services, requireViewer(ctx), args),
  enableUser: (_, args, ctx) => enableUser(ctx.services, requireViewer(ctx), args),
};
