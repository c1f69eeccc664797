import { readFileSync } from 'node:fs';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const root = import.meta.dirname;

// A build is what the desks run, whatever NODE_ENV the shell that starts it has: started from a
// test runner (vitest sets NODE_ENV=test; the packaging test runs `npm run build`) it made React's
// development bundle — 12 % bigger, slower, and with StrictMode's effects run twice — which the
// packaged app and the Chromium tests then used.
if (process.argv.includes('build')) process.env.NODE_ENV = 'production';

/**
 * The dev server's React refresh preamble is an inline script and its HMR talks over a
 * websocket; the strict CSP of index.html forbids both, so it is loosened in dev only.
 */
const devCsp = (): Plugin => ({
  name: 'depot-dev-csp',
  apply: 'serve',
  transformIndexHtml: (html) => html.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'").replace("connect-src 'self'", "connect-src 'self' ws: http:"),
});

/**
 * `import bytes from 'x.wasm?base64'`: the file's bytes as a base64 string inside the chunk that
 * imports it. The camera's barcode reader (zxing-wasm) needs its WebAssembly, and the desktop's
 * pages may fetch nothing (CSP connect-src 'none'), not even their own files.
 */
const base64Import = (): Plugin => ({
  name: 'depot-base64-import',
  enforce: 'pre',
  async resolveId(source, importer) {
    if (!source.endsWith('?base64')) return null;
    const resolved = await this.resolve(source.slice(0, -'?base64'.length), importer, { skipSelf: true });
    return resolved ? `${resolved.id}?base64` : null;
  },
  load(id) {
    if (!id.endsWith('?base64')) return null;
    return `export default ${JSON.stringify(readFileSync(id.slice(0, -'?base64'.length)).toString('base64'))};`;
  },
});

export default defineConfig({
  root,
  // Relative asset URLs: Electron loads the built page from file://.
  base: './',
  plugins: [react(), devCsp(), base64Import()],
  build: {
    outDir: `${root}/../dist/renderer`,
    emptyOutDir: true,
    target: 'chrome140',
    // AG Grid alone is over the default 500 kB warning; the page is loaded from disk, not a network.
    chunkSizeWarningLimit: 4000,
  },
});
