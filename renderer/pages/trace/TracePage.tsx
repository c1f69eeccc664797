import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Lot, LotTrace } from '../../../shared/contract/index.ts';
import type { Role } from '../../../shared/domain.ts';
import { command, invoke, mayCall, useQuery } from '../../api.ts';
import { ReasonDialog } from '../../widgets/Dialog.tsx';
import { ItemSearch } from '../../widgets/ItemSearch.tsx';
import { ScanField } from '../../widgets/ScanField.tsx';
import { resolveScan } from '../../widgets/scan.ts';
import { fmtNumber, localTime } from '../../widgets/format.ts';
import { RecallPanel } from './RecallPanel.tsx';
import { WriteOffDialog } from './WriteOffDialog.tsx';
import { ItemTraceView } from './ItemTraceView.tsx';
import './trace.css';
import { useOpenDocument } from '../../shell/open-doc.ts';

/**
 * 追溯召回: a lot's whole story on one page — received from whom, where it lies, every unit it
 * went to and whether they signed, what was written off — and, when it turns out bad, the recall.
 */
export function TracePage({ role }: { role: Role }) {
  const { t } = useTranslation();
  const items = useQuery('items.list', { includeInactive: true });
  const recalls = useQuery('recalls.list', {});
  const [itemId, setItemId] = useState<number | ''>('');
  const [lotId, setLotId] = useState<number | null>(null);
  const [trace, setTrace] = useState<LotTrace | null>(null);
  const [recallId, setRecallId] = useState<number | null>(null);
  useOpenDocument('recall', setRecallId);
  const [asking, setAsking] = useState<'recall' | 'writeOff' | null>(null);
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const [lots, setLots] = useState<Lot[]>([]);

  async function load(id: number | null) {
    setLotId(id);
    if (id === null) return setTrace(null);
    const r = await invoke('trace.lot', { lotId: id });
    setTrace(r.ok ? r.data : null);
  }
  useEffect(() => {
    let current = true;
    if (itemId === '') {
      setLots([]);
      void load(null);
    } else {
      void invoke('lots.find', { itemId }).then((r) => current && setLots(r.ok ? r.data : []));
    }
    return () => {
      current = false;
    };
  }, [itemId]);

  async function onScan(code: string): Promise<{ ok: boolean; text: string }> {
    // The lot's own label, or a GS1 code on its cartons (GTIN + lot): either finds the lot.
    const s = await resolveScan(code, items.data ?? []);
    if (s.kind !== 'lot' || !s.lot) return { ok: false, text: t('tracePage.scanNoLot', { code }) };
    setItemId(s.item.id);
    await load(s.lot.id);
    return { ok: true, text: t('tracePage.scanFound') };
  }

  const openRecall = trace?.recallId !== null && trace?.recallId !== undefined ? (recalls.data ?? []).find((r) => r.id === trace.recallId && r.status === 'open') : undefined;
  const unit = trace?.lot.unit ?? '';
  const qty = (n: number) => `${fmtNumber(n)}${unit}`;

  return (
    <div className="page trace-page">
      <h2>{t('nav.trace')}</h2>
      <div className="trace-finder">
        <ScanField onScan={onScan} />
        <ItemSearch id="trace-item" label={t('tracePage.item')} items={items.data ?? []} value={itemId} onChange={setItemId} placeholder={t('trace.learn.itemHint')} />
        <label className="labelled inline">
          <span>{t('tracePage.lot')}</span>
          <select aria-label={t('tracePage.lot')} value={lotId ?? ''} disabled={itemId === ''} onChange={(e) => void load(e.target.value ? Number(e.target.value) : null)}>
            <option value="">{t('tracePage.chooseLot')}</option>
            {lots.map((l) => (
              <option key={l.id} value={l.id}>
                {l.lotNo || t('tracePage.noLot')} {l.expiresOn ? `（${l.expiresOn}）` : ''}
              </option>
            ))}
          </select>
        </label>
      </div>

      {itemId !== '' && lotId === null && <ItemTraceView itemId={itemId} onLot={(id) => void load(id)} />}
      {trace && (
        <section className="trace-story" aria-label={t('tracePage.story')}>
          <header className="trace-head">
            <strong>
              {trace.lot.itemCode} {trace.lot.itemName}
            </strong>
            <span>{trace.lot.spec}</span>
            <span>
              {t('tracePage.lot')} {trace.lot.lotNo || t('tracePage.noLot')}
            </span>
            <span>
              {t('receiving.col.expiresOn')} {trace.lot.expiresOn ?? '—'}
            </span>
            <span className={`badge ${trace.lot.status === 'accepted' ? 'ok' : 'bad'}`}>{t(`lotStatus.${trace.lot.status}`)}</span>
            <span className="trace-totals">
              {t('tracePage.totals', { received: qty(trace.totals.received), dispatched: qty(trace.totals.dispatched), writtenOff: qty(trace.totals.writtenOff), onHand: qty(trace.totals.onHand) })}
            </span>
            <span className="spacer" />
            {openRecall ? (
              <button type="button" onClick={() => setRecallId(openRecall.id)}>
                {t('tracePage.showRecall', { no: openRecall.no })}
              </button>
            ) : (
              mayCall('recalls.open', role) && (
                <button type="button" className="danger" onClick={() => setAsking('recall')}>
                  {t('tracePage.recall')}
                </button>
              )
            )}
            {mayCall('writeOffs.saveDraft', role) && trace.stock.length > 0 && (
              <button type="button" onClick={() => setAsking('writeOff')}>
                {t('tracePage.writeOff')}
              </button>
            )}
          </header>
          {note && (
            <p className={note.ok ? 'saved-text' : 'error-text'} role={note.ok ? 'status' : 'alert'}>
              {note.text}
            </p>
          )}
          <div className="trace-tables">
            <table className="plain" aria-label={t('tracePage.receipts')}>
              <caption>{t('tracePage.receipts')}</caption>
              <thead>
                <tr>
                  <th>{t('tracePage.col.no')}</th>
                  <th>{t('tracePage.col.at')}</th>
                  <th>{t('tracePage.col.from')}</th>
                  <th className="n">{t('tracePage.col.qty')}</th>
                </tr>
              </thead>
              <tbody>
                {trace.receipts.map((r) => (
                  <tr key={r.receiptId}>
                    <td>{r.no}</td>
                    <td>{localTime(r.at)}</td>
                    <td>
                      {t(`sourceType.${r.sourceType}`)} {r.supplierName ?? r.unitName ?? ''}
                    </td>
                    <td className="n">{qty(r.qty)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <table className="plain" aria-label={t('tracePage.stock')}>
              <caption>{t('tracePage.stock')}</caption>
              <thead>
                <tr>
                  <th>{t('receiving.col.locationId')}</th>
                  <th className="n">{t('tracePage.col.onHand')}</th>
                  <th className="n">{t('tracePage.col.reserved')}</th>
                </tr>
              </thead>
              <tbody>
                {trace.stock.map((s) => (
                  <tr key={s.locationId}>
                    <td>{s.locationCode}</td>
                    <td className="n">{qty(s.onHand)}</td>
                    <td className="n">{qty(s.reserved)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <table className="plain wide" aria-label={t('tracePage.dispatches')}>
              <caption>{t('tracePage.dispatches')}</caption>
              <thead>
                <tr>
                  <th>{t('tracePage.col.no')}</th>
                  <th>{t('tracePage.col.shippedAt')}</th>
                  <th>{t('trace.col.unitName')}</th>
                  <th>{t('trace.col.contact')}</th>
                  <th className="n">{t('tracePage.col.qty')}</th>
                  <th>{t('tracePage.col.signed')}</th>
                </tr>
              </thead>
              <tbody>
                {trace.dispatches.map((x) => (
                  <tr key={x.orderId}>
                    <td>{x.orderNo}</td>
                    <td>{localTime(x.at)}</td>
                    <td>{x.unitName}</td>
                    <td>{`${x.contact} ${x.phone}`.trim()}</td>
                    <td className="n">{qty(x.qty)}</td>
                    <td>{x.deliveredAt ? `${localTime(x.deliveredAt)} ${x.receiver ?? ''}` : t('tracePage.notSigned')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {trace.writeOffs.length > 0 && (
              <table className="plain" aria-label={t('tracePage.writeOffs')}>
                <caption>{t('tracePage.writeOffs')}</caption>
                <tbody>
                  {trace.writeOffs.map((w) => (
                    <tr key={w.writeOffId}>
                      <td>{w.no}</td>
                      <td>{localTime(w.at)}</td>
                      <td>{t(`trace.reason.${w.reason}`)}</td>
                      <td className="n">{qty(w.qty)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </div>
        </section>
      )}

      <section className="trace-recalls" aria-label={t('tracePage.recalls')}>
        <h3>{t('tracePage.recalls')}</h3>
        {(recalls.data ?? []).length === 0 ? (
          <p className="soft">{t('tracePage.noRecalls')}</p>
        ) : (
          <table className="plain">
            <thead>
              <tr>
                <th>{t('trace.doc.recallNo')}</th>
                <th>{t('tracePage.item')}</th>
                <th>{t('tracePage.lot')}</th>
                <th>{t('trace.doc.reason')}</th>
                <th>{t('tracePage.col.status')}</th>
              </tr>
            </thead>
            <tbody>
              {(recalls.data ?? []).map((r) => (
                <tr key={r.id} className={r.id === recallId ? 'chosen' : ''}>
                  <td>
                    <button type="button" className="link" onClick={() => setRecallId(r.id)}>
                      {r.no}
                    </button>
                  </td>
                  <td>
                    {r.itemCode} {r.itemName}
                  </td>
                  <td>{r.lotNo}</td>
                  <td>{r.reason}</td>
                  <td>{t(`tracePage.recallStatus.${r.status}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {recallId !== null && <RecallPanel id={recallId} role={role} onChanged={() => void load(lotId)} />}

      {asking === 'recall' && trace && (
        <ReasonDialog
          title={t('tracePage.recallTitle', { lot: trace.lot.lotNo, item: trace.lot.itemName })}
          hint={t('tracePage.recallHint', { units: trace.dispatches.length, qty: qty(trace.totals.dispatched) })}
          confirm={t('tracePage.confirmRecall')}
          onClose={() => setAsking(null)}
          onConfirm={async (reason) => {
            const r = await command('recalls.open', { lotId: trace.lot.id, reason });
            if (!r.ok) return r.error;
            setAsking(null);
            setRecallId(r.data.id);
            recalls.refresh();
            await load(trace.lot.id);
            setNote({ ok: true, text: t('tracePage.recalled', { no: r.data.no, units: r.data.units.length }) });
            return null;
          }}
        />
      )}
      {asking === 'writeOff' && trace && (
        <WriteOffDialog
          trace={trace}
          recallId={openRecall?.id ?? null}
          onClose={() => setAsking(null)}
          onSaved={(no) => {
            setAsking(null);
            setNote({ ok: true, text: t('tracePage.writeOffSaved', { no }) });
          }}
        />
      )}
    </div>
  );
}
