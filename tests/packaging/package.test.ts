// Packages the app with electron-builder fully offline (a stand-in for Electron's binary,
// which cannot be downloaded here) and inspects what a desk would install.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, Platform, Arch, type AfterPackContext } from 'electron-builder';
import { listPackage, extractFile } from '@electron/asar';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { ArchiveTarget } from 'app-builder-lib/out/targets/ArchiveTarget.js';
import { DebugLogger } from 'builder-util';
import { NtExecutable, NtExecutableResource, Resource } from 'resedit';
import { checkFeed, collectForServer, sha512Of } from '../../scripts/release.ts';
import { bakedFeedUrl } from '../../main/update/settings.ts';
import { createUpdateController } from '../../main/update/controller.ts';
import { feedServer, nodeUpdater } from '../main/update/support.ts';
import { makeReleaseKey, signFeed } from '../../main/update/feed-signature.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string; productName: string };
const FEED_URL = 'http://10.20.30.40/depot-desk/';
let tmp: string;
let out: string;
let resources: string;
let asarFiles: string[];

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'depot-package-'));
  out = join(tmp, 'out');
  // On a shared development machine another `npm run build` (a Playwright run, say) may replace
  // dist/ while it is being packaged: then build and package once more.
  for (let attempt = 1; ; attempt++) {
    execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'pipe' });
    try {
      await packageLinux();
      await packageWindows();
      break;
    } catch (e) {
      if (attempt >= 2 || !String(e).includes(join(root, 'dist'))) throw e;
    }
  }
  resources = join(out, 'linux-unpacked', 'resources');
  asarFiles = listPackage(join(resources, 'app.asar'), { isPack: false });
}, 600_000);

async function packageLinux(): Promise<void> {
  // What electron-builder copies as "Electron": a folder with an executable named electron.
  const electronDist = join(tmp, 'electron-dist');
  mkdirSync(join(electronDist, 'resources'), { recursive: true });
  writeFileSync(join(electronDist, 'electron'), '#!/bin/sh\necho "stand-in for Electron 45.4.1"\n');
  chmodSync(join(electronDist, 'electron'), 0o755);
  writeFileSync(join(electronDist, 'LICENSE'), 'stand-in\n');

  await build({
    projectDir: root,
    targets: Platform.LINUX.createTarget(['dir'], Arch.x64),
    config: {
      electronDist,
      electronVersion: '45.4.1',
      directories: { output: out },
      publish: { provider: 'generic', url: FEED_URL },
      // The installers electron-updater installs (AppImage, deb, NSIS) need tools electron-builder
      // downloads from the internet. So the packed app is archived here and handed to
      // electron-builder as a finished artifact: its own feed writer then hashes it and writes
      // latest-linux.yml, as it does for an AppImage.
      afterPack: async (context: AfterPackContext) => {
        const file = join(context.outDir, `DepotDesk-${pkg.version}-x64.tar.gz`);
        execFileSync('tar', ['-czf', file, '-C', context.appOutDir, '.']);
        await context.packager.info.emitArtifactBuildCompleted({
          file,
          // electron-builder's own target for this archive format (not built: only named as the artifact's target).
          target: new ArchiveTarget('tar.gz', context.outDir, context.packager, true),
          arch: context.arch,
          packager: context.packager,
          isWriteUpdateInfo: true,
        });
      },
    },
    publish: 'never',
  });
}

/**
 * Windows, unpacked: electron-builder reads and edits electron.exe, so the stand-in is a real
 * (empty) PE with a version resource; icon and version editing (rcedit) is a download, so off here.
 */
async function packageWindows(): Promise<void> {
  const winDist = join(tmp, 'electron-dist-win');
  mkdirSync(join(winDist, 'resources'), { recursive: true });
  writeFileSync(join(winDist, 'electron.exe'), standInExe());
  await build({
    projectDir: root,
    targets: Platform.WINDOWS.createTarget(['dir'], Arch.x64),
    config: { electronDist: winDist, electronVersion: '45.4.1', directories: { output: join(tmp, 'out-win') }, win: { signAndEditExecutable: false } },
    publish: 'never',
  });
}

function standInExe(): Buffer {
  const exe = NtExecutable.createEmpty(false, false);
  const resources = NtExecutableResource.from(exe);
  const version = Resource.VersionInfo.createEmpty();
  version.setFileVersion(45, 4, 1, 0, 1033);
  version.setStringValues({ lang: 1033, codepage: 1200 }, { ProductName: 'Electron', FileDescription: 'stand-in' });
  version.outputToResourceEntries(resources.entries);
  resources.outputResource(exe);
  return Buffer.from(exe.generate());
}

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('electron-builder.yml', () => {
  test("passes electron-builder's own schema validation", async () => {
    const config = await getConfig(root, null, null);
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    expect(config).toMatchObject({ appId: 'cn.gov.emergency.depotdesk', productName: '应急物资保障台', npmRebuild: false, asar: true });
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: false, installerLanguages: ['zh_CN'], language: '2052', createDesktopShortcut: 'always' });
    expect(config.artifactName).toMatch(/^[\x20-\x7e]+$/);
  });

  test('the validation is real: a misspelt option is refused', async () => {
    const config = await getConfig(root, null, null);
    await expect(validateConfiguration({ ...config, nsis: { ...config.nsis, oneclick: false } as never }, new DebugLogger(false))).rejects.toThrow(/configuration\.nsis/);
  });
});

