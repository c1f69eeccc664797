#!/usr/bin/env -S node --disable-warning=ExperimentalWarning
// The `depot` command (package.json "bin"): Node 24 runs this TypeScript file directly.
import { runCli } from './run.ts';

process.exitCode = await runCli(process.argv.slice(2));
