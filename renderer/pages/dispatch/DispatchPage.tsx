import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DISPATCH_STATUSES, type DispatchStatus, type DispatchSummary } from '../../../shared/contract/dispatch.ts';
import type { Role } from '../../../shared/domain.ts';
import { command, invoke, mayCall, useQuery } from '../../api.ts';
import { localDay } from './format.ts';
import { OrderForm } from './OrderForm.tsx';
import { OrderPanel } from './OrderPanel.tsx';
import { OrdersGrid } from './OrdersGrid.tsx';
import { pickable, printable } from './SlipPrint.tsx';
import './dispatch.css';
import { useOpenDocument } from '../../shell/open-doc.ts';

type Panel = { kind: 'none' } | { kind: 'new' } | { kind: 'order'; id: number; signOff: boolean; nonce: number };

interface Note {
  kind: 'ok' | 'error';
  text: string;
  details?: string[];
}

/**
 * 出库调拨: the day's orders by status (urgent first), one order opened below the grid, a
 * new order typed in by hand, bulk approval, and the sign-off of returned slips by scanning
 * their QR code (the scanner types the order number and Enter).
 */
export function DispatchPage({ role }: { role: Role }) {
  const { t } = useTranslation();
  const [day, setDay] = useState(localDay);
  // By default the day's orders and every order still open, whatever day it began: five trucks shipped
  // at 23:58 and not yet signed for stay in view after midnight.
  const [scope, setScope] = useState<'dayAndOpen' | 'day' | 'open'>('dayAndOpen');
  const openOnly = scope === 'open';
  const shown = scope === 'open' ? { open: true } : scope === 'day' ? { day } : { day, andOpen: true };
  const list = useQuery('dispatch.list', shown);
  // The list stops at 500 orders; the page always says how many there are in all.
  const total = useQuery('dispatch.count', shown);
  const shownAll = !list.data || !total.data || total.data.total <= list.data.length;
  const [status, setStatus] = useState<DispatchStatus | 'all'>('all');
  const [panel, setPanel] = useState<Panel>({ kind: 'none' });
  const [selected, setSelected] = useState<DispatchSummary[]>([]);
  const [filter, setFilter] = useState('');
  const [count, setCount] = useState<number | null>(null);
  const [note, setNote] = useState<Note | null>(null);
  const [scan, setScan] = useState('');
  const [scanError, setScanError] = useState<string | null>(null);
  const scanRef = useRef<HTMLInputElement>(null);

  const counts = useMemo(() => {
    const c = new Map<string, number>();
    for (const o of list.data ?? []) c.set(o.status, (c.get(o.status) ?? 0) + 1);
    return c;
  }, [list.data]);
  const rows = useMemo(() => (status === 'all' ? list.data : list.data?.filter((o) => o.status === status)), [list.data, status]);

  const canCreate = mayCall('dispatch.create', role);
  const canApproveMany = mayCall('dispatch.approveMany', role);
  // The selected orders as they are now (the grid's selection keeps the rows as they were when
  // picked), in the grid's order: urgent first, which is the order the slips come out of the printer.
  const chosen = (list.data ?? []).filter((o) => selected.some((s) => s.id === o.id));
  const drafts = chosen.filter((o) => o.status === 'draft');
  const toPrint = chosen.filter(printable);
  const toPick = chosen.filter(pickable);
  const [printing, setPrinting] = useState<string | null>(null);
  const openId = panel.kind === 'order' ? panel.id : null;

  const open = (id: number, signOff = false) => setPanel({ kind: 'order', id, signOff, nonce: Date.now() });
  useOpenDocument('dispatch', (id) => open(id));

  async function onScan(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    // The field empties after every code, found or not, so the next scan never lands behind a bad one;
    // order numbers are upper case (CK…), whatever the scanner's or keyboard's case.
    const no = scan.trim().toUpperCase();
    setScan('');
    if (!no) return;
    const result = no.length <= 40 ? await invoke('dispatch.get', { no }) : null;
    if (!result?.ok) {
      setScanError(result && result.error.code !== 'not_found' ? result.error.message : t('dispatch.scan.notFound', { code: no.slice(0, 40) }));
      return;
    }
    setScanError(null);
    open(result.data.id, true);
  }

  async function approveSelected() {
    const result = await command('dispatch.approveMany', { ids: drafts.map((o) => o.id) });
    if (!result.ok) return setNote({ kind: 'error', text: result.error.message });
    const { approved, refused } = result.data;
    setNote({
      kind: refused.length > 0 ? 'error' : 'ok',
      text: t('dispatch.bulk.result', { approved: approved.length, refused: refused.length }),
      // The core's message names the order already; otherwise say which one it is about.
      details: refused.map((r) => (r.message.includes(r.no) ? r.message : t('dispatch.bulk.refusedLine', { no: r.no, message: r.message }))),
    });
  }

  /** One slip after another on the depot's slip printer; a printer error stops the run (the rest would fail alike). */
  async function printSelected() {
    const batch = toPrint;
    let printed = 0;
    setNote(null);
    for (const o of batch) {
      setPrinting(t('dispatch.bulk.printing', { done: printed, count: batch.length }));
      const result = await invoke('print.slip', { order: o.id, output: 'printer' });
      if (!result.ok) {
        setPrinting(null);
        return setNote({ kind: 'error', text: t('dispatch.bulk.printStopped', { printed, no: o.no }), details: [result.error.message] });
      }
      printed += 1;
    }
    setPrinting(null);
    setNote({ kind: 'ok', text: t('dispatch.bulk.printResult', { printed }) });
  }

  /** One pick list for the selected approved orders: the store walked once for all of them. */
  async function printWave() {
    setNote(null);
    setPrinting(t('dispatch.print.printing'));
    const result = await invoke('print.pickList', { orders: toPick.map((o) => o.id), output: 'printer' });
    setPrinting(null);
    if (!result.ok) return setNote({ kind: 'error', text: result.error.message });
    setNote({ kind: 'ok', text: t('dispatch.bulk.pickWavePrinted', { title: result.data.title }) });
  }

  return (
    <section className="page dispatch-page" aria-labelledby="dispatch-title">
      <div className="toolbar">
        <h2 id="dispatch-title">{t('nav.dispatch')}</h2>
        <label className="check">
          <span>{t('dispatch.day')}</span>
          <input type="date" value={day} disabled={openOnly} onChange={(e) => e.target.value && setDay(e.target.value)} />
        </label>
        <select value={scope} onChange={(e) => setScope(e.target.value as typeof scope)} aria-label={t('dispatch.scope.label')}>
          <option value="dayAndOpen">{t('dispatch.scope.dayAndOpen')}</option>
          <option value="day">{t('dispatch.scope.day')}</option>
          <option value="open">{t('dispatch.openOnly')}</option>
        </select>
        <input type="search" className="quick-filter" placeholder={t('action.filter')} aria-label={t('action.filter')} value={filter} onChange={(e) => setFilter(e.target.value)} />
        <span className="row-count" aria-live="polite">
          {count !== null && (shownAll ? t('grid.rows', { count }) : t('dispatch.rowsOf', { count, total: total.data!.total.toLocaleString('en-US') }))}
        </span>
        <span className="spacer" />
        <label className="dispatch-scan">
          <span>{t('dispatch.scan.label')}</span>
          <input
            ref={scanRef}
            value={scan}
            autoComplete="off"
            placeholder={t('dispatch.scan.placeholder')}
            aria-invalid={scanError ? true : undefined}
            onChange={(e) => setScan(e.target.value)}
            onKeyDown={(e) => void onScan(e)}
          />
        </label>
        {canCreate && (
          <button type="button" className="primary" onClick={() => setPanel({ kind: 'new' })}>
            {t('dispatch.action.new')}
          </button>
        )}
      </div>
      {scanError && (
        <p className="dispatch-error" role="alert">
          {scanError}
        </p>
      )}

      <div className="dispatch-tabs" role="tablist" aria-label={t('field.status')}>
        {(['all', ...DISPATCH_STATUSES] as const).map((s) => (
          <button key={s} type="button" role="tab" aria-selected={status === s} onClick={() => setStatus(s)}>
            {s === 'all' ? t('dispatch.allStatuses') : t(`dispatchStatus.${s}`)}
            <span className="dispatch-count">{s === 'all' ? (list.data?.length ?? 0) : (counts.get(s) ?? 0)}</span>
          </button>
        ))}
        <span className="spacer" />
        <span className="dispatch-soft">{t('dispatch.bulk.selected', { count: chosen.length })}</span>
        {canApproveMany && (
          <button type="button" disabled={drafts.length === 0} onClick={() => void approveSelected()}>
            {t('dispatch.bulk.approve', { count: drafts.length })}
          </button>
        )}
        <button type="button" disabled={toPrint.length === 0 || printing !== null} onClick={() => void printSelected()}>
          {printing ?? t('dispatch.bulk.print', { count: toPrint.length })}
        </button>
        <button type="button" disabled={toPick.length === 0 || printing !== null} onClick={() => void printWave()}>
          {t('dispatch.bulk.pickWave', { count: toPick.length })}
        </button>
      </div>
      {(note || list.error) && (
        <div className={`dispatch-note ${note?.kind ?? 'error'}`} role="status">
          {note?.text ?? list.error?.message}
          {note?.details && note.details.length > 0 && (
            <ul>
              {note.details.map((d) => (
                <li key={d}>{d}</li>
              ))}
            </ul>
          )}
        </div>
      )}

      <div className={`dispatch-body${panel.kind === 'none' ? '' : ' with-panel'}`}>
        <OrdersGrid
          rows={rows}
          loading={list.loading}
          filter={filter}
          openId={openId}
          onOpen={(id) => open(id)}
          onSelect={setSelected}
          onCount={setCount}
        />
        {panel.kind === 'new' && (
          <section className="dispatch-panel" aria-label={t('dispatch.form.newTitle')}>
            <OrderForm onSaved={(o) => open(o.id)} onCancel={() => setPanel({ kind: 'none' })} />
          </section>
        )}
        {panel.kind === 'order' && (
          <OrderPanel
            key={`${panel.id}:${panel.nonce}`}
            id={panel.id}
            role={role}
            signOff={panel.signOff}
            onClose={() => setPanel({ kind: 'none' })}
            onSignedOff={() => scanRef.current?.focus()}
          />
        )}
      </div>
    </section>
  );
}
