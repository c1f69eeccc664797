import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { CONTENT_SECURITY_POLICY, META_CONTENT_SECURITY_POLICY, SERVER_CONTENT_SECURITY_POLICY, allowsPermission, isAllowedNavigation, isAllowedRemoteNavigation, isTrustedSender, secureWebPreferences, shellLocale, withCsp } from '../../../main/shell/policy.ts';

const root = join('/opt', '应急物资保障台', 'resources', 'app.asar', 'dist', 'renderer');
const page = pathToFileURL(join(root, 'index.html')).href;

describe('who may call the core', () => {
  test('our own renderer page, with or without a hash route', () => {
    expect(isTrustedSender(page, root)).toBe(true);
    expect(isTrustedSender(`${page}#/items`, root)).toBe(true);
  });

  test('anything else is refused: the web, other files, a look-alike folder, no frame at all', () => {
    for (const url of [
      'https://example.com/index.html',
      'http://127.0.0.1:5173/',
      'devtools://devtools/bundled/inspector.html',
      'data:text/html,<script>1</script>',
      'about:blank',
      pathToFileURL('/etc/passwd').href,
      pathToFileURL(join(root, '..', 'main.js')).href,
      pathToFileURL(`${root}-evil/index.html`).href,
      pathToFileURL(root).href,
      `file://fileserver${root}/index.html`,
      '',
      null,
      undefined,
    ]) {
      expect(isTrustedSender(url, root), String(url)).toBe(false);
    }
  });
});

describe('navigation', () => {
  test('stays on the page; every other target is blocked', () => {
    expect(isAllowedNavigation(page, root)).toBe(true);
    expect(isAllowedNavigation(`${page}#/units`, root)).toBe(true);
    expect(isAllowedNavigation('https://example.com/', root)).toBe(false);
    expect(isAllowedNavigation(pathToFileURL(join(root, 'assets', 'x.js')).href, root)).toBe(false);
    expect(isAllowedNavigation(pathToFileURL('/home/user/Downloads/dropped.html').href, root)).toBe(false);
    expect(isAllowedNavigation('not a url', root)).toBe(false);
  });

  test('a desk that joined the depot server stays on the server’s own HTTPS pages', () => {
    const origin = 'https://192.168.1.10:8080/';
    expect(isAllowedRemoteNavigation('https://192.168.1.10:8080/#/stock', origin)).toBe(true);
    expect(isAllowedRemoteNavigation('https://192.168.1.10:8080/index.html', origin)).toBe(true);
    expect(isAllowedRemoteNavigation('http://192.168.1.10:8080/', origin)).toBe(false);
    expect(isAllowedRemoteNavigation('https://192.168.1.10:8443/', origin)).toBe(false);
    expect(isAllowedRemoteNavigation('https://192.168.1.11:8080/', origin)).toBe(false);
    expect(isAllowedRemoteNavigation(page, origin)).toBe(false);
    expect(isAllowedRemoteNavigation('not a url', origin)).toBe(false);
  });
});

describe('permissions', () => {
  // The desktop app refused every permission, the camera too: the 扫码 camera button (ScanField) failed on every desk.
  const local = { rendererRoot: root, origin: null };
  test('the camera, video only, for our own page: the scan field reads a barcode with it', () => {
    expect(allowsPermission({ permission: 'media', url: `${page}#/receiving`, media: ['video'] }, local)).toBe(true);
    const remote = { rendererRoot: root, origin: 'https://192.168.1.10:8080/' };
    expect(allowsPermission({ permission: 'media', url: 'https://192.168.1.10:8080/#/dispatch', media: ['video'] }, remote)).toBe(true);
  });

  test('never the microphone, never another permission, never another page', () => {
    const refused = [
      { permission: 'media', url: page, media: ['audio'] },
      { permission: 'media', url: page, media: ['video', 'audio'] },
      { permission: 'media', url: page, media: ['unknown'] },
      { permission: 'media', url: page, media: [] },
      { permission: 'media', url: page, media: undefined },
      { permission: 'display-capture', url: page, media: ['video'] },
      { permission: 'geolocation', url: page, media: undefined },
      { permission: 'notifications', url: page, media: undefined },
      { permission: 'clipboard-read', url: page, media: undefined },
      { permission: 'media', url: 'https://example.com/', media: ['video'] },
      { permission: 'media', url: pathToFileURL('/home/user/Downloads/dropped.html').href, media: ['video'] },
      { permission: 'media', url: undefined, media: ['video'] },
    ];
    for (const ask of refused) expect(allowsPermission(ask, local), JSON.stringify(ask)).toBe(false);
    const remote = { rendererRoot: root, origin: 'https://192.168.1.10:8080/' };
    expect(allowsPermission({ permission: 'media', url: 'https://192.168.1.11:8080/', media: ['video'] }, remote)).toBe(false);
    expect(allowsPermission({ permission: 'media', url: 'http://192.168.1.10:8080/', media: ['video'] }, remote)).toBe(false);
    expect(allowsPermission({ permission: 'media', url: page, media: ['video'] }, remote)).toBe(false);
  });
});

describe('the window', () => {
  test('runs sandboxed and isolated, with no Node and web security on', () => {
    expect(secureWebPreferences('/x/preload.cjs')).toMatchObject({
      preload: '/x/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      allowRunningInsecureContent: false,
    });
  });

  test('every response carries the strict CSP, replacing a weaker one', () => {
    const headers = withCsp({ 'content-security-policy': ["default-src *; script-src 'unsafe-eval'"], 'Content-Type': ['text/html'] });
    expect(headers).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
    // A desk that joined the server: the server's policy, which lets the page reach its own WebSocket and nothing else.
    expect(withCsp({ 'Content-Type': ['text/html'] }, SERVER_CONTENT_SECURITY_POLICY)['Content-Security-Policy']).toEqual([SERVER_CONTENT_SECURITY_POLICY]);
    expect(SERVER_CONTENT_SECURITY_POLICY).toContain("connect-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self' 'wasm-unsafe-eval'");
    // WebAssembly may be compiled (the camera's barcode reader); JavaScript's eval may not.
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/(?<!wasm-)unsafe-eval|script-src[^;]*unsafe-inline|\*/);
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
    // The meta tag of index.html (file:// has no headers) is the server's policy but frame-ancestors (a meta tag cannot set it);
    // the desktop's header differs only in connecting nowhere, and both apply there.
    const html = readFileSync(new URL('../../../renderer/index.html', import.meta.url), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]*)"/.exec(html)?.[1];
    expect(meta).toBe(META_CONTENT_SECURITY_POLICY);
    expect(META_CONTENT_SECURITY_POLICY.split('; ')).toEqual(
      CONTENT_SECURITY_POLICY.split('; ')
        .filter((d) => !d.startsWith('frame-ancestors'))
        .map((d) => (d === "connect-src 'none'" ? "connect-src 'self'" : d)),
    );
    expect(CONTENT_SECURITY_POLICY).toContain("connect-src 'none'");
  });

  test('Chinese unless the system speaks English', () => {
    expect(shellLocale('zh-CN')).toBe('zh-CN');
    expect(shellLocale('zh-TW')).toBe('zh-CN');
    expect(shellLocale('de')).toBe('zh-CN');
    expect(shellLocale('en-US')).toBe('en');
    expect(shellLocale('en')).toBe('en');
  });
});
