import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDepot } from '../../support/depot.ts';
import { fuzz, fuzzSessions } from '../../support/fuzz.ts';
import type { Role } from '../../../shared/domain.ts';
import type { Session } from '../../../main/core/depot.ts';

/** The short form of npm run soak's fuzzer: 10,000 spoiled calls over every channel, as every role. */
describe('the fuzzer over every channel', () => {
  let env: ReturnType<typeof tempDepot>;
  let byRole: Map<Role, Session>;
  beforeAll(async () => {
    env = tempDepot();
    byRole = await fuzzSessions(env.depot);
  });
  afterAll(() => env.cleanup());

  it('10,000 calls: every one answered, none internal, every refusal in Chinese, no refused call commits anything', async () => {
    const report = await fuzz(env.depot, env.dbPath, byRole, { calls: 10_000, seed: Number(process.env.FUZZ_SEED ?? 20261205) });
    console.log(`fuzz: ${report.calls} calls on ${report.channels} channels in ${(report.ms / 1000).toFixed(1)} s, ${report.accepted} accepted (${report.committed} committed), refused ${JSON.stringify(report.refused)}`);
    expect(report.findings).toEqual([]);
    expect(report.calls).toBe(10_000);
    // The watcher sees the commits of accepted calls, so its silence on refused ones means something.
    expect(report.committed).toBeGreaterThan(100);
    expect(env.depot.store.first('PRAGMA integrity_check')).toEqual({ integrity_check: 'ok' });
  }, 600_000);
});
