// Vite for the Tracklore web app. The router URL is not baked in here: it comes from
// /config.js at runtime or VITE_ROUTER_URL at build time (src/config/runtime-config.ts).
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { CONTENT_SECURITY_POLICY } from './server/security-headers.ts';

/** Built pages carry the CSP as a meta tag too, for hosts that cannot set headers. Dev needs inline scripts (React refresh), so only the build gets it. */
function contentSecurityPolicyMeta(): Plugin {
  return {
    name: 'tracklore-csp-meta',
    apply: 'build',
    // Right after <meta charset>, before any script, so it governs all of them.
    transformIndexHtml: (html) =>
      html.replace(/(<meta charset="UTF-8" \/>)/, `$1\n    <meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}" />`),
  };
}

export default defineConfig({
  plugins: [react(), contentSecurityPolicyMeta()],
  build: { outDir: 'dist', sourcemap: true, target: 'es2022' },
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
});
