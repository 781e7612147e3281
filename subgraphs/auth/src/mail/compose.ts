// What the mail templates share: a frontend link carrying a token, and HTML escaping.

/** `baseUrl` with `?token=` set (any query the base URL has is kept). */
export function tokenLink(baseUrl: string, token: string): string {
  const url = new URL(baseUrl);
  url.searchParams.set('token', token);
  return url.toString();
}

export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
