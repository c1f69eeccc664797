import { FIGURE_MARKS, type Briefing, type BriefingLine } from '../../../shared/contract/ledger.ts';
import type { Ctx } from '../../core/context.ts';
import { audit } from '../../core/audit.ts';
import { DepotError } from '../../core/errors.ts';
import type { Store } from '../../store/db.ts';
import { flowsOf } from './flows.ts';
import type { MomentFlows } from './stats.ts';
import { dayStart, localDay } from './period.ts';

/**
 * The briefing's own lines (briefing_lines, migration 014): the command center says which
 * recipients and which goods one sentence covers, and how it is worded — e.g.
 *   向驰援人员临时入住酒店拨付床上用品、洗漱用品、清洁用品类{种数}种{件数}件
 *   市本级储备库已累计拨付保暖、安置类物资{种数}种{件数}件
 * The figures are dispatches net of their reversals, as the rest of the briefing counts them.
 */
interface LineRow {
  id: number;
  position: number;
  scope: 'cumulative' | 'today';
  wording_zh: string;
  wording_en: string;
  recipients: string;
  goods: string;
}

const fromRow = (r: LineRow): BriefingLine => ({
  id: r.id,
  position: r.position,
  scope: r.scope,
  wordingZh: r.wording_zh,
  wordingEn: r.wording_en,
  recipients: JSON.parse(r.recipients) as BriefingLine['recipients'],
  goods: JSON.parse(r.goods) as BriefingLine['goods'],
});

export function listBriefingLines(store: Store): BriefingLine[] {
  return store.all<LineRow>('SELECT * FROM briefing_lines ORDER BY position, id').map(fromRow);
}

export function saveBriefingLine(ctx: Ctx, line: Omit<BriefingLine, 'id'> & { id?: number }): BriefingLine {
  // Named subgroups and units must exist: a line that silently counts nothing would say 0件.
  line.recipients.unitSubtypes.forEach((code, i) => {
    if (!ctx.store.first("SELECT 1 FROM subgroups WHERE kind = 'unit_type' AND code = ?", [code])) throw new DepotError('not_found', { entity: 'subtype', id: code }, `recipients.unitSubtypes.${i}`);
  });
  line.goods.subcategories.forEach((code, i) => {
    if (!ctx.store.first("SELECT 1 FROM subgroups WHERE kind = 'category' AND code = ?", [code])) throw new DepotError('not_found', { entity: 'subcategory', id: code }, `goods.subcategories.${i}`);
  });
  line.recipients.unitIds.forEach((id, i) => {
    if (!ctx.store.first('SELECT 1 FROM units WHERE id = ?', [id])) throw new DepotError('not_found', { entity: 'unit', id }, `recipients.unitIds.${i}`);
  });
  const values = [line.position, line.scope, line.wordingZh, line.wordingEn, JSON.stringify(line.recipients), JSON.stringify(line.goods)];
  let id = line.id;
  if (id === undefined) {
    id = Number(ctx.store.run('INSERT INTO briefing_lines (position, scope, wording_zh, wording_en, recipients, goods) VALUES (?, ?, ?, ?, ?, ?)', values).lastInsertRowid);
  } else if (ctx.store.run('UPDATE briefing_lines SET position = ?, scope = ?, wording_zh = ?, wording_en = ?, recipients = ?, goods = ? WHERE id = ?', [...values, id]).changes === 0) {
    throw new DepotError('not_found', { entity: 'briefing_line', id }, 'id');
  }
  const saved = listBriefingLines(ctx.store).find((l) => l.id === id)!;
  audit(ctx, line.id === undefined ? 'create' : 'update', 'briefing_line', id, null, saved);
  return saved;
}

export function deleteBriefingLine(ctx: Ctx, id: number): { id: number } {
  if (ctx.store.run('DELETE FROM briefing_lines WHERE id = ?', [id]).changes === 0) throw new DepotError('not_found', { entity: 'briefing_line', id }, 'id');
  audit(ctx, 'delete', 'briefing_line', id, null, null);
  return { id };
}

const fill = (wording: string, kinds: number, pieces: number) => {
  let text = wording;
  for (const m of FIGURE_MARKS.kinds) text = text.replaceAll(m, String(kinds));
  for (const m of FIGURE_MARKS.pieces) text = text.replaceAll(m, String(pieces));
  return text;
};

/** Each line's figures at the moment `at`, and its sentence in both languages. */
export function briefingLineFigures(store: Store, at: string, flows?: MomentFlows): Briefing['lines'] {
  const lines = listBriefingLines(store);
  if (lines.length === 0) return [];
  const to = new Date(Date.parse(at) + 1).toISOString();
  const windows = flows ?? { cumulative: flowsOf(store, null, to), today: flowsOf(store, dayStart(localDay(at)), to) };
  const items = new Map(store.all<{ id: number; category: string; subcategory: string | null }>('SELECT id, category, subcategory FROM items').map((i) => [i.id, i]));
  const units = new Map(store.all<{ id: number; type: string; subtype: string | null }>('SELECT id, type, subtype FROM units').map((u) => [u.id, u]));
  return lines.map((line) => {
    const r = line.recipients;
    const g = line.goods;
    const anyRecipient = r.unitTypes.length + r.unitSubtypes.length + r.unitIds.length === 0;
    const anyGoods = g.categories.length + g.subcategories.length === 0;
    const perItem = new Map<number, number>();
    let pieces = 0;
    let amount = 0;
    for (const f of windows[line.scope]) {
      if (f.docType !== 'dispatch' && f.docType !== 'dispatch_reversal' && f.docType !== 'delivery_adjustment') continue;
      const unit = f.unit === null ? undefined : units.get(f.unit);
      // Goods short or damaged in transit reached no one: no recipient line counts them.
      if (!unit) continue;
      if (!anyRecipient && !r.unitIds.includes(unit.id) && !r.unitTypes.includes(unit.type) && !(unit.subtype !== null && r.unitSubtypes.includes(unit.subtype))) continue;
      const item = items.get(f.item)!;
      if (!anyGoods && !g.categories.includes(item.category) && !(item.subcategory !== null && g.subcategories.includes(item.subcategory))) continue;
      perItem.set(f.item, (perItem.get(f.item) ?? 0) - f.qty);
      pieces -= f.qty;
      amount -= f.amount;
    }
    let kinds = 0;
    for (const q of perItem.values()) if (q > 0) kinds++;
    return { id: line.id, kinds, pieces, amount, zh: fill(line.wordingZh, kinds, pieces), en: fill(line.wordingEn, kinds, pieces) };
  });
}
