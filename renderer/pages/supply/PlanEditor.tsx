import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProcurementPlan, SupplierOffer } from '../../../shared/contract/index.ts';
import { command, useQuery } from '../../api.ts';
import { fenFromYuan, fmtNumber, yuanText } from '../../widgets/format.ts';
import { Refusal } from '../../widgets/Refusal.tsx';

interface SplitDraft {
  supplierId: number;
  qty: string;
  price: string;
  promisedOn: string;
}
interface LineDraft {
  itemId: number;
  label: string;
  /** What the sum proposed, for an item already in the plan; null for one added here. */
  suggested: string | null;
  splits: SplitDraft[];
}

/**
 * 修改采购计划: the saved draft's lines as they are to be — quantities and splits changed, lines
 * removed, items added — sent whole with the version it was read at, so a stale edit is refused.
 */
export function PlanEditor({ plan, suppliers, onSaved, onCancel }: { plan: ProcurementPlan; suppliers: SupplierOffer[]; onSaved: (p: ProcurementPlan) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const items = useQuery('items.list', {});
  const [lines, setLines] = useState<LineDraft[]>(() =>
    plan.lines.map((l) => ({
      itemId: l.itemId,
      label: `${l.itemCode} ${l.itemName}`,
      suggested: `${fmtNumber(l.suggested)}${l.unit}`,
      splits: l.splits.map((s) => ({ supplierId: s.supplierId, qty: String(s.qty), price: yuanText(s.unitPrice), promisedOn: s.promisedOn ?? '' })),
    })),
  );
  const [adding, setAdding] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const first = suppliers.find((s) => !s.expired) ?? suppliers[0];

  const change = (k: number, f: (l: LineDraft) => LineDraft) => setLines((all) => all.map((l, i) => (i === k ? f(l) : l)));
  const setSplit = (k: number, j: number, c: Partial<SplitDraft>) => change(k, (l) => ({ ...l, splits: l.splits.map((s, i) => (i === j ? { ...s, ...c } : s)) }));
  const blank = (): SplitDraft => ({ supplierId: first?.supplierId ?? 0, qty: '', price: '', promisedOn: '' });
  const addable = (items.data ?? []).filter((i) => i.active && !lines.some((l) => l.itemId === i.id));

  async function save() {
    setBusy(true);
    const r = await command('procurement.edit', {
      id: plan.id,
      version: plan.version,
      lines: lines.map((l) => ({
        itemId: l.itemId,
        splits: l.splits.map((s) => ({
          supplierId: s.supplierId,
          qty: /^\d+$/.test(s.qty.trim()) ? Number(s.qty.trim()) : s.qty,
          unitPrice: fenFromYuan(s.price) ?? null,
          promisedOn: s.promisedOn || null,
        })),
      })),
    });
    setBusy(false);
    if (!r.ok) return setMessage(r.error.message);
    onSaved(r.data);
  }

  return (
    <div className="plan-editor">
      <table className="plan-table">
        <PlanTableHead />
        <tbody>
          {lines.flatMap((l, k) =>
            l.splits.map((s, j) => (
              <tr key={`${l.itemId}-${j}`}>
                <td>
                  {j === 0 && (
                    <>
                      {l.label}{' '}
                      <button type="button" onClick={() => setLines((all) => all.filter((_, i) => i !== k))}>
                        {t('supply.edit.removeLine', { item: l.label })}
                      </button>
                    </>
                  )}
                </td>
                <td className="n">{j === 0 ? (l.suggested ?? t('supply.edit.byHand')) : ''}</td>
                <td>
                  <select aria-label={t('supply.plan.supplierFor', { item: l.label, n: j + 1 })} value={s.supplierId} onChange={(e) => setSplit(k, j, { supplierId: Number(e.target.value) })}>
                    {suppliers.map((x) => (
                      <option key={x.supplierId} value={x.supplierId}>
                        {t('supply.plan.offer', { name: x.supplierName, capacity: x.capacityPerDay || '—', lead: x.leadTimeDays ?? '—' })}
                        {x.expired ? ` ${t('supply.plan.expiredMark')}` : ''}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <input aria-label={t('supply.plan.qtyFor', { item: l.label, n: j + 1 })} className="qty-input" value={s.qty} onChange={(e) => setSplit(k, j, { qty: e.target.value })} />
                </td>
                <td>
                  <input aria-label={t('supply.plan.priceFor', { item: l.label, n: j + 1 })} className="price-input" value={s.price} onChange={(e) => setSplit(k, j, { price: e.target.value })} />
                </td>
                <td>
                  <input type="date" aria-label={t('supply.plan.dateFor', { item: l.label, n: j + 1 })} value={s.promisedOn} onChange={(e) => setSplit(k, j, { promisedOn: e.target.value })} />
                </td>
                <td>
                  {j === 0 ? (
                    <button type="button" onClick={() => change(k, (x) => ({ ...x, splits: [...x.splits, blank()] }))}>
                      {t('supply.plan.addSplit')}
                    </button>
                  ) : (
                    <button type="button" onClick={() => change(k, (x) => ({ ...x, splits: x.splits.filter((_, i) => i !== j) }))}>
                      {t('supply.plan.removeSplit')}
                    </button>
                  )}
                </td>
              </tr>
            )),
          )}
        </tbody>
      </table>
      <div className="toolbar">
        <select aria-label={t('supply.edit.itemToAdd')} value={adding} onChange={(e) => setAdding(e.target.value)}>
          <option value="">{t('supply.edit.itemToAdd')}</option>
          {addable.map((i) => (
            <option key={i.id} value={i.id}>{`${i.code} ${i.name}`}</option>
          ))}
        </select>
        <button
          type="button"
          disabled={adding === ''}
          onClick={() => {
            const it = addable.find((i) => i.id === Number(adding));
            if (it) setLines((all) => [...all, { itemId: it.id, label: `${it.code} ${it.name}`, suggested: null, splits: [blank()] }]);
            setAdding('');
          }}
        >
          {t('supply.edit.addItem')}
        </button>
        <button type="button" className="primary" disabled={busy || lines.length === 0} onClick={() => void save()}>
          {t('supply.edit.save')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('supply.edit.cancel')}
        </button>
        {message && <Refusal>{message}</Refusal>}
      </div>
    </div>
  );
}

/** The columns of a plan's table, the same whether it is proposed, saved or being edited. */
export function PlanTableHead() {
  const { t } = useTranslation();
  return (
    <thead>
      <tr>
        <th>{t('supply.page.col.item')}</th>
        <th>{t('supply.page.col.suggested')}</th>
        <th>{t('supply.page.col.supplier')}</th>
        <th>{t('supply.plan.qty')}</th>
        <th>{t('supply.page.col.unitPrice')}</th>
        <th>{t('supply.page.col.promisedOn')}</th>
        <th />
      </tr>
    </thead>
  );
}
