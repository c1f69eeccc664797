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
          const capTotal = parties.reduce((s, p) => s + (p.weight > 0 ? p.cap : 0), 0);
          checkWaterFill(
            poolSeed % (capTotal + 1),
            parties.map((p) => p.weight),
            parties.map((p) => p.cap),
          );
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('water-fills a round built so that every pass caps only one party', () => {
    // Caps just under the level, which each capping raises a little: 11 passes of the simple
    // method, so this takes the sorted way.
    const n = 14;
    const caps: number[] = [];
    let level = 1e13;
    let delta = 1e12;
    for (let k = 0; k < n - 1; k++) {
      caps.push(Math.floor(level - delta));
      level += delta / (n - k - 1);
      delta = Math.floor(delta / (n - k) / 2);
    }
    caps.push(1e15);
    const fill = checkWaterFill(n * 1e13, new Array<number>(n).fill(1), caps);
    expect(fill.capped.filter(Boolean).length).toBeGreaterThan(PASSES_BEFORE_SORT_IN_ENGINE);
  });
});

const PASSES_BEFORE_SORT_IN_ENGINE = 8;

/** The final level decides everything: capped parties at or under it, the others above it, all of the pool given. */
function checkWaterFill(pool: number, weights: number[], caps: number[]) {
  const fill = waterFill(pool, weights, caps);
  const sharing = weights.some((w, i) => w > 0 && caps[i]! > 0);
  expect(fill.shares.reduce((s, x) => s + x, 0)).toBe(sharing ? pool : 0);
  weights.forEach((w, i) => {
    const cap = caps[i]!;
    expect(fill.shares[i]).toBeLessThanOrEqual(cap);
    if (w === 0) expect(fill.shares[i]).toBe(0);
    const atCap = BigInt(cap) * BigInt(fill.weightTotal) <= BigInt(fill.remaining) * BigInt(w);
    if (fill.capped[i]) {
      expect(atCap).toBe(true);
      expect(fill.shares[i]).toBe(cap);
    } else if (w > 0 && cap > 0) {
      expect(atCap).toBe(false);
      const exact = Number((BigInt(fill.remaining) * BigInt(w)) / BigInt(fill.weightTotal));
      expect(fill.shares[i] === exact || fill.shares[i] === exact + 1).toBe(true);
    }
  });
  return fill;
}
