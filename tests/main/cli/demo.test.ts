import { afterEach, describe, expect, it } from 'vitest';
import { seedDemo } from '../../../main/cli/demo.ts';
import { DEMO_SUPPLIERS } from '../../../main/cli/demo-data.ts';
import { call, tempDepot } from '../../support/depot.ts';

let env: ReturnType<typeof tempDepot>;
afterEach(() => env?.cleanup());

describe('seedDemo', () => {
  it('fills a fresh depot and answers with what it wrote, as the app lists it', async () => {
    env = tempDepot();
    const counts = await seedDemo(env.depot);
    const session = env.depot.systemSession();
    const listed = {
      items: (await call(env.depot, session, 'items.list', {})).length,
      units: (await call(env.depot, session, 'units.list', {})).length,
      suppliers: (await call(env.depot, session, 'suppliers.list', {})).length,
      locations: (await call(env.depot, session, 'locations.list', {})).length,
    };
    expect(counts).toEqual(listed);
    expect(counts.items).toBeGreaterThanOrEqual(40);
    expect(counts.units).toBeGreaterThanOrEqual(60);
    expect(counts.suppliers).toBeGreaterThanOrEqual(15);
  });

  it('dates the qualifications from the given day', async () => {
    env = tempDepot();
    await seedDemo(env.depot, { today: new Date(2024, 1, 27) });
    const suppliers = await call(env.depot, env.depot.systemSession(), 'suppliers.list', {});
    const expected = DEMO_SUPPLIERS.find((s) => s.expiresInDays === 7)!;
    expect(suppliers.find((s) => s.code === expected.code)!.qualificationExpiry).toBe('2024-03-05'); // across a leap day
  });

  it('stops at the first refusal (a code that already exists) and says which row', async () => {
    env = tempDepot();
    await seedDemo(env.depot);
    await expect(seedDemo(env.depot)).rejects.toThrow(/locations\.create SB-A-01: .*已存在/);
  });
});
