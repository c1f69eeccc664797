import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ShiftReport } from '../../../shared/contract/index.ts';
import type { AppError } from '../../../shared/errors.ts';
import { invoke } from '../../api.ts';
import { fmtNumber, fromLocalInput, localTime, toLocalInput } from '../../widgets/format.ts';
import { Refusal } from '../../widgets/Refusal.tsx';

/** The shift the desk is in: day shift 8–20 h, night shift 20–8 h (from yesterday evening before 8 h). */
function currentShift(now = new Date()): { from: string; to: string } {
  const start = new Date(now);
  start.setMinutes(0, 0, 0);
  const h = now.getHours();
  if (h >= 8 && h < 20) start.setHours(8);
  else {
    if (h < 8) start.setDate(start.getDate() - 1);
    start.setHours(20);
  }
  // The field shows minutes: the end is the next whole minute, so what was posted this minute is in.
  const end = new Date(now);
  end.setSeconds(60, 0);
  return { from: toLocalInput(start.toISOString()), to: toLocalInput(end.toISOString()) };
}

/** 交接班: what happened between two moments and what the next shift takes over, printable. */
export function ShiftReportPanel() {
  const { t } = useTranslation();
  const [period, setPeriod] = useState(currentShift);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [report, setReport] = useState<ShiftReport | null>(null);

  async function make(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    // An empty or unreadable field goes to the core as it is, so that its refusal names the field.
    const answer = await invoke('ledger.shiftReport', { from: fromLocalInput(period.from) ?? period.from, to: fromLocalInput(period.to) ?? period.to });
    setBusy(false);
    if (!answer.ok) return setError(answer.error);
    setReport(answer.data);
  }

  return (
    <div className="shift">
      <form className="ledger-form no-print" onSubmit={(e) => void make(e)}>
        <label>
          <span>{t('shiftPage.from')}</span>
          <input type="datetime-local" value={period.from} onChange={(e) => setPeriod({ ...period, from: e.target.value })} aria-invalid={error?.field === 'from' ? true : undefined} />
        </label>
        <label>
          <span>{t('shiftPage.to')}</span>
          <input type="datetime-local" value={period.to} onChange={(e) => setPeriod({ ...period, to: e.target.value })} aria-invalid={error?.field === 'to' ? true : undefined} />
        </label>
        <div className="ledger-actions">
          <button type="submit" className="primary" disabled={busy}>
            {t('shiftPage.make')}
          </button>
          <button type="button" disabled={!report} onClick={() => window.print()}>
            {t('shiftPage.print')}
          </button>
          {error && <Refusal>{error.message}</Refusal>}
        </div>
      </form>
      {report && <ShiftSheet report={report} />}
    </div>
  );
}

