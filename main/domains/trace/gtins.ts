import type { GtinEntry } from '../../../shared/contract/trace.ts';
import { checkDigitOk } from '../../../shared/gs1.ts';
import type { Pack } from '../../../shared/packs.ts';
import type { Ctx } from '../../core/context.ts';
import { DepotError } from '../../core/errors.ts';
import { audit } from '../../core/audit.ts';
import type { Store } from '../../store/db.ts';

interface Row {
  gtin: string;
  item_id: number;
  code: string;
  name: string;
  pack: string | null;
  per: number;
}

const entry = (r: Row, from: GtinEntry['from']): GtinEntry => ({ gtin: r.gtin, itemId: r.item_id, itemCode: r.code, itemName: r.name, pack: r.pack, per: r.per, from });

/** What a GTIN names: one learned at a scan, or else an item whose own barcode it is (at its base unit). */
export function findGtin(store: Store, gtin: string): GtinEntry | null {
  const learned = store.first<Row>('SELECT g.gtin, g.item_id, i.code, i.name, g.pack, g.per FROM item_gtins g JOIN items i ON i.id = g.item_id WHERE g.gtin = ?', [gtin]);
  if (learned) return entry(learned, 'learned');
  // An EAN-13 printed on the item is the same number as the GTIN-14 with a zero in front.
  const short = gtin.replace(/^0+/, '');
  const own = store.first<Omit<Row, 'gtin' | 'pack' | 'per'>>('SELECT id AS item_id, code, name, barcode FROM items WHERE active = 1 AND barcode IN (?, ?, ?)', [gtin, short, gtin.slice(1)]);
  return own ? entry({ ...own, gtin, pack: null, per: 1 }, 'barcode') : null;
}

export function listGtins(store: Store, itemId?: number): GtinEntry[] {
  return store
    .all<Row>(
      `SELECT g.gtin, g.item_id, i.code, i.name, g.pack, g.per FROM item_gtins g JOIN items i ON i.id = g.item_id
        WHERE (? IS NULL OR g.item_id = ?) ORDER BY i.code, g.per`,
      [itemId ?? null, itemId ?? null],
    )
    .map((r) => entry(r, 'learned'));
}

export function learnGtin(ctx: Ctx, gtin: string, itemId: number, pack: string | null): GtinEntry {
  if (!checkDigitOk(gtin)) throw new DepotError('gtin_check_digit', { gtin }, 'gtin');
  const item = ctx.store.first<{ packs: string; unit: string; barcode: string | null; active: number }>('SELECT packs, unit, barcode, active FROM items WHERE id = ?', [itemId]);
  if (!item || !item.active) throw new DepotError('not_found', { entity: 'item', id: itemId }, 'itemId');
  const packs = JSON.parse(item.packs) as Pack[];
  const level = pack === null || pack === item.unit ? null : packs.find((p) => p.unit === pack);
  if (level === undefined) throw new DepotError('gtin_pack', { pack, packs: [item.unit, ...packs.map((p) => p.unit)].join('、') }, 'pack');
  const taken = findGtin(ctx.store, gtin);
  if (taken && (taken.itemId !== itemId || taken.pack !== (level?.unit ?? null))) {
    throw new DepotError('gtin_taken', { gtin, item: `${taken.itemCode} ${taken.itemName}`, pack: taken.pack ?? item.unit }, 'gtin');
  }
  if (taken?.from === 'learned') return taken;
  ctx.store.run('INSERT INTO item_gtins (gtin, item_id, pack, per, operator_id, created_at) VALUES (?, ?, ?, ?, ?, ?)', [gtin, itemId, level?.unit ?? null, level?.per ?? 1, ctx.operator.id, ctx.now]);
  const learned = findGtin(ctx.store, gtin)!;
  audit(ctx, 'create', 'gtin', gtin, null, learned);
  ctx.emit('data.changed', { entity: 'gtins' });
  return learned;
}

export function forgetGtin(ctx: Ctx, gtin: string): { gtin: string } {
  const before = ctx.store.first('SELECT * FROM item_gtins WHERE gtin = ?', [gtin]);
  if (!before) throw new DepotError('not_found', { entity: 'gtin', id: gtin }, 'gtin');
  ctx.store.run('DELETE FROM item_gtins WHERE gtin = ?', [gtin]);
  audit(ctx, 'delete', 'gtin', gtin, before, null);
  ctx.emit('data.changed', { entity: 'gtins' });
  return { gtin };
}