describe('the packaged app (linux, unpacked)', () => {
  test('app.asar holds the built main, preload, renderer and migrations', () => {
    for (const f of ['/package.json', '/dist/main.js', '/dist/preload.cjs', '/dist/renderer/index.html', '/dist/migrations/001_foundation.sql']) {
      expect(asarFiles, f).toContain(f);
    }
    const main = extractFile(join(resources, 'app.asar'), 'dist/main.js').toString();
    expect(main).toBe(readFileSync(join(root, 'dist/main.js'), 'utf8'));
    const packaged = JSON.parse(extractFile(join(resources, 'app.asar'), 'package.json').toString()) as { main: string; version: string };
    expect(packaged).toMatchObject({ main: 'dist/main.js', version: pkg.version });
  });

  test("the renderer inside is React's production build, though `npm run build` ran under the test runner's NODE_ENV=test", () => {
    expect(process.env.NODE_ENV).toBe('test');
    const scripts = asarFiles.filter((f) => /^\/dist\/renderer\/assets\/index-.*\.js$/.test(f));
    expect(scripts).toHaveLength(1);
    const bundle = extractFile(join(resources, 'app.asar'), scripts[0]!.slice(1)).toString();
    // jsxDEV: React's development JSX runtime (a development build also runs StrictMode's effects twice).
    expect(bundle.includes('createRoot'), 'the renderer bundle').toBe(true);
    expect(bundle.includes('jsxDEV'), "React's development runtime in the packaged renderer").toBe(false);
  });

  test('and nothing from the sources, the tests, the scripts or source maps', () => {
    const own = asarFiles.filter((f) => !f.startsWith('/node_modules/'));
    expect(own.filter((f) => !f.startsWith('/dist') && f !== '/package.json' && f !== '/node_modules')).toEqual([]);
    expect(asarFiles.filter((f) => /\.map$/.test(f) && f.startsWith('/dist'))).toEqual([]);
    expect(asarFiles.some((f) => /^\/(main|renderer|shared|tests|scripts|build)\//.test(f))).toBe(false);
    // Only production dependencies: no test runner, bundler or packager.
    for (const dev of ['vitest', 'electron-builder', 'esbuild', 'typescript', 'vite', 'electron', '@playwright/test', 'playwright-core']) {
      expect(asarFiles, dev).not.toContain(`/node_modules/${dev}`);
    }
    for (const dep of ['better-sqlite3', 'electron-updater', 'zod', 'i18next']) expect(asarFiles, dep).toContain(`/node_modules/${dep}`);
  });

  test("better-sqlite3's linux-x64 prebuild is unpacked beside the asar, and no other platform's", () => {
    const unpacked = join(resources, 'app.asar.unpacked', 'node_modules', 'better-sqlite3', 'prebuilds');
    expect(readdirSync(unpacked)).toEqual(['linux-x64.node']);
    expect(readFileSync(join(unpacked, 'linux-x64.node')).subarray(1, 4).toString()).toBe('ELF');
    expect(asarFiles.filter((f) => f.includes('better-sqlite3/prebuilds/'))).toEqual(['/node_modules/better-sqlite3/prebuilds/linux-x64.node']);
    // Its C++ and SQLite sources stay out.
    expect(asarFiles.some((f) => f.startsWith('/node_modules/better-sqlite3/deps'))).toBe(false);
  });

  test('app-update.yml points at the update server given at build time', () => {
    const yml = readFileSync(join(resources, 'app-update.yml'), 'utf8');
    expect(bakedFeedUrl(yml)).toBe(FEED_URL);
    expect(yml).toMatch(/^updaterCacheDirName: /m);
  });

  test('the executable is the stand-in, renamed', () => {
    expect(existsSync(join(out, 'linux-unpacked', 'depot-desk'))).toBe(true);
  });
});

describe('the packaged app (windows, unpacked)', () => {
  test("ships the same app.asar content with only better-sqlite3's win32-x64 prebuild", () => {
    const winResources = join(tmp, 'out-win', 'win-unpacked', 'resources');
    expect(existsSync(join(tmp, 'out-win', 'win-unpacked', '应急物资保障台.exe'))).toBe(true);
    const winFiles = listPackage(join(winResources, 'app.asar'), { isPack: false });
    const own = (files: string[]) => files.filter((f) => !f.startsWith('/node_modules'));
    expect(own(winFiles)).toEqual(own(asarFiles));
    expect(readdirSync(join(winResources, 'app.asar.unpacked', 'node_modules', 'better-sqlite3', 'prebuilds'))).toEqual(['win32-x64.node']);
    expect(readFileSync(join(winResources, 'app.asar.unpacked', 'node_modules', 'better-sqlite3', 'prebuilds', 'win32-x64.node')).subarray(0, 2).toString()).toBe('MZ');
    expect(winFiles.filter((f) => f.endsWith('.node'))).toEqual(['/node_modules/better-sqlite3/prebuilds/win32-x64.node']);
  });
});

describe('the release feed', () => {
  test('latest-linux.yml names the artifact with its version, size and sha512', () => {
    const [feed] = checkFeed(out, pkg.version);
    const artifact = `DepotDesk-${pkg.version}-x64.tar.gz`;
    expect(feed).toMatchObject({ channelFile: 'latest-linux.yml', version: pkg.version });
    expect(feed!.files).toEqual([{ name: artifact, size: expect.any(Number), sha512: sha512Of(join(out, artifact)) }]);
    expect(feed!.files[0]!.sha512).toMatch(/^[A-Za-z0-9+/]{86}==$/);
  });

  test('a feed that does not match its file is caught before it reaches the server', () => {
    const copy = join(tmp, 'tampered');
    mkdirSync(copy);
    const artifact = `DepotDesk-${pkg.version}-x64.tar.gz`;
    cpSync(join(out, 'latest-linux.yml'), join(copy, 'latest-linux.yml'));
    writeFileSync(join(copy, artifact), Buffer.concat([readFileSync(join(out, artifact)), Buffer.from('x')]));
    expect(() => checkFeed(copy, pkg.version)).toThrow(/bytes|sha512/);
    expect(() => checkFeed(out, '9.9.9')).toThrow(/version/);
  });

  test('an older desk finds this release on the server and downloads it, checked against the feed', async () => {
    const server = join(tmp, 'server', 'depot-desk');
    const files = collectForServer(out, checkFeed(out, pkg.version), server);
    expect(files).toEqual(['DepotDesk-' + pkg.version + '-x64.tar.gz', 'latest-linux.yml']);
    const http = await feedServer(join(tmp, 'server'));
    try {
      const { updater } = nodeUpdater({ version: '0.0.1', dir: join(tmp, 'desk'), appUpdateYml: readFileSync(join(resources, 'app-update.yml'), 'utf8') });
      const events: string[] = [];
      const controller = createUpdateController({
        engine: updater,
        currentVersion: '0.0.1',
        readSettings: () => ({ url: http.url, checkEveryHours: 4 }),
        bakedUrl: FEED_URL,
        postingInProgress: () => false,
        emit: (name) => void events.push(name),
      });
      await controller.tick();
      expect(controller.status()).toMatchObject({ state: 'available', version: pkg.version });
      await controller.download();
      expect(controller.status()).toMatchObject({ state: 'downloaded', version: pkg.version });
      expect(events).toEqual(expect.arrayContaining(['update.available', 'update.progress', 'update.downloaded']));
    } finally {
      await http.close();
    }
  });

  test('signed with the release key, the feed travels with its .sig and a desk carrying the public half believes it', async () => {
    const key = makeReleaseKey();
    const signed = join(tmp, 'signed-out');
    cpSync(out, signed, { recursive: true });
    writeFileSync(join(signed, 'latest-linux.yml.sig'), signFeed(readFileSync(join(signed, 'latest-linux.yml')), key.privateKey));
    const server = join(tmp, 'signed-server', 'depot-desk');
    expect(collectForServer(signed, checkFeed(signed, pkg.version), server)).toEqual(['DepotDesk-' + pkg.version + '-x64.tar.gz', 'latest-linux.yml', 'latest-linux.yml.sig']);
    const http = await feedServer(join(tmp, 'signed-server'));
    try {
      const { updater } = nodeUpdater({ version: '0.0.1', dir: join(tmp, 'signed-desk'), appUpdateYml: readFileSync(join(resources, 'app-update.yml'), 'utf8') });
      const fetchFile = async (url: string) => {
        const r = await fetch(url);
        return r.ok ? Buffer.from(await r.arrayBuffer()) : null;
      };
      const controller = createUpdateController({
        engine: updater,
        currentVersion: '0.0.1',
        readSettings: () => ({ url: http.url, checkEveryHours: 4 }),
        bakedUrl: FEED_URL,
        postingInProgress: () => false,
        emit: () => {},
        feedCheck: { publicKey: key.publicKey, channelFile: 'latest-linux.yml', fetch: fetchFile },
      });
      await controller.tick();
      expect(controller.status()).toMatchObject({ state: 'available', version: pkg.version, error: null });
    } finally {
      await http.close();
    }
  });
});
