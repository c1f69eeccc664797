import { fileURLToPath, pathToFileURL } from 'node:url';
import { join, relative, isAbsolute } from 'node:path';

/*
 * The window's security rules as plain data and functions, so they are tested under Node;
 * app.ts and ipc.ts only hand them to Electron.
 */

/** The renderer's entry inside the built app (dist/renderer/index.html). */
export const rendererEntry = (rendererRoot: string): string => join(rendererRoot, 'index.html');

/** Everything the renderer loads is its own files: no remote scripts, no eval, no frames but the print preview's PDF. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  // WebAssembly may be compiled (the camera's barcode reader, zxing-wasm, served from our own files); JavaScript eval may not.
  "script-src 'self' 'wasm-unsafe-eval'",
  // AG Grid and React set inline styles on cells; style attributes are not a script path.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  // The desktop app talks to its core over IPC only: it connects nowhere.
  "connect-src 'none'",
  "object-src 'none'",
  // The print preview shows the PDF the core made, from a blob: URL, in Chromium's PDF viewer.
  "frame-src blob:",
  "worker-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** In a browser on the depot server the same policy, but the page talks to the server over its own WebSocket ('self' covers ws:/wss: of its host). */
export const SERVER_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.replace("connect-src 'none'", "connect-src 'self'");

/**
 * The policy as index.html's meta tag carries it: the server's (a meta tag cannot set
 * frame-ancestors). In the desktop app the stricter header applies too, and both are enforced:
 * connect-src stays 'none' there.
 */
export const META_CONTENT_SECURITY_POLICY = SERVER_CONTENT_SECURITY_POLICY.split('; ')
  .filter((d) => !d.startsWith('frame-ancestors'))
  .join('; ');

/**
 * Adds the CSP to a response's headers, replacing any the response carried: the desktop's own
 * (connects nowhere), or for a desk that joined the depot server the server's (its own WebSocket only).
 */
export function withCsp(headers: Record<string, string[]> | undefined, policy: string = CONTENT_SECURITY_POLICY): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(headers ?? {})) if (k.toLowerCase() !== 'content-security-policy') out[k] = v;
  out['Content-Security-Policy'] = [policy];
  return out;
}

/** A file:// URL of a file inside rendererRoot (our own renderer), and nothing else. */
export function isTrustedSender(url: string | null | undefined, rendererRoot: string): boolean {
  if (!url) return false;
  let path: string;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'file:' || (parsed.host !== '' && parsed.host !== 'localhost')) return false;
    path = fileURLToPath(parsed);
  } catch {
    return false;
  }
  const rel = relative(rendererRoot, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

/**
 * Navigation stays on the renderer's own page (hash routes do not navigate at all): links to
 * other files or the web, dragged-in files and redirects are refused.
 */
export function isAllowedNavigation(url: string, rendererRoot: string): boolean {
  try {
    const target = new URL(url);
    const entry = pathToFileURL(rendererEntry(rendererRoot));
    return target.protocol === 'file:' && target.pathname === entry.pathname && target.host === entry.host;
  } catch {
    return false;
  }
}

/**
 * A desk that joined the depot server shows the server's pages (https://host:port/, served by the
 * server it pinned): navigation stays on that origin, anything else is refused.
 */
export function isAllowedRemoteNavigation(url: string, origin: string): boolean {
  try {
    const target = new URL(url);
    return target.protocol === 'https:' && target.origin === new URL(origin).origin;
  } catch {
    return false;
  }
}

/**
 * The one permission the pages get: the camera — video only, never the microphone — with which the
 * scan field reads a barcode (renderer/widgets/camera.ts), asked by our own page: the renderer's
 * files, or the pages of the depot server this desk joined (`origin`). Any other permission, or any
 * other page, is refused.
 */
export function allowsPermission(
  ask: { permission: string; url: string | undefined; media: readonly string[] | undefined },
  own: { rendererRoot: string; origin: string | null },
): boolean {
  if (ask.permission !== 'media' || !ask.media || ask.media.length === 0 || ask.media.some((m) => m !== 'video')) return false;
  if (!ask.url) return false;
  return own.origin === null ? isTrustedSender(ask.url, own.rendererRoot) : isAllowedRemoteNavigation(ask.url, own.origin);
}

/** The renderer runs as a web page with no Node and no way out of its sandbox. */
export function secureWebPreferences(preloadPath: string) {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    spellcheck: false,
    // Only for Chromium's built-in PDF viewer in the print preview.
    plugins: true,
  } as const;
}

/** The locale of the app's own chrome (menu, dialogs): English only when the system asks for it. */
export const shellLocale = (systemLocale: string): 'zh-CN' | 'en' => (/^en\b/i.test(systemLocale) ? 'en' : 'zh-CN');
