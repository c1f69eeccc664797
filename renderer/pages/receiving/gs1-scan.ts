import type { GtinEntry, Item } from '../../../shared/contract/index.ts';
import type { Gs1Scan } from '../../../shared/gs1.ts';
import { baseUnits, type LineDraft } from './lines.ts';

/** What one GS1 scan does to a receipt's lines. */
export type Gs1Outcome =
  | { kind: 'new'; patch: Partial<LineDraft>; qty: number }
  | { kind: 'add'; key: string; patch: Partial<LineDraft>; qty: number }
  | { kind: 'mismatch'; key: string; field: 'expiresOn' | 'producedOn'; typed: string; scanned: string }
  | { kind: 'unreadable'; key: string };

/**
 * A GS1 code on a carton or box: the first scan of a lot starts its line (item, lot, production
 * and expiry dates, the pieces in that pack); a further scan of the same lot adds one pack (or the
 * count the code carries). A date that disagrees with what is on the line is said, never written
 * over: the storekeeper decides which is right.
 */
export function applyGs1(lines: readonly LineDraft[], scan: Gs1Scan, entry: GtinEntry, item: Item): Gs1Outcome {
  const qty = entry.per * (scan.count ?? 1);
  const lotNo = item.lotTracked ? (scan.lotNo ?? '') : '';
  const line = [...lines].reverse().find((l) => l.itemId === item.id && (scan.lotNo === null || !item.lotTracked || l.lotNo === lotNo));
  const serials = scan.serial ? [scan.serial] : [];
  if (!line) {
    return { kind: 'new', qty, patch: { itemId: item.id, lotNo: line === undefined ? lotNo : '', producedOn: scan.producedOn, expiresOn: scan.expiresOn, counted: String(qty), codes: serials } };
  }
  for (const field of ['expiresOn', 'producedOn'] as const) {
    const scanned = scan[field];
    const typed = line[field];
    if (scanned && typed && scanned !== typed) return { kind: 'mismatch', key: line.key, field, typed, scanned };
  }
  const now = baseUnits(line.counted, item);
  if (now === undefined) return { kind: 'unreadable', key: line.key };
  const codes = [...new Set([...line.codes, ...serials])];
  return {
    kind: 'add',
    key: line.key,
    qty: (now ?? 0) + qty,
    patch: { counted: String((now ?? 0) + qty), expiresOn: line.expiresOn ?? scan.expiresOn, producedOn: line.producedOn ?? scan.producedOn, codes },
  };
}
