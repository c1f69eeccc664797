import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { buildMain, copyMigrations, mainOptions } from '../../../scripts/build-main.ts';
import { channels } from '../../../shared/contract/index.ts';
import type { openDepot as OpenDepot } from '../../../main/core/depot.ts';

const root = fileURLToPath(new URL('../../..', import.meta.url));
// Inside the project, so the bundles' external imports resolve from its node_modules.
const cache = join(root, 'node_modules', '.cache');
let out: string;

beforeAll(async () => {
  mkdirSync(cache, { recursive: true });
  out = mkdtempSync(join(cache, 'depot-build-'));
  await buildMain(out);
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('npm run build: main and preload bundles', () => {
  test('main.js is one ESM file importing only Node, electron and the runtime dependencies', () => {
    const main = readFileSync(join(out, 'main.js'), 'utf8');
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    const imported = new Set([...main.matchAll(/^import .* from "([^"]+)";$/gm)].map((m) => m[1]!));
    for (const name of imported) {
      // A subpath import ("bwip-js/generic") belongs to its package.
      const packageName = name.startsWith('@') ? name.split('/').slice(0, 2).join('/') : name.split('/')[0]!;
      const ok = name.startsWith('node:') || name === 'electron' || Object.hasOwn(pkg.dependencies, packageName);
      expect(ok, name).toBe(true);
    }
    expect(imported).toContain('electron');
    expect(imported).toContain('better-sqlite3');
    expect(main).not.toMatch(/\brequire\(/);
  });

  test('preload.cjs is one small CommonJS file that requires only electron and knows every channel name', () => {
    const preload = readFileSync(join(out, 'preload.cjs'), 'utf8');
    expect([...preload.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1])).toEqual(['electron']);
    expect(preload).not.toMatch(/^import /m);
    for (const name of Object.keys(channels)) expect(preload).toContain(`"${name}"`);
    // No zod, no i18n, no core: the sandboxed preload stays a few kilobytes.
    expect(preload.length).toBeLessThan(20_000);
    expect(preload).toContain('exposeInMainWorld("depot"');
  });

  test('migrations are copied beside the bundle, and the core run from a bundle there finds and applies them', async () => {
    const sql = readdirSync(join(root, 'main/store/migrations')).filter((f) => f.endsWith('.sql')).sort();
    expect(readdirSync(join(out, 'migrations')).sort()).toEqual(sql);

    // main.js imports electron, so bundle the core alone, the same way, into a folder of its own.
    const coreDir = join(out, 'core');
    await build(mainOptions(join(root, 'main/core/depot.ts'), join(coreDir, 'core.js')));
    copyMigrations(coreDir);
    const { openDepot } = (await import(pathToFileURL(join(coreDir, 'core.js')).href)) as { openDepot: typeof OpenDepot };
    const depot = openDepot({ dbPath: join(out, 'bundled.db') });
    try {
      const version = depot.store.db.pragma('user_version', { simple: true });
      expect(version).toBe(Number(sql.at(-1)!.slice(0, 3)));
      const status = await depot.invoke('auth.status', {}, depot.createSession());
      expect(status).toMatchObject({ ok: true, data: { needsSetup: true } });
    } finally {
      depot.close();
    }
  });
});
