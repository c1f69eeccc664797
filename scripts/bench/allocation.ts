/**
 * The allocation engine on 1,000 units × 300 items (300,000 demand lines), seeded so every run
 * sees the same realistic round: a few full-supply hospitals, more minimum-supply units, many
 * staff-weighted ones, some units stocked beyond the round, and stock at 5–110 % of the total
 * need, so that every tier is rationed in some items and served in full in others.
 * Run alone with `node scripts/bench/allocation.ts`.
 */
import { computeAllocation, type AllocationInput, type AllocationUnitInput } from '../../main/domains/allocation/engine.ts';
import type { Tier } from '../../shared/domain.ts';

const UNITS = 1_000;
const ITEMS = 300;
const RUNS = 9;
const GOAL_MS = 100;

/** mulberry32: small, fast and the same everywhere. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export function benchInput(seed = 20_200_124): AllocationInput {
  const rnd = random(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const coverDays = 3;
  const units: AllocationUnitInput[] = [];
  for (let u = 0; u < UNITS; u++) {
    const roll = rnd();
    const tier: Tier = roll < 0.05 ? 'full' : roll < 0.35 ? 'minimum' : 'proportional';
    const staffCount = tier === 'proportional' ? int(8, 200) : int(200, 3_000);
    units.push({ unitId: u + 1, code: `U${String(int(0, 999_999)).padStart(6, '0')}-${u}`, tier, staffCount, beds: int(0, 500) });
  }
  const items = [];
  const demands = [];
  for (let i = 0; i < ITEMS; i++) {
    let totalNeed = 0;
    const scale = int(5, 2_000);
    for (const unit of units) {
      const dailyNeed = Math.round((unit.staffCount / 50) * scale * (0.5 + rnd()));
      const onHand = int(0, dailyNeed * 4);
      const inTransit = rnd() < 0.1 ? int(0, dailyNeed) : 0;
      const minimumNeed = Math.round(dailyNeed * (0.5 + rnd()));
      demands.push({ unitId: unit.unitId, itemId: i + 1, onHand, dailyNeed, minimumNeed, inTransit });
      totalNeed += Math.max(0, dailyNeed * coverDays - onHand - inTransit);
    }
    const packed = rnd() < 0.3;
    items.push({
      itemId: i + 1,
      // Mostly short, now and then very short (the full tier rationed), sometimes plenty.
      available: Math.round(totalNeed * (0.05 + 1.05 * rnd() ** 1.5)),
      reserve: rnd() < 0.5 ? { percent: 10 } : { quantity: int(0, 1_000) },
      ...(packed ? { packSize: 50, packUnit: '盒' } : {}),
    });
  }
  return { coverDays, items, units, demands };
}

function main(): void {
  const input = benchInput();
  const wall: number[] = [];
  const cpu: number[] = [];
  let lines = 0;
  computeAllocation(input); // warm-up: let the JIT see the hot loops once
  for (let r = 0; r < RUNS; r++) {
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    lines = computeAllocation(input).lines.length;
    wall.push(performance.now() - start);
    const used = process.cpuUsage(cpuStart);
    cpu.push((used.user + used.system) / 1_000);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const ms = median(wall);
  // CPU time too: on a machine shared with other work, wall time says more about the neighbours.
  console.log(
    `allocation engine: ${UNITS.toLocaleString('en')} units × ${ITEMS} items (${lines.toLocaleString('en')} lines): ` +
      `median ${ms.toFixed(1)} ms of ${RUNS} runs (CPU ${median(cpu).toFixed(1)} ms; fastest ${Math.min(...wall).toFixed(1)} ms); ` +
      `goal ≤ ${GOAL_MS} ms — ${ms <= GOAL_MS ? 'ok' : 'OVER GOAL'}`,
  );
}

if (import.meta.main) main();
