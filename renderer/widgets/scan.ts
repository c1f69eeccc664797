import type { Item, Lot } from '../../shared/contract/index.ts';
import { readGs1 } from '../../shared/gs1.ts';
import { invoke } from '../api.ts';

/** What a scanned code names: an item (its barcode or code), or a lot (a lot label). */
export type Scanned = { kind: 'item'; item: Item } | { kind: 'lot'; item: Item; lot: Lot | null; lotNo: string } | { kind: 'ambiguous'; items: Item[] } | { kind: 'unknown' };

/**
 * Reads a scanned code the way the printed labels write them (main/domains/print/sources.ts):
 * the QR says "LOT:<item code>:<lot number>"; the Code 128 carries the lot number, or the item
 * code when the lot number is not printable, or "LOT-<id>". An item's own barcode (EAN-13) or
 * its code names the item. A GS1 code from the goods names the item by its GTIN and the lot by its (10).
 */
export async function resolveScan(code: string, items: readonly Item[]): Promise<Scanned> {
  const byCode = (c: string) => items.find((i) => i.code.toLowerCase() === c.toLowerCase());
  const lotOf = async (input: { lotId?: number; lotNo?: string; itemId?: number }) => {
    const found = await invoke('lots.find', input);
    return found.ok ? found.data : [];
  };

  // A GS1 code on the goods (carton, box, UDI): its GTIN names the item (learned at receiving), its (10) the lot.
  const gs1 = readGs1(code);
  if (gs1?.kind === 'gs1' && gs1.scan.gtin) {
    const entry = await invoke('gtins.find', { gtin: gs1.scan.gtin });
    const item = entry.ok && entry.data ? items.find((i) => i.id === entry.data!.itemId) : undefined;
    if (!item) return { kind: 'unknown' };
    if (gs1.scan.lotNo === null) return { kind: 'item', item };
    const [lot] = await lotOf({ itemId: item.id, lotNo: gs1.scan.lotNo });
    return { kind: 'lot', item, lot: lot ?? null, lotNo: gs1.scan.lotNo };
  }
  if (gs1) return { kind: 'unknown' };
  const qr = /^LOT:([^:]+):(.*)$/.exec(code);
  if (qr) {
    const item = byCode(qr[1]!);
    if (!item) return { kind: 'unknown' };
    const lotNo = qr[2]!;
    const [lot] = await lotOf({ itemId: item.id, lotNo });
    return { kind: 'lot', item, lot: lot ?? null, lotNo };
  }
  const recordNo = /^LOT-(\d+)$/.exec(code);
  if (recordNo) {
    const [lot] = await lotOf({ lotId: Number(recordNo[1]) });
    const item = lot && items.find((i) => i.id === lot.itemId);
    return lot && item ? { kind: 'lot', item, lot, lotNo: lot.lotNo } : { kind: 'unknown' };
  }
  const item = items.find((i) => i.barcode !== null && i.barcode === code) ?? byCode(code);
  if (item) return { kind: 'item', item };

  const lots = await lotOf({ lotNo: code });
  const lotItems = [...new Set(lots.map((l) => l.itemId))].map((id) => items.find((i) => i.id === id)).filter((i): i is Item => i !== undefined);
  if (lotItems.length === 1) return { kind: 'lot', item: lotItems[0]!, lot: lots[0]!, lotNo: code };
  if (lotItems.length > 1) return { kind: 'ambiguous', items: lotItems };
  return { kind: 'unknown' };
}

/**
 * What a scanner sends rather than what a person counts: a lot label (LOT:…, LOT-…), a GS1 code
 * (]C1…, (01)…), an item's own barcode, or a run of eight or more digits (EAN-8/13, GTIN-14) with no unit.
 */
export function looksScanned(text: string, items: readonly Item[]): boolean {
  const s = text.trim();
  if (/^LOT[:-]/i.test(s) || /^\d{8,}$/.test(s) || /^\][A-Za-z]\d/.test(s) || /^\(\d{2,4}\)/.test(s)) return true;
  return s !== '' && items.some((i) => i.barcode !== null && i.barcode === s);
}
