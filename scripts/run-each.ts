// What npm run bench and npm run soak share: every script of a folder, each in its own process
// (so one's memory is not counted in another's), or only those whose names contain an argument.
// Arguments from the first option on (`npm run bench -- ledger --rows 10000000`) go to each script run;
// the scripts read their own and pass over the others' (parseArgs with strict: false).
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export function runEach(dir: string, args: readonly string[]): number {
  const firstOption = args.findIndex((a) => a.startsWith('--'));
  const only = firstOption < 0 ? args : args.slice(0, firstOption);
  const options = firstOption < 0 ? [] : args.slice(firstOption);
  let failed = 0;
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts')).sort()) {
    if (only.length > 0 && !only.some((o) => file.includes(o))) continue;
    console.log(`\n=== ${file} ===`);
    const run = spawnSync(process.execPath, ['--disable-warning=ExperimentalWarning', join(dir, file), ...options], { stdio: 'inherit' });
    if (run.status !== 0) failed++;
  }
  return failed;
}
