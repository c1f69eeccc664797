// npm run soak: the long proofs, each in its own process, printing its figures (not part of npm test,
// which runs short forms of them): scripts/soak/crash.ts, 200 SIGKILLs during continuous postings;
// scripts/soak/race.ts, two processes racing for the last units, 50 rounds; scripts/soak/fuzz.ts,
// 100,000 spoiled calls over every channel; scripts/soak/documents.ts, 100,000 documents in one
// process with its memory printed.
import { fileURLToPath } from 'node:url';
import { runEach } from './run-each.ts';

process.exit(runEach(fileURLToPath(new URL('./soak/', import.meta.url)), process.argv.slice(2)) > 0 ? 1 : 0);
