import { describe, expect, it } from 'vitest';
import { raceRounds } from '../../../scripts/soak/race.ts';

/** The short form of `npm run soak`'s race (50 rounds there). */
describe('two desks, two processes, the last units', () => {
  it('ships one order of the two each round; the other is refused in words; no balance goes below zero', async () => {
    const { figures, problems } = await raceRounds({ rounds: 3 });
    expect(problems).toEqual([]);
    expect(Object.values(figures.refusals).reduce((a, n) => a + n, 0)).toBe(3);
  }, 120_000);
});
