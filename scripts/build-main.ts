// Bundles the Electron main process and the preload into dist/ (after the renderer build):
//   main/shell/app.ts     → dist/main.js      (ESM, Node 24 inside Electron)
//   main/shell/preload.ts → dist/preload.cjs  (CommonJS: a sandboxed preload is one CJS file)
//   main/excel/export-worker.ts → dist/ledger-export-worker.js (the ledger workbook off the main thread)
//   main/store/migrations → dist/migrations   (migrate.ts looks for them next to the bundle)
import { build, type BuildOptions } from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { channels } from '../shared/contract/index.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };

// Runtime dependencies ship in node_modules (better-sqlite3 is native); the rest of our code is bundled.
// playwright-core prints under plain Node only (CLI, tests); the app prints with printToPDF and never loads it.
const external = ['electron', 'playwright-core', ...Object.keys(pkg.dependencies)];

/** How main-process code is bundled (tests bundle the core the same way to check it runs from a bundle). */
export const mainOptions = (entry: string, outfile: string): BuildOptions => ({
  entryPoints: [entry],
  outfile,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node24',
  external,
  sourcemap: 'linked',
  legalComments: 'none',
  logLevel: 'warning',
});

/** The numbered .sql files, next to the bundle where main/store/migrate.ts looks for them. */
export function copyMigrations(dist: string): number {
  const migrationsOut = join(dist, 'migrations');
  rmSync(migrationsOut, { recursive: true, force: true });
  mkdirSync(migrationsOut, { recursive: true });
  const migrationsIn = join(root, 'main/store/migrations');
  const sql = readdirSync(migrationsIn).filter((f) => f.endsWith('.sql'));
  for (const f of sql) copyFileSync(join(migrationsIn, f), join(migrationsOut, f));
  return sql.length;
}

export async function buildMain(dist = join(root, 'dist')): Promise<void> {
  const started = performance.now();
  await build(mainOptions(join(root, 'main/shell/app.ts'), join(dist, 'main.js')));
  await build(mainOptions(join(root, 'main/excel/export-worker.ts'), join(dist, 'ledger-export-worker.js')));
  await build({
    entryPoints: [join(root, 'main/shell/preload.ts')],
    outfile: join(dist, 'preload.cjs'),
    bundle: true,
    format: 'cjs',
    // A sandboxed preload has no Node: only require('electron') and web APIs.
    platform: 'browser',
    target: 'chrome130',
    external: ['electron'],
    define: { __DEPOT_CHANNELS__: JSON.stringify(Object.keys(channels)) },
    legalComments: 'none',
    logLevel: 'warning',
  });
  const migrations = copyMigrations(dist);
  console.log(`main, preload and ${migrations} migration(s) built into ${dist} in ${Math.round(performance.now() - started)} ms`);
}

if (import.meta.main) await buildMain();
