import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  computeAllocation,
  type AllocationInput,
  type AllocationItemInput,
  type AllocationLine,
  type AllocationResult,
  type AllocationUnitInput,
  type DemandColumns,
  type DemandInput,
  type ProportionalBasis,
  MAX_QUANTITY,
  demandRows,
} from '../../../../main/domains/allocation/engine.ts';
import { TIERS, type Tier } from '../../../../shared/domain.ts';

const RUNS = 1_000;

// ---------------------------------------------------------------------------------------------
// Random rounds: a dozen units at most, a few items, demand that is often larger than stock so
// that every tier gets rationed in some runs and served in others.

const arbUnit = fc.record({
  code: fc.stringMatching(/^[A-Z]{1,2}[0-9]{0,2}$/),
  tier: fc.constantFrom<Tier>(...TIERS),
  staffCount: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 400 })),
  beds: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 120 })),
});

const arbItem = fc.record({
  available: fc.oneof(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 6_000 })),
  reserve: fc.option(
    fc.oneof(
      fc.record({ percent: fc.integer({ min: 0, max: 5_000 }).map((h) => h / 100) }),
      fc.record({ quantity: fc.integer({ min: 0, max: 800 }) }),
      fc.record({ percent: fc.integer({ min: 0, max: 30 }), quantity: fc.integer({ min: 0, max: 800 }) }),
    ),
    { nil: undefined },
  ),
  packSize: fc.option(fc.integer({ min: 1, max: 60 }), { nil: undefined }),
});

const arbDemand = fc.record({
  onHand: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 1_500 })),
  dailyNeed: fc.integer({ min: 0, max: 500 }),
  minimumNeed: fc.integer({ min: 0, max: 1_500 }),
  inTransit: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 300 })),
});

const arbInput: fc.Arbitrary<AllocationInput> = fc
  .record({
    coverDays: fc.integer({ min: 0, max: 7 }),
    basis: fc.option(fc.constantFrom<ProportionalBasis>('staff', 'beds', 'equal'), { nil: undefined }),
    units: fc.uniqueArray(arbUnit, { minLength: 1, maxLength: 12, selector: (u) => u.code }),
    items: fc.array(arbItem, { minLength: 1, maxLength: 3 }),
    demands: fc.array(fc.option(arbDemand, { freq: 5 }), { minLength: 36, maxLength: 36 }),
  })
  .map(({ coverDays, basis, units, items, demands }) => {
    const unitInputs: AllocationUnitInput[] = units.map((u, i) => ({ unitId: 100 + i * 3, ...u }));
    const itemInputs: AllocationItemInput[] = items.map((it, i) => ({
      itemId: 7 + i * 5,
      available: it.available,
      ...(it.reserve ? { reserve: it.reserve } : {}),
      ...(it.packSize ? { packSize: it.packSize } : {}),
    }));
    const demandInputs: DemandInput[] = [];
    unitInputs.forEach((u, ui) =>
      itemInputs.forEach((it, ii) => {
        const d = demands[ui * 3 + ii];
        if (d) demandInputs.push({ unitId: u.unitId, itemId: it.itemId, ...d });
      }),
    );
    return { coverDays, ...(basis ? { basis } : {}), items: itemInputs, units: unitInputs, demands: demandInputs };
  });

/** The same round with every list in another order. */
const arbShuffled = arbInput.chain((input) =>
  fc.record({
    original: fc.constant(input),
    shuffled: fc.record({
      coverDays: fc.constant(input.coverDays),
      basis: fc.constant(input.basis),
      items: fc.shuffledSubarray([...input.items], { minLength: input.items.length }),
      units: fc.shuffledSubarray([...input.units], { minLength: input.units.length }),
      demands: fc.shuffledSubarray([...demandRows(input.demands)], { minLength: input.demands.length }),
    }),
  }),
);

// ---------------------------------------------------------------------------------------------
// What the tests check against, computed independently of the engine and without its tricks.

