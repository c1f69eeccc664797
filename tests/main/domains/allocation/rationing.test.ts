import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ceilMulDiv, floorMulDiv, largestRemainder, waterFill } from '../../../../main/domains/allocation/rationing.ts';

const big = fc.oneof(fc.integer({ min: 0, max: 1_000 }), fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }));

describe('rationing arithmetic', () => {
  it('divides exactly, even where doubles cannot', () => {
    fc.assert(
      fc.property(big, big, big.filter((c) => c > 0), (a, b, c) => {
        const exact = (BigInt(a) * BigInt(b)) / BigInt(c);
        // Quotients are shares of a pool, so they always fit; only the product may not.
        fc.pre(exact < BigInt(Number.MAX_SAFE_INTEGER));
        expect(floorMulDiv(a, b, c)).toBe(Number(exact));
        const up = (BigInt(a) * BigInt(b) + BigInt(c) - 1n) / BigInt(c);
        expect(ceilMulDiv(a, b, c)).toBe(Number(up));
      }),
      { numRuns: 2_000 },
    );
  });

  it('splits a pool by largest remainder: sums to the pool, each the floor or ceiling of its exact share', () => {
    // Small weights repeat often, so remainders tie and the tie-break by position is exercised.
    const weight = fc.oneof(fc.integer({ min: 0, max: 5 }), big);
    fc.assert(
      fc.property(fc.array(weight, { minLength: 1, maxLength: 30 }), fc.nat(), (weights, seed) => {
        const total = weights.reduce((s, w) => s + BigInt(w), 0n);
        fc.pre(total > 0n && total <= BigInt(Number.MAX_SAFE_INTEGER));
        const pool = seed % (Number(total) + 1);
        const shares = largestRemainder(pool, weights, Number(total));
        expect(shares.reduce((s, x) => s + x, 0)).toBe(pool);
        // The textbook method in BigInt: floors, then one more to the largest remainders, ties to the first.
        const exact = weights.map((w, i) => ({ i, floor: (BigInt(pool) * BigInt(w)) / total, rest: (BigInt(pool) * BigInt(w)) % total }));
        const left = pool - Number(exact.reduce((s, e) => s + e.floor, 0n));
        const extra = new Set(
          [...exact]
            .sort((a, b) => (a.rest === b.rest ? a.i - b.i : a.rest > b.rest ? -1 : 1))
            .slice(0, left)
            .map((e) => e.i),
        );
        expect(shares).toEqual(exact.map((e) => Number(e.floor) + (extra.has(e.i) ? 1 : 0)));
      }),
      { numRuns: 2_000 },
    );
  });

  it('water-fills: nobody above its cap, the pool used up, capped parties really at their cap', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ weight: fc.integer({ min: 0, max: 50 }), cap: fc.integer({ min: 0, max: 1_000 }) }), { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 0, max: 20_000 }),
        (parties, poolSeed) => {
          const sharing = parties.filter((p) => p.weight > 0);
          const capTotal = sharing.reduce((s, p) => s + p.cap, 0);
          const pool = poolSeed % (capTotal + 1);
          const fill = waterFill(
            pool,
            parties.map((p) => p.weight),
            parties.map((p) => p.cap),
          );
          expect(fill.shares.reduce((s, x) => s + x, 0)).toBe(sharing.length > 0 ? pool : 0);
          parties.forEach((p, i) => {
            expect(fill.shares[i]).toBeLessThanOrEqual(p.cap);
            if (p.weight === 0) expect(fill.shares[i]).toBe(0);
            // A party left uncapped must be below its cap at the final level.
            if (!fill.capped[i] && p.weight > 0 && p.cap > 0) expect(p.cap * fill.weightTotal).toBeGreaterThan(fill.remaining * p.weight);
            if (fill.capped[i]) expect(p.cap * fill.weightTotal).toBeLessThanOrEqual(fill.remaining * p.weight);
          });
        },
      ),
      { numRuns: 2_000 },
    );
  });
});
