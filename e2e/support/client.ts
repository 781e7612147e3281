// A minimal GraphQL-over-HTTP client for end-to-end tests, plus the sign-up every flow starts with.
export interface GraphQLError {
  message: string;
  path?: Array<string | number>;
  extensions?: Record<string, unknown>;
}

export interface GraphQLResult<D = Record<string, unknown>> {
  status: number;
  headers: Headers;
  data?: D | null;
  errors?: GraphQLError[];
}

export interface RequestOptions {
  /** Access token, sent as `Authorization: Bearer <token>`. */
  token?: string;
  headers?: Record<string, string>;
}

/** POSTs one operation as JSON, accepting the GraphQL response media type. */
export async function graphqlRequest<D = Record<string, unknown>>(url: string, query: string, variables: Record<string, unknown> = {}, options: RequestOptions = {}): Promise<GraphQLResult<D>> {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json;q=0.9', ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  const text = await response.text();
  let body: Omit<GraphQLResult<D>, 'status' | 'headers'>;
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    throw new Error(`${url} answered HTTP ${response.status} with a body that is not JSON: ${text.slice(0, 300)}`);
  }
  return { status: response.status, headers: response.headers, ...body };
}

let counter = 0;
/** A unique address per call (Kafka topics are shared between test files). */
export function uniqueEmail(prefix = 'e2e'): string {
  counter += 1;
  return `${prefix}.${Date.now().toString(36)}${counter}.${Math.random().toString(36).slice(2, 8)}@example.test`;
}

export const TEST_PASSWORD = 'correct horse battery staple';

export interface SignedUp {
  accessToken: string;
  refreshToken: string;
  user: { id: string; email: string };
}

/** signUp through `url` (the router); throws with the errors when it does not succeed. */
export async function signUp(url: string, email = uniqueEmail(), password = TEST_PASSWORD): Promise<SignedUp> {
  const result = await graphqlRequest<{ signUp: SignedUp }>(
    url,
    'mutation SignUp($email: String!, $password: String!) { signUp(email: $email, password: $password) { accessToken refreshToken user { id email } } }',
    { email, password },
  );
  if (!result.data?.signUp) throw new Error(`signUp failed (HTTP ${result.status}): ${JSON.stringify(result.errors)}`);
  return result.data.signUp;
}

/** The first error's extensions.code. */
export const errorCode = (result: GraphQLResult<unknown>): unknown => result.errors?.[0]?.extensions?.code;
