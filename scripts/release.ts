// npm run release -- [--url http://10.1.2.3/depot-desk/] [--win] [--linux] [--sign-key FILE]
// npm run release -- --make-key FILE
//
// Builds the app, packages the installers with electron-builder (Windows NSIS, Linux AppImage
// and deb; the host's platform when none is named), checks the update feed electron-builder
// wrote against the files on disk, and copies what belongs on the intranet update server into
// release/intranet/. --url bakes a default server into the installers' app-update.yml; an
// admin's setting in the app overrides it. --make-key writes a release key pair: the private half to
// FILE (kept offline by IT, never in the repository), the public half to build/update-key.pem, which
// the installers then carry; --sign-key signs each feed with the private half (latest*.yml.sig), and
// desks built with the public half believe no feed without a valid signature.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { makeReleaseKey, signFeed } from '../main/update/feed-signature.ts';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parseUpdateInfo, getFileList } from 'electron-updater/out/providers/Provider.js';
import { UpdateUrl } from '../shared/contract/update.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

export interface FeedFile {
  /** latest.yml (Windows) or latest-linux.yml. */
  channelFile: string;
  version: string;
  files: { name: string; size: number; sha512: string }[];
}

/** base64 of the file's sha512: what electron-builder writes and electron-updater checks. */
export function sha512Of(path: string): string {
  return createHash('sha512').update(readFileSync(path)).digest('base64');
}

/**
 * Reads every latest*.yml in dir the way electron-updater reads it on the desks, and checks
 * each file it names: present, the same size and sha512, the version being released. A feed
 * that does not match its files would make every desk refuse the download, so it stops here.
 */
export function checkFeed(dir: string, version: string): FeedFile[] {
  const channelFiles = readdirSync(dir).filter((f) => /^latest(-[a-z0-9-]+)?\.yml$/.test(f));
  if (channelFiles.length === 0) throw new Error(`no latest*.yml in ${dir}`);
  return channelFiles.map((channelFile) => {
    const info = parseUpdateInfo(readFileSync(join(dir, channelFile), 'utf8'), channelFile, new URL(`file:///${channelFile}`));
    if (info.version !== version) throw new Error(`${channelFile}: version ${info.version}, expected ${version}`);
    const files = getFileList(info).map((f) => {
      const path = join(dir, decodeURIComponent(f.url));
      if (basename(path) !== decodeURIComponent(f.url) || !existsSync(path)) throw new Error(`${channelFile}: ${f.url} is not in ${dir}`);
      const size = statSync(path).size;
      if (f.size !== undefined && f.size !== size) throw new Error(`${channelFile}: ${f.url} is ${size} bytes, the feed says ${f.size}`);
      const sha512 = sha512Of(path);
      if (f.sha512 !== sha512) throw new Error(`${channelFile}: the sha512 of ${f.url} does not match the feed`);
      return { name: basename(path), size, sha512 };
    });
    return { channelFile, version: info.version, files };
  });
}

/** Copies the feeds, the files they name and their .blockmap (for differential downloads) into target. */
export function collectForServer(dir: string, feeds: FeedFile[], target: string): string[] {
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  const names = new Set<string>();
  for (const feed of feeds) {
    names.add(feed.channelFile);
    if (existsSync(join(dir, `${feed.channelFile}.sig`))) names.add(`${feed.channelFile}.sig`);
    for (const f of feed.files) {
      names.add(f.name);
      if (existsSync(join(dir, `${f.name}.blockmap`))) names.add(`${f.name}.blockmap`);
    }
  }
  for (const name of names) copyFileSync(join(dir, name), join(target, name));
  return [...names].sort();
}

/**
 * Electron's fuses, flipped in the real binary of every release (SECURITY.md item 19): the
 * installed app cannot be run as plain Node (ELECTRON_RUN_AS_NODE), takes no NODE_OPTIONS and no
 * --inspect, and loads its code only from app.asar. The desk never forks a Node process, so nothing needs runAsNode. Set here,
 * not in electron-builder.yml, because the packaging test builds with a stand-in binary that has
 * no fuse wire; `npx @electron/fuses read --app <exe>` shows them on a built installer.
 */
export const RELEASE_FUSES = {
  runAsNode: false,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  // Asar integrity checking is left off: on Windows it needs the asar's hash embedded in the
  // executable, which cannot be tried here; a binary that fails its own check would not start.
  enableEmbeddedAsarIntegrityValidation: false,
  onlyLoadAppFromAsar: true,
  enableCookieEncryption: true,
} as const;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { url: { type: 'string' }, win: { type: 'boolean', default: false }, linux: { type: 'boolean', default: false }, 'sign-key': { type: 'string' }, 'make-key': { type: 'string' } },
  });
  if (values['make-key'] !== undefined) {
    if (existsSync(values['make-key'])) throw new Error(`${values['make-key']} exists: a release key is never overwritten`);
    const key = makeReleaseKey();
    writeFileSync(values['make-key'], key.privateKey, { mode: 0o600 });
    writeFileSync(join(root, 'build', 'update-key.pem'), key.publicKey);
    console.log(`Release key written: the private half to ${values['make-key']} (keep it offline), the public half to build/update-key.pem (built into the installers).`);
    return;
  }
  const signKey = values['sign-key'] === undefined ? null : readFileSync(values['sign-key'], 'utf8');
  if (values.url !== undefined && (!values.url || !UpdateUrl.safeParse(values.url).success)) {
    throw new Error(`--url must be an http(s) URL of the folder on the update server, e.g. http://10.1.2.3/depot-desk/`);
  }
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  const out = resolve(root, 'release');

  execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });

  const { build, Platform } = await import('electron-builder');
  const platforms = [...(values.win ? [Platform.WINDOWS] : []), ...(values.linux ? [Platform.LINUX] : [])];
  await build({
    projectDir: root,
    targets: (platforms.length ? platforms : [Platform.current()]).reduce(
      (all, p) => new Map([...all, ...p.createTarget()]),
      new Map() as ReturnType<typeof Platform.LINUX.createTarget>,
    ),
    config: { ...(values.url ? { publish: { provider: 'generic', url: values.url } } : {}), electronFuses: RELEASE_FUSES },
    publish: 'never',
  });

  const feeds = checkFeed(out, pkg.version);
  // Signed after it is checked: the signature covers the feed as the desks will read it.
  if (signKey) for (const f of feeds) writeFileSync(join(out, `${f.channelFile}.sig`), signFeed(readFileSync(join(out, f.channelFile)), signKey));
  const files = collectForServer(out, feeds, join(out, 'intranet'));
  console.log(`\nChecked ${feeds.map((f) => f.channelFile).join(', ')}: versions, sizes and sha512 match.`);
  console.log(`Copy these files from ${join(out, 'intranet')} into the update folder on the intranet server${values.url ? ` (${values.url})` : ''}:`);
  for (const f of files) console.log(`  ${f}`);
  console.log('Copy the installers first and the latest*.yml last, so no desk sees a feed before its files.');
}

if (import.meta.main) {
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
