import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const root = import.meta.dirname;

/**
 * The dev server's React refresh preamble is an inline script and its HMR talks over a
 * websocket; the strict CSP of index.html forbids both, so it is loosened in dev only.
 */
const devCsp = (): Plugin => ({
  name: 'depot-dev-csp',
  apply: 'serve',
  transformIndexHtml: (html) => html.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'").replace("connect-src 'self'", "connect-src 'self' ws: http:"),
});

export default defineConfig({
  root,
  // Relative asset URLs: Electron loads the built page from file://.
  base: './',
  plugins: [react(), devCsp()],
  build: {
    outDir: `${root}/../dist/renderer`,
    emptyOutDir: true,
    target: 'chrome140',
    // AG Grid alone is over the default 500 kB warning; the page is loaded from disk, not a network.
    chunkSizeWarningLimit: 4000,
  },
});
