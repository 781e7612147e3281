// An HTTP/1.1 client on a node:http keep-alive Agent, for tests that watch connections: which
// answers said `connection: close`, and how many idle connections the client still holds.
import http from 'node:http';

export interface Answer {
  status: number;
  /** The `connection` response header. */
  connection: string | undefined;
  body: string;
}

/** GET, or POST of `body` as JSON (with `Authorization: Bearer <token>` when given). */
export function send(agent: http.Agent, url: string, body?: unknown, token?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = body === undefined ? {} : { 'content-type': 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    const request = http.request(url, { agent, method: body === undefined ? 'GET' : 'POST', headers }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      res.once('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, body: text }));
      res.once('error', reject);
    });
    request.once('error', reject);
    request.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

/** Connections the agent holds open with no request on them. */
export const idleSockets = (agent: http.Agent): number => Object.values(agent.freeSockets).flat().length;
