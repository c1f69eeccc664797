// What npm run bench and npm run soak share: every script of a folder, each in its own process
// (so one's memory is not counted in another's), or only those whose names contain an argument.
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export function runEach(dir: string, only: readonly string[]): number {
  let failed = 0;
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts')).sort()) {
    if (only.length > 0 && !only.some((o) => file.includes(o))) continue;
    console.log(`\n=== ${file} ===`);
    const run = spawnSync(process.execPath, ['--disable-warning=ExperimentalWarning', join(dir, file)], { stdio: 'inherit' });
    if (run.status !== 0) failed++;
  }
  return failed;
}
