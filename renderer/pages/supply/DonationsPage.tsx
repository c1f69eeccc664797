import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { AgGridReact } from 'ag-grid-react';
import type { ColDef, GridOptions, ICellRendererParams } from 'ag-grid-community';
import type { DonationArrival, DonationTrace, Pledge, PledgePipelineRow, SumaClass } from '../../../shared/contract/index.ts';
import { SUMA_CLASSES } from '../../../shared/contract/supply.ts';
import type { Role } from '../../../shared/domain.ts';
import { command, invoke, mayCall, useQuery } from '../../api.ts';
import { gridTheme } from '../../theme.ts';
import { defaultColDef, useGridLocale } from '../../widgets/grid.tsx';
import { PdfPreview } from '../../widgets/PdfPreview.tsx';
import { PrintPreview, type Shown } from '../../widgets/PrintPreview.tsx';
import { fmtNumber, localDay, localTime } from '../../widgets/format.ts';
import { exportFolder, inFolder, rememberFolder } from '../ledger/common.ts';
import './supply.css';
import { shellFiles } from '../../widgets/files.ts';

type PledgeSummary = Omit<Pledge, 'lines' | 'receipts'>;
type TraceRow = DonationTrace['lines'][number] & { receiptId: number; no: string; donorName: string; receivedAt: string };

function count<T>(t: TFunction, colId: string, get: (r: T) => number): ColDef<T> {
  return { colId, headerName: t(`supply.donations.col.${colId}`), type: 'rightAligned', width: 100, valueGetter: (p) => (p.data ? get(p.data) : null), valueFormatter: (p) => (p.value === null ? '' : fmtNumber(p.value as number)) };
}

