// GraphQL errors → what a form shows: a message beside the field that `extensions.field` names,
// everything else above the form. Pure, so the mapping is unit-tested; the Apollo-specific
// unwrapping lives in apollo-errors.ts.

/** `extensions.code` values of the public contract (DESIGN.md). */
export const ERROR_CODES = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'EMAIL_TAKEN',
  'INVALID_CREDENTIALS',
  'ACCOUNT_DISABLED',
  'RATE_LIMITED',
  'SERVICE_UNAVAILABLE',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** The part of a GraphQL error the app reads. */
export interface GraphQLErrorLike {
  message: string;
  extensions?: Readonly<Record<string, unknown>> | undefined;
}

export interface FormErrors {
  /** Message per form field name (`displayName`, `email`, `newPassword`, ...). */
  fields: Readonly<Record<string, string>>;
  /** Messages that belong to no field on this form. */
  form: readonly string[];
}

export const NO_ERRORS: FormErrors = { fields: {}, form: [] };
export const NETWORK_ERROR_MESSAGE = 'Cannot reach Tracklore. Check your connection and try again.';
export const UNEXPECTED_ERROR_MESSAGE = 'Something went wrong on our side. Please try again.';

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

export function errorCode(error: GraphQLErrorLike): ErrorCode | null {
  const code = error.extensions?.code;
  return isErrorCode(code) ? code : null;
}

/** `input.displayName` → `displayName`: forms name fields by their last segment. */
export function fieldKey(field: string): string {
  const parts = field.split('.');
  return parts[parts.length - 1] ?? field;
}

/** "in 1 minute", "in 45 seconds": for RATE_LIMITED's extensions.retryAfter (seconds). */
export function formatRetryAfter(seconds: number): string {
  if (seconds >= 90) return `in ${Math.ceil(seconds / 60)} minutes`;
  if (seconds >= 60) return 'in 1 minute';
  const whole = Math.max(1, Math.ceil(seconds));
  return `in ${whole} second${whole === 1 ? '' : 's'}`;
}

/** The sentence shown to a person for one error. */
export function messageFor(error: GraphQLErrorLike): string {
  const code = errorCode(error);
  if (code === null) return UNEXPECTED_ERROR_MESSAGE;
  switch (code) {
    case 'BAD_USER_INPUT':
      // The subgraphs write these for people ("must be at most 100 characters").
      return error.message || 'Please check this value.';
    case 'EMAIL_TAKEN':
      return 'An account with this email already exists. Log in instead, or use another email.';
    case 'INVALID_CREDENTIALS':
      // With a field, a password the signed-in person typed again (changePassword, deleteAccount):
      // the server's "password is incorrect" would read "Is incorrect" under the field.
      return typeof error.extensions?.field === 'string' ? 'This password is incorrect.' : 'Email or password is incorrect.';
    case 'ACCOUNT_DISABLED':
      return 'This account has been disabled by an administrator, so it cannot log in.';
    case 'RATE_LIMITED': {
      const retryAfter = error.extensions?.retryAfter;
      return typeof retryAfter === 'number' && retryAfter > 0
        ? `Too many attempts. Try again ${formatRetryAfter(retryAfter)}.`
        : 'Too many attempts. Please wait a little and try again.';
    }
    case 'UNAUTHENTICATED':
      return 'Your session has ended. Please log in again.';
    case 'FORBIDDEN':
      return 'You are not allowed to do that.';
    case 'NOT_FOUND':
      return 'That item no longer exists. It may have been deleted.';
    case 'SERVICE_UNAVAILABLE':
      return 'Tracklore is temporarily unavailable. Please try again shortly.';
    default: {
      const unreachable: never = code;
      return unreachable;
    }
  }
}

/** Where an error belongs on a form with `fieldNames`, or null for the form as a whole. */
function fieldFor(error: GraphQLErrorLike, fieldNames: readonly string[]): string | null {
  const named = error.extensions?.field;
  if (typeof named === 'string') {
    const key = fieldKey(named);
    return fieldNames.includes(key) ? key : null;
  }
  if (errorCode(error) === 'EMAIL_TAKEN' && fieldNames.includes('email')) return 'email';
  return null;
}

/**
 * A message shown under its field need not name the field, and starts like a sentence:
 * "input.avatarUrl must be an absolute https URL" becomes "Must be an absolute https URL".
 */
export function fieldMessage(message: string, field: string): string {
  let text = message;
  for (const prefix of [field, fieldKey(field)]) {
    if (text.startsWith(`${prefix} `) && text.length > prefix.length + 1) {
      text = text.slice(prefix.length + 1).trimStart();
      break;
    }
  }
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Maps errors onto a form; the first message for a field wins, form messages are de-duplicated. */
export function toFormErrors(errors: readonly GraphQLErrorLike[], fieldNames: readonly string[]): FormErrors {
  const fields: Record<string, string> = {};
  const form: string[] = [];
  for (const error of errors) {
    const message = messageFor(error);
    const field = fieldFor(error, fieldNames);
    if (field !== null) {
      const named = error.extensions?.field;
      fields[field] ??= typeof named === 'string' ? fieldMessage(message, named) : message;
    } else if (!form.includes(message)) {
      form.push(message);
    }
  }
  if (errors.length === 0) form.push(UNEXPECTED_ERROR_MESSAGE);
  return { fields, form };
}

/** What the refresh endpoint's errors mean for the session: only outages leave it alive. */
export function refreshFailureKind(errors: readonly GraphQLErrorLike[]): 'rejected' | 'unavailable' {
  const codes = errors.map(errorCode);
  const transient = codes.some((code) => code === null || code === 'RATE_LIMITED' || code === 'SERVICE_UNAVAILABLE');
  return transient ? 'unavailable' : 'rejected';
}

/**
 * What the login page should say when a refused refresh has a reason of its own (an admin
 * disabled the account), or null for the generic "session expired".
 */
export function refreshRefusalNotice(errors: readonly GraphQLErrorLike[]): string | null {
  const disabled = errors.find((error) => errorCode(error) === 'ACCOUNT_DISABLED');
  return disabled ? messageFor(disabled) : null;
}

/** True when any error says the request's credentials are not (or no longer) good. */
export function isUnauthenticated(errors: readonly GraphQLErrorLike[]): boolean {
  return errors.some((error) => errorCode(error) === 'UNAUTHENTICATED');
}
