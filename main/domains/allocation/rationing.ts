/**
 * Whole-unit rationing with exact integer arithmetic. Floats never decide who gets a unit: two
 * machines (or two runs) must give the same plan, down to the single mask.
 *
 * Both functions take their parties in unit-code order; a tie between equal remainders goes to
 * the lower index, i.e. the lower unit code.
 */

/** Below this, a·b and q·c stay exact in doubles; above it we pay for BigInt. */
const EXACT = 2 ** 52;

/** floor(a·b/c) for non-negative safe integers, c > 0. */
export function floorMulDiv(a: number, b: number, c: number): number {
  const p = a * b;
  if (p <= EXACT && c <= EXACT) {
    const q = Math.floor(p / c);
    const r = p - q * c;
    // The division is rounded to the nearest double, which can land one off the true quotient.
    return r < 0 ? q - 1 : r >= c ? q + 1 : q;
  }
  return Number((BigInt(a) * BigInt(b)) / BigInt(c));
}

/** ceil(a·b/c) for non-negative safe integers, c > 0. */
export function ceilMulDiv(a: number, b: number, c: number): number {
  return floorMulDiv(a, b, c) + (a * b <= EXACT ? ((a * b) % c === 0 ? 0 : 1) : (BigInt(a) * BigInt(b)) % BigInt(c) === 0n ? 0 : 1);
}

/**
 * Splits `pool` over `weights` in proportion by the largest-remainder method: each party gets
 * floor(pool·w/total), and the units still left go one each to the largest remainders.
 * `total` must equal the sum of the weights (> 0), so the exact shares add up to `pool` and each
 * result is the floor or the ceiling of its exact share.
 */
export function largestRemainder(pool: number, weights: readonly number[], total: number): number[] {
  const n = weights.length;
  const shares = new Array<number>(n);
  const remainders = new Array<number>(n);
  let maxWeight = 0;
  for (const w of weights) if (w > maxWeight) maxWeight = w;
  const inDoubles = pool * maxWeight <= EXACT && total <= EXACT;
  let given = 0;
  for (let i = 0; i < n; i++) {
    const w = weights[i]!;
    let q: number;
    let r: number;
    if (inDoubles) {
      const p = pool * w;
      q = Math.floor(p / total);
      r = p - q * total;
      if (r < 0) {
        q -= 1;
        r += total;
      } else if (r >= total) {
        q += 1;
        r -= total;
      }
    } else {
      const p = BigInt(pool) * BigInt(w);
      const t = BigInt(total);
      q = Number(p / t);
      r = Number(p % t);
    }
    shares[i] = q;
    remainders[i] = r;
    given += q;
  }
  const left = pool - given;
  if (left > 0) for (const i of largestFirst(remainders, left, total)) shares[i]! += 1;
  return shares;
}

/**
 * The indices of the `count` largest remainders, ties to the lower index. All remainders share
 * the denominator, so comparing numerators is exact. When remainder·n fits, each (remainder,
 * index) pair is packed into one number and sorted natively, which is much faster than a
 * comparator on the hot path.
 */
function largestFirst(remainders: readonly number[], count: number, total: number): number[] {
  const n = remainders.length;
  if (total * n <= EXACT) {
    const keys = new Float64Array(n);
    for (let i = 0; i < n; i++) keys[i] = remainders[i]! * n + (n - 1 - i);
    keys.sort();
    const chosen: number[] = [];
    for (let j = n - 1; j >= n - count; j--) chosen.push(n - 1 - (keys[j]! % n));
    return chosen;
  }
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((a, b) => remainders[b]! - remainders[a]! || a - b);
  return order.slice(0, count);
}

export interface WaterFill {
  shares: number[];
  /** Parties whose proportional share reached their cap: they get exactly the cap. */
  capped: boolean[];
  /** What was shared among the parties not capped, and their total weight (the final level is remaining/weightTotal). */
  remaining: number;
  weightTotal: number;
}

/** Simultaneous capping passes before falling back to sorting by cap/weight. */
const PASSES_BEFORE_SORT = 8;

/**
 * Shares `pool` in proportion to `weights`, nobody above its cap, what a capped party cannot take
 * going to the others (water-filling); then whole units by largest remainder. Parties with zero
 * weight or zero cap get nothing. Meant for a pool smaller than the caps' sum; when it is not,
 * everyone simply ends up capped.
 *
 * Each pass caps, against the current level pool'/weight', every party with cap ≤ level·w —
 * decided exactly, in integers. Capping only ever raises the level, so nobody capped needs
 * uncapping and passes repeat until stable. Real rounds settle in 3–6 passes of O(n); should a
 * round need more, the open parties are sorted by cap/weight once and capped in that order, which
 * bounds the work at O(n log n). (The float ratio only orders; the next pass re-checks exactly.)
 */
export function waterFill(pool: number, weights: readonly number[], caps: readonly number[]): WaterFill {
  const n = weights.length;
  const shares = new Array<number>(n).fill(0);
  const capped = new Array<boolean>(n).fill(false);
  let open: number[] = [];
  let remaining = pool;
  let weightTotal = 0;
  for (let i = 0; i < n; i++) {
    if (weights[i]! > 0 && caps[i]! > 0) {
      open.push(i);
      weightTotal += weights[i]!;
    }
  }
  const cap = (i: number) => {
    capped[i] = true;
    shares[i] = caps[i]!;
  };

  for (let pass = 1; weightTotal > 0; pass++) {
    let taken = 0;
    let weightTaken = 0;
    const still: number[] = [];
    for (const i of open) {
      if (floorMulDiv(remaining, weights[i]!, weightTotal) >= caps[i]!) {
        cap(i);
        taken += caps[i]!;
        weightTaken += weights[i]!;
      } else still.push(i);
    }
    if (still.length === open.length) break;
    remaining -= taken;
    weightTotal -= weightTaken;
    open = still;
    if (pass === PASSES_BEFORE_SORT) {
      open.sort((a, b) => caps[a]! / weights[a]! - caps[b]! / weights[b]! || a - b);
      let k = 0;
      for (; k < open.length; k++) {
        const i = open[k]!;
        if (floorMulDiv(remaining, weights[i]!, weightTotal) < caps[i]!) break;
        cap(i);
        remaining -= caps[i]!;
        weightTotal -= weights[i]!;
      }
      open = open.slice(k);
    }
  }

  if (open.length > 0 && weightTotal > 0) {
    const split = largestRemainder(
      remaining,
      open.map((i) => weights[i]!),
      weightTotal,
    );
    for (let j = 0; j < open.length; j++) shares[open[j]!] = split[j]!;
  }
  return { shares, capped, remaining, weightTotal };
}