/** 捐赠: pledges and what came of them, donations waiting on the dock by SUMA class, where each donation went, the certificate and the public disclosure. */
export function DonationsPage({ role }: { role: Role }) {
  const { t } = useTranslation();
  const { locale, localeText } = useGridLocale();
  const pledges = useQuery('pledges.list', {});
  const pipeline = useQuery('pledges.pipeline', {});
  const arrivals = useQuery('donations.arrivals', {});
  const trace = useQuery('donations.trace', {});
  const [preview, setPreview] = useState<{ title: string; base64: string } | null>(null);
  const [shown, setShown] = useState<Shown | null>(null);
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const files = shellFiles();
  const [path, setPath] = useState(() => inFolder(exportFolder(), t('supply.donations.file', { day: localDay() })));

  const traceRows = useMemo(() => (trace.data ?? []).flatMap((d) => d.lines.map((l): TraceRow => ({ ...l, receiptId: d.receiptId, no: d.no, donorName: d.donorName, receivedAt: d.receivedAt }))), [trace.data]);

  const certificate = useCallback(async (no: string, receiptId: number) => {
    const result = await invoke('donations.certificate', { receipt: no, output: 'preview' });
    if (!result.ok) return setNote({ ok: false, text: result.error.message });
    // Printed, it is entered in the print history: a second print is marked 补打.
    setShown({
      title: result.data.title,
      base64: result.data.pdfBase64 ?? '',
      pages: result.data.pages,
      history: { docType: 'certificate', docId: receiptId },
      print: async () => {
        const printed = await invoke('donations.certificate', { receipt: no, output: 'printer' });
        if (!printed.ok) throw new Error(printed.error.message);
        return printed.data.reprint > 0 ? t('receiving.print.reprinted', { title: printed.data.title, count: printed.data.reprint }) : t('receiving.print.printed', { title: printed.data.title });
      },
    });
  }, [t]);
  async function printDisclosure() {
    const result = await invoke('donations.disclosurePrint', { output: 'preview' });
    if (!result.ok) return setNote({ ok: false, text: result.error.message });
    setPreview({ title: result.data.title, base64: result.data.pdfBase64 ?? '' });
  }
  async function disclose() {
    setNote(null);
    // In the desktop app the system's save dialog says where; in a browser, the path field.
    const target = files ? await files.choose({ mode: 'save', kind: 'disclosure', name: t('supply.donations.file', { day: localDay() }), type: 'xlsx' }) : path;
    if (target === null) return;
    const result = await invoke('donations.disclosure', { path: target });
    if (!result.ok) return setNote({ ok: false, text: result.error.message });
    rememberFolder(result.data.path);
    setNote({ ok: true, text: t('supply.donations.disclosed', { path: result.data.path, donations: result.data.donations, destinations: result.data.destinations }) });
  }
  async function classify(receiptId: number, cls: SumaClass) {
    const result = await command('donations.classify', { receiptId, class: cls });
    setNote(result.ok ? null : { ok: false, text: result.error.message });
    arrivals.refresh();
  }

  const pledgeColumns = useMemo((): ColDef<PledgeSummary>[] => [
    { colId: 'no', headerName: t('supply.donations.col.no'), width: 160, cellClass: 'mono', valueGetter: (p) => p.data?.no },
    { colId: 'donor', headerName: t('supply.donations.col.donor'), flex: 1, minWidth: 180, valueGetter: (p) => p.data?.donorName },
    { colId: 'donorKind', headerName: t('supply.donations.col.donorKind'), width: 100, valueGetter: (p) => (p.data ? t(`supply.donorKind.${p.data.donorKind}`) : '') },
    { colId: 'earmark', headerName: t('supply.donations.col.earmark'), width: 170, valueGetter: (p) => p.data?.earmarkText ?? '' },
    { colId: 'expectedOn', headerName: t('supply.donations.col.expectedOn'), width: 120, valueGetter: (p) => p.data?.expectedOn ?? '' },
    count<PledgeSummary>(t, 'pledged', (p) => p.totals.pledged),
    count<PledgeSummary>(t, 'received', (p) => p.totals.received),
    count<PledgeSummary>(t, 'outstanding', (p) => p.totals.outstanding),
    { colId: 'status', headerName: t('supply.donations.col.status'), width: 100, valueGetter: (p) => (p.data ? t(`supply.poStatus.${p.data.status}`) : '') },
  ], [t]);

  const pipelineColumns = useMemo((): ColDef<PledgePipelineRow>[] => [
    { colId: 'donor', headerName: t('supply.donations.col.donor'), flex: 1, minWidth: 180, valueGetter: (p) => p.data?.donorName },
    { colId: 'item', headerName: t('supply.donations.col.item'), width: 200, valueGetter: (p) => (p.data ? `${p.data.itemCode} ${p.data.itemName}` : '') },
    count<PledgePipelineRow>(t, 'pledged', (r) => r.pledged),
    count<PledgePipelineRow>(t, 'arriving', (r) => r.arriving),
    count<PledgePipelineRow>(t, 'received', (r) => r.received),
    count<PledgePipelineRow>(t, 'outstanding', (r) => r.outstanding),
    count<PledgePipelineRow>(t, 'dispatched', (r) => r.dispatched),
    count<PledgePipelineRow>(t, 'inStock', (r) => r.inStock),
  ], [t]);

  const canClassify = mayCall('donations.classify', role);
  const arrivalColumns = useMemo((): ColDef<DonationArrival>[] => [
    { colId: 'no', headerName: t('supply.donations.col.receipt'), width: 170, valueGetter: (p) => p.data?.no ?? t('supply.donations.draft') },
    { colId: 'donor', headerName: t('supply.donations.col.donor'), width: 180, valueGetter: (p) => p.data?.donorName },
    { colId: 'items', headerName: t('supply.donations.col.items'), flex: 1, minWidth: 160, valueGetter: (p) => p.data?.items },
    {
      colId: 'class',
      headerName: t('supply.donations.col.class'),
      width: 150,
      valueGetter: (p) => (p.data ? t(`supply.suma.class.${p.data.class ?? p.data.suggested}`) : ''),
      cellRenderer: (p: ICellRendererParams<DonationArrival>) =>
        p.data && canClassify ? (
          <select aria-label={t('supply.donations.classOf', { no: p.data.no ?? p.data.receiptId })} value={p.data.class ?? p.data.suggested} onChange={(e) => void classify(p.data!.receiptId, e.target.value as SumaClass)}>
            {SUMA_CLASSES.map((c) => (
              <option key={c} value={c}>
                {t(`supply.suma.class.${c}`)}
              </option>
            ))}
          </select>
        ) : (
          p.value
        ),
    },
    { colId: 'why', headerName: t('supply.donations.col.why'), flex: 1, minWidth: 220, valueGetter: (p) => (p.data ? (p.data.class ? t('supply.donations.classed', { note: p.data.note }) : p.data.why) : '') },
    // eslint-disable-next-line react-hooks/exhaustive-deps
  ], [t, canClassify]);

  const traceColumns = useMemo((): ColDef<TraceRow>[] => [
    { colId: 'no', headerName: t('supply.donations.col.receipt'), width: 170, cellClass: 'mono', valueGetter: (p) => p.data?.no },
    { colId: 'receivedAt', headerName: t('supply.donations.col.receivedAt'), width: 150, valueGetter: (p) => localTime(p.data?.receivedAt) },
    { colId: 'donor', headerName: t('supply.donations.col.donor'), width: 170, valueGetter: (p) => p.data?.donorName },
    { colId: 'item', headerName: t('supply.donations.col.item'), width: 170, valueGetter: (p) => p.data?.itemName },
    count<TraceRow>(t, 'received', (r) => r.received),
    count<TraceRow>(t, 'dispatched', (r) => r.dispatched),
    count<TraceRow>(t, 'inStock', (r) => r.remaining),
    { colId: 'destinations', headerName: t('supply.donations.col.destinations'), flex: 1, minWidth: 240, valueGetter: (p) => p.data?.destinations.map((d) => `${d.unitName} ${fmtNumber(d.qty)}`).join('、') },
    {
      colId: 'certificate',
      headerName: '',
      width: 120,
      sortable: false,
      cellRenderer: (p: ICellRendererParams<TraceRow>) =>
        p.data ? (
          <button type="button" className="small" onClick={() => void certificate(p.data!.no, p.data!.receiptId)}>
            {t('supply.donations.certificate')}
          </button>
        ) : null,
    },
  ], [t, certificate]);

  const grid = <T,>(name: string, rows: T[] | undefined, columns: ColDef<T>[], rowId: (row: T) => string, extra: GridOptions<T> = {}) => (
    <div className={`grid supply-grid ${name}`}>
      <AgGridReact<T> key={locale} theme={gridTheme} localeText={localeText} rowData={rows} columnDefs={columns} defaultColDef={defaultColDef} getRowId={(p) => rowId(p.data)} {...extra} />
    </div>
  );

  return (
    <section className="page supply-page" aria-labelledby="donations-title">
      <div className="toolbar">
        <h2 id="donations-title">{t('nav.donations')}</h2>
        {!files && (
          <label className="inline path-field">
            <span>{t('supply.donations.path')}</span>
            <input type="text" value={path} onChange={(e) => setPath(e.target.value)} spellCheck={false} />
          </label>
        )}
        <button type="button" className="primary" onClick={() => void disclose()}>
          {t('supply.donations.disclose')}
        </button>
        <button type="button" onClick={() => void printDisclosure()}>
          {t('supply.donations.printDisclosure')}
        </button>
        {note && (
          <span className={`status-line ${note.ok ? 'saved' : 'refused'}`} role={note.ok ? 'status' : 'alert'}>
            {note.text}
          </span>
        )}
      </div>
      <div className="supply-panels">
        <section aria-label={t('supply.donations.arrivals')}>
          <h3>{t('supply.donations.arrivals')}</h3>
          {grid('arrivals-grid', arrivals.data, arrivalColumns, (a) => String(a.receiptId))}
        </section>
        <section aria-label={t('supply.donations.pledges')}>
          <h3>{t('supply.donations.pledges')}</h3>
          {grid('pledges-grid', pledges.data, pledgeColumns, (p) => String(p.id))}
        </section>
        <section aria-label={t('supply.donations.pipeline')}>
          <h3>{t('supply.donations.pipeline')}</h3>
          {grid('pipeline-grid', pipeline.data, pipelineColumns, (r) => `${r.donorId}:${r.itemId}`)}
        </section>
        <section aria-label={t('supply.donations.trace')}>
          <h3>{t('supply.donations.trace')}</h3>
          {grid('trace-grid', traceRows, traceColumns, (r) => `${r.no}:${r.itemId}:${r.lotNo}`)}
        </section>
      </div>
      {shown && <PrintPreview shown={shown} onClose={() => setShown(null)} />}
      {preview && <PdfPreview title={preview.title} base64={preview.base64} closeLabel={t('supply.donations.close')} onClose={() => setPreview(null)} />}
    </section>
  );
}
