// Unwraps what Apollo Client throws into plain GraphQL errors for error-messages.ts.
import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';
import { NETWORK_ERROR_MESSAGE, toFormErrors, type FormErrors, type GraphQLErrorLike } from './error-messages.ts';

function parseErrors(bodyText: string): GraphQLErrorLike[] | null {
  try {
    const body: unknown = JSON.parse(bodyText);
    const errors = (body as { errors?: unknown }).errors;
    return Array.isArray(errors) ? (errors as GraphQLErrorLike[]) : null;
  } catch {
    return null;
  }
}

/** The GraphQL errors inside an Apollo error, or null for a transport failure. */
export function graphQLErrorsOf(error: unknown): readonly GraphQLErrorLike[] | null {
  if (CombinedGraphQLErrors.is(error)) return error.errors;
  // A non-2xx answer whose body is still a GraphQL response (e.g. 400 for a rejected request).
  if (ServerError.is(error)) return parseErrors(error.bodyText);
  return null;
}

export function formErrorsFrom(error: unknown, fieldNames: readonly string[]): FormErrors {
  const errors = graphQLErrorsOf(error);
  return errors ? toFormErrors(errors, fieldNames) : { fields: {}, form: [NETWORK_ERROR_MESSAGE] };
}

/** One sentence for places without fields (lists, buttons). */
export function errorSummary(error: unknown): string {
  return formErrorsFrom(error, []).form.join(' ');
}
