// npm run bench: runs every benchmark in scripts/bench/ in its own process and prints its figures.
import { fileURLToPath } from 'node:url';
import { runEach } from './run-each.ts';

process.exit(runEach(fileURLToPath(new URL('./bench/', import.meta.url)), process.argv.slice(2)) > 0 ? 1 : 0);
