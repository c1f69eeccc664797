// npm run soak: the long proofs, each in its own process, printing its figures (not part of npm test,
// which runs short forms of them): scripts/soak/crash.ts, 200 SIGKILLs during continuous postings;
// scripts/soak/race.ts, two processes racing for the last units, 50 rounds.
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const dir = fileURLToPath(new URL('./soak/', import.meta.url));
const only = process.argv.slice(2);
let failed = 0;
for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts')).sort()) {
  if (only.length > 0 && !only.some((o) => file.includes(o))) continue;
  console.log(`\n=== ${file} ===`);
  const run = spawnSync(process.execPath, ['--disable-warning=ExperimentalWarning', join(dir, file)], { stdio: 'inherit' });
  if (run.status !== 0) failed++;
}
process.exit(failed > 0 ? 1 : 0);
