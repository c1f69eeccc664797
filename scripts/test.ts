/**
 * `npm test`: every check the project has, in the order a failure is cheapest to read —
 * typecheck, lint, vitest (Node side), Playwright (the renderer in Chromium) — with the
 * runners' own output streamed, and one summary line at the end for CI:
 *   tests: N passed, N failed, N skipped
 * Typecheck and lint count as one test each. Exits non-zero if anything failed.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const results = join(root, 'test-results');
const bin = (name: string) => join(root, 'node_modules', '.bin', name);

interface Tally {
  passed: number;
  failed: number;
  skipped: number;
}
const total: Tally = { passed: 0, failed: 0, skipped: 0 };
const notes: string[] = [];

function run(title: string, command: string, args: string[], env: Record<string, string> = {}): Promise<{ code: number; seconds: number }> {
  console.log(`\n=== ${title}: ${[command, ...args].join(' ')}`);
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
    const done = (code: number) => {
      const seconds = (performance.now() - started) / 1000;
      console.log(`=== ${title}: ${code === 0 ? 'ok' : `failed (exit ${code})`} in ${seconds.toFixed(1)} s`);
      resolve({ code, seconds });
    };
    child.on('error', (e) => {
      console.error(e);
      done(127);
    });
    child.on('exit', (code, signal) => done(code ?? (signal ? 128 : 1)));
  });
}

function readJson<T>(path: string): T | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

/** A step that is one test: it passes or fails as a whole. */
async function check(name: string, script: string): Promise<void> {
  const { code } = await run(name, 'npm', ['run', '--silent', script]);
  if (code === 0) total.passed += 1;
  else total.failed += 1;
  notes.push(`${name} ${code === 0 ? 'passed' : 'FAILED'}`);
}

/** A runner's counts; a runner that failed without reporting a failed test still counts as one failure. */
function add(name: string, code: number, tally: Tally | undefined): void {
  if (!tally) {
    total.failed += 1;
    notes.push(`${name} wrote no report (exit ${code}): counted as 1 failed`);
    return;
  }
  total.passed += tally.passed;
  total.failed += tally.failed;
  total.skipped += tally.skipped;
  notes.push(`${name}: ${tally.passed} passed, ${tally.failed} failed, ${tally.skipped} skipped`);
  if (code !== 0 && tally.failed === 0) {
    total.failed += 1;
    notes.push(`${name} exited with ${code} although no test failed (an error outside tests): counted as 1 failed`);
  }
}

async function vitest(): Promise<void> {
  const report = join(results, 'vitest.json');
  const { code } = await run('vitest', bin('vitest'), [
    'run',
    '--config',
    'tests/vitest.config.ts',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
  ]);
  const json = readJson<{ numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number }>(report);
  add('vitest', code, json && { passed: json.numPassedTests, failed: json.numFailedTests, skipped: json.numPendingTests + json.numTodoTests });
}

async function playwright(): Promise<void> {
  const config = 'tests/playwright.config.ts';
  if (!existsSync(join(root, config))) {
    console.log(`\n=== playwright: skipped, ${config} does not exist yet`);
    notes.push(`playwright not run (${config} missing)`);
    return;
  }
  const report = join(results, 'playwright.json');
  const { code } = await run('playwright', bin('playwright'), ['test', '--config', config, '--reporter=list,json'], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: report,
  });
  const json = readJson<{ stats?: { expected: number; unexpected: number; flaky: number; skipped: number } }>(report);
  // A flaky test passed on retry; it is reported, but it passed.
  const stats = json?.stats;
  add('playwright', code, stats && { passed: stats.expected + stats.flaky, failed: stats.unexpected, skipped: stats.skipped });
}

// Stale reports from an earlier run must never be counted as this run's.
rmSync(join(results, 'vitest.json'), { force: true });
rmSync(join(results, 'playwright.json'), { force: true });
mkdirSync(results, { recursive: true });

const started = performance.now();
await check('typecheck', 'typecheck');
await check('lint', 'lint');
await vitest();
await playwright();

console.log(`\n${notes.join('\n')}`);
console.log(`(typecheck and lint count as one test each; ${((performance.now() - started) / 1000).toFixed(0)} s in all)`);
console.log(`tests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exitCode = total.failed > 0 ? 1 : 0;
