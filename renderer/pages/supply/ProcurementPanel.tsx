import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProcurementPlan, ProcurementProposal } from '../../../shared/contract/index.ts';
import type { Role } from '../../../shared/domain.ts';
import { command, mayCall } from '../../api.ts';
import { fenFromYuan, fmtNumber, yuan, yuanText } from '../../widgets/format.ts';
import { PlanEditor, PlanTableHead } from './PlanEditor.tsx';

interface SplitDraft {
  supplierId: number;
  qty: string;
  price: string;
  promisedOn: string;
}

/**
 * 拟定采购计划: each proposed line split across suppliers (capacity, lead time, last price and
 * qualification shown), saved as a plan; an approver releases an expired supplier with a reason,
 * then approves, which makes one purchase order per supplier.
 */
export function ProcurementPanel({ proposal, role, opened = null }: { proposal: ProcurementProposal; role: Role; opened?: ProcurementPlan | null }) {
  const { t } = useTranslation();
  const usable = proposal.suppliers.filter((s) => !s.expired);
  const first = usable[0] ?? proposal.suppliers[0];
  const [splits, setSplits] = useState<Record<number, SplitDraft[]>>(() =>
    Object.fromEntries(
      proposal.lines.map((l) => {
        const last = l.lastPrices.find((p) => p.supplierId === first?.supplierId);
        return [l.itemId, first ? [{ supplierId: first.supplierId, qty: String(l.suggested), price: last ? yuanText(last.unitPrice) : '', promisedOn: '' }] : []];
      }),
    ),
  );
  const [plan, setPlan] = useState<ProcurementPlan | null>(opened);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [reasons, setReasons] = useState<Record<number, string>>({});
  const [busy, setBusy] = useState(false);
  const [editing, setEditing] = useState(false);

  const edit = (itemId: number, i: number, change: Partial<SplitDraft>) =>
    setSplits((all) => ({ ...all, [itemId]: all[itemId]!.map((s, j) => (j === i ? { ...s, ...change } : s)) }));
  const offer = (supplierId: number) => proposal.suppliers.find((s) => s.supplierId === supplierId);

  async function run<T>(work: () => Promise<{ ok: true; data: T } | { ok: false; error: { message: string } }>, done: (data: T) => string) {
    setBusy(true);
    const result = await work();
    setBusy(false);
    if (!result.ok) return setMessage({ ok: false, text: result.error.message });
    setMessage({ ok: true, text: done(result.data) });
  }

  const save = () =>
    run(
      () =>
        command('procurement.save', {
          allocationPlanId: proposal.allocationPlanId,
          lines: proposal.lines
            .filter((l) => (splits[l.itemId] ?? []).length > 0)
            .map((l) => ({
              itemId: l.itemId,
              splits: splits[l.itemId]!.map((s) => ({
                supplierId: s.supplierId,
                qty: /^\d+$/.test(s.qty.trim()) ? Number(s.qty.trim()) : s.qty,
                unitPrice: fenFromYuan(s.price) ?? null,
                promisedOn: s.promisedOn || null,
              })),
            })),
        }),
      (saved: ProcurementPlan) => {
        setPlan(saved);
        return t('supply.plan.saved', { no: saved.no });
      },
    );

  if (plan && editing) {
    return (
      <div className="procurement-plan">
        <h4>{t('supply.plan.title', { no: plan.no, status: t(`supply.plan.status.${plan.status}`) })}</h4>
        <PlanEditor
          plan={plan}
          suppliers={proposal.suppliers}
          onCancel={() => setEditing(false)}
          onSaved={(p) => {
            setPlan(p);
            setEditing(false);
            setMessage({ ok: true, text: t('supply.edit.saved', { no: p.no, version: p.version }) });
          }}
        />
      </div>
    );
  }

  if (plan) {
    const blocked = plan.lines.some((l) => l.splits.some((s) => s.blocked));
    return (
      <div className="procurement-plan">
        <h4>{t('supply.plan.title', { no: plan.no, status: t(`supply.plan.status.${plan.status}`) })}</h4>
        <table className="plan-table">
          <thead>
            <tr>
              <th>{t('supply.page.col.item')}</th>
              <th>{t('supply.page.col.supplier')}</th>
              <th>{t('supply.plan.qty')}</th>
              <th>{t('supply.page.col.unitPrice')}</th>
              <th>{t('supply.page.col.promisedOn')}</th>
              <th>{t('supply.plan.qualification')}</th>
            </tr>
          </thead>
          <tbody>
            {plan.lines.flatMap((l) => [
              ...l.splits.map((s, i) => (
                <tr key={s.id} className={s.blocked ? 'blocked' : undefined}>
                  <td>{i === 0 ? `${l.itemCode} ${l.itemName}` : ''}</td>
                  <td>{s.supplierName}</td>
                  <td className="n">{`${fmtNumber(s.qty)}${l.unit}`}</td>
                  <td className="n">{yuan(s.unitPrice)}</td>
                  <td>{s.promisedOn ?? ''}</td>
                  <td>
                    {!s.expired ? t('supply.plan.valid')
                    : s.overrideReason !== null ? t('supply.plan.released', { reason: s.overrideReason, by: s.overrideBy ?? '' })
                    : (
                      <span className="error-text">
                        {t('supply.plan.expired', { date: s.qualificationExpiry })}
                        {plan.status === 'draft' && mayCall('procurement.override', role) && (
                          <span className="release">
                            <input
                              aria-label={t('supply.plan.reasonFor', { supplier: s.supplierName })}
                              placeholder={t('supply.plan.reason')}
                              value={reasons[s.id] ?? ''}
                              onChange={(e) => setReasons((r) => ({ ...r, [s.id]: e.target.value }))}
                            />
                            <button
                              type="button"
                              disabled={busy}
                              onClick={() =>
                                void run(
                                  () => command('procurement.override', { id: plan.id, splitId: s.id, reason: reasons[s.id] ?? '' }),
                                  (p: ProcurementPlan) => (setPlan(p), t('supply.plan.releasedOk', { supplier: s.supplierName })),
                                )
                              }
                            >
                              {t('supply.plan.release')}
                            </button>
                          </span>
                        )}
                      </span>
                    )}
                  </td>
                </tr>
              )),
              <tr key={`how-${l.id}`} className="plan-how">
                <td />
                <td colSpan={5}>
                  {l.how}
                  {l.edited && <div className="plan-edited">{l.edited.words}</div>}
                </td>
              </tr>,
            ])}
          </tbody>
        </table>
        <div className="toolbar">
          {plan.status === 'draft' && mayCall('procurement.edit', role) && (
            <button type="button" disabled={busy} onClick={() => (setMessage(null), setEditing(true))}>
              {t('supply.edit.start')}
            </button>
          )}
          {plan.status === 'draft' && mayCall('procurement.approve', role) && (
            <button
              type="button"
              className="primary"
              disabled={busy}
              title={blocked ? t('supply.plan.blockedHint') : undefined}
              onClick={() => void run(() => command('procurement.approve', { id: plan.id, version: plan.version }), (p: ProcurementPlan) => (setPlan(p), t('supply.plan.approved', { orders: p.purchaseOrders.map((o) => o.no).join('、') })))}
            >
              {t('supply.plan.approve')}
            </button>
          )}
          {message && (
            <span className={`status-line ${message.ok ? 'saved' : 'refused'}`} role={message.ok ? 'status' : 'alert'}>
              {message.text}
            </span>
          )}
        </div>
      </div>
    );
  }

  return (
    <div className="procurement-plan">
      <table className="plan-table">
        <PlanTableHead />
        <tbody>
          {proposal.lines.flatMap((l) =>
            (splits[l.itemId] ?? []).map((s, i) => {
              const o = offer(s.supplierId);
              return (
                <tr key={`${l.itemId}-${i}`}>
                  <td>{i === 0 ? `${l.itemCode} ${l.itemName}` : ''}</td>
                  <td className="n">{i === 0 ? `${fmtNumber(l.suggested)}${l.unit}` : ''}</td>
                  <td>
                    <select aria-label={t('supply.plan.supplierFor', { item: l.itemName, n: i + 1 })} value={s.supplierId} onChange={(e) => edit(l.itemId, i, { supplierId: Number(e.target.value) })}>
                      {proposal.suppliers.map((x) => (
                        <option key={x.supplierId} value={x.supplierId}>
                          {t('supply.plan.offer', { name: x.supplierName, capacity: x.capacityPerDay || '—', lead: x.leadTimeDays ?? '—' })}
                          {x.expired ? ` ${t('supply.plan.expiredMark')}` : ''}
                        </option>
                      ))}
                    </select>
                    {o?.expired && <span className="error-text"> {t('supply.plan.expired', { date: o.qualificationExpiry })}</span>}
                  </td>
                  <td>
                    <input aria-label={t('supply.plan.qtyFor', { item: l.itemName, n: i + 1 })} className="qty-input" value={s.qty} onChange={(e) => edit(l.itemId, i, { qty: e.target.value })} />
                  </td>
                  <td>
                    <input aria-label={t('supply.plan.priceFor', { item: l.itemName, n: i + 1 })} className="price-input" value={s.price} onChange={(e) => edit(l.itemId, i, { price: e.target.value })} />
                  </td>
                  <td>
                    <input type="date" aria-label={t('supply.plan.dateFor', { item: l.itemName, n: i + 1 })} value={s.promisedOn} onChange={(e) => edit(l.itemId, i, { promisedOn: e.target.value })} />
                  </td>
                  <td>
                    {i === 0 ? (
                      <button type="button" onClick={() => setSplits((all) => ({ ...all, [l.itemId]: [...all[l.itemId]!, { supplierId: (usable[1] ?? first)!.supplierId, qty: '', price: '', promisedOn: '' }] }))}>
                        {t('supply.plan.addSplit')}
                      </button>
                    ) : (
                      <button type="button" onClick={() => setSplits((all) => ({ ...all, [l.itemId]: all[l.itemId]!.filter((_, j) => j !== i) }))}>
                        {t('supply.plan.removeSplit')}
                      </button>
                    )}
                  </td>
                </tr>
              );
            }),
          )}
        </tbody>
      </table>
      <div className="toolbar">
        {mayCall('procurement.save', role) && (
          <button type="button" className="primary" data-ctrl-enter disabled={busy || proposal.lines.length === 0} onClick={() => void save()}>
            {t('supply.plan.save')}
          </button>
        )}
        {message && (
          <span className={`status-line ${message.ok ? 'saved' : 'refused'}`} role={message.ok ? 'status' : 'alert'}>
            {message.text}
          </span>
        )}
      </div>
    </div>
  );
}
