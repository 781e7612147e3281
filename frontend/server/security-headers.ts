// Security headers for the built app. The CSP allows only our own scripts and styles (no inline
// script, so an injected <script> or onerror= cannot run even if escaping ever failed), images
// over https (avatars), and requests to the router.

const BASE_DIRECTIVES = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' https: data:",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
];

/**
 * The policy the build puts in a <meta> tag: the router's origin is only known at runtime, so
 * connect-src is open to http(s) here; the static server's header narrows it to the router.
 */
export const CONTENT_SECURITY_POLICY = [...BASE_DIRECTIVES, "connect-src 'self' http: https:"].join('; ');

/** Response headers for every file of the app, given the router URL the page will call. */
export function securityHeaders(routerUrl: string): Record<string, string> {
  const router = new URL(routerUrl);
  return {
    'content-security-policy': [...BASE_DIRECTIVES, `connect-src 'self' ${router.origin}`, "frame-ancestors 'none'"].join('; '),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
    'cross-origin-opener-policy': 'same-origin',
    'permissions-policy': 'camera=(), microphone=(), geolocation=()',
  };
}