function expectedReserve(item: AllocationItemInput): number {
  const byPercent =
    item.reserve?.percent === undefined
      ? 0
      : Number((BigInt(item.available) * BigInt(Math.round(item.reserve.percent * 100)) + 9_999n) / 10_000n);
  return Math.min(item.available, Math.max(byPercent, item.reserve?.quantity ?? 0));
}

function weightOf(unit: AllocationUnitInput, basis: ProportionalBasis): number {
  return basis === 'staff' ? unit.staffCount : basis === 'beds' ? unit.beds : 1;
}

/** Textbook water-filling in floats: raise the level until the pool is gone, capping as it goes. */
function exactWaterFill(pool: number, weights: number[], caps: number[]): number[] {
  const exact = caps.map(() => 0);
  let open = caps.map((_, i) => i).filter((i) => weights[i]! > 0 && caps[i]! > 0);
  let remaining = pool;
  for (;;) {
    const weight = open.reduce((s, i) => s + weights[i]!, 0);
    if (weight === 0) return exact;
    const level = remaining / weight;
    const capped = open.filter((i) => caps[i]! <= level * weights[i]! + 1e-9);
    if (capped.length === 0) {
      for (const i of open) exact[i] = level * weights[i]!;
      return exact;
    }
    for (const i of capped) {
      exact[i] = caps[i]!;
      remaining -= caps[i]!;
    }
    open = open.filter((i) => !capped.includes(i));
  }
}

interface ItemView {
  item: AllocationItemInput;
  pack: number;
  pool: number;
  lines: { line: AllocationLine; unit: AllocationUnitInput; demand: DemandInput }[];
}

function itemViews(input: AllocationInput, result: AllocationResult): ItemView[] {
  return input.items.map((item) => {
    const lines = result.lines
      .filter((l) => l.itemId === item.itemId)
      .map((line) => ({
        line,
        unit: input.units.find((u) => u.unitId === line.unitId)!,
        demand: demandRows(input.demands).find((d) => d.unitId === line.unitId && d.itemId === item.itemId)!,
      }));
    return { item, pack: item.packSize ?? 1, pool: item.available - expectedReserve(item), lines };
  });
}

const isShort = (l: AllocationLine) => l.allocated < l.claim;

// ---------------------------------------------------------------------------------------------