function ShiftSheet({ report: r }: { report: ShiftReport }) {
  const { t } = useTranslation();
  const o = r.open;
  const openCount = o.draftReceipts.length + o.pendingLots.length + o.quarantinedLots.length + o.openStocktakes.length + o.openDispatches.length;
  return (
    <article className="shift-report" aria-label={t('shiftPage.title', { depot: r.depotName })}>
      <h3>{t('shiftPage.title', { depot: r.depotName })}</h3>
      <p className="shift-period">{t('shiftPage.period', { from: localTime(r.from), to: localTime(r.to) })}</p>

      <h4>{t('shiftPage.documents', { count: r.documents.length })}</h4>
      {r.documents.length === 0 ? (
        <p className="soft">{t('shiftPage.noDocuments')}</p>
      ) : (
        <table className="stats-table wide" aria-label={t('shiftPage.documentsTable')}>
          <thead>
            <tr>
              <th scope="col">{t('ledger.col.at')}</th>
              <th scope="col">{t('ledger.col.docType')}</th>
              <th scope="col">{t('ledger.col.docNo')}</th>
              <th scope="col">{t('ledger.col.counterparty')}</th>
              <th scope="col">{t('shiftPage.lines')}</th>
              <th scope="col">{t('ledger.col.qtyIn')}</th>
              <th scope="col">{t('ledger.col.qtyOut')}</th>
              <th scope="col">{t('ledger.col.operator')}</th>
            </tr>
          </thead>
          <tbody>
            {r.documents.map((d) => (
              <tr key={`${d.docType}-${d.docId}`} className={d.docType.endsWith('_reversal') ? 'red-ink' : undefined}>
                <td className="text">{localTime(d.at)}</td>
                <td className="text">{t(`docType.${d.docType}`, { defaultValue: d.docType })}</td>
                <td className="text">{d.docNo}</td>
                <td className="text">{d.counterparty ?? ''}</td>
                <td>{fmtNumber(d.lines)}</td>
                <td>{d.qtyIn ? fmtNumber(d.qtyIn) : ''}</td>
                <td>{d.qtyOut ? fmtNumber(d.qtyOut) : ''}</td>
                <td className="text">{d.operator}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      {r.byItem.length > 0 && (
        <>
          <h4>{t('shiftPage.byItem')}</h4>
          <table className="stats-table wide" aria-label={t('shiftPage.byItem')}>
            <thead>
              <tr>
                <th scope="col">{t('ledger.col.itemCode')}</th>
                <th scope="col">{t('ledger.col.itemName')}</th>
                <th scope="col">{t('ledger.col.unit')}</th>
                <th scope="col">{t('ledger.col.qtyIn')}</th>
                <th scope="col">{t('ledger.col.qtyOut')}</th>
                <th scope="col">{t('shiftPage.net')}</th>
              </tr>
            </thead>
            <tbody>
              {r.byItem.map((i) => (
                <tr key={i.itemId}>
                  <td className="text">{i.itemCode}</td>
                  <td className="text">{i.itemName}</td>
                  <td className="text">{i.unit}</td>
                  <td>{fmtNumber(i.qtyIn)}</td>
                  <td>{fmtNumber(i.qtyOut)}</td>
                  <td>{fmtNumber(i.net)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}

      {r.lotStatusChanges.length > 0 && (
        <>
          <h4>{t('shiftPage.lotChanges')}</h4>
          <ul className="shift-list">
            {r.lotStatusChanges.map((c, i) => (
              <li key={i}>
                {t('shiftPage.lotChange', {
                  at: localTime(c.at),
                  item: c.itemName,
                  lot: c.lotNo,
                  from: c.from ? t(`lotStatus.${c.from}`) : '—',
                  to: t(`lotStatus.${c.to}`),
                  operator: c.operator,
                })}
                {c.note && `（${c.note}）`}
              </li>
            ))}
          </ul>
        </>
      )}

      <h4>{t('shiftPage.handover', { count: openCount })}</h4>
      {openCount === 0 && <p className="soft">{t('shiftPage.nothingOpen')}</p>}
      <ul className="shift-list">
        {o.openDispatches.map((d) => (
          <li key={`d${d.id}`}>{t('shiftPage.openDispatch', { no: d.no, unit: d.unitName, status: t(`dispatchStatus.${d.status}`, { defaultValue: d.status }) })}</li>
        ))}
        {o.draftReceipts.map((d) => (
          <li key={`r${d.id}`}>{t('shiftPage.draftReceipt', { source: t(`sourceType.${d.sourceType}`, { defaultValue: d.sourceType }), supplier: d.supplierName ?? '', lines: d.lines, at: localTime(d.createdAt) })}</li>
        ))}
        {o.pendingLots.map((l) => (
          <li key={`p${l.lotId}`}>{t('shiftPage.pendingLot', { item: l.itemName, lot: l.lotNo, qty: fmtNumber(l.onHand) })}</li>
        ))}
        {o.quarantinedLots.map((l) => (
          <li key={`q${l.lotId}`}>{t('shiftPage.quarantinedLot', { item: l.itemName, lot: l.lotNo, qty: fmtNumber(l.onHand) })}</li>
        ))}
        {o.openStocktakes.map((s) => (
          <li key={`s${s.id}`}>{t('shiftPage.openStocktake', { no: s.no, at: localTime(s.createdAt) })}</li>
        ))}
      </ul>

      <p className="shift-signatures">
        <span>{t('shiftPage.handedBy')}</span>
        <span>{t('shiftPage.takenBy')}</span>
        <span>{t('shiftPage.signedAt')}</span>
      </p>
    </article>
  );
}
