/**
 * The fuzzer over every channel (tests/support/fuzz.ts): 100,000 spoiled calls as every role, each
 * refused call watched for a commit, every answer checked (none internal, refusals in Chinese,
 * none hung). Prints its figures and every finding; exits 1 on a finding.
 *
 * `node scripts/soak/fuzz.ts [--calls N] [--seed S]`; npm test runs 10,000 (tests/main/core/fuzz.test.ts).
 */
import { parseArgs } from 'node:util';
import { tempDepot } from '../../tests/support/depot.ts';
import { fuzz, fuzzSessions } from '../../tests/support/fuzz.ts';

const { values } = parseArgs({ options: { calls: { type: 'string', default: '100000' }, seed: { type: 'string', default: String(Date.now() % 1_000_000) } } });
const calls = Number(values.calls);
const seed = Number(values.seed);
const env = tempDepot();
try {
  const byRole = await fuzzSessions(env.depot);
  const rssBefore = process.memoryUsage().rss;
  const report = await fuzz(env.depot, env.dbPath, byRole, { calls, seed });
  const integrity = env.depot.store.first<{ integrity_check: string }>('PRAGMA integrity_check')!.integrity_check;
  console.log(`fuzz (seed ${seed}): ${report.calls.toLocaleString('en-US')} calls on ${report.channels} channels in ${(report.ms / 1000).toFixed(1)} s (${Math.round(report.calls / (report.ms / 1000))} calls/s)`);
  console.log(`  accepted ${report.accepted} (${report.committed} committed); refused ${JSON.stringify(report.refused)}`);
  console.log(`  RSS ${(rssBefore / 1048576).toFixed(0)} MB → ${(process.memoryUsage().rss / 1048576).toFixed(0)} MB; integrity ${integrity}`);
  console.log(`  findings: ${report.findings.length}`);
  for (const f of report.findings.slice(0, 50)) console.log(`    ${f.channel} as ${f.role}: ${f.what}\n      input ${f.input}`);
  process.exitCode = report.findings.length > 0 || integrity !== 'ok' ? 1 : 0;
} finally {
  env.cleanup();
}
