/**
 * Pack levels of an item (只 → 盒 → 箱). Quantities are kept in base units; packs only help
 * people count. "per" is the number of base units in one pack.
 */
export interface Pack {
  unit: string;
  per: number;
}

/** "盒=50, 箱=1000" → [{unit:'盒',per:50},{unit:'箱',per:1000}]; null when the text is not of that form. */
export function parsePacks(text: string): Pack[] | null {
  // Spaces around "=" are allowed ("盒 = 50"); a unit is a word without digits or separators.
  const trimmed = text.trim().replace(/\s*[=＝:：]\s*/g, '=');
  if (trimmed === '') return [];
  const packs: Pack[] = [];
  for (const part of trimmed.split(/[,，;；\s]+/).filter(Boolean)) {
    const m = /^([^\d=,，;；\s]+)=(\d+)$/.exec(part);
    if (!m) return null;
    packs.push({ unit: m[1]!, per: Number(m[2]) });
  }
  return packs;
}

export function formatPacks(packs: readonly Pack[]): string {
  return packs.map((p) => `${p.unit}=${p.per}`).join(', ');
}

/** 1,234 masks with boxes of 50 and cartons of 1,000 → "1箱 4盒 34只" (printed slips join with '+': "1箱+4盒+34只"). */
export function splitIntoPacks(quantity: number, baseUnit: string, packs: readonly Pack[], separator = ' '): string {
  const parts: string[] = [];
  let rest = quantity;
  for (const p of [...packs].sort((a, b) => b.per - a.per)) {
    const n = Math.floor(rest / p.per);
    if (n > 0) parts.push(`${n}${p.unit}`);
    rest -= n * p.per;
  }
  if (rest > 0 || parts.length === 0) parts.push(`${rest}${baseUnit}`);
  return parts.join(separator);
}

/**
 * The most any one quantity may be, in base units (10^9): far above any depot's shelf, far below
 * where JavaScript numbers stop being exact. Every quantity typed, imported or scanned is held to
 * it here, and the database refuses anything else (007_quantity_bounds.sql).
 */
export const MAX_QUANTITY = 1_000_000_000;

/** A quantity as typed → base units, or why not: a unit the item does not have, or more than MAX_QUANTITY. */
export function readQuantity(text: string, baseUnit: string, packs: readonly Pack[]): { qty: number } | { problem: 'unit' | 'too_large' } {
  const qty = parseUnbounded(text, baseUnit, packs);
  if (qty === null) return { problem: 'unit' };
  // "99999999999999999999" is 1e20 as a number and "9007199254740993" rounds: neither is a count.
  if (!Number.isSafeInteger(qty) || qty > MAX_QUANTITY) return { problem: 'too_large' };
  return { qty };
}

/** "20箱 3盒", "20箱3盒 5只", "1500" → base units; null when a unit is not one of the item's or it is beyond MAX_QUANTITY. */
export function parseQuantity(text: string, baseUnit: string, packs: readonly Pack[]): number | null {
  const read = readQuantity(text, baseUnit, packs);
  return 'qty' in read ? read.qty : null;
}

function parseUnbounded(text: string, baseUnit: string, packs: readonly Pack[]): number | null {
  const trimmed = text.replace(/[,，\s]/g, '');
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const re = /(\d+)([^\d]+)/gy;
  let total = 0;
  let consumed = 0;
  for (let m = re.exec(trimmed); m; m = re.exec(trimmed)) {
    const unit = m[2]!;
    const per = unit === baseUnit ? 1 : packs.find((p) => p.unit === unit)?.per;
    if (per === undefined) return null;
    total += Number(m[1]) * per;
    consumed = re.lastIndex;
  }
  return consumed === trimmed.length && consumed > 0 ? total : null;
}