describe('allocation engine: properties', () => {
  it('never hands out more than available − reserve, and accounts for the rest', () => {
    fc.assert(
      fc.property(arbInput, (input) => {
        const result = computeAllocation(input);
        for (const view of itemViews(input, result)) {
          const summary = result.items.find((s) => s.itemId === view.item.itemId)!;
          const given = view.lines.reduce((s, l) => s + l.line.allocated, 0);
          expect(summary.reserve).toBe(expectedReserve(view.item));
          expect(given).toBe(summary.allocated);
          expect(given).toBeLessThanOrEqual(view.item.available - summary.reserve);
          expect(summary.remainder).toBe(view.pool - given);
          expect(summary.packRemainder).toBe(view.pool % view.pack);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('gives no unit more than its net need, in whole units and whole packs', () => {
    fc.assert(
      fc.property(arbInput, (input) => {
        const result = computeAllocation(input);
        expect(result.lines).toHaveLength(input.demands.length);
        for (const view of itemViews(input, result)) {
          for (const { line, unit, demand } of view.lines) {
            const need = Math.max(0, demand.dailyNeed * input.coverDays - demand.onHand - demand.inTransit);
            const claimBase = unit.tier === 'minimum' ? Math.min(demand.minimumNeed, need) : need;
            expect([line.onHand, line.dailyNeed, line.minimumNeed, line.inTransit]).toEqual([
              demand.onHand,
              demand.dailyNeed,
              demand.minimumNeed,
              demand.inTransit,
            ]);
            expect(line.tier).toBe(unit.tier);
            expect(line.need).toBe(need);
            expect(line.claim).toBe(Math.floor(claimBase / view.pack) * view.pack);
            expect(Number.isInteger(line.allocated)).toBe(true);
            expect(line.allocated % view.pack).toBe(0);
            expect(line.allocated).toBeGreaterThanOrEqual(0);
            expect(line.allocated).toBeLessThanOrEqual(line.claim);
            expect(line.allocated).toBeLessThanOrEqual(need);
            expect(line.shortfall).toBe(need - line.allocated);
          }
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('gives a lower tier nothing while a higher tier is short, and wastes nothing', () => {
    fc.assert(
      fc.property(arbInput, (input) => {
        const result = computeAllocation(input);
        const basis = input.basis ?? 'staff';
        for (const view of itemViews(input, result)) {
          const rank = (t: Tier) => TIERS.indexOf(t);
          for (const higher of view.lines.filter((l) => isShort(l.line) && l.unit.tier !== 'proportional')) {
            for (const lower of view.lines.filter((l) => rank(l.unit.tier) > rank(higher.unit.tier))) {
              expect(lower.line.allocated).toBe(0);
            }
          }
          // Stock left over (a whole pack or more) means every unit that could take it was served.
          const summary = result.items.find((s) => s.itemId === view.item.itemId)!;
          if (summary.remainder >= view.pack) {
            for (const { line, unit } of view.lines) {
              if (unit.tier !== 'proportional' || weightOf(unit, basis) > 0) expect(line.allocated).toBe(line.claim);
            }
          }
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('keeps every share of a rationed tier within one unit (one pack) of its exact share', () => {
    let rationedTiers = 0;
    fc.assert(
      fc.property(arbInput, (input) => {
        const result = computeAllocation(input);
        const basis = input.basis ?? 'staff';
        for (const view of itemViews(input, result)) {
          let left = Math.floor(view.pool / view.pack);
          for (const tier of TIERS) {
            const members = view.lines.filter((l) => l.unit.tier === tier && l.line.need > 0);
            const sharing = tier === 'proportional' ? members.filter((l) => weightOf(l.unit, basis) > 0) : members;
            const claims = sharing.map((l) => l.line.claim / view.pack);
            const got = sharing.map((l) => l.line.allocated / view.pack);
            const claimTotal = claims.reduce((s, c) => s + c, 0);
            const given = got.reduce((s, g) => s + g, 0);
            if (claimTotal <= left) {
              expect(got).toEqual(claims);
              left -= given;
              continue;
            }
            rationedTiers += 1;
            expect(given).toBe(left);
            const exact =
              tier === 'proportional'
                ? exactWaterFill(
                    left,
                    sharing.map((l) => weightOf(l.unit, basis)),
                    claims,
                  )
                : claims.map((c) => (left * c) / claimTotal);
            got.forEach((g, i) => expect(Math.abs(g - exact[i]!)).toBeLessThan(1 + 1e-9));
            break;
          }
        }
      }),
      { numRuns: RUNS },
    );
    // The generator must actually produce shortages, or this test proves nothing.
    expect(rationedTiers).toBeGreaterThan(RUNS / 2);
  });

  it('gives the same plan for the same round, whatever order the lists come in', () => {
    fc.assert(
      fc.property(arbShuffled, ({ original, shuffled }) => {
        expect(computeAllocation(shuffled)).toEqual(computeAllocation(original));
      }),
      { numRuns: RUNS },
    );
  });

  it('gives the same plan from demand columns as from demand objects, and hands lineOf each of its lines', () => {
    fc.assert(
      fc.property(arbShuffled, fc.boolean(), ({ shuffled }, topUp) => {
        const input = { ...shuffled, topUp };
        const rows = demandRows(input.demands);
        const column = (pick: (d: DemandInput) => number) => Float64Array.from(rows, pick);
        const columns: DemandColumns = {
          length: rows.length,
          unitId: column((d) => d.unitId),
          itemId: column((d) => d.itemId),
          onHand: column((d) => d.onHand),
          dailyNeed: column((d) => d.dailyNeed),
          minimumNeed: column((d) => d.minimumNeed),
          inTransit: column((d) => d.inTransit),
        };
        const plain = computeAllocation(input);
        expect(computeAllocation({ ...input, demands: columns })).toEqual(plain);
        // lineOf is handed one object reused for every line: what it copies is each line in turn.
        const handed = computeAllocation({ ...input, demands: columns }, (l) => ({ ...l }));
        expect(handed).toEqual(plain);
        expect(JSON.stringify(handed)).toBe(JSON.stringify(plain));
      }),
      { numRuns: RUNS },
    );
  });

  it('gives every line a reason that matches what it got', () => {
    fc.assert(
      fc.property(arbInput, (input) => {
        const result = computeAllocation(input);
        for (const view of itemViews(input, result)) {
          for (const { line } of view.lines) {
            const r = line.reason;
            expect(r.kind === 'noNeed').toBe(line.need === 0);
            if (r.kind === 'served' || r.kind === 'capped') expect(line.allocated).toBe(line.claim);
            if (r.kind === 'capped') expect(r.exact).toBeGreaterThanOrEqual(line.claim / view.pack - 1e-9);
            if (r.kind === 'zeroWeight' || r.kind === 'higherTierShort') expect(line.allocated).toBe(0);
            if (r.kind === 'rationed') expect(r.exact).toBeCloseTo((r.pool * line.claim) / view.pack / r.claimTotal, 6);
            if (r.kind === 'share') expect(r.exact).toBeCloseTo((r.remaining * r.weight) / r.weightTotal, 6);
            if (r.kind === 'rationed' || r.kind === 'share') expect(Math.abs(line.allocated / view.pack - r.exact)).toBeLessThan(1 + 1e-9);
          }
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('adds up per unit', () => {
    fc.assert(
      fc.property(arbInput, (input) => {
        const result = computeAllocation(input);
        expect(result.units.map((u) => u.code)).toEqual(input.units.map((u) => u.code).sort((a, b) => (a < b ? -1 : 1)));
        for (const unit of result.units) {
          const lines = result.lines.filter((l) => l.unitId === unit.unitId);
          expect(unit.need).toBe(lines.reduce((s, l) => s + l.need, 0));
          expect(unit.allocated).toBe(lines.reduce((s, l) => s + l.allocated, 0));
          expect(unit.shortfall).toBe(unit.need - unit.allocated);
          expect(unit.shortItems).toBe(lines.filter((l) => l.shortfall > 0).length);
        }
      }),
      { numRuns: RUNS / 2 },
    );
  });
});

describe('allocation engine: top-up after the tiers, properties', () => {
  it('leaves every tier’s own rule as it was, and only adds what is left, in whole packs, within need and pool', () => {
    fc.assert(
      fc.property(arbInput, (input) => {
        const rules = computeAllocation(input);
        const topped = computeAllocation({ ...input, topUp: true });
        expect(topped.lines.map((l) => l.allocated - l.topUp)).toEqual(rules.lines.map((l) => l.allocated));
        expect(topped.lines.map((l) => l.reason)).toEqual(rules.lines.map((l) => l.reason));
        for (const view of itemViews(input, topped)) {
          const summary = topped.items.find((s) => s.itemId === view.item.itemId)!;
          expect(summary.allocated).toBeLessThanOrEqual(view.pool);
          expect(summary.topUp).toBe(view.lines.reduce((n, l) => n + l.line.topUp, 0));
          for (const { line } of view.lines) {
            expect(line.topUp).toBeGreaterThanOrEqual(0);
            expect(line.allocated % view.pack).toBe(0);
            expect(line.allocated).toBeLessThanOrEqual(line.need);
          }
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('tops up tier by tier: a lower tier gets a top-up only when every higher tier is full, and stock is left only when all are', () => {
    let toppedUp = 0;
    fc.assert(
      fc.property(arbInput, (input) => {
        const result = computeAllocation({ ...input, topUp: true });
        for (const view of itemViews(input, result)) {
          const full = (l: AllocationLine) => l.allocated === l.need - (l.need % view.pack);
          const rank = (t: Tier) => TIERS.indexOf(t);
          for (const lower of view.lines.filter((l) => l.line.topUp > 0)) {
            toppedUp += 1;
            for (const higher of view.lines.filter((l) => rank(l.unit.tier) < rank(lower.unit.tier))) expect(full(higher.line)).toBe(true);
          }
          const summary = result.items.find((s) => s.itemId === view.item.itemId)!;
          if (summary.remainder >= view.pack) {
            for (const { line } of view.lines) expect(full(line)).toBe(true);
            expect(summary.leftReason).toBe('needsMet');
          }
        }
      }),
      { numRuns: RUNS },
    );
    // The generator must leave stock over often enough for the top-up to act.
    expect(toppedUp).toBeGreaterThan(RUNS / 10);
  });

  it('is the same for the same round, whatever order the lists come in', () => {
    fc.assert(
      fc.property(arbShuffled, ({ original, shuffled }) => {
        expect(computeAllocation({ ...shuffled, topUp: true })).toEqual(computeAllocation({ ...original, topUp: true }));
      }),
      { numRuns: RUNS / 2 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// The county bureau's round, checked by hand.

const bureau: AllocationInput = {
  coverDays: 3,
  items: [{ itemId: 1, available: 10_000, reserve: { percent: 10 } }],
  units: [
    { unitId: 1, code: 'D01', tier: 'full', staffCount: 900, beds: 300 },
    { unitId: 2, code: 'D02', tier: 'full', staffCount: 700, beds: 200 },
    { unitId: 3, code: 'H01', tier: 'minimum', staffCount: 300, beds: 100 },
    { unitId: 4, code: 'H02', tier: 'minimum', staffCount: 200, beds: 80 },
    { unitId: 5, code: 'T01', tier: 'proportional', staffCount: 86, beds: 10 },
    { unitId: 6, code: 'T02', tier: 'proportional', staffCount: 154, beds: 20 },
    { unitId: 7, code: 'T03', tier: 'proportional', staffCount: 1_000, beds: 0 },
  ],
  demands: [
    { unitId: 1, itemId: 1, onHand: 300, dailyNeed: 500, minimumNeed: 0, inTransit: 0 },
    { unitId: 2, itemId: 1, onHand: 500, dailyNeed: 1_000, minimumNeed: 0, inTransit: 500 },
    { unitId: 3, itemId: 1, onHand: 200, dailyNeed: 400, minimumNeed: 600, inTransit: 0 },
    { unitId: 4, itemId: 1, onHand: 0, dailyNeed: 300, minimumNeed: 500, inTransit: 0 },
    { unitId: 5, itemId: 1, onHand: 300, dailyNeed: 200, minimumNeed: 0, inTransit: 0 },
    { unitId: 6, itemId: 1, onHand: 0, dailyNeed: 1_000, minimumNeed: 0, inTransit: 0 },
    { unitId: 7, itemId: 1, onHand: 0, dailyNeed: 2_000, minimumNeed: 0, inTransit: 0 },
  ],
};

const allocatedByUnit = (result: AllocationResult) => Object.fromEntries(result.lines.map((l) => [l.unitId, l.allocated]));

describe('allocation engine: the county bureau by hand', () => {
  it('serves full, then minimum, then shares the rest by staff with a unit capped at its need', () => {
    const result = computeAllocation(bureau);
    // 10,000 − 10 % = 9,000. Full: 1,200 + 2,000 → 5,800 left. Minimum: 600 + 500 → 4,700 left.
    // By staff 86/154/1,000 of 1,240: T01 would get 326, more than its 300, so it gets 300 and
    // 4,400 is shared by 154/1,154 and 1,000/1,154: 587.18 and 3,812.82 → 587 and 3,813.
    expect(allocatedByUnit(result)).toEqual({ 1: 1_200, 2: 2_000, 3: 600, 4: 500, 5: 300, 6: 587, 7: 3_813 });
    expect(result.items).toEqual([
      {
        itemId: 1,
        available: 10_000,
        reserve: 1_000,
        pool: 9_000,
        allocated: 9_000,
        remainder: 0,
        packRemainder: 0,
        packSize: null,
        packUnit: null,
        need: 14_400,
        shortfallTotal: 5_400,
        rationedTier: 'proportional',
        topUp: 0,
        leftReason: 'none',
      },
    ]);
    expect(result.units.find((u) => u.code === 'H01')).toMatchObject({ need: 1_000, allocated: 600, shortfall: 400, shortItems: 1 });
    const t02 = result.lines.find((l) => l.unitId === 6)!;
    expect(t02.reason).toEqual({ kind: 'share', remaining: 4_400, weight: 154, weightTotal: 1_154, exact: (4_400 * 154) / 1_154, cappedUnits: 1 });
    expect(result.lines.find((l) => l.unitId === 5)!.reason.kind).toBe('capped');
  });

  it('rations the full tier when it is short, and gives the lower tiers nothing', () => {
    const result = computeAllocation({ ...bureau, items: [{ itemId: 1, available: 2_000 }] });
    // 2,000 over claims 1,200 and 2,000: 750 and 1,250 exactly.
    expect(allocatedByUnit(result)).toEqual({ 1: 750, 2: 1_250, 3: 0, 4: 0, 5: 0, 6: 0, 7: 0 });
    expect(result.items[0]!.rationedTier).toBe('full');
    expect(result.lines.find((l) => l.unitId === 3)!.reason).toMatchObject({ kind: 'higherTierShort', shortTier: 'full' });
  });

  it('rations the minimum tier by largest remainder', () => {
    const result = computeAllocation({ ...bureau, items: [{ itemId: 1, available: 4_000 }] });
    // 800 after the full tier, over claims 600 and 500: 436.36 and 363.64 → 436 and 364.
    expect(allocatedByUnit(result)).toEqual({ 1: 1_200, 2: 2_000, 3: 436, 4: 364, 5: 0, 6: 0, 7: 0 });
    expect(result.items[0]!.rationedTier).toBe('minimum');
  });

  it('shares 8,000 by staff: 554.8 → 555, 993.5 → 993, 6,451.6 → 6,452', () => {
    const result = computeAllocation({
      ...bureau,
      items: [{ itemId: 1, available: 8_000 }],
      demands: [5, 6, 7].map((unitId) => ({ unitId, itemId: 1, onHand: 0, dailyNeed: 5_000, minimumNeed: 0, inTransit: 0 })),
    });
    // Remainders .84, .55, .61 with 2 units left over: T01 and T03 get them, T02 does not.
    expect(allocatedByUnit(result)).toEqual({ 5: 555, 6: 993, 7: 6_452 });
  });

  it('breaks a tie between equal remainders by unit code, whatever the input order', () => {
    const input: AllocationInput = {
      coverDays: 1,
      items: [{ itemId: 1, available: 5 }],
      units: [
        { unitId: 30, code: 'C', tier: 'full', staffCount: 1, beds: 0 },
        { unitId: 10, code: 'A', tier: 'full', staffCount: 1, beds: 0 },
        { unitId: 20, code: 'B', tier: 'full', staffCount: 1, beds: 0 },
      ],
      demands: [30, 20, 10].map((unitId) => ({ unitId, itemId: 1, onHand: 0, dailyNeed: 2, minimumNeed: 0, inTransit: 0 })),
    };
    expect(allocatedByUnit(computeAllocation(input))).toEqual({ 10: 2, 20: 2, 30: 1 });
    expect(computeAllocation(input).lines.map((l) => l.unitId)).toEqual([10, 20, 30]);
  });

  it('allocates whole boxes and leaves what is less than a box in stock', () => {
    const result = computeAllocation({
      coverDays: 3,
      items: [{ itemId: 2, available: 1_030, packSize: 50, packUnit: '盒' }],
      units: bureau.units,
      demands: [
        { unitId: 1, itemId: 2, onHand: 290, dailyNeed: 500, minimumNeed: 0, inTransit: 0 },
        { unitId: 2, itemId: 2, onHand: 0, dailyNeed: 130, minimumNeed: 0, inTransit: 0 },
      ],
    });
    // 20 boxes (30 left over). Claims 1,210 → 24 boxes and 390 → 7 boxes; 20 × 24/31 = 15.48,
    // 20 × 7/31 = 4.52 → 15 and 5 boxes.
    expect(result.lines.map((l) => [l.need, l.claim, l.allocated])).toEqual([
      [1_210, 1_200, 750],
      [390, 350, 250],
    ]);
    expect(result.items[0]).toMatchObject({ pool: 1_030, allocated: 1_000, remainder: 30, packRemainder: 30, packSize: 50 });
  });

  it('holds back the reserve first: a percentage rounded up, a quantity, the larger of both', () => {
    const reserveOf = (available: number, reserve: AllocationItemInput['reserve']) =>
      computeAllocation({ coverDays: 1, items: [{ itemId: 1, available, ...(reserve ? { reserve } : {}) }], units: [], demands: [] })
        .items[0]!.reserve;
    expect(reserveOf(1_000, { percent: 7.3 })).toBe(73);
    expect(reserveOf(1_005, { percent: 10 })).toBe(101);
    expect(reserveOf(500, { quantity: 800 })).toBe(500);
    expect(reserveOf(1_000, { percent: 10, quantity: 150 })).toBe(150);
    expect(reserveOf(1_000, { percent: 20, quantity: 150 })).toBe(200);
    expect(reserveOf(1_000, undefined)).toBe(0);
  });

  it('weights by beds or equally when asked, and skips a unit with no staff', () => {
    const units: AllocationUnitInput[] = [
      { unitId: 1, code: 'A', tier: 'proportional', staffCount: 0, beds: 30 },
      { unitId: 2, code: 'B', tier: 'proportional', staffCount: 10, beds: 10 },
      { unitId: 3, code: 'C', tier: 'proportional', staffCount: 30, beds: 0 },
    ];
    const demands = units.map((u) => ({ unitId: u.unitId, itemId: 1, onHand: 0, dailyNeed: 1_000, minimumNeed: 0, inTransit: 0 }));
    const round = (basis: ProportionalBasis) =>
      allocatedByUnit(computeAllocation({ coverDays: 1, basis, items: [{ itemId: 1, available: 400 }], units, demands }));
    expect(round('staff')).toEqual({ 1: 0, 2: 100, 3: 300 });
    expect(round('beds')).toEqual({ 1: 300, 2: 100, 3: 0 });
    expect(round('equal')).toEqual({ 1: 134, 2: 133, 3: 133 });
  });

  it('refuses a round it cannot plan the same way twice', () => {
    const unit = { unitId: 1, code: 'A', tier: 'full' as const, staffCount: 1, beds: 1 };
    const demand = { unitId: 1, itemId: 1, onHand: 0, dailyNeed: 1, minimumNeed: 0, inTransit: 0 };
    const items = [{ itemId: 1, available: 10 }];
    expect(() => computeAllocation({ coverDays: 1, items, units: [unit, { ...unit, unitId: 2 }], demands: [] })).toThrow(/code A/);
    expect(() => computeAllocation({ coverDays: 1, items, units: [unit], demands: [demand, demand] })).toThrow(/twice/);
    expect(() => computeAllocation({ coverDays: 1, items, units: [unit], demands: [{ ...demand, unitId: 9 }] })).toThrow(/unknown unit/);
    expect(() => computeAllocation({ coverDays: 1, items, units: [unit], demands: [{ ...demand, onHand: -1 }] })).toThrow(/onHand/);
    expect(() => computeAllocation({ coverDays: 1, items, units: [unit], demands: [{ ...demand, dailyNeed: 1.5 }] })).toThrow(/dailyNeed/);
    expect(() => computeAllocation({ coverDays: 3, items, units: [unit], demands: [{ ...demand, dailyNeed: MAX_QUANTITY }] })).toThrow(
      /dailyNeed × coverDays/,
    );
    expect(() => computeAllocation({ coverDays: 1, items: [{ itemId: 1, available: 10, packSize: 0 }], units: [unit], demands: [] })).toThrow(
      /packSize/,
    );
  });
});
